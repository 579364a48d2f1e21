import v8 from 'node:v8';
import vm from 'node:vm';
import { expect, test } from 'vitest';
import { applyCommand, replayPatches } from '../../../shared/commands/apply';
import { changedIds, changesBetween, MAX_STEPS, touches } from '../../../shared/commands/changes';
import type { Casefile } from '../../../shared/model/schema';
import { smallCasefile } from '../../support/random-commands';

const actor = { name: 'Tester', now: '2026-12-06T04:00:00.000Z' };

function setNotes(cf: Casefile, claimId: string, notes: string) {
  return applyCommand(cf, { type: 'claim.setNotes', claimId, notes }, actor);
}

test('the changes between two revisions name the records each command touched, across commands and replayed patches', () => {
  const start = smallCasefile(1);
  const [a, b] = Object.keys(start.claims);
  const first = setNotes(start, a!, 'one');
  const second = setNotes(first.state, b!, 'two');
  const undone = replayPatches(second.state, second.inversePatches);

  const changes = changesBetween(start, second.state)!;
  expect([...changedIds(changes, 'claims')].sort()).toEqual([a, b].sort());
  expect(changes.fields.has('meta')).toBe(true);
  expect(touches(changes, ['sources', 'articles', 'taxonomy'])).toBe(false);
  expect([...changedIds(changesBetween(second.state, undone)!, 'claims')]).toEqual([b]);
  expect(changesBetween(start, start)!.records.size).toBe(0);
});

test('no path gives null: another casefile, a revision that is not a descendant, or one too far back', () => {
  const start = smallCasefile(2);
  const claimId = Object.keys(start.claims)[0]!;
  expect(changesBetween(smallCasefile(2), start)).toBeNull();
  const next = setNotes(start, claimId, 'x').state;
  expect(changesBetween(next, start)).toBeNull();

  let state = start;
  const revisions = [start];
  for (let i = 0; i < MAX_STEPS + 1; i++) revisions.push((state = setNotes(state, claimId, `n${i}`).state));
  expect(changesBetween(revisions[1]!, state), 'exactly MAX_STEPS back').not.toBeNull();
  expect(changesBetween(start, state), 'one more is too far back').toBeNull();
});

test('the revisions in between are not kept alive by the chain: what changed is still known once they are gone', async () => {
  v8.setFlagsFromString('--expose-gc');
  const collectGarbage = vm.runInNewContext('gc') as () => void;
  const start = smallCasefile(3);
  const [a, b] = Object.keys(start.claims);
  // Made in a function so that nothing here holds the middle revision.
  const make = () => {
    const middle = setNotes(start, a!, 'one').state;
    return { middle: new WeakRef(middle), end: setNotes(middle, b!, 'two').state };
  };
  const { middle, end } = make();
  await new Promise((resolve) => setTimeout(resolve, 0));
  collectGarbage();
  expect(middle.deref(), 'the middle revision was collected').toBeUndefined();
  expect([...changedIds(changesBetween(start, end)!, 'claims')].sort()).toEqual([a, b].sort());
});
