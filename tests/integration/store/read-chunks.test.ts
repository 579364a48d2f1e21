/**
 * Reading a casefile chunk by chunk (electron/services/casefile/read-chunks.ts),
 * on real files: the bytes and hash as on disk, the chunks handed on in order
 * as they are read, and a file another program shortens or lengthens while it
 * is read told apart, with the announced length still made up.
 */
import { createHash } from 'node:crypto';
import { appendFileSync, mkdtempSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { READ_CHUNK_BYTES, readChunks, type ChunkSink } from '../../../electron/services/casefile/read-chunks';
import { FAST_VALIDATION_MIN_CHARS } from '../../../electron/services/casefile/fast-validate';
import { offerFileBytesFirst, type FileBytesSender } from '../../../electron/services/casefile/file-bytes-first';
import { loadCasefile } from '../../../electron/services/casefile/store';
import { generateCasefile, SCALES } from '../../support/generate';

let folder: string;
beforeEach(() => void (folder = mkdtempSync(path.join(os.tmpdir(), 'read-chunks-'))));
afterEach(() => rmSync(folder, { recursive: true, force: true }));

/** A file of `size` bytes that differ from chunk to chunk. */
function fileOf(size: number): { file: string; content: Buffer } {
  const content = Buffer.alloc(size);
  for (let i = 0; i < size; i++) content[i] = (i * 7 + (i >> 12)) & 0xff;
  const file = path.join(folder, 'file.bin');
  writeFileSync(file, content);
  return { file, content };
}

/** A sink that keeps what it was given, and runs `onChunk` on the file after each chunk (another program at work). */
function recording(onChunk: (index: number) => void = () => {}) {
  const seen = { started: null as Buffer | null, chunks: [] as Buffer[] };
  const sink: ChunkSink = {
    start: (bytes) => void (seen.started = bytes),
    write: (chunk) => {
      seen.chunks.push(Buffer.from(chunk));
      onChunk(seen.chunks.length - 1);
    },
  };
  return { seen, sink };
}

async function read(file: string, sink?: ChunkSink) {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    return await readChunks(handle, size, sink);
  } finally {
    await handle.close();
  }
}

test('a file of several chunks is read as it is on disk, its chunks handed on in order into the buffer it announced', async () => {
  const { file, content } = fileOf(2 * READ_CHUNK_BYTES + 12_345);
  const { seen, sink } = recording();
  const result = await read(file, sink);
  expect(result.changed).toBe(false);
  expect(result.bytes.equals(content)).toBe(true);
  expect(result.hash).toBe(createHash('sha256').update(content).digest('hex'));
  expect(seen.started).toBe(result.bytes);
  expect(seen.chunks.map((c) => c.length)).toEqual([READ_CHUNK_BYTES, READ_CHUNK_BYTES, 12_345]);
  expect(Buffer.concat(seen.chunks).equals(content)).toBe(true);
});

test('an empty file reads as no bytes, with the hash of nothing', async () => {
  const { file } = fileOf(0);
  const result = await read(file);
  expect(result).toMatchObject({ changed: false, hash: createHash('sha256').digest('hex') });
  expect(result.bytes.length).toBe(0);
});

test('a file cut short while it is read is a change, and the chunks still make the length announced, padded with spaces', async () => {
  const size = 3 * READ_CHUNK_BYTES;
  const { file, content } = fileOf(size);
  const { seen, sink } = recording();
  // Cut after the size check, before the first read.
  const result = await read(file, { start: (bytes) => (truncateSync(file, READ_CHUNK_BYTES + 10), sink.start(bytes)), write: sink.write });
  expect(result.changed).toBe(true);
  const sent = Buffer.concat(seen.chunks);
  expect(sent.length).toBe(size);
  expect(sent.equals(result.bytes)).toBe(true);
  // What the file still held, then spaces.
  expect(sent.subarray(0, READ_CHUNK_BYTES + 10).equals(content.subarray(0, READ_CHUNK_BYTES + 10))).toBe(true);
  expect(sent.subarray(READ_CHUNK_BYTES + 10).every((byte) => byte === 0x20)).toBe(true);
});

test('a file that cannot be read to its end still makes up the length announced before the error', async () => {
  const size = 3 * READ_CHUNK_BYTES;
  const { file, content } = fileOf(size);
  const handle = await open(file, 'r');
  const { seen, sink } = recording((index) => {
    // The handle closed under the reader after the first chunk: the read already on its way ends, the next one fails.
    if (index === 0) void handle.close();
  });
  await expect(readChunks(handle, size, sink)).rejects.toThrow();
  const sent = Buffer.concat(seen.chunks);
  expect(sent.length).toBe(size);
  expect(sent.subarray(0, READ_CHUNK_BYTES).equals(content.subarray(0, READ_CHUNK_BYTES))).toBe(true);
  expect(sent.subarray(2 * READ_CHUNK_BYTES).every((byte) => byte === 0x20)).toBe(true);
});

test('a file that grows while it is read is a change; the bytes are the ones it had when it was checked', async () => {
  const { file, content } = fileOf(READ_CHUNK_BYTES + 100);
  const { sink } = recording((index) => {
    if (index === 0) appendFileSync(file, 'more');
  });
  const result = await read(file, sink);
  expect(result.changed).toBe(true);
  expect(result.bytes.equals(content)).toBe(true);
});

test('opening a large casefile that another program cuts short as it is read says so, after the length announced to the window', async () => {
  const file = path.join(folder, 'written-elsewhere.corroborate');
  writeFileSync(file, JSON.stringify(generateCasefile({ ...SCALES.typical, articleChars: 50_000 })));
  const { size } = statSync(file);
  expect(size).toBeGreaterThan(FAST_VALIDATION_MIN_CHARS);
  // The window's side of the answer; on the first call, the file is cut before a byte is read.
  const { seen, sink } = recording();
  const window: FileBytesSender = {
    start: (bytes) => {
      truncateSync(file, 1_000);
      sink.start(bytes as Buffer);
    },
    write: (chunk) => sink.write(chunk as Buffer),
    sent: async () => {},
  };
  await expect(offerFileBytesFirst(window, () => loadCasefile(file))).rejects.toMatchObject({
    code: 'changed-while-read',
    message: expect.stringContaining('written-elsewhere.corroborate changed while it was being read'),
  });
  expect(Buffer.concat(seen.chunks).length).toBe(size);
});
