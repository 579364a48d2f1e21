import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { ApiError } from '../../../shared/api/dispatch';
import { MIGRATIONS, migrateCasefile } from '../../../shared/model/migrations';
import { CASEFILE_FORMAT_VERSION } from '../../../shared/model/schema';
import { loadCasefile, parseCasefileText } from '../../../electron/services/casefile/store';

const FIXTURES = path.resolve(__dirname, '..', '..', 'fixtures', 'casefiles');
const fixture = (name: string) => path.join(FIXTURES, name);

/**
 * One row per saved fixture of an earlier (or the current) format version:
 * the file as that version wrote it, and the casefile it must load as today.
 * A new format version adds a row for its predecessor's fixture (with the
 * expected current-format result saved beside it) and keeps every older row.
 */
const CASES: { fixture: string; version: number; expected: string }[] = [
  { fixture: 'v1.corroborate', version: 1, expected: 'v1-as-v2.corroborate' },
  { fixture: 'v2.corroborate', version: 2, expected: 'v2.corroborate' },
];

describe.each(CASES)('format $version fixture ($fixture)', ({ fixture: name, version, expected }) => {
  test('is saved in that version', () => {
    expect(JSON.parse(readFileSync(fixture(name), 'utf8')).formatVersion).toBe(version);
  });

  test('loads as the expected current-format casefile, without changing the file', async () => {
    const before = readFileSync(fixture(name));
    const loaded = await loadCasefile(fixture(name));
    expect(loaded.migratedFrom).toBe(version === CASEFILE_FORMAT_VERSION ? null : version);
    expect(loaded.casefile.formatVersion).toBe(CASEFILE_FORMAT_VERSION);
    expect(loaded.casefile).toEqual(JSON.parse(readFileSync(fixture(expected), 'utf8')));
    expect(readFileSync(fixture(name))).toEqual(before);
  });
});

describe('the migration table', () => {
  test('has one step for every earlier version, in order', () => {
    expect(MIGRATIONS.map((m) => m.from)).toEqual(Array.from({ length: CASEFILE_FORMAT_VERSION - 1 }, (_, i) => i + 1));
  });

  test('every format version from 1 to the current one has a saved fixture', () => {
    for (let v = 1; v <= CASEFILE_FORMAT_VERSION; v++) expect(CASES.map((c) => c.version)).toContain(v);
  });

  test('the current version loads unchanged: the file is exactly the casefile', async () => {
    const raw = JSON.parse(readFileSync(fixture(`v${CASEFILE_FORMAT_VERSION}.corroborate`), 'utf8'));
    expect(migrateCasefile(raw)).toEqual({ doc: raw, migratedFrom: null });
  });

  test('format 2 keeps a number of sources given as a word; format 1 counts come through as numbers', async () => {
    const v2 = (await loadCasefile(fixture('v2.corroborate'))).casefile;
    expect(v2.claims.c_1!.chain[1]!.sourceCount).toBe('several');
    expect(v2.claims.c_2!.chain[0]!.sourceCount).toBe(2);
    const v1 = JSON.parse(readFileSync(fixture('v1.corroborate'), 'utf8'));
    v1.claims.c_2.chain[0].sourceCount = 3;
    expect(migrateCasefile(v1).doc).toMatchObject({ formatVersion: 2, claims: { c_2: { chain: [{ sourceCount: 3 }] } } });
  });

  test('a word outside the closed set is refused with the field named', () => {
    const doc = JSON.parse(readFileSync(fixture('v2.corroborate'), 'utf8'));
    doc.claims.c_1.chain[1].sourceCount = 'loads';
    const error = catchError(() => parseCasefileText(JSON.stringify(doc), 'x.corroborate'));
    expect(error.code).toBe('invalid-casefile');
    expect(error.message).toMatch(/sourceCount/);
  });

  test('a newer format is refused with a message that says to update', () => {
    const doc = JSON.parse(readFileSync(fixture('v1.corroborate'), 'utf8'));
    doc.formatVersion = CASEFILE_FORMAT_VERSION + 1;
    const error = catchError(() => parseCasefileText(JSON.stringify(doc), 'Future.corroborate'));
    expect(error.code).toBe('newer-version');
    expect(error.message).toBe(
      `Future.corroborate cannot be opened: it was saved by a newer Corroborate (format ${CASEFILE_FORMAT_VERSION + 1}); this version reads formats up to ${CASEFILE_FORMAT_VERSION}. Update Corroborate to open it.`,
    );
  });

  test.each([
    ['no version', (d: Record<string, unknown>) => delete d.formatVersion, 'unknown-version'],
    ['version 0', (d: Record<string, unknown>) => (d.formatVersion = 0), 'unknown-version'],
    ['version "1"', (d: Record<string, unknown>) => (d.formatVersion = '1'), 'unknown-version'],
    ['another format', (d: Record<string, unknown>) => (d.format = 'something-else'), 'not-a-casefile'],
  ])('%s is refused', (_label, mutate, code) => {
    const doc = JSON.parse(readFileSync(fixture('v1.corroborate'), 'utf8'));
    mutate(doc);
    expect(catchError(() => parseCasefileText(JSON.stringify(doc), 'x.corroborate')).code).toBe(code);
  });
});

function catchError(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return error as ApiError;
  }
  throw new Error('expected an error');
}
