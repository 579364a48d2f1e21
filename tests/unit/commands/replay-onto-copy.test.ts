import fc from 'fast-check';
import type { Patch } from 'immer';
import { expect, test } from 'vitest';
import { appendAudit, applyCommand, CommandError, copyOfClaims, replayOntoClaimsCopy, replayPatches } from '../../../shared/commands/apply';
import { changesBetween } from '../../../shared/commands/changes';
import type { Casefile } from '../../../shared/model/schema';
import { expectSameSharing } from '../../support/sharing';
import { commandFor, smallCasefile, steps } from '../../support/random-commands';

const actor = { name: 'Tester', now: '2026-12-06T04:00:00.000Z' };

/** The patches the window receives for one command (the command's, then the audit entry's), or an undo's inverse patches. */
function answerFor(state: Casefile, stepIndex: number, list: ReturnType<typeof steps> extends fc.Arbitrary<infer S> ? S : never, history: Patch[][]): { patches: Patch[]; next: Casefile } | null {
  const step = list[stepIndex]!;
  if (step.kind === 'undo') {
    const inverse = history.pop();
    return inverse ? { patches: inverse, next: replayPatches(state, inverse) } : null;
  }
  const command = commandFor(state, step);
  if (!command) return null;
  try {
    const applied = applyCommand(state, command, actor);
    const audited = appendAudit(applied.state, command, actor);
    history.push(applied.inversePatches);
    return { patches: [...applied.patches, ...audited.patches], next: audited.state };
  } catch (error) {
    if (error instanceof CommandError) return null;
    throw error;
  }
}

test('patches replayed onto a copy of the claims made beforehand give what replayPatches gives, sharing the same objects, over random commands and undos', () => {
  fc.assert(
    fc.property(fc.nat(50), steps(16), (seed, list) => {
      let state = smallCasefile(seed);
      const history: Patch[][] = [];
      for (let i = 0; i < list.length; i++) {
        const answer = answerFor(state, i, list, history);
        if (!answer) continue;
        const before = JSON.stringify(state);
        const claimsBefore = state.claims;
        const viaImmer = replayPatches(state, answer.patches);
        const onCopy = replayOntoClaimsCopy(state, answer.patches, copyOfClaims(state.claims));
        expect(onCopy).not.toBeNull();
        expect(onCopy).toEqual(viaImmer);
        expect(onCopy).toEqual(answer.next);
        expectSameSharing(viaImmer, onCopy, state);
        // The state the patches were applied to is left as it was, claims record included.
        expect(JSON.stringify(state)).toBe(before);
        expect(state.claims).toBe(claimsBefore);
        // Derived data sees the same changes.
        expect(changesBetween(state, onCopy!)).toEqual(changesBetween(state, viaImmer));
        state = onCopy!;
      }
    }),
    { numRuns: 200 },
  );
});

test('a patch replacing the whole claims collection, or naming a reserved key, is left to replayPatches', () => {
  const state = smallCasefile(3);
  const spare = copyOfClaims(state.claims);
  expect(replayOntoClaimsCopy(state, [{ op: 'replace', path: ['claims'], value: {} }], spare)).toBeNull();
  expect(replayOntoClaimsCopy(state, [{ op: 'add', path: ['claims', '__proto__'], value: {} }], spare)).toBeNull();
  expect(spare).toEqual(state.claims);
});
