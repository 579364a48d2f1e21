import fc from 'fast-check';
import { expect, test } from 'vitest';
import { ID_PATTERN, idProblem, newId, recordOf } from '../../../shared/model/ids';
import { RecordId } from '../../../shared/model/schema';
import { DEFAULT_TAXONOMY } from '../../../shared/model/taxonomy';

test('what the app makes passes the id rule: newId for every prefix in use, and the default taxonomy', () => {
  for (const prefix of ['a', 'cf', 'chrome', 'claim', 'hop', 'judge', 'prop', 'rv', 's', 'src']) {
    for (let i = 0; i < 200; i++) expect(idProblem(newId(prefix))).toBeNull();
  }
  for (const t of DEFAULT_TAXONOMY) expect(idProblem(t.id)).toBeNull();
});

test('every name a plain object inherits is refused, in this runtime too', () => {
  for (const name of [...Object.getOwnPropertyNames(Object.prototype), 'prototype']) {
    expect(idProblem(name), name).not.toBeNull();
    expect(RecordId.safeParse(name).success, name).toBe(false);
  }
});

test('the schema and the reducer apply the same rule', () => {
  fc.assert(
    fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 210 }), fc.stringMatching(/^[A-Za-z0-9_.:-]{1,210}$/)), (s) => {
      expect(RecordId.safeParse(s).success).toBe(idProblem(s) === null);
      if (idProblem(s) === null) expect(ID_PATTERN.test(s)).toBe(true);
    }),
    { numRuns: 1_000 },
  );
});

test('recordOf finds own records only', () => {
  const records: Record<string, { id: string }> = { c_1: { id: 'c_1' } };
  expect(recordOf(records, 'c_1')).toEqual({ id: 'c_1' });
  for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'c_2']) expect(recordOf(records, name)).toBeUndefined();
});
