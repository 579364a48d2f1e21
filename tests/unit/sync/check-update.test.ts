import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { updateProblem } from '../../../shared/sync/check-update';

const NOTES_A = JSON.stringify({ fields: { notes: 'first' }, stamps: { notes: 'mk0000000.0000.b1' } });
const NOTES_B = JSON.stringify({ fields: { notes: 'second' }, stamps: { notes: 'mk0000001.0000.b1' } });

function copyOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

/** A server document where Ben wrote a version and then replaced it (the first value is deleted). */
function serverWithBensReplacedVersion(): Y.Doc {
  const server = new Y.Doc();
  const ben = new Y.Doc();
  ben.getMap('versions').set('claims/c-1/ben', NOTES_A);
  ben.getMap('versions').set('claims/c-1/ben', NOTES_B);
  Y.applyUpdate(server, Y.encodeStateAsUpdate(ben));
  return server;
}

describe('updateProblem: deletions', () => {
  it('accepts an update that re-sends deletions the server already has, even of another analyst\'s items', () => {
    const server = serverWithBensReplacedVersion();
    const anna = copyOf(server);
    anna.getMap('versions').set('claims/c-1/anna', NOTES_A);
    // A reconnecting client sends what the server lacks, with its whole delete set: it names Ben's replaced value.
    const resent = Y.encodeStateAsUpdate(anna, Y.encodeStateVector(server));
    expect(Y.decodeUpdate(resent).ds.clients.size).toBeGreaterThan(0);
    expect(updateProblem(server, resent, { analystId: 'anna', role: 'editor' })).toBeNull();
    // Items the server already holds are skipped as Yjs skips them: the whole state passes too.
    expect(updateProblem(server, Y.encodeStateAsUpdate(anna), { analystId: 'anna', role: 'editor' })).toBeNull();
  });

  it('still refuses deleting another analyst\'s item the server has not deleted', () => {
    const server = serverWithBensReplacedVersion();
    const mallory = copyOf(server);
    const before = Y.encodeStateVector(mallory);
    mallory.getMap('versions').delete('claims/c-1/ben');
    expect(updateProblem(server, Y.encodeStateAsUpdate(mallory, before), { analystId: 'mallory', role: 'editor' })).toMatch(/another analyst/);
  });

  it('accepts deleting one\'s own value, and refuses deleting from the audit trail', () => {
    const server = new Y.Doc();
    const anna = new Y.Doc();
    anna.getMap('versions').set('claims/c-1/anna', NOTES_A);
    anna.getArray('audit').push([{ at: '2026-12-06T08:00:00.000Z', by: 'Anna', action: 'claim.create', summary: 'made a claim' }]);
    Y.applyUpdate(server, Y.encodeStateAsUpdate(anna));
    const sv = Y.encodeStateVector(anna);
    anna.getMap('versions').set('claims/c-1/anna', NOTES_B);
    expect(updateProblem(server, Y.encodeStateAsUpdate(anna, sv), { analystId: 'anna', role: 'editor' })).toBeNull();
    const sv2 = Y.encodeStateVector(anna);
    anna.getArray('audit').delete(0, 1);
    expect(updateProblem(server, Y.encodeStateAsUpdate(anna, sv2), { analystId: 'anna', role: 'editor' })).toMatch(/audit/);
  });
});

describe('updateProblem: reviewers', () => {
  const reviewer = { analystId: 'carl', role: 'reviewer' } as const;

  function update(write: (versions: Y.Map<unknown>) => void): [Y.Doc, Uint8Array] {
    const server = serverWithBensReplacedVersion();
    const carl = copyOf(server);
    const sv = Y.encodeStateVector(carl);
    write(carl.getMap('versions'));
    return [server, Y.encodeStateAsUpdate(carl, sv)];
  }

  it('accepts a review comment with the bookkeeping every command writes to meta (modifiedAt, analysts)', () => {
    const [server, accepted] = update((versions) => {
      versions.set('reviews/r-1/carl', JSON.stringify({ fields: { comment: 'one source only' }, stamps: { comment: 'mk0000002.0000.c1' } }));
      versions.set('casefile/meta/carl', JSON.stringify({ fields: { modifiedAt: '2026-12-06T09:00:00.000Z', analysts: ['CARL'] }, stamps: { modifiedAt: 'mk0000002.0000.c1', analysts: 'mk0000002.0000.c1' } }));
    });
    expect(updateProblem(server, accepted, reviewer)).toBeNull();
  });

  it('refuses a reviewer\'s edit of a claim or of the casefile\'s title', () => {
    const [server, claimEdit] = update((versions) => versions.set('claims/c-1/carl', NOTES_A));
    expect(updateProblem(server, claimEdit, reviewer)).toMatch(/reviewer may only write review comments/);
    const [server2, retitle] = update((versions) => versions.set('casefile/meta/carl', JSON.stringify({ fields: { title: 'Mine now' }, stamps: { title: 'mk0000002.0000.c1' } })));
    expect(updateProblem(server2, retitle, reviewer)).toMatch(/reviewer may only write review comments .*title/);
  });
});
