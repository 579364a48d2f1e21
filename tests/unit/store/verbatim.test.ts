/**
 * Opening a casefile answers with the file's own bytes when loading changed
 * nothing (store.ts, serialise.ts): the answer must read exactly as the
 * serialised casefile would, and a file that loading changes, or whose bytes
 * are not the UTF-8 of the text that was read, must not be sent as it is.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { loadCasefile } from '../../../electron/services/casefile/store';
import { answerOpensWithFileText, apiAnswerParts, takeVerbatimJson } from '../../../electron/services/casefile/serialise';
import { generateCasefile, SCALES } from '../../support/generate';

answerOpensWithFileText();
const dir = mkdtempSync(path.join(os.tmpdir(), 'corroborate-verbatim-'));
const casefile = generateCasefile(SCALES.typical, 5);
// Large enough for the compiled validators (2,000,000 characters).
const padded = {
  ...casefile,
  claims: Object.fromEntries(Object.entries(casefile.claims).map(([id, c], i) => [id, i < 12 ? { ...c, notes: 'x'.repeat(190_000) } : c])),
};

function write(name: string, doc: unknown): string {
  const file = path.join(dir, name);
  writeFileSync(file, `${JSON.stringify(doc, null, 1)}\n`);
  return file;
}

/** The answer as the window receives it: its parts written one after another, decoded as UTF-8. */
function answerText(result: unknown): string {
  return Buffer.concat(apiAnswerParts(result).map((part) => (typeof part === 'string' ? Buffer.from(part) : part))).toString('utf8');
}

function sentAsFile(result: unknown): boolean {
  return apiAnswerParts(result).some((part) => typeof part !== 'string');
}

test('a casefile loading leaves as it is is answered with its own bytes, which read as the casefile', async () => {
  // Text beyond ASCII, as real quotes have it, goes out as the file's own UTF-8.
  const claimId = Object.keys(padded.claims)[30]!;
  const quoted = { ...padded, claims: { ...padded.claims, [claimId]: { ...padded.claims[claimId]!, notes: 'قال مسؤول «رفيع» — “Zoë” 🙂' } } };
  const loaded = await loadCasefile(write('same.corroborate', quoted));
  const result = { sessionId: 's1', path: 'same.corroborate', readOnly: false, casefile: loaded.casefile, status: { saved: true } };
  const expected = JSON.parse(JSON.stringify({ ok: true, result })) as unknown;
  const answer = answerText(result);
  expect(answer).toContain('\n "meta"');
  expect(JSON.parse(answer)).toEqual(expected);
  // Taken once: the next answer serialises the casefile.
  expect(apiAnswerParts(result)).toEqual([JSON.stringify({ ok: true, result })]);
});

test('a file whose bytes are not valid UTF-8 is answered with the casefile as read, never with its bytes', async () => {
  const file = path.join(dir, 'latin1.corroborate');
  const text = `${JSON.stringify({ ...padded, meta: { ...padded.meta, title: 'Zoe\u0000MARK' } }, null, 1)}\n`;
  // A Latin-1 "ë" (0xEB) where the title has its marker: not UTF-8, read as U+FFFD.
  const bytes = Buffer.from(text, 'utf8');
  const at = bytes.indexOf('\\u0000MARK');
  writeFileSync(file, Buffer.concat([bytes.subarray(0, at), Buffer.from([0xeb]), bytes.subarray(at + '\\u0000MARK'.length)]));
  const loaded = await loadCasefile(file);
  expect(loaded.casefile.meta.title).toBe('Zoe\ufffd');
  const result = { casefile: loaded.casefile };
  expect(sentAsFile(result)).toBe(false);
  expect(JSON.parse(answerText(result))).toEqual({ ok: true, result: { casefile: JSON.parse(JSON.stringify(loaded.casefile)) } });
});

test('a casefile with a default to fill or an unknown key is not answered with its text', async () => {
  const claimId = Object.keys(padded.claims)[20]!;
  const { notes: _notes, ...withoutNotes } = padded.claims[claimId]!;
  const missing = await loadCasefile(write('missing.corroborate', { ...padded, claims: { ...padded.claims, [claimId]: withoutNotes } }));
  expect(missing.casefile.claims[claimId]!.notes).toBe('');
  expect(takeVerbatimJson(missing.casefile)).toBeUndefined();
  const extra = await loadCasefile(write('extra.corroborate', { ...padded, meta: { ...padded.meta, unknownKey: 1 } }));
  expect(takeVerbatimJson(extra.casefile)).toBeUndefined();
});

test('only the last casefile loaded keeps its text', async () => {
  const first = await loadCasefile(write('first.corroborate', padded));
  const second = await loadCasefile(write('second.corroborate', padded));
  expect(takeVerbatimJson(first.casefile)).toBeUndefined();
  expect(takeVerbatimJson(second.casefile)).toBeDefined();
});
