/**
 * Encodes a text that arrives in pieces straight into UTF-8 buffers, so a
 * large export never holds its whole text as one string (which costs as
 * much in garbage collection as in building it).
 */
const CHUNK_BYTES = 8 << 20;
/** UTF-8 takes at most three bytes for each UTF-16 code unit. */
const MAX_BYTES_PER_UNIT = 3;

export class Utf8Collector {
  private readonly full: Buffer[] = [];
  private chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;

  /** Appends one piece; usable as a TextSink. */
  readonly write = (text: string): void => {
    const room = this.chunk.length - this.used;
    if (text.length * MAX_BYTES_PER_UNIT > room) {
      const bytes = Buffer.byteLength(text, 'utf8');
      if (bytes > room) this.startChunk(bytes);
    }
    this.used += this.chunk.write(text, this.used, 'utf8');
  };

  /** Everything written so far, in order. */
  chunks(): Buffer[] {
    return [...this.full, this.chunk.subarray(0, this.used)];
  }

  private startChunk(atLeast: number): void {
    this.full.push(this.chunk.subarray(0, this.used));
    this.chunk = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, atLeast));
    this.used = 0;
  }
}
