/**
 * Undo takes back my own step only: a field a teammate changed after my
 * step keeps their value, a record they changed is not deleted by undoing
 * its creation, and one they deleted is not brought back.
 */
import { describe, expect, it } from 'vitest';
import { produce } from 'immer';
import { applyCommand } from '../../../shared/commands/apply';
import type { Casefile } from '../../../shared/model/schema';
import { recordsTouched, undoKeepingLaterChanges } from '../../../electron/services/casefile/undo-keeps-later';
import { smallCasefile } from '../../support/random-commands';

const actor = { name: 'Dana', now: '2026-12-06T09:00:00.000Z' };

function firstClaim(cf: Casefile) {
  return Object.values(cf.claims)[0]!;
}

/** A teammate's change, as it arrives: the state changed outside my undo history. */
function teammate(cf: Casefile, change: (draft: Casefile) => void): Casefile {
  return produce(cf, change);
}

describe('undo keeps later changes by others', () => {
  it('is plain undo when nobody else changed anything', () => {
    const start = smallCasefile(1);
    const claim = firstClaim(start);
    const done = applyCommand(start, { type: 'claim.setNotes', claimId: claim.id, notes: 'mine' }, actor);
    const undone = undoKeepingLaterChanges(done.state, done.inversePatches, recordsTouched(done.state, done.patches));
    expect(undone.state.claims[claim.id]).toEqual(start.claims[claim.id]);
    expect(undone.kept).toEqual([]);
  });

  it('sets back my field and keeps the field a teammate changed since', () => {
    const start = smallCasefile(2);
    const claim = firstClaim(start);
    const done = applyCommand(start, { type: 'claim.setNotes', claimId: claim.id, notes: 'mine' }, actor);
    const left = recordsTouched(done.state, done.patches);
    const later = teammate(done.state, (d) => {
      d.claims[claim.id]!.anchor = 'moved';
    });
    const undone = undoKeepingLaterChanges(later, done.inversePatches, left);
    expect(undone.state.claims[claim.id]!.notes).toBe(claim.notes);
    expect(undone.state.claims[claim.id]!.anchor).toBe('moved');
    expect(undone.kept).toEqual([`claims/${claim.id}`]);
  });

  it('keeps a teammate’s later value of the very field I undo', () => {
    const start = smallCasefile(3);
    const claim = firstClaim(start);
    const done = applyCommand(start, { type: 'claim.setNotes', claimId: claim.id, notes: 'mine' }, actor);
    const later = teammate(done.state, (d) => {
      d.claims[claim.id]!.notes = 'theirs';
    });
    const undone = undoKeepingLaterChanges(later, done.inversePatches, recordsTouched(done.state, done.patches));
    expect(undone.state.claims[claim.id]!.notes).toBe('theirs');
  });

  it('does not delete a claim I created when a teammate has changed it since', () => {
    const start = smallCasefile(4);
    const { id: _id, createdAt: _c, createdBy: _b, modifiedAt: _m, modifiedBy: _mb, chainProvenance: _p, ...payload } = firstClaim(start);
    const done = applyCommand(start, { type: 'claim.add', claim: { ...payload, id: 'c-new' } }, actor);
    const later = teammate(done.state, (d) => {
      d.claims['c-new']!.notes = 'their note';
    });
    const undone = undoKeepingLaterChanges(later, done.inversePatches, recordsTouched(done.state, done.patches));
    expect(undone.state.claims['c-new']?.notes).toBe('their note');
    expect(undone.kept).toEqual(['claims/c-new']);
  });

  it('does not bring back a claim a teammate deleted after my edit', () => {
    const start = smallCasefile(5);
    const claim = firstClaim(start);
    const done = applyCommand(start, { type: 'claim.setNotes', claimId: claim.id, notes: 'mine' }, actor);
    const later = teammate(done.state, (d) => {
      delete d.claims[claim.id];
    });
    const undone = undoKeepingLaterChanges(later, done.inversePatches, recordsTouched(done.state, done.patches));
    expect(undone.state.claims[claim.id]).toBeUndefined();
  });
});
