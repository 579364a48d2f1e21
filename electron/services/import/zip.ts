/**
 * What a zip file (a .docx is one) unpacks to, read from its central
 * directory before anything is inflated. A few hundred kilobytes of zip can
 * inflate to gigabytes; the reader must refuse such a file, not try it.
 *
 * The directory's sizes are what the file claims; an entry that inflates to
 * more than it claims is still stopped by the read worker's memory and time
 * limits.
 */
import { limitReason, MAX_DOCX_UNPACKED_BYTES } from './limits';
import { ImportFailure } from './types';

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const MAX_COMMENT = 0xffff;
const MAX_ENTRIES = 10_000;
/** A size of 0xFFFFFFFF means "see the ZIP64 record": over 4 GB, or a file built to look so. */
const ZIP64_MARK = 0xffffffff;

export interface ZipEntry {
  name: string;
  unpackedBytes: number;
}

/** The entries of a zip as its central directory lists them; null when there is no readable directory. */
export function zipDirectory(bytes: Uint8Array): ZipEntry[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = findEndOfDirectory(view);
  if (end < 0) return null;
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== DIRECTORY_ENTRY) return null;
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const unpacked = view.getUint32(at + 24, true);
    const name = Buffer.from(bytes.subarray(at + 46, at + 46 + nameLength)).toString('utf8');
    entries.push({ name, unpackedBytes: unpacked === ZIP64_MARK ? Number.POSITIVE_INFINITY : unpacked });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function findEndOfDirectory(view: DataView): number {
  const last = view.byteLength - 22;
  for (let at = last; at >= 0 && at >= last - MAX_COMMENT; at--) {
    if (view.getUint32(at, true) === END_OF_DIRECTORY) return at;
  }
  return -1;
}

/**
 * Refuses a .docx whose read parts (all but its pictures, which are never
 * unpacked) would unpack to more than the limit, or that has an absurd
 * number of parts. A file without a readable directory is left to the Word
 * reader, which reports it as damaged.
 */
export function checkDocxUnpackedSize(bytes: Uint8Array): void {
  const entries = zipDirectory(bytes);
  if (!entries) return;
  if (entries.length > MAX_ENTRIES) throw new ImportFailure(limitReason.zipEntries(entries.length));
  const read = entries.filter((e) => !/^word\/media\//i.test(e.name));
  const total = read.reduce((sum, e) => sum + e.unpackedBytes, 0);
  if (total > MAX_DOCX_UNPACKED_BYTES) throw new ImportFailure(limitReason.unpacked(total, 'Word file'));
}
