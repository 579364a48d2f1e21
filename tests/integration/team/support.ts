/**
 * Two (or three) analysts' apps against a real team server in tests: each a
 * real backend (API handlers, casefile sessions on real files in its own
 * temp workspace), the server started by startTeamServer on a temp folder.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { OpenedCasefile } from '../../../shared/api/contract';
import type { TeamStatus } from '../../../shared/api/team';
import type { Command } from '../../../shared/commands/commands';
import type { Casefile } from '../../../shared/model/schema';
import { startTeamServer } from '../../../electron/services/team-server/index';
import { testBackend, type TestBackend } from '../../support/backend';

export type TeamServer = Awaited<ReturnType<typeof startTeamServer>>;

export interface Analyst extends TestBackend {
  id: string;
  token: string;
  sessionId: string;
  casefile: () => Casefile;
  run: (command: Command) => Promise<void>;
  undo: () => Promise<void>;
  team: () => TeamStatus;
  setOnline: (online: boolean) => Promise<void>;
}

/** A team server on a new data folder (or `dataDir` and `port` again, for a restart). */
export async function startServer(again?: { dataDir: string; port: number; adminToken: string }):
  Promise<TeamServer & { admin: (call: string, body: unknown) => Promise<unknown>; log: string[]; dataDir: string }> {
  const log: string[] = [];
  const dataDir = again?.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'corroborate-team-server-'));
  const started = await startTeamServer({ dataDir, port: again?.port, log: (line) => log.push(line) });
  const server = { ...started, adminToken: started.adminToken ?? again?.adminToken ?? null };
  const admin = async (call: string, body: unknown) => {
    const response = await fetch(`${server.url}/admin/${call}`, {
      method: 'POST', headers: { Authorization: `Bearer ${server.adminToken}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`admin ${call}: ${response.status} ${await response.text()}`);
    return response.json() as Promise<unknown>;
  };
  return { ...server, admin, log, dataDir };
}

export interface TeamForFile {
  server: () => Awaited<ReturnType<typeof startServer>>;
  tokens: () => Record<string, string>;
  /** The analysts' apps a test opened: their casefiles are closed after each test. */
  opened: Analyst[];
}

/** For a test file: a team server with the team `desk` of analysts `ids`, started before its tests and closed after. */
export function teamForFile(ids: string[]): TeamForFile {
  let server: Awaited<ReturnType<typeof startServer>> | null = null;
  let tokens: Record<string, string> = {};
  const opened: Analyst[] = [];
  beforeAll(async () => {
    server = await startServer();
    tokens = await teamOf(server, ids);
  });
  afterAll(async () => {
    await server?.close();
  });
  afterEach(async () => {
    for (const a of opened.splice(0)) await a.backend.sessions.close(a.sessionId).catch(() => undefined);
  });
  return { server: () => server!, tokens: () => tokens, opened };
}

/** A team `desk` with analysts by id (their display name is the id, capitalised). */
export async function teamOf(server: Awaited<ReturnType<typeof startServer>>, ids: string[]): Promise<Record<string, string>> {
  await server.admin('teams', { id: 'desk', name: 'Desk' });
  const tokens: Record<string, string> = {};
  for (const id of ids) tokens[id] = ((await server.admin('analysts', { id, name: capitalise(id), team: 'desk' })) as { token: string }).token;
  return tokens;
}

export async function grant(server: Awaited<ReturnType<typeof startServer>>, casefileId: string, analyst: string, role: 'editor' | 'reviewer' | 'owner' = 'editor'): Promise<void> {
  await server.admin('roles', { team: 'desk', casefileId, analyst, role });
}

/** An analyst's app with `opened` as its open casefile. */
export function analystOf(t: TestBackend, id: string, token: string, opened: OpenedCasefile): Analyst {
  const session = () => t.backend.sessions.get(opened.sessionId);
  return {
    ...t, id, token, sessionId: opened.sessionId,
    casefile: () => session().casefile,
    run: async (command) => {
      await t.call('applyCommand', { sessionId: opened.sessionId, revision: session().status().revision, command });
    },
    undo: async () => {
      await t.call('undo', { sessionId: opened.sessionId, revision: session().status().revision });
    },
    team: () => t.backend.team.status(opened.sessionId)!,
    setOnline: async (online) => {
      await t.call('setTeamOnline', { sessionId: opened.sessionId, online });
    },
  };
}

export async function analystBackend(id: string): Promise<TestBackend> {
  return testBackend(`corroborate-team-${id}-`, capitalise(id));
}

/** Waits until `check` passes (it throws until then). */
export async function eventually(check: () => void, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/** What two replicas must agree on: every record and the casefile's own parts (saving times aside). */
export function sharedPart(cf: Casefile): unknown {
  const { meta, taxonomy, assessmentScale, outlets, articles, claims, sources, propositions, rootJudgements, copyFlags, reviews } = cf;
  const { modifiedAt: _m, analysts: _a, ...metaRest } = meta;
  return { meta: metaRest, taxonomy, assessmentScale, outlets, articles, claims, sources, propositions, rootJudgements, copyFlags, reviews };
}

export async function converged(a: Analyst, b: Analyst): Promise<void> {
  await eventually(() => expect(sharedPart(a.casefile())).toEqual(sharedPart(b.casefile())));
}

function capitalise(id: string): string {
  return id.charAt(0).toUpperCase() + id.slice(1);
}

/**
 * Dana shares `start` (its own `meta.id`) on the team `desk`; Ben, an editor,
 * opens it from the link. Both are added to `opened` (to close after each test)
 * and have converged. Gives the link too. With `benVia`, Ben reaches the
 * server at that address instead (a relay in front of it).
 */
export async function sharePair(server: Awaited<ReturnType<typeof startServer>>, tokens: Record<string, string>, start: Casefile, opened: Analyst[], benVia?: string):
  Promise<{ dana: Analyst; ben: Analyst; link: string }> {
  const danaApp = await analystBackend('dana');
  const danaOpened = await danaApp.backend.sessions.createFrom(start);
  const dana = analystOf(danaApp, 'dana', tokens.dana!, danaOpened);
  opened.push(dana);
  const shared = (await danaApp.call('shareCasefile', { sessionId: danaOpened.sessionId, serverUrl: server.url, token: tokens.dana, team: 'desk' })) as TeamStatus;
  await grant(server, start.meta.id, 'ben');
  const benApp = await analystBackend('ben');
  const link = benVia ? shared.link.replace(server.url, benVia) : shared.link;
  const benOpened = (await benApp.call('openTeamCasefile', { link, token: tokens.ben })) as OpenedCasefile;
  const ben = analystOf(benApp, 'ben', tokens.ben!, benOpened);
  opened.push(ben);
  await converged(dana, ben);
  return { dana, ben, link: shared.link };
}
