import JSZip from 'jszip';
import { expect, test } from 'vitest';
import { readZipEntry, zipDirectory, type ZipEntry } from '../../../electron/services/import/zip';

const TEXT = 'The ministry said the dam was opened at 02:00. '.repeat(200);

async function zipOf(compression: 'STORE' | 'DEFLATE'): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file('project.qde', '<Project/>');
  zip.file('sources/A.txt', TEXT);
  return zip.generateAsync({ type: 'uint8array', compression });
}

function entry(bytes: Uint8Array, name: string): ZipEntry {
  return zipDirectory(bytes)!.find((e) => e.name === name)!;
}

/** `bytes` with one field of the central-directory entry of `name` changed. */
function withDirectoryField(bytes: Uint8Array, name: string, offset: number, value: number, size: 2 | 4): Uint8Array {
  const copy = bytes.slice();
  const view = new DataView(copy.buffer);
  const encoded = new TextEncoder().encode(name);
  for (let at = 0; at + 46 <= copy.length; at++) {
    if (view.getUint32(at, true) !== 0x02014b50 || view.getUint16(at + 28, true) !== encoded.length) continue;
    if (!copy.subarray(at + 46, at + 46 + encoded.length).every((b, i) => b === encoded[i])) continue;
    if (size === 2) view.setUint16(at + offset, value, true);
    else view.setUint32(at + offset, value, true);
  }
  return copy;
}

const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

test('stored and deflated entries read back as written', async () => {
  for (const compression of ['STORE', 'DEFLATE'] as const) {
    const bytes = await zipOf(compression);
    expect(decode(readZipEntry(bytes, entry(bytes, 'sources/A.txt')))).toBe(TEXT);
    expect(decode(readZipEntry(bytes, entry(bytes, 'project.qde')))).toBe('<Project/>');
  }
});

test('an entry that inflates to more than its listed size is stopped there, and one to less is refused', async () => {
  const bytes = await zipOf('DEFLATE');
  expect(() => readZipEntry(bytes, entry(withDirectoryField(bytes, 'sources/A.txt', 24, 100, 4), 'sources/A.txt'))).toThrow('sources/A.txt does not inflate (it is larger than its listed size)');
  const smaller = withDirectoryField(bytes, 'sources/A.txt', 24, TEXT.length + 5, 4);
  expect(() => readZipEntry(smaller, entry(smaller, 'sources/A.txt'))).toThrow(`unpacks to ${TEXT.length} bytes, not the ${TEXT.length + 5} listed`);
});

test('a damaged entry fails its checksum; encrypted entries and other compression methods are refused by name', async () => {
  const bytes = await zipOf('STORE');
  const a = entry(bytes, 'sources/A.txt');
  const flipped = bytes.slice();
  const dataAt = a.localHeaderAt + 30 + 'sources/A.txt'.length;
  flipped[dataAt + 10] = flipped[dataAt + 10]! ^ 0x20;
  expect(() => readZipEntry(flipped, entry(flipped, 'sources/A.txt'))).toThrow('sources/A.txt fails its checksum');
  const encrypted = withDirectoryField(bytes, 'sources/A.txt', 8, 1, 2);
  expect(() => readZipEntry(encrypted, entry(encrypted, 'sources/A.txt'))).toThrow('sources/A.txt is encrypted');
  const bzip2 = withDirectoryField(bytes, 'sources/A.txt', 10, 12, 2);
  expect(() => readZipEntry(bzip2, entry(bzip2, 'sources/A.txt'))).toThrow('compressed with a method other than deflate (12)');
  const cut = bytes.slice(0, dataAt + 5);
  expect(() => readZipEntry(cut, a)).toThrow('sources/A.txt is cut short');
  expect(() => readZipEntry(bytes, { ...a, localHeaderAt: a.localHeaderAt + 1 })).toThrow('its local header is missing');
});
