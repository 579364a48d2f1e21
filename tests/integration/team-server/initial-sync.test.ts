/**
 * Opening a shared casefile on a new computer (docs/team-sync.md, "Opening a
 * shared casefile"): the stored document read over HTTP before connecting,
 * and the article texts read in batches. Who may read the document is who may
 * open its sync connection; texts are checked against their hashes; a
 * replica started from the stored document converges with the others.
 */
import { readdirSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { replayPatches } from '../../../shared/commands/apply';
import type { Command } from '../../../shared/commands/commands';
import { emptyCasefile } from '../../../shared/model/casefile';
import type { Casefile } from '../../../shared/model/schema';
import { SharedCasefile } from '../../../shared/sync/shared-casefile';
import { textHash } from '../../../shared/text/hash';
import { DOCUMENTS_FOLDER } from '../../../electron/services/team-server/document-files';
import { MAX_BATCH_TEXTS } from '../../../electron/services/team-server/http-api';
import { receiveCasefile } from '../../../electron/services/team/receive-casefile';
import { TeamServerClient } from '../../../electron/services/team/server-client';
import { smallCasefile } from '../../support/random-commands';
import { call, setUpTeam, startTestServer, TeamReplica, testClock, uploadTexts, waitFor, type Team, type TestServer } from '../../support/team-server';

let server: TestServer;
let team: Team;
let url: string;
let adminToken: string;
const tick = testClock();
const seed = smallCasefile(23);
const replicas: TeamReplica[] = [];
let anna: TeamReplica;

function emptyLike(casefile: Casefile): Casefile {
  return emptyCasefile({ id: casefile.meta.id, title: '', analyst: '', now: casefile.meta.createdAt });
}

const documentRoute = () => `/api/documents/${team.team}/${team.casefileId}`;

beforeAll(async () => {
  server = await startTestServer();
  url = server.server.url;
  adminToken = server.server.adminToken!;
  team = await setUpTeam(url, adminToken, seed.meta.id, { anna: 'owner', ben: 'editor', carl: 'reviewer', dora: 'editor', eve: 'editor' });
  // Fred is in the team with no role on this casefile; he owns another one.
  const fred = await call<{ token: string }>(url, adminToken, 'POST', '/admin/analysts', { id: 'fred', name: 'Fred', team: team.team });
  team.tokens.fred = fred.body.token;
  expect((await call(url, team.tokens.fred, 'POST', '/api/casefiles', { team: team.team, casefileId: 'freds-own', title: 'Fred' })).status).toBe(201);
  anna = new TeamReplica('anna', team.tokens.anna!, team.documentName, seed, tick);
  replicas.push(anna);
  anna.seed(seed);
  anna.connect(url);
  await anna.settled();
  await uploadTexts(url, team.tokens.anna!, seed);
  // Edits after the publish: in the stored log, after the published state.
  const [first, second] = Object.keys(seed.claims);
  anna.run({ type: 'claim.setNotes', claimId: first!, notes: 'Anna: checked with the ministry' } as Command);
  anna.run({ type: 'claim.setNotes', claimId: second!, notes: 'Anna: a second look' } as Command);
  await anna.settled();
});

afterAll(async () => {
  for (const made of replicas) made.disconnect();
  await server.remove();
});

describe('the stored document over HTTP', () => {
  it('is read exactly by whoever may open the sync connection: a valid token, a role on this casefile (reviewers too)', async () => {
    expect((await call(url, null, 'GET', documentRoute())).status).toBe(401);
    expect((await call(url, 'ct_not-a-real-token', 'GET', documentRoute())).status).toBe(401);
    // In the team, no role on this casefile; a role on another casefile does not help either way.
    expect((await call(url, team.tokens.fred!, 'GET', documentRoute())).status).toBe(403);
    expect((await call(url, team.tokens.ben!, 'GET', `/api/documents/${team.team}/freds-own`)).status).toBe(403);
    expect((await call(url, team.tokens.ben!, 'GET', `/api/documents/${team.team}/no-such-casefile`)).status).toBe(403);
    expect((await call(url, team.tokens.ben!, 'GET', `/api/documents/other-team/${team.casefileId}`)).status).toBe(403);
    expect(server.logLines.some((line) => line.startsWith(`refused to send ${team.documentName}: no role`))).toBe(true);
    for (const reader of ['ben', 'carl']) {
      const stored = await new TeamServerClient(url, team.tokens[reader]!).storedDocument(team.team, team.casefileId);
      const doc = new Y.Doc();
      for (const update of stored!) Y.applyUpdate(doc, update);
      expect(doc.getMap('versions').size).toBe(anna.doc.getMap('versions').size);
      expect(Y.encodeStateVector(doc)).toEqual(Y.encodeStateVector(anna.doc));
    }
  });

  it('refuses a revoked token, and the client says why', async () => {
    const eve = new TeamServerClient(url, team.tokens.eve!);
    expect(await eve.storedDocument(team.team, team.casefileId)).not.toBeNull();
    expect((await call(url, adminToken, 'POST', '/admin/revoke', { analyst: 'eve' })).status).toBe(200);
    expect((await call(url, team.tokens.eve!, 'GET', documentRoute())).status).toBe(401);
    await expect(eve.storedDocument(team.team, team.casefileId)).rejects.toMatchObject({ code: 'team-refused' });
    await expect(receiveCasefile({ client: eve, token: team.tokens.eve!, team: team.team, casefileId: team.casefileId, shared: new SharedCasefile(new Y.Doc(), { analystId: 'eve', analystName: 'EVE', deviceId: 'eve-laptop' }), base: emptyLike(seed) }))
      .rejects.toMatchObject({ code: 'team-refused' });
  });
});

describe('article texts in batches', () => {
  const hashes = () => Object.values(seed.articles).map((article) => article.textHash);

  it('answers each text under its hash, lists the missing, and refuses without a valid token', async () => {
    const absent = 'f'.repeat(64);
    const reply = await call<{ texts: Record<string, string>; missing: string[]; more: string[] }>(url, team.tokens.ben!, 'POST', '/api/texts/batch', { hashes: [...hashes(), absent] });
    expect(reply.status).toBe(200);
    expect(Object.keys(reply.body.texts).sort()).toEqual([...hashes()].sort());
    for (const [hash, text] of Object.entries(reply.body.texts)) expect(textHash(text)).toBe(hash);
    expect(reply.body.missing).toEqual([absent]);
    expect(reply.body.more).toEqual([]);
    expect((await call(url, null, 'POST', '/api/texts/batch', { hashes: hashes() })).status).toBe(401);
    expect((await call(url, team.tokens.eve!, 'POST', '/api/texts/batch', { hashes: hashes() })).status).toBe(401);
    const texts = await new TeamServerClient(url, team.tokens.ben!).getTexts([...hashes(), absent]);
    expect(texts.size).toBe(hashes().length);
    for (const article of Object.values(seed.articles)) expect(texts.get(article.textHash)).toBe(article.text);
  });

  it('refuses an oversized batch: too many hashes, a body over the limit, names that are not hashes', async () => {
    const many = Array.from({ length: MAX_BATCH_TEXTS + 1 }, (_, i) => i.toString(16).padStart(64, '0'));
    expect((await call(url, team.tokens.ben!, 'POST', '/api/texts/batch', { hashes: many })).status).toBe(400);
    expect((await call(url, team.tokens.ben!, 'POST', '/api/texts/batch', { hashes: hashes(), padding: 'x'.repeat(70_000) })).status).toBe(413);
    expect((await call(url, team.tokens.ben!, 'POST', '/api/texts/batch', { hashes: ['../team.sqlite'] })).status).toBe(400);
    expect((await call(url, team.tokens.ben!, 'POST', '/api/texts/batch', { hashes: [] })).status).toBe(400);
  });

  it('answers at most about 32 MB of texts at once and lists the rest to ask again; the client asks again', async () => {
    const big = ['a', 'b'].map((letter) => letter.repeat(17 * 1024 * 1024));
    for (const text of big) expect((await call(url, team.tokens.anna!, 'PUT', `/api/texts/${textHash(text)}`, text)).status).toBe(201);
    const wanted = big.map(textHash);
    const reply = await call<{ texts: Record<string, string>; missing: string[]; more: string[] }>(url, team.tokens.ben!, 'POST', '/api/texts/batch', { hashes: wanted });
    expect(Object.keys(reply.body.texts)).toEqual([wanted[0]]);
    expect(reply.body.more).toEqual([wanted[1]]);
    // The app's client takes texts up to 16 MB: these are larger than any article, so it keeps neither.
    expect((await new TeamServerClient(url, team.tokens.ben!).getTexts(wanted)).size).toBe(0);
  });
});

describe('through a reverse proxy that sends answers chunked (no Content-Length)', () => {
  it('reads the stored document and the texts all the same', async () => {
    const proxy = createServer((request, response) => {
      const upstream = httpRequest(`${url}${request.url}`, { method: request.method, headers: request.headers }, (answer) => {
        const headers = { ...answer.headers };
        delete headers['content-length'];
        response.writeHead(answer.statusCode ?? 502, headers);
        answer.pipe(response);
      });
      request.pipe(upstream);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    try {
      const client = new TeamServerClient(`http://127.0.0.1:${(proxy.address() as AddressInfo).port}`, team.tokens.ben!);
      const stored = await client.storedDocument(team.team, team.casefileId);
      const doc = new Y.Doc();
      for (const update of stored!) Y.applyUpdate(doc, update);
      expect(Y.encodeStateVector(doc)).toEqual(Y.encodeStateVector(anna.doc));
      const texts = await client.getTexts(Object.values(seed.articles).map((article) => article.textHash));
      for (const article of Object.values(seed.articles)) expect(texts.get(article.textHash)).toBe(article.text);
    } finally {
      await new Promise((resolve) => proxy.close(resolve));
    }
  });
});

describe('a compacted document', () => {
  it('is sent with its snapshot streamed from the file, and reads back as the same document', async () => {
    // Twenty-five notes of 190,000 characters: a log over 4 MB, which the server folds into a snapshot.
    const claim = Object.keys(seed.claims)[4]!;
    for (let i = 0; i < 25; i++) anna.run({ type: 'claim.setNotes', claimId: claim, notes: `${i % 10}`.repeat(190_000) } as Command);
    await anna.settled();
    const folder = path.join(server.dataDir, DOCUMENTS_FOLDER);
    await waitFor(() => readdirSync(folder).some((name) => readdirSync(path.join(folder, name)).some((file) => file.startsWith('snapshot.'))), 30_000, 'a snapshot');
    const stored = await new TeamServerClient(url, team.tokens.carl!).storedDocument(team.team, team.casefileId);
    // The snapshot holds the last note only; the updates logged after it are sent as they are.
    expect(stored![0]!.length).toBeGreaterThan(190_000);
    const doc = new Y.Doc();
    for (const update of stored!) Y.applyUpdate(doc, update);
    expect(Y.encodeStateVector(doc)).toEqual(Y.encodeStateVector(anna.doc));
    expect(Y.encodeStateAsUpdate(doc)).toEqual(Y.encodeStateAsUpdate(anna.doc));
  });
});

describe('a replica started from the stored document', () => {
  it('converges with the others, and its casefile is the one materialised the usual way', async () => {
    const ben = new TeamReplica('ben', team.tokens.ben!, team.documentName, emptyLike(seed), tick);
    replicas.push(ben);
    const client = new TeamServerClient(url, team.tokens.ben!);
    const received = await receiveCasefile({ client, token: team.tokens.ben!, team: team.team, casefileId: team.casefileId, shared: ben.shared, base: emptyLike(seed) });
    expect(received.caught.problems).toEqual([]);
    expect(received.texts.size).toBe(Object.keys(seed.articles).length);
    ben.state = replayPatches(emptyLike(seed), received.caught.patches);
    expect(ben.state).toEqual(received.caught.state);
    for (const [hash, text] of received.texts) ben.texts.set(hash, text);
    expect(ben.state).toEqual(anna.state);
    ben.connect(url);
    await ben.synced();

    // Dora opens it the way a connection alone does.
    const dora = new TeamReplica('dora', team.tokens.dora!, team.documentName, emptyLike(seed), tick);
    replicas.push(dora);
    for (const article of Object.values(seed.articles)) dora.texts.set(article.textHash, article.text);
    dora.connect(url);
    await dora.synced();
    dora.materialise();

    const claims = Object.keys(seed.claims);
    ben.run({ type: 'claim.setNotes', claimId: claims[2]!, notes: 'Ben: from the stored copy' } as Command);
    anna.run({ type: 'claim.setNotes', claimId: claims[3]!, notes: 'Anna: meanwhile' } as Command);
    dora.run({ type: 'claim.setNotes', claimId: claims[2]!, notes: 'Dora: same claim, later' } as Command);
    await Promise.all([ben.settled(), anna.settled(), dora.settled()]);
    const noted = (replica: TeamReplica) => [claims[2]!, claims[3]!].map((id) => replica.state.claims[id]?.notes).join('|');
    await waitFor(() => noted(ben) === noted(anna) && noted(dora) === noted(anna) && noted(anna) === 'Dora: same claim, later|Anna: meanwhile', 10_000, 'the three replicas to converge');
    for (const other of [anna, dora]) {
      expect(ben.state.claims).toEqual(other.state.claims);
      expect(ben.state.articles).toEqual(other.state.articles);
      expect(ben.state.propositions).toEqual(other.state.propositions);
      expect(ben.state.sources).toEqual(other.state.sources);
    }
    expect(ben.state.claims[claims[2]!]!.notes).toBe('Dora: same claim, later');
    expect(anna.state.claims[claims[3]!]!.notes).toBe('Anna: meanwhile');
    expect(Y.encodeStateVector(ben.doc)).toEqual(Y.encodeStateVector(anna.doc));
    // Ben's judgment is kept beside Dora's.
    expect(ben.shared.versionOf(`claims/${claims[2]!}/ben`)?.fields.notes).toBe('Ben: from the stored copy');
    expect([...ben.problems, ...anna.problems, ...dora.problems]).toEqual([]);
  });
});
