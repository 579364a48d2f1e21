import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { writeExportFile } from '../../../electron/services/export/index';
import { Utf8Collector } from '../../../electron/services/export/utf8';

describe('Utf8Collector', () => {
  test('pieces of any size and script come out as exactly their UTF-8, across chunk boundaries', () => {
    const pieces: string[] = [];
    // About 20 MB of short pieces mixing one-, two-, three- and four-byte characters, so chunk ends fall inside them.
    for (let i = 0; pieces.length < 90_000; i++) pieces.push(`${i} “Київ” — 東京 🛰️ café, `.repeat(1 + (i % 13)));
    // One piece larger than a whole chunk.
    pieces.push('Ω'.repeat(5_000_000));
    pieces.push('', 'end');
    const collector = new Utf8Collector();
    for (const piece of pieces) collector.write(piece);
    const chunks = collector.chunks();
    expect(chunks.length).toBeGreaterThan(2);
    const expected = Buffer.from(pieces.join(''), 'utf8');
    expect(Buffer.concat(chunks).equals(expected)).toBe(true);
  });

  test('nothing written is an empty file', () => {
    expect(Buffer.concat(new Utf8Collector().chunks())).toHaveLength(0);
  });
});

describe('writeExportFile', () => {
  test('writes the chunks in order into place, and leaves nothing when cancelled', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'corroborate-write-'));
    try {
      const target = path.join(dir, 'report.jsonld');
      const chunks = ['{"a":', '"Київ 🛰️"', ',"b":[1,2]}'].map((s) => Buffer.from(s, 'utf8'));
      await writeExportFile(target, chunks);
      expect(readFileSync(target, 'utf8')).toBe('{"a":"Київ 🛰️","b":[1,2]}');

      const controller = new AbortController();
      controller.abort();
      await expect(writeExportFile(path.join(dir, 'cancelled.csv'), chunks, controller.signal)).rejects.toThrow(/cancelled/);
      expect(readdirSync(dir)).toEqual(['report.jsonld']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
