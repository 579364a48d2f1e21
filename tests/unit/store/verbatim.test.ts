/**
 * Opening a casefile answers with the file's own text when loading changed
 * nothing (store.ts, serialise.ts): the answer must read exactly as the
 * serialised casefile would, and a file that loading changes must not be sent as it is.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { loadCasefile } from '../../../electron/services/casefile/store';
import { answerOpensWithFileText, apiAnswerJson, takeVerbatimJson } from '../../../electron/services/casefile/serialise';
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

test('a casefile loading leaves as it is is answered with its own text, which reads as the casefile', async () => {
  const loaded = await loadCasefile(write('same.corroborate', padded));
  const result = { sessionId: 's1', path: 'same.corroborate', readOnly: false, casefile: loaded.casefile, status: { saved: true } };
  const expected = JSON.parse(JSON.stringify({ ok: true, result })) as unknown;
  const answer = apiAnswerJson(result);
  expect(answer).toContain('\n "meta"');
  expect(JSON.parse(answer)).toEqual(expected);
  // Taken once: the next answer serialises the casefile.
  expect(apiAnswerJson(result)).toBe(JSON.stringify({ ok: true, result }));
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
