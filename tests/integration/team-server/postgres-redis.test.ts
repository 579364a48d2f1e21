/**
 * The team server for a newsroom: PostgreSQL and Redis from Debian's
 * packages in temp folders, several server instances sharing them. Analysts
 * on different instances see each other's edits; an instance killed with
 * SIGKILL in the middle of an analyst's writing loses no acknowledged edit.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import type { Command } from '../../../shared/commands/commands';
import { emptyCasefile } from '../../../shared/model/casefile';
import type { Casefile } from '../../../shared/model/schema';
import { postgresBinaries, startPostgres, type TestPostgres } from '../../support/postgres';
import { smallCasefile } from '../../support/random-commands';
import { redisBinary, startRedis, type TestRedis } from '../../support/redis';
import { skipBecause } from '../../support/skip';
import { call, fetchTexts, setUpTeam, spawnServe, startTestServer, TeamReplica, testClock, uploadTexts, waitFor, type Team, type TestServer } from '../../support/team-server';

const pgBin = postgresBinaries();
const redisBin = redisBinary();
const missing = !pgBin ? 'PostgreSQL is not installed (apt-get install postgresql)' : !redisBin ? 'redis-server is not installed (apt-get install redis-server)' : null;

let postgres: TestPostgres | null = null;
let redis: TestRedis | null = null;
const servers: TestServer[] = [];
const replicas: TeamReplica[] = [];
const tick = testClock();
const seed = smallCasefile(23);
let team: Team;

function emptyLike(casefile: Casefile): Casefile {
  return emptyCasefile({ id: casefile.meta.id, title: '', analyst: '', now: casefile.meta.createdAt });
}

async function instance(): Promise<TestServer> {
  const started = await startTestServer({ postgres: postgres!.url, redis: redis!.url });
  servers.push(started);
  return started;
}

function replica(analystId: string, start: Casefile): TeamReplica {
  const made = new TeamReplica(analystId, team.tokens[analystId]!, team.documentName, start, tick);
  replicas.push(made);
  return made;
}

/** A new replica of Ben's on `url`, built from the shared document alone. */
async function freshReading(url: string): Promise<TeamReplica> {
  const fresh = replica('ben', emptyLike(seed));
  fresh.connect(url);
  await fresh.synced();
  await fetchTexts(url, team.tokens.ben!, fresh);
  fresh.materialise();
  return fresh;
}

function skipWhenMissing(ctx: TestContext): boolean {
  if (missing) skipBecause(ctx, missing);
  return !!missing;
}

beforeAll(async () => {
  if (missing) return;
  postgres = await startPostgres(pgBin!);
  redis = await startRedis(redisBin!);
});

afterAll(async () => {
  for (const made of replicas) made.disconnect();
  for (const server of servers) await server.remove();
  await redis?.stop();
  postgres?.stop();
});

describe('team servers on PostgreSQL and Redis', () => {
  let one: TestServer;
  let two: TestServer;
  let anna: TeamReplica;
  let ben: TeamReplica;

  it('lets analysts on two instances see each other\'s edits', async (ctx) => {
    if (skipWhenMissing(ctx)) return;
    one = await instance();
    two = await instance();
    team = await setUpTeam(one.server.url, one.server.adminToken!, seed.meta.id, { anna: 'owner', ben: 'editor', carl: 'editor' });

    anna = replica('anna', seed);
    anna.seed(seed);
    await uploadTexts(one.server.url, team.tokens.anna!, seed);
    anna.connect(one.server.url);
    await anna.settled();

    ben = replica('ben', emptyLike(seed));
    ben.connect(two.server.url);
    await ben.synced();
    // Instance 2 may load the document before instance 1 stored it; the rest comes through Redis.
    await waitFor(() => ben.doc.getMap('versions').size === anna.doc.getMap('versions').size, 10_000, 'the document to reach instance 2');
    await fetchTexts(two.server.url, team.tokens.ben!, ben);
    ben.materialise();
    expect(ben.state.claims).toEqual(anna.state.claims);

    const [first, second] = Object.keys(seed.claims) as [string, string];
    anna.run({ type: 'claim.setNotes', claimId: first, notes: 'Anna on instance 1' } as Command);
    ben.run({ type: 'claim.setNotes', claimId: second, notes: 'Ben on instance 2' } as Command);
    await waitFor(() => ben.state.claims[first]?.notes === 'Anna on instance 1' && anna.state.claims[second]?.notes === 'Ben on instance 2', 10_000, 'edits to cross instances');
    await Promise.all([anna.settled(), ben.settled()]);
    expect(anna.state.claims).toEqual(ben.state.claims);
  });

  it('closes a revoked analyst\'s connection on another instance too', async (ctx) => {
    if (skipWhenMissing(ctx)) return;
    const carl = replica('carl', emptyLike(seed));
    carl.connect(two.server.url);
    await carl.synced();
    const revoked = await call(one.server.url, one.server.adminToken, 'POST', '/admin/revoke', { analyst: 'carl' });
    expect(revoked.status).toBe(200);
    // Instance 2 rechecks its open connections every 5 s.
    await waitFor(() => carl.refusals.includes('token revoked'), 8_000, 'instance 2 to close Carl\'s connection');
    expect(two.logLines.some((line) => line.includes('closed carl\'s connection'))).toBe(true);
    carl.disconnect();
  });

  it('loses no acknowledged edit when an instance is killed (SIGKILL) while an analyst writes', async (ctx) => {
    if (skipWhenMissing(ctx)) return;
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'corroborate-team-killed-'));
    const doomed = await spawnServe(['--data', dataDir, '--postgres', postgres!.url, '--redis', redis!.url]);
    anna.disconnect();
    anna.connect(doomed.url);
    await anna.synced();

    const claimIds = Object.keys(seed.claims);
    const acknowledged: string[] = [];
    const made: string[] = [];
    for (let i = 0; i < 40; i++) {
      const note = `edit ${i} by Anna`;
      anna.run({ type: 'claim.setNotes', claimId: claimIds[i % claimIds.length]!, notes: note } as Command);
      made.push(note);
      await new Promise((resolve) => setTimeout(resolve, 15));
      if (anna.acknowledged) acknowledged.splice(0, acknowledged.length, ...made);
      if (i === 25) await doomed.stop('SIGKILL');
    }
    expect(doomed.child.signalCode).toBe('SIGKILL');
    expect(acknowledged.length).toBeGreaterThan(0);
    rmSync(dataDir, { recursive: true, force: true });

    // Anna's app reconnects, to the instance still running.
    anna.disconnect();
    anna.connect(two.server.url);
    await anna.settled();
    const expected = anna.state.claims;
    await waitFor(() => isDeepStrictEqual(ben.state.claims, expected), 10_000, 'Ben to hold every edit');
    const notes = new Set(Object.values(ben.state.claims).map((claim) => claim.notes));
    const lastOfEach = new Map<string, string>();
    made.forEach((note, i) => lastOfEach.set(claimIds[i % claimIds.length]!, note));
    for (const note of lastOfEach.values()) expect(notes.has(note)).toBe(true);

    // And it is stored: a new instance, with no client that remembers, gives a fresh replica all of it.
    for (const r of replicas) r.disconnect();
    await one.stop();
    await two.stop();
    const three = await instance();
    const reading = await freshReading(three.server.url);
    expect(reading.problems).toEqual([]);
    expect(reading.state.claims).toEqual(expected);
    for (const note of acknowledged) {
      const claimId = claimIds[made.indexOf(note) % claimIds.length]!;
      if (lastOfEach.get(claimId) === note) expect(reading.state.claims[claimId]?.notes).toBe(note);
    }
  });
});
