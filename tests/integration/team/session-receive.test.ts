/**
 * The session takes a team catch-up's casefile as computed when it was
 * computed from the session's current casefile, and replays the patches when
 * the session moved on meanwhile (never a casefile computed from another).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { produceWithPatches } from 'immer';
import { changesBetween } from '../../../shared/commands/changes';
import type { Casefile } from '../../../shared/model/schema';
import { harness, rename, type Harness } from '../store/support';

const open: Harness[] = [];
afterEach(async () => {
  for (const h of open.splice(0)) await h.sessions.flushAll();
});

function retitled(state: Casefile, title: string) {
  return produceWithPatches(state, (draft) => {
    draft.meta.title = title;
  });
}

describe('a teammate\'s change reaching the session', () => {
  it('is the computed casefile itself when computed from the current one, linked for derived data', async () => {
    const h = harness();
    open.push(h);
    const session = h.sessions.get((await h.sessions.create('Drones')).sessionId);
    const from = session.casefile;
    const [state, patches] = retitled(from, 'Drones, by Ben');
    const received = session.receive(patches, { from, state });
    expect(received?.fromRevision).toBe(0);
    expect(session.casefile).toBe(state);
    expect(session.status().revision).toBe(1);
    expect([...changesBetween(from, session.casefile)!.fields]).toEqual(['meta']);
  });

  it('is replayed from its patches when the session moved on since it was computed', async () => {
    const h = harness();
    open.push(h);
    const session = h.sessions.get((await h.sessions.create('Drones')).sessionId);
    const from = session.casefile;
    const [state, patches] = retitled(from, 'Drones, by Ben');
    session.apply(0, rename('Drones, mine'));
    const mine = session.casefile;
    session.receive(patches, { from, state });
    expect(session.casefile).not.toBe(state);
    expect(session.casefile.meta.title).toBe('Drones, by Ben');
    expect(session.casefile.audit).toEqual(mine.audit);
  });
});
