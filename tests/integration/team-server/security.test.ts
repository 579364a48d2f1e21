/**
 * The team server against clients it must not trust: no token, a revoked
 * token, a reviewer editing, an analyst writing a colleague's key, hostile
 * values (prototype keys, an oversized record), a text that does not match
 * its hash. Each is refused, logged, and nothing of it is stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Command } from '../../../shared/commands/commands';
import { emptyCasefile } from '../../../shared/model/casefile';
import type { Casefile } from '../../../shared/model/schema';
import { textHash } from '../../../shared/text/hash';
import { smallCasefile } from '../../support/random-commands';
import { call, setUpTeam, startTestServer, TeamReplica, testClock, waitFor, type Team, type TestServer } from '../../support/team-server';

let server: TestServer;
let team: Team;
let url: string;
let adminToken: string;
const tick = testClock();
const seed = smallCasefile(5);
const replicas: TeamReplica[] = [];

function emptyLike(casefile: Casefile): Casefile {
  return emptyCasefile({ id: casefile.meta.id, title: '', analyst: '', now: casefile.meta.createdAt });
}

async function connected(analystId: string, token = team.tokens[analystId]!): Promise<TeamReplica> {
  const made = new TeamReplica(analystId, token, team.documentName, emptyLike(seed), tick);
  replicas.push(made);
  made.connect(url);
  await made.synced();
  return made;
}

/** Every version key and analyst entry the server holds, as a fresh replica of Anna's receives them. */
async function serverKeys(): Promise<string[]> {
  const observer = await connected('anna');
  const keys = [...observer.doc.getMap('versions').keys(), ...[...observer.doc.getMap('analysts').keys()].map((k) => `analysts/${k}`)];
  observer.disconnect();
  return keys;
}

function refusedLines(analystId: string): string[] {
  return server.logLines.filter((line) => line.startsWith(`refused an update from ${analystId} `));
}

beforeAll(async () => {
  server = await startTestServer();
  url = server.server.url;
  adminToken = server.server.adminToken!;
  team = await setUpTeam(url, adminToken, seed.meta.id, { anna: 'owner', ben: 'editor', carl: 'reviewer', mallory: 'editor' });
  const anna = new TeamReplica('anna', team.tokens.anna!, team.documentName, seed, tick);
  replicas.push(anna);
  anna.seed(seed);
  anna.connect(url);
  await anna.settled();
  anna.disconnect();
});

afterAll(async () => {
  for (const made of replicas) made.disconnect();
  await server.remove();
});

describe('team server security', () => {
  it('refuses a connection and every API call without a valid token', async () => {
    const nobody = new TeamReplica('anna', '', team.documentName, emptyLike(seed), tick);
    const forger = new TeamReplica('anna', 'ct_not-a-real-token', team.documentName, emptyLike(seed), tick);
    replicas.push(nobody, forger);
    nobody.connect(url);
    forger.connect(url);
    await waitFor(() => nobody.authFailure !== null && forger.authFailure !== null, 5_000, 'both to be refused');
    expect(nobody.doc.getMap('versions').size).toBe(0);
    expect(forger.doc.getMap('versions').size).toBe(0);
    expect(server.logLines.filter((line) => line.includes('invalid-token')).length).toBeGreaterThanOrEqual(2);

    expect((await call(url, null, 'GET', '/api/me')).status).toBe(401);
    expect((await call(url, 'ct_not-a-real-token', 'GET', '/api/casefiles')).status).toBe(401);
    expect((await call(url, null, 'GET', `/api/texts/${Object.values(seed.articles)[0]!.textHash}`)).status).toBe(401);
    // An analyst's token is not an admin token.
    expect((await call(url, team.tokens.mallory!, 'POST', '/admin/tokens', { analyst: 'anna' })).status).toBe(401);
  });

  it('refuses a connection to a casefile the analyst has no role on', async () => {
    const outsider = new TeamReplica('ben', team.tokens.ben!, 'desk/another-casefile', emptyLike(seed), tick);
    replicas.push(outsider);
    outsider.connect(url);
    await waitFor(() => outsider.authFailure !== null, 5_000, 'the outsider to be refused');
    expect(outsider.authFailure).toMatch(/no role/);
  });

  it('accepts an honest analyst\'s rapid edits, each building on the one before', async () => {
    const ben = await connected('ben');
    const claimIds = Object.keys(seed.claims).slice(0, 5);
    for (let i = 0; i < 30; i++) {
      ben.doc.getMap('versions').set(`claims/${claimIds[i % 5]}/ben`, JSON.stringify({ fields: { notes: `note ${i}` }, stamps: { notes: `mk0000${String(i).padStart(3, '0')}.0000.ben-laptop` } }));
    }
    await ben.settled();
    expect(ben.refusals).toEqual([]);
    expect(refusedLines('ben')).toEqual([]);
    ben.disconnect();
  });

  it('closes a revoked analyst\'s connection and refuses the token from then on', async () => {
    const ben = await connected('ben');
    const revoked = await call<{ revoked: number }>(url, adminToken, 'POST', '/admin/revoke', { analyst: 'ben' });
    expect(revoked).toEqual({ status: 200, body: { revoked: 1 } });
    await waitFor(() => ben.refusals.includes('token revoked'), 5_000, 'Ben to be told');
    await waitFor(() => ben.authFailure !== null, 5_000, 'Ben\'s reconnection to be refused');
    expect(server.logLines.some((line) => line.includes('closed ben\'s connection') && line.includes('token revoked'))).toBe(true);
    expect((await call(url, team.tokens.ben!, 'GET', '/api/me')).status).toBe(401);
    // A new token works again.
    const renewed = await call<{ token: string }>(url, adminToken, 'POST', '/admin/tokens', { analyst: 'ben' });
    expect((await call(url, renewed.body.token, 'GET', '/api/me')).status).toBe(200);
  });

  it('lets a reviewer write review comments and refuses a reviewer\'s edit of a claim', async () => {
    const carl = await connected('carl');
    await fetchAndMaterialise(carl);
    const claimId = Object.keys(carl.state.claims)[0]!;
    carl.run({ type: 'review.set', review: { id: 'r-carl-1', target: { kind: 'claim', id: claimId }, status: 'disputed', comment: 'one source only', by: 'CARL', at: '2026-12-06T09:00:00.000Z' } } as Command);
    await carl.settled();
    expect(carl.refusals).toEqual([]);

    carl.run({ type: 'claim.setNotes', claimId, notes: 'a reviewer rewriting the claim' } as Command);
    await waitFor(() => carl.refusals.length > 0, 5_000, 'Carl\'s edit to be refused');
    expect(carl.refusals[0]).toMatch(/reviewer may only write review comments/);
    expect(refusedLines('carl')).toHaveLength(1);
    const keys = await serverKeys();
    expect(keys).toContain('reviews/r-carl-1/carl');
    expect(keys).not.toContain(`claims/${claimId}/carl`);
  });

  it('refuses an update writing another analyst\'s key, prototype keys, an oversized record or a version that is not JSON text, and stores none of them', async () => {
    const claimId = Object.keys(seed.claims)[1]!;
    const attempts: [string, (replica: TeamReplica) => void, RegExp][] = [
      ['a colleague\'s key', (r) => r.doc.getMap('versions').set(`claims/${claimId}/anna`, JSON.stringify({ fields: { notes: 'forged' }, stamps: { notes: 'mk0000999.0000.m' } })), /belongs to another analyst/],
      ['prototype keys', (r) => r.doc.getMap('versions').set(`claims/${claimId}/mallory`, '{"fields":{"__proto__":{"polluted":true}},"stamps":{"__proto__":"mk0000999.0000.m"}}'), /fields|not a field|stamp/],
      ['a prototype key as a record id', (r) => r.doc.getMap('versions').set('claims/__proto__/mallory', JSON.stringify({ fields: {}, stamps: {} })), /not a record id/],
      ['an oversized record', (r) => r.doc.getMap('versions').set(`claims/${claimId}/mallory`, JSON.stringify({ fields: { notes: 'x'.repeat(1_100_000) }, stamps: { notes: 'mk0000999.0000.m' } })), /more than|not valid/],
      ['a version that is not valid JSON text', (r) => r.doc.getMap('versions').set(`claims/${claimId}/mallory`, '{"fields":{"notes":"x"},"stamps":'), /not valid JSON text/],
      ['a version in the old form (a Yjs value, not JSON text)', (r) => r.doc.getMap('versions').set(`claims/${claimId}/mallory`, { fields: { notes: 'old' }, stamps: { notes: 'mk0000999.0000.m' } }), /old form/],
      ['a root outside the casefile', (r) => r.doc.getMap('settings').set('admin', true), /not part of a casefile/],
    ];
    for (const [what, attack, reason] of attempts) {
      const mallory = await connected('mallory');
      attack(mallory);
      await waitFor(() => mallory.refusals.length > 0, 5_000, `${what} to be refused`);
      expect(mallory.refusals[0], what).toMatch(reason);
      mallory.disconnect();
    }
    expect(refusedLines('mallory')).toHaveLength(attempts.length);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const keys = await serverKeys();
    expect(keys.filter((key) => key.endsWith('/mallory'))).toEqual([]);
    expect(keys).not.toContain('analysts/mallory');

    // Nor after a restart: the stored document has none of it.
    await server.stop();
    const again = await startTestServer({ dataDir: server.dataDir });
    server = again;
    url = again.server.url;
    const stored = await serverKeys();
    expect(stored.filter((key) => key.endsWith('/mallory'))).toEqual([]);
    expect(stored).toContain('reviews/r-carl-1/carl');
  });

  it('keeps article texts only under their own hash, within the size limit', async () => {
    const text = 'The ministry confirmed the delivery on Tuesday.';
    const hash = textHash(text);
    const token = team.tokens.anna!;
    const wrong = await call(url, token, 'PUT', `/api/texts/${textHash('something else')}`, text);
    expect(wrong.status).toBe(400);
    expect((await call(url, token, 'GET', `/api/texts/${textHash('something else')}`)).status).toBe(404);
    expect((await call(url, token, 'PUT', '/api/texts/not-a-hash', text)).status).toBe(400);
    expect((await call(url, token, 'PUT', `/api/texts/${hash}`, text)).status).toBe(201);
    expect(await call(url, token, 'GET', `/api/texts/${hash}`)).toEqual({ status: 200, body: text });
    const huge = 'x'.repeat(21 * 1024 * 1024);
    expect((await call(url, token, 'PUT', `/api/texts/${textHash(huge)}`, huge)).status).toBe(413);
  });

  it('checks every HTTP body', async () => {
    const token = team.tokens.anna!;
    expect((await call(url, token, 'POST', '/api/casefiles', { team: 'desk', casefileId: '__proto__', title: 'x' })).status).toBe(400);
    expect((await call(url, token, 'POST', '/api/casefiles', { team: 'desk', casefileId: 'ok', title: 'x', extra: 1 })).status).toBe(400);
    expect((await call(url, token, 'POST', '/api/casefiles', 'not json')).status).toBe(400);
    expect((await call(url, token, 'POST', `/api/casefiles/desk/${seed.meta.id}/roles`, { analyst: 'ben', role: 'admin' })).status).toBe(400);
    expect((await call(url, team.tokens.mallory!, 'POST', `/api/casefiles/desk/${seed.meta.id}/roles`, { analyst: 'mallory', role: 'owner' })).status).toBe(403);
    expect((await call(url, token, 'POST', '/api/casefiles', { team: 'desk', casefileId: 'big', title: 'x'.repeat(70_000) })).status).toBe(413);
    // The admin token is shown once: after the restart above it is null, and the first one still works.
    expect(server.server.adminToken).toBeNull();
    expect((await call(url, adminToken, 'GET', '/admin/list')).status).toBe(200);
    expect((await call(url, adminToken, 'POST', '/admin/teams', { id: 'Desk!', name: 'x' })).status).toBe(400);
  });
});

async function fetchAndMaterialise(replica: TeamReplica): Promise<void> {
  for (const article of Object.values(seed.articles)) replica.texts.set(article.textHash, article.text);
  replica.materialise();
}
