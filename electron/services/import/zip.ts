/**
 * Zip files read from their central directory: what each entry unpacks to,
 * known before anything is inflated (a few hundred kilobytes of zip can
 * inflate to gigabytes; the reader must refuse such a file, not try it), and
 * the entries themselves, inflated by Node's zlib.
 *
 * The directory's sizes are what the file claims; an entry that inflates to
 * more than it claims is stopped when it passes that size.
 */
import { crc32, inflateRawSync } from 'node:zlib';
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
  packedBytes: number;
  /** 0 stored, 8 deflated; anything else is refused when the entry is read. */
  method: number;
  encrypted: boolean;
  crc: number;
  localHeaderAt: number;
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
    entries.push({
      name,
      unpackedBytes: unpacked === ZIP64_MARK ? Number.POSITIVE_INFINITY : unpacked,
      packedBytes: view.getUint32(at + 20, true),
      method: view.getUint16(at + 10, true),
      encrypted: (view.getUint16(at + 8, true) & 1) === 1,
      crc: view.getUint32(at + 16, true),
      localHeaderAt: view.getUint32(at + 42, true),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

export class ZipEntryError extends Error {}

const LOCAL_HEADER = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;

/**
 * The bytes of one entry listed by `zipDirectory`, checked against the size
 * and CRC-32 the directory gives. Inflated by Node's zlib (native), not in
 * JavaScript: a large project's 66 MB inflate in a third of the time.
 * Throws a ZipEntryError saying what is wrong with a damaged or unsupported entry.
 */
export function readZipEntry(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  if (entry.encrypted) throw new ZipEntryError(`${entry.name} is encrypted`);
  if (entry.method !== STORED && entry.method !== DEFLATED) throw new ZipEntryError(`${entry.name} is compressed with a method other than deflate (${entry.method})`);
  if (!Number.isFinite(entry.unpackedBytes)) throw new ZipEntryError(`${entry.name} is larger than 4 GB`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localHeaderAt;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL_HEADER) throw new ZipEntryError(`${entry.name}: its local header is missing`);
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  if (start + entry.packedBytes > bytes.length) throw new ZipEntryError(`${entry.name} is cut short`);
  const packed = bytes.subarray(start, start + entry.packedBytes);
  let data: Uint8Array;
  try {
    data = entry.method === STORED ? packed : inflateRawSync(packed, { maxOutputLength: Math.max(1, entry.unpackedBytes) });
  } catch (error) {
    throw new ZipEntryError(`${entry.name} does not inflate (${error instanceof RangeError ? 'it is larger than its listed size' : error instanceof Error ? error.message : String(error)})`);
  }
  if (data.length !== entry.unpackedBytes) throw new ZipEntryError(`${entry.name} unpacks to ${data.length} bytes, not the ${entry.unpackedBytes} listed`);
  if (crc32(data) !== entry.crc) throw new ZipEntryError(`${entry.name} fails its checksum`);
  return data;
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
