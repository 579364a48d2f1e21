import fc from 'fast-check';
import { expect, test } from 'vitest';
import { computeIndependence, independenceContext, propositionIndependence } from '../../../shared/analysis/independence';
import type { Patch } from 'immer';
import type { Casefile } from '../../../shared/model/schema';
import { applyStep, smallCasefile, steps } from '../../support/random-commands';

/** Every proposition computed from scratch, sharing nothing with earlier computations. */
function fromScratch(cf: Casefile) {
  const ctx = independenceContext(cf);
  return [...Object.values(cf.propositions)].map((p) => [p.id, propositionIndependence(ctx, p)] as const);
}

test('independence updated after each edit equals independence computed from scratch, over random edits', () => {
  fc.assert(
    fc.property(fc.nat(50), steps(), (seed, list) => {
      let state = smallCasefile(seed);
      computeIndependence(state);
      const history: Patch[][] = [];
      for (const step of list) {
        state = applyStep(state, step, history);
        expect([...computeIndependence(state)]).toEqual(fromScratch(state));
      }
    }),
    { numRuns: 150 },
  );
});

test('an edit to one claim recomputes only the propositions it belongs to', () => {
  let state = smallCasefile(3);
  const before = computeIndependence(state);
  const member = Object.values(state.propositions)[0]!.members[0]!.claimId;
  state = applyStep(state, { kind: 'claim.setNotes', a: Object.keys(state.claims).indexOf(member), b: 0, c: 0, text: 'checked' }, []);
  const after = computeIndependence(state);
  for (const [id, result] of after) {
    const holds = state.propositions[id]!.members.some((m) => m.claimId === member);
    expect(result === before.get(id)).toBe(!holds);
  }
});
