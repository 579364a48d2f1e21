/**
 * Team server tests: a real server in a temp folder, its admin and analyst
 * HTTP calls, and analysts' replicas that talk to it through the Hocuspocus
 * provider over a real WebSocket (ws in Node), each keeping a casefile in
 * step with the shared document through SharedCasefile, as the app does.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import type { Patch } from 'immer';
import * as Y from 'yjs';
import { QuietWebSocket } from '../../electron/services/team/connection';
import { applyCommand, replayPatches } from '../../shared/commands/apply';
import type { Command } from '../../shared/commands/commands';
import { emptyCasefile } from '../../shared/model/casefile';
import type { Casefile } from '../../shared/model/schema';
import { SharedCasefile, type RemoteChange } from '../../shared/sync/shared-casefile';
import { textHash } from '../../shared/text/hash';
import { startTeamServer, type TeamServer, type TeamServerOptions } from '../../electron/services/team-server/index';
import { REPO_ROOT } from './web-host';

export interface TestServer {
  server: TeamServer;
  dataDir: string;
  logLines: string[];
  /** Stops the server (the data folder stays until `remove`). */
  stop(): Promise<void>;
  remove(): Promise<void>;
}

export async function startTestServer(options: Partial<TeamServerOptions> = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'corroborate-team-'));
  const logLines: string[] = [];
  const server = await startTeamServer({ ...options, dataDir, log: (line) => logLines.push(line) });
  let stopped = false;
  const stop = async () => {
    if (!stopped) await server.close();
    stopped = true;
  };
  return { server, dataDir, logLines, stop, remove: async () => { await stop(); rmSync(dataDir, { recursive: true, force: true }); } };
}

export interface Reply<T = unknown> {
  status: number;
  body: T;
}

/** One HTTP call with a bearer token; the body is JSON unless it is a string. */
export async function call<T = Record<string, unknown>>(url: string, token: string | null, method: string, route: string, body?: unknown): Promise<Reply<T>> {
  const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
  const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  if (payload !== undefined) headers['Content-Type'] = typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json';
  const response = await fetch(`${url}${route}`, { method, headers, body: payload });
  const text = await response.text();
  const isJson = (response.headers.get('content-type') ?? '').startsWith('application/json');
  return { status: response.status, body: (isJson ? JSON.parse(text) : text) as T };
}

export interface Team {
  team: string;
  casefileId: string;
  documentName: string;
  tokens: Record<string, string>;
}

/**
 * Team "desk" with the given analysts (the first publishes the casefile and
 * owns it; the others get the roles given, editor by default).
 */
export async function setUpTeam(url: string, adminToken: string, casefileId: string, analysts: Record<string, 'owner' | 'editor' | 'reviewer'>): Promise<Team> {
  const team = 'desk';
  const expectStatus = (reply: Reply, status: number, what: string) => {
    if (reply.status !== status) throw new Error(`${what}: ${reply.status} ${JSON.stringify(reply.body)}`);
  };
  const created = await call(url, adminToken, 'POST', '/admin/teams', { id: team, name: 'News desk' });
  if (created.status !== 409) expectStatus(created, 201, 'add team');
  const tokens: Record<string, string> = {};
  for (const id of Object.keys(analysts)) {
    const reply = await call<{ token: string }>(url, adminToken, 'POST', '/admin/analysts', { id, name: id.toUpperCase(), team });
    expectStatus(reply, 201, `add analyst ${id}`);
    tokens[id] = reply.body.token;
  }
  const [owner, ...others] = Object.keys(analysts) as [string, ...string[]];
  expectStatus(await call(url, tokens[owner]!, 'POST', '/api/casefiles', { team, casefileId, title: 'Drones' }), 201, 'publish');
  for (const id of others) {
    expectStatus(await call(url, tokens[owner]!, 'POST', `/api/casefiles/${team}/${casefileId}/roles`, { analyst: id, role: analysts[id] }), 200, `share with ${id}`);
  }
  return { team, casefileId, documentName: `${team}/${casefileId}`, tokens };
}

/** An analyst's app: a casefile kept in step with the shared document on the server. */
export class TeamReplica {
  readonly doc = new Y.Doc();
  readonly shared: SharedCasefile;
  readonly refusals: string[] = [];
  readonly problems: string[] = [];
  readonly texts = new Map<string, string>();
  authFailure: string | null = null;
  state: Casefile;
  private socket: HocuspocusProviderWebsocket | null = null;
  private provider: HocuspocusProvider | null = null;

  constructor(readonly analystId: string, private readonly token: string, private readonly documentName: string, start: Casefile, tick: () => number) {
    this.shared = new SharedCasefile(this.doc, { analystId, analystName: analystId.toUpperCase(), deviceId: `${analystId}-laptop`, now: tick });
    this.state = start;
    this.shared.onRemoteChange((change) => this.catchUp(change));
  }

  /** Connects to a server (again, after `disconnect`, possibly to another instance). */
  connect(url: string): void {
    this.socket = new HocuspocusProviderWebsocket({ url: `${url.replace(/^http/, 'ws')}/sync`, WebSocketPolyfill: QuietWebSocket, delay: 50, minDelay: 50, maxDelay: 300, factor: 1.5, jitter: false, messageReconnectTimeout: 10_000 });
    this.provider = new HocuspocusProvider({ websocketProvider: this.socket, name: this.documentName, document: this.doc, token: this.token });
    this.provider.on('stateless', ({ payload }: { payload: string }) => {
      const message = JSON.parse(payload) as { refused?: string };
      if (message.refused) this.refusals.push(message.refused);
    });
    this.provider.on('authenticationFailed', ({ reason }: { reason: string }) => (this.authFailure = reason));
    this.provider.attach();
  }

  disconnect(): void {
    this.provider?.destroy();
    this.socket?.destroy();
    this.provider = null;
    this.socket = null;
  }

  get connected(): boolean {
    return !!this.provider?.isSynced && this.provider.isAuthenticated;
  }

  /** True once the server has acknowledged every local change. */
  get acknowledged(): boolean {
    return !!this.provider && this.provider.isSynced && !this.provider.hasUnsyncedChanges;
  }

  async synced(timeoutMs = 10_000): Promise<void> {
    await waitFor(() => this.connected, timeoutMs, `${this.analystId} to sync`);
  }

  async settled(timeoutMs = 10_000): Promise<void> {
    await waitFor(() => this.acknowledged, timeoutMs, `${this.analystId}'s changes to be acknowledged`);
  }

  /** Publishes the casefile as this analyst's versions. */
  seed(casefile: Casefile): void {
    for (const article of Object.values(casefile.articles)) this.texts.set(article.textHash, article.text);
    this.settle(casefile, this.shared.seed(casefile));
  }

  run(command: Command): void {
    const before = this.state;
    const applied = applyCommand(before, command, { name: this.analystId.toUpperCase(), now: '2026-12-06T08:00:00.000Z' });
    this.settle(applied.state, this.shared.recordChange(before, applied.state, applied.patches));
  }

  /** Rebuilds the casefile from the shared document (after fetching missing texts). */
  materialise(): void {
    const base = emptyCasefile({ id: this.state.meta.id, title: '', analyst: '', now: this.state.meta.createdAt });
    const caught = this.shared.materialise(base, (hash) => this.texts.get(hash));
    this.problems.push(...caught.problems);
    this.state = replayPatches(base, caught.patches);
  }

  private settle(state: Casefile, written: RemoteChange): void {
    const caught = this.shared.catchUp(state, written, (hash) => this.texts.get(hash));
    this.state = replayPatches(state, caught.patches as Patch[]);
  }

  private catchUp(change: RemoteChange): void {
    const caught = this.shared.catchUp(this.state, change, (hash) => this.texts.get(hash));
    this.problems.push(...caught.problems);
    this.state = replayPatches(this.state, caught.patches);
  }
}

/** Uploads the casefile's article texts to the server's text store. */
export async function uploadTexts(url: string, token: string, casefile: Casefile): Promise<void> {
  for (const article of Object.values(casefile.articles)) {
    const reply = await call(url, token, 'PUT', `/api/texts/${article.textHash}`, article.text);
    if (reply.status !== 201) throw new Error(`upload text: ${reply.status}`);
  }
}

/** Fetches the texts the replica's document names and it lacks. */
export async function fetchTexts(url: string, token: string, replica: TeamReplica): Promise<void> {
  for (const key of replica.shared.versions.keys()) {
    const hash = replica.shared.versionOf(key)?.fields.textHash;
    if (typeof hash !== 'string' || replica.texts.has(hash)) continue;
    const reply = await call<string>(url, token, 'GET', `/api/texts/${hash}`);
    if (reply.status === 200 && textHash(reply.body) === hash) replica.texts.set(hash, reply.body);
  }
}

export async function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A clock for stamps shared by a test's replicas: strictly increasing. */
export function testClock(): () => number {
  let now = 1_765_000_000_000;
  return () => (now += 5);
}

/** The built command line (run `npm run build` first). */
export const CLI = path.join(REPO_ROOT, 'dist-electron', 'cli.cjs');

export interface ServeProcess {
  child: ChildProcess;
  url: string;
  adminToken: string | null;
  stderr: () => string;
  /** SIGTERM (a clean stop) or SIGKILL; resolves once the process has exited. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** `corroborate serve …` as a child process, once it has printed its address. */
export async function spawnServe(args: string[], env: Record<string, string> = {}): Promise<ServeProcess> {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await Promise.race([
    waitFor(() => stdout.includes('Stop with Ctrl+C.'), 30_000, 'corroborate serve to start'),
    exited.then(() => { throw new Error(`corroborate serve exited: ${stderr}`); }),
  ]);
  return {
    child,
    url: /Team server at (\S+)/.exec(stdout)![1]!,
    adminToken: /Admin token[^:]*: (ct_\S+)/.exec(stdout)?.[1] ?? null,
    stderr: () => stderr,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

/** `corroborate …` run to its end. */
export function runCli(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}
