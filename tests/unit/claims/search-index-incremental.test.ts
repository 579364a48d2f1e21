import fc from 'fast-check';
import type { Patch } from 'immer';
import { expect, test } from 'vitest';
import { ClaimSearchIndex, indexFollowing, UNTAGGED, type ClaimFilter, type IndexedCasefile } from '../../../shared/claims/search-index';
import { applyStep, smallCasefile, steps } from '../../support/random-commands';

const FILTERS: ClaimFilter[] = [
  {}, { query: 'drone' }, { query: 'officials said' }, { query: 'reutrs' }, { query: 'checked' }, { query: 'o' },
  { typeId: 'anonymous' }, { typeId: UNTAGGED }, { sourceId: 's_1' }, { propositionId: 'p_0' }, { propositionId: 'p_new_1_2' },
  { review: 'approved' }, { review: 'unreviewed', query: 'the' }, { articleId: 'a_1', query: 'said' }, { anchor: 'exact', sourceId: 's_2' },
];

test('the claims index updated after each edit finds what a full build finds, in the same order, over random edits', () => {
  fc.assert(
    fc.property(fc.nat(50), fc.boolean(), steps(16), (seed, articleWords, list) => {
      let state = smallCasefile(seed);
      let last: IndexedCasefile = { casefile: state, index: ClaimSearchIndex.build(state, { articleWords }) };
      const history: Patch[][] = [];
      for (const step of list) {
        state = applyStep(state, step, history);
        last = { casefile: state, index: indexFollowing(last, state, { articleWords }) };
        const full = ClaimSearchIndex.build(state, { articleWords });
        expect(last.index.size).toBe(full.size);
        for (const filter of FILTERS) expect(last.index.search(filter), JSON.stringify(filter)).toEqual(full.search(filter));
      }
    }),
    { numRuns: 150 },
  );
});

test('an edited claim is read again without a full build', () => {
  const cf = smallCasefile(1);
  const index = ClaimSearchIndex.build(cf);
  const edited = applyStep(cf, { kind: 'claim.setNotes', a: 0, b: 0, c: 0, text: 'drone factory' }, []);
  const next = index.updated(edited, { records: new Map([['claims', new Set([Object.keys(cf.claims)[0]!])]]), fields: new Set(['meta']) });
  expect(next).not.toBeNull();
  expect(next!.search({ query: 'factory' }).ids).toContain(Object.keys(cf.claims)[0]);
});
