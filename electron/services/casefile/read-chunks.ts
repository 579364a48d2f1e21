/**
 * Reads a file chunk by chunk into one buffer, hashing each chunk and handing
 * it on (to the window, file-bytes-first.ts) while the next one is read: on
 * the large casefile, reading, sending and hashing overlap instead of
 * following one another.
 */
import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';

/** Large enough that a 58 MB casefile is fifteen reads, small enough that the first bytes leave at once. */
export const READ_CHUNK_BYTES = 4 * 1024 * 1024;

/** The byte a file that got shorter, or could not be read to its end, is padded with to the length already announced. */
const PAD = 0x20;

export interface ReadBytes {
  /** The file's bytes: exactly `size` of them. */
  bytes: Buffer;
  /** SHA-256 of `bytes`, in hex. */
  hash: string;
  /**
   * The file did not keep the size it had when it was checked: it ended
   * sooner (the missing bytes are spaces) or went on after it.
   */
  changed: boolean;
}

/** Where the chunks go as they are read. */
export interface ChunkSink {
  /** Called once, before the first chunk, with the buffer of `size` bytes the chunks are read into. */
  start(bytes: Buffer): void;
  /** Called with each chunk in order; together they always make `size` bytes, even when the read fails. */
  write(chunk: Buffer): void;
}

/** Reads the `size` bytes the file had when it was checked, each chunk handed to `sink` as soon as it is read. */
export async function readChunks(handle: FileHandle, size: number, sink?: ChunkSink): Promise<ReadBytes> {
  const bytes = Buffer.allocUnsafeSlow(size);
  // Hashed on this thread: Node's `webcrypto.subtle.digest` held the event loop for most of its run and
  // took five times as long (about 200 ms against 40 ms for the 58 MB benchmark casefile).
  const hash = createHash('sha256');
  sink?.start(bytes);
  const readFrom = (at: number) => handle.read(bytes, at, Math.min(READ_CHUNK_BYTES, size - at), at);
  let at = 0;
  // The rest of the announced length, when the file ended sooner or could not be read to its end.
  const padRest = () => {
    const padding = bytes.fill(PAD, at).subarray(at);
    sink?.write(padding);
    hash.update(padding);
  };
  try {
    let reading = size > 0 ? readFrom(0) : null;
    while (reading) {
      const { bytesRead } = await reading;
      if (bytesRead === 0) break;
      const chunk = bytes.subarray(at, at + bytesRead);
      at += bytesRead;
      reading = at < size ? readFrom(at) : null;
      sink?.write(chunk);
      hash.update(chunk);
    }
  } catch (error) {
    padRest();
    throw error;
  }
  const shorter = at < size;
  if (shorter) padRest();
  const longer = !shorter && (await handle.read(Buffer.alloc(1), 0, 1, size)).bytesRead > 0;
  return { bytes, hash: hash.digest('hex'), changed: shorter || longer };
}
