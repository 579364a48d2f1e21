/**
 * The embedded team server (SQLite in a folder, one process) with two
 * analysts' replicas over real WebSockets: the whole casefile reaches a new
 * replica, each edit reaches the other, and everything survives a restart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Command } from '../../../shared/commands/commands';
import { emptyCasefile } from '../../../shared/model/casefile';
import type { Casefile } from '../../../shared/model/schema';
import { smallCasefile } from '../../support/random-commands';
import { call, fetchTexts, setUpTeam, startTestServer, TeamReplica, testClock, uploadTexts, waitFor, type Team, type TestServer } from '../../support/team-server';

let server: TestServer;
let team: Team;
const tick = testClock();
const seed = smallCasefile(11);
const replicas: TeamReplica[] = [];

function emptyLike(casefile: Casefile): Casefile {
  return emptyCasefile({ id: casefile.meta.id, title: '', analyst: '', now: casefile.meta.createdAt });
}

function replica(analystId: string, start: Casefile): TeamReplica {
  const made = new TeamReplica(analystId, team.tokens[analystId]!, team.documentName, start, tick);
  replicas.push(made);
  return made;
}

beforeAll(async () => {
  server = await startTestServer();
  team = await setUpTeam(server.server.url, server.server.adminToken!, seed.meta.id, { anna: 'owner', ben: 'editor' });
});

afterAll(async () => {
  for (const made of replicas) made.disconnect();
  await server.remove();
});

describe('the embedded team server', () => {
  let anna: TeamReplica;
  let ben: TeamReplica;

  it('prints an admin token on the first start and gives a new replica the whole published casefile', async () => {
    expect(server.server.adminToken).toMatch(/^ct_/);
    anna = replica('anna', seed);
    anna.seed(seed);
    await uploadTexts(server.server.url, team.tokens.anna!, seed);
    anna.connect(server.server.url);
    await anna.settled();

    ben = replica('ben', emptyLike(seed));
    ben.connect(server.server.url);
    await ben.synced();
    await fetchTexts(server.server.url, team.tokens.ben!, ben);
    ben.materialise();
    expect(ben.problems).toEqual([]);
    expect(ben.state.claims).toEqual(anna.state.claims);
    expect(ben.state.articles).toEqual(anna.state.articles);
    expect(ben.state.propositions).toEqual(anna.state.propositions);
  });

  it('shows each analyst the other\'s edits as they are made', async () => {
    const [first, second] = Object.keys(anna.state.claims) as [string, string];
    anna.run({ type: 'claim.setNotes', claimId: first, notes: 'Anna: checked with the ministry' } as Command);
    await waitFor(() => ben.state.claims[first]?.notes === 'Anna: checked with the ministry', 5_000, 'Anna\'s note at Ben');
    ben.run({ type: 'claim.setNotes', claimId: second, notes: 'Ben: second source found' } as Command);
    await waitFor(() => anna.state.claims[second]?.notes === 'Ben: second source found', 5_000, 'Ben\'s note at Anna');
    await Promise.all([anna.settled(), ben.settled()]);
    expect(anna.state.claims).toEqual(ben.state.claims);
    expect(server.logLines.filter((line) => line.startsWith('refused'))).toEqual([]);
  });

  it('lists the casefile for both analysts with their roles', async () => {
    const listed = await call<{ casefileId: string; role: string }[]>(server.server.url, team.tokens.ben!, 'GET', '/api/casefiles');
    expect(listed.body).toEqual([{ team: 'desk', casefileId: seed.meta.id, title: 'Drones', role: 'editor' }]);
    const me = await call(server.server.url, team.tokens.anna!, 'GET', '/api/me');
    expect(me.body).toEqual({ analystId: 'anna', name: 'ANNA', teams: ['desk'] });
  });

  it('keeps documents, analysts and tokens across a restart', async () => {
    const expected = anna.state.claims;
    for (const made of replicas) made.disconnect();
    await server.stop();
    const again = await startTestServer({ dataDir: server.dataDir });
    server = { ...again, remove: again.remove };
    expect(again.server.adminToken).toBeNull();

    const fresh = replica('ben', emptyLike(seed));
    fresh.connect(again.server.url);
    await fresh.synced();
    await fetchTexts(again.server.url, team.tokens.ben!, fresh);
    fresh.materialise();
    expect(fresh.problems).toEqual([]);
    expect(fresh.state.claims).toEqual(expected);
  });
});
