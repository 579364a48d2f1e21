/**
 * Yjs updates as frames: length (u32), CRC-32 of the bytes (u32), the bytes.
 * One format wherever updates are kept or sent in a row: the team server's
 * document logs (team-server/document-files.ts), the stored document it
 * sends a new analyst (GET /api/documents/…), and the app's own log of the
 * shared document beside a casefile (team/local-document.ts). A reader stops
 * at the first frame that is cut or fails its checksum (a torn write).
 */
import type { FileHandle } from 'node:fs/promises';
import { crc32 } from 'node:zlib';

export const FRAME_HEADER = 8;

/** The header of one frame: the length and CRC-32 of `bytes`. */
export function frameHeader(bytes: Uint8Array): Buffer {
  return headerOf(bytes.length, crc32(bytes));
}

function headerOf(length: number, crc: number): Buffer {
  const header = Buffer.allocUnsafe(FRAME_HEADER);
  header.writeUInt32LE(length, 0);
  header.writeUInt32LE(crc, 4);
  return header;
}

/** The header of a frame whose bytes are a file's first `size` bytes, read a piece at a time (the file is not held in memory). */
export async function frameHeaderOfFile(file: FileHandle, size: number): Promise<Buffer> {
  const piece = Buffer.allocUnsafe(Math.min(size, 1 << 20));
  let crc = 0;
  for (let at = 0; at < size; ) {
    const { bytesRead } = await file.read(piece, 0, Math.min(piece.length, size - at), at);
    if (bytesRead === 0) throw new Error(`the file ended at ${at} of ${size} bytes`);
    crc = crc32(piece.subarray(0, bytesRead), crc);
    at += bytesRead;
  }
  return headerOf(size, crc);
}

/** Updates as log frames: length (u32), CRC-32 of the bytes (u32), the bytes. */
export function frames(updates: readonly Uint8Array[]): Buffer {
  const out = Buffer.allocUnsafe(updates.reduce((sum, u) => sum + FRAME_HEADER + u.length, 0));
  let at = 0;
  for (const update of updates) {
    out.writeUInt32LE(update.length, at);
    out.writeUInt32LE(crc32(update), at + 4);
    out.set(update, at + FRAME_HEADER);
    at += FRAME_HEADER + update.length;
  }
  return out;
}

/** The whole frames of a log, and how many bytes after them do not make one (a torn write). */
export function readFrames(bytes: Uint8Array): { frames: Uint8Array[]; torn: number } {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: Uint8Array[] = [];
  let at = 0;
  while (at + FRAME_HEADER <= view.length) {
    const length = view.readUInt32LE(at);
    const end = at + FRAME_HEADER + length;
    if (end > view.length) break;
    const update = view.subarray(at + FRAME_HEADER, end);
    if (crc32(update) !== view.readUInt32LE(at + 4)) break;
    out.push(update);
    at = end;
  }
  return { frames: out, torn: view.length - at };
}
