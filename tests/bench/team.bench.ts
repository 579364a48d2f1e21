/**
 * Issue 18, team sync under load, on loopback: the team server in its own
 * process (tests/bench/team-server-process.ts) and 20 simulated analysts
 * (tests/bench/team-client.ts) on the large benchmark casefile: one, which
 * also keeps a casefile in step, in the bench process, the others in
 * BENCH_TEAM_PROCESSES (4) processes of their own
 * (tests/bench/team-analysts-process.ts), so that the clients keep up; the
 * CPU of every process and the edits made per second are reported with the
 * latencies.
 * - the initial sync of the large casefile at a new analyst (connect, fetch
 *   the article texts, materialise the casefile) against opening its file
 *   from disk (read, parse, validate): target ≤ 2×, both measured in fresh
 *   processes, as a new analyst's app and an analyst's app
 *   (team-newcomer-process.ts); reported too as the sync runs in the bench
 *   process beside the publisher's document;
 * - 1,000 edits by each analyst: the time for an edit to reach the other
 *   analysts' documents, p50 and p95 (target p95 ≤ 200 ms), and to reach one
 *   analyst's casefile (catch-up and replayPatches included);
 * - the server's peak resident memory.
 * BENCH_TEAM_SCALE, BENCH_TEAM_ANALYSTS, BENCH_TEAM_EDITS make it smaller;
 * BENCH_TEAM_SYNC_ONLY=1 stops after the initial sync.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { adoptPatched } from '../../shared/commands/apply';
import { emptyCasefile } from '../../shared/model/casefile';
import type { Casefile } from '../../shared/model/schema';
import type { RecordRef } from '../../shared/sync/keys';
import { loadCasefile } from '../../electron/services/casefile/store';
import { saveDocument, writeInStep } from '../../electron/services/team/local-document';
import { receiveCasefile } from '../../electron/services/team/receive-casefile';
import { TeamServerClient } from '../../electron/services/team/server-client';
import { CatchUpPacer } from '../../electron/services/team/catch-up-pacing';
import { generateCasefile, SCALES } from '../support/generate';
import { call, setUpTeam, waitFor, type Team } from '../support/team-server';
import { median, type BenchModule, type Figure } from './harness';
import { AnalystsProcess, benchClock, benchNow, cpuMsOf, editLoop, parseEditNotes, peakRssOf } from './team-analysts-process';
import { BenchClient } from './team-client';
import { startServerProcess, type ServerProcess } from './team-server-process';
import { openInFreshProcess, reopenInFreshProcess, syncInFreshProcess, type ReopenResult } from './team-newcomer-process';

const SCALE = SCALES[(process.env.BENCH_TEAM_SCALE ?? 'large') as keyof typeof SCALES];
const ANALYSTS = Number(process.env.BENCH_TEAM_ANALYSTS ?? 20);
const EDITS = Number(process.env.BENCH_TEAM_EDITS ?? 1_000);
/**
 * Edits each analyst makes first, at the same pace, that are not measured
 * (BENCH_TEAM_WARMUP, 0 for none). The first seconds of edits were slow in
 * most runs at both scales (large: p95 0.3–0.6 s in the first 1–4 s with
 * paced catch-ups, up to 1.8 s over 10 s before), also after a 20 s pause
 * following setup (BENCH_TEAM_SETTLE_MS): it is the start of the edits (code
 * still cold in every process), not what setup leaves behind.
 */
const WARMUP = Number(process.env.BENCH_TEAM_WARMUP ?? 50);
/** A pause between the last analyst connecting and the first edit (BENCH_TEAM_SETTLE_MS, default none). */
const SETTLE_MS = Number(process.env.BENCH_TEAM_SETTLE_MS ?? 0);
/** Analysts other than the follower run in this many processes of their own (BENCH_TEAM_PROCESSES). */
const PROCESSES = Math.max(1, Number(process.env.BENCH_TEAM_PROCESSES ?? 4));
/** BENCH_TEAM_SYNC_ONLY=1: stop after the initial sync (to study it alone). */
const SYNC_ONLY = process.env.BENCH_TEAM_SYNC_ONLY === '1';
/** Each analyst's pace: an edit every 100 ms on average, 200 edits a second from the team. */
const EDIT_INTERVAL_MS = 100;
const TARGETS = { p95Ms: 200, syncRatio: 2 };
const AREA = 'team';

export const teamBench: BenchModule = async (report) => {
  const casefile = generateCasefile(SCALE);
  const workspace = mkdtempSync(path.join(os.tmpdir(), 'corroborate-team-bench-'));
  const clients: BenchClient[] = [];
  const processes: AnalystsProcess[] = [];
  const server = await startServerProcess(path.join(workspace, 'server'));
  try {
    const openMs = await openFromDisk(casefile, workspace);
    const team = await setUpTeam(server.url, server.adminToken, casefile.meta.id, roles(ANALYSTS));
    const clock = benchClock();
    const client = (i: number) => clients[clients.push(new BenchClient(analystId(i), team.tokens[analystId(i)]!, team.documentName, clock)) - 1]!;
    const owner = client(0);
    await publish(report, server, team, owner, casefile);
    const follower = await initialSync(report, server, team, client(1), casefile, openMs, workspace);
    if (SYNC_ONLY) return;
    // The publisher's copy leaves this process: a00 edits from an analysts process, as the others.
    owner.disconnect();
    clients.splice(clients.indexOf(owner), 1);
    const seats = Array.from({ length: ANALYSTS }, (_, i) => i).filter((i) => i !== 1).map((index) => ({ index, id: analystId(index), token: team.tokens[analystId(index)]! }));
    const profile = process.env.BENCH_TEAM_ANALYSTS_PROFILE;
    for (let p = 0; p < Math.min(PROCESSES, seats.length); p++) {
      processes.push(new AnalystsProcess(seats.filter((_, k) => k % PROCESSES === p), p === 0 && profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : []));
    }
    for (const analysts of processes) await analysts.connect(server.url, team.documentName);
    await editUnderLoad(report, follower, processes, server, casefile);
    report(figure(`team server's peak memory (${ANALYSTS} analysts, ${SCALE.name} casefile)`, server.peakRss() / 2 ** 20, 'MB'));
  } finally {
    for (const c of clients) c.disconnect();
    await Promise.all(processes.map((analysts) => analysts.stop()));
    await server.stop();
    rmSync(workspace, { recursive: true, force: true });
  }
};

function inSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

function figure(name: string, value: number, unit: Figure['unit'], target?: { text: string; ok: boolean }): Figure {
  return { area: AREA, name, scale: SCALE.name, value, unit, ...(target ? { target: target.text, ok: target.ok } : {}) };
}

function analystId(i: number): string {
  return `a${String(i).padStart(2, '0')}`;
}

function roles(count: number): Record<string, 'owner' | 'editor'> {
  return Object.fromEntries(Array.from({ length: count }, (_, i) => [analystId(i), i === 0 ? 'owner' : 'editor'] as const));
}

function casefileFile(workspace: string): string {
  return path.join(workspace, 'bench-large.corroborate');
}

/** Opening the casefile's file as the app does (read, parse, validate): the second of two opens, the validator compiled. */
async function openFromDisk(casefile: Casefile, workspace: string): Promise<number> {
  const file = casefileFile(workspace);
  writeFileSync(file, JSON.stringify(casefile));
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    await loadCasefile(file);
    times.push(performance.now() - t0);
  }
  return median(times.slice(1));
}

async function publish(report: (f: Figure) => void, server: ServerProcess, team: Team, owner: BenchClient, casefile: Casefile): Promise<void> {
  const t0 = performance.now();
  owner.shared.seed(casefile);
  await owner.connect(server.url);
  await waitFor(() => owner.acknowledged, 600_000, 'the published casefile to be stored');
  const seconds = (performance.now() - t0) / 1000;
  await uploadTexts(server.url, team.tokens[owner.analystId]!, casefile);
  report(figure('publish the casefile (seed, send, acknowledged)', seconds, 's'));
}

/**
 * A new analyst opens the casefile from the server as the app's *Open from
 * team server* does (receiveCasefile): the stored document, the first sync,
 * the texts in batches, materialising. Then the analyst connects to edit.
 */
async function initialSync(report: (f: Figure) => void, server: ServerProcess, team: Team, reader: BenchClient, casefile: Casefile, openMs: number, workspace: string): Promise<Follower> {
  const token = team.tokens[reader.analystId]!;
  // A new analyst's app: the sync in a fresh process (the target's figure), then the same in this process for the follower.
  const fresh = await syncInFreshProcess({ url: server.url, analystId: reader.analystId, token, team: team.team, casefileId: team.casefileId, casefileCreatedAt: casefile.meta.createdAt });
  if (fresh.problems.length) throw new Error(`initial sync in its own process: ${fresh.problems.join('; ')}`);
  if (fresh.claims !== Object.keys(casefile.claims).length) throw new Error('initial sync in its own process: claims missing');
  report(figure(`initial sync in a process of its own, as a new analyst's app (receive ${inSeconds(fresh.phases.receive)}, texts ${inSeconds(fresh.phases.texts)}, materialise ${inSeconds(fresh.phases.materialise)})`, fresh.ms, 'ms'));
  const freshOpens: number[] = [];
  for (let i = 0; i < 3; i++) freshOpens.push(await openInFreshProcess(casefileFile(workspace)));
  const freshOpenMs = median(freshOpens);
  report(figure(`opening the casefile's file in a process of its own, as an analyst's app (median of 3: ${freshOpens.map(inSeconds).join(', ')})`, freshOpenMs, 'ms'));
  const ratio = fresh.ms / freshOpenMs;
  report(figure(`initial sync of the casefile in a process of its own (${(fresh.ms / 1000).toFixed(1)} s) ÷ opening its file in one (${(freshOpenMs / 1000).toFixed(1)} s)`, ratio, 'ratio', { text: `≤ ${TARGETS.syncRatio}×`, ok: ratio <= TARGETS.syncRatio }));
  report(figure(`… the same ÷ opening the file again in a process that has opened it before (${(openMs / 1000).toFixed(1)} s)`, fresh.ms / openMs, 'ratio'));
  const base = emptyCasefile({ id: casefile.meta.id, title: '', analyst: '', now: casefile.meta.createdAt });
  const t0 = performance.now();
  const received = await receiveCasefile({ client: new TeamServerClient(server.url, token), token, team: team.team, casefileId: team.casefileId, shared: reader.shared, base, timeoutMs: 600_000 });
  const ms = performance.now() - t0;
  const opened = received.caught;
  if (opened.problems.length) throw new Error(`initial sync: ${opened.problems.slice(0, 3).join('; ')}`);
  if (Object.keys(opened.state.claims).length !== Object.keys(casefile.claims).length) throw new Error('initial sync: claims missing');
  report(figure('initial sync: receive the document (stored copy, then the first sync)', received.phases.receive, 'ms'));
  report(figure('initial sync: fetch article texts', received.phases.texts, 'ms'));
  report(figure('initial sync: materialise the casefile', received.phases.materialise, 'ms'));
  report(figure(`initial sync of the casefile in the bench process, beside the publisher's document (${(ms / 1000).toFixed(1)} s) ÷ opening its file (${(openMs / 1000).toFixed(1)} s)`, ms / openMs, 'ratio'));
  // The file opened again now, in the same process state as the sync (the publishing analyst's document and casefile held too).
  const openNowMs = await openFromDisk(casefile, workspace);
  report(figure(`… the same ÷ opening the file again just after the sync, with the same heap (${(openNowMs / 1000).toFixed(1)} s)`, ms / openNowMs, 'ratio'));
  await reopenFigures(report, opened.state, reader, workspace, fresh.ms);
  await reader.connect(server.url);
  return new Follower(reader, opened.state, received.texts);
}

/**
 * The new analyst's copy as the app keeps it (the casefile's file, its shared
 * document beside it), opened again in a fresh process as the app opens a
 * shared casefile from disk (median of 3): after the app closed it in step
 * (in-step.json beside it, as TeamLink.close writes it), and without that
 * (after a crash, or with changes not caught up), which catches up on every
 * record.
 */
async function reopenFigures(report: (f: Figure) => void, state: Casefile, reader: BenchClient, workspace: string, syncMs: number): Promise<void> {
  const file = path.join(workspace, 'shared-large.corroborate');
  writeFileSync(file, JSON.stringify(state));
  await saveDocument(file, reader.shared.doc);
  const fileHash = createHash('sha256').update(readFileSync(file)).digest('hex');
  for (const closedInStep of [true, false]) {
    const runs: ReopenResult[] = [];
    for (let i = 0; i < 3; i++) {
      if (closedInStep) await writeInStep(file, fileHash, reader.shared.doc);
      runs.push(await reopenInFreshProcess(file));
    }
    if (runs.some((run) => run.patches !== 0 || run.inStep !== closedInStep)) throw new Error('reopening the shared casefile: not as saved');
    const run = runs.slice().sort((a, b) => a.ms - b.ms)[1]!;
    const how = closedInStep ? 'after the app closed it in step' : 'catching up on every record (after a crash)';
    report(figure(`opening the shared casefile again from disk in a process of its own, ${how} (median of 3: file ${inSeconds(run.phases.file)}, shared document ${inSeconds(run.phases.document)}, catching up ${inSeconds(run.phases.catchUp)})`, run.ms, 'ms'));
    report(figure(`initial sync in a process of its own ÷ opening the shared casefile again from disk, ${how} (${(run.ms / 1000).toFixed(1)} s)`, syncMs / run.ms, 'ratio'));
  }
}

async function uploadTexts(url: string, token: string, casefile: Casefile): Promise<void> {
  await inParallel(Object.values(casefile.articles), 16, async (article) => {
    const reply = await retried(() => call(url, token, 'PUT', `/api/texts/${article.textHash}`, article.text));
    if (reply.status !== 201 && reply.status !== 200) throw new Error(`upload text: ${reply.status}`);
  });
}

/**
 * A request tried again when the connection fails: a kept-alive socket the
 * server closed after 5 s idle (its keep-alive timeout, easily reached while it
 * is busy on a loaded machine) fails the next request sent on it.
 */
async function retried<T>(request: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await request();
    } catch (error) {
      if (attempt >= attempts || !(error instanceof TypeError)) throw error;
    }
  }
}

async function inParallel<T>(items: readonly T[], width: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++]!);
  };
  await Promise.all(Array.from({ length: width }, worker));
}

/** One analyst keeping the whole casefile in step as the app does, catching up on what arrived since the last catch-up. */
class Follower {
  private pending = new Map<string, RecordRef>();
  /** Paced as the app paces its catch-ups (TeamLink, catch-up-pacing.ts). */
  private readonly catchUps = new CatchUpPacer(() => this.catchUp());
  /** Called with the claims whose notes changed in the casefile. */
  onNotes: (notes: string) => void = () => undefined;

  constructor(readonly client: BenchClient, public state: Casefile, private readonly texts: Map<string, string>) {
    client.shared.onRemoteChange((change) => {
      for (const ref of change.refs) this.pending.set(`${ref.collection}/${ref.id}`, ref);
      this.catchUps.schedule();
    });
  }

  private catchUp(): void {
    const refs = [...this.pending.values()];
    this.pending.clear();
    const caught = this.client.shared.catchUp(this.state, { refs, auditChanged: false }, (hash) => this.texts.get(hash));
    // As the app's session takes a catch-up (TeamLink → CasefileSession.receive): the casefile computed, linked by its patches.
    this.state = adoptPatched(this.state, caught.state, caught.patches);
    for (const ref of refs) if (ref.collection === 'claims') this.onNotes(this.state.claims[ref.id]?.notes ?? '');
  }
}

/**
 * Every analyst edits at once: the follower (a01) here, the others in the
 * analysts processes. An edit's time to reach another analyst is its arrival
 * there less its sending, both on `benchNow`'s clock.
 */
async function editUnderLoad(report: (f: Figure) => void, follower: Follower, processes: AnalystsProcess[], server: ServerProcess, casefile: Casefile): Promise<void> {
  const own = follower.client;
  const ownIndex = 1;
  const arrivals: number[] = [];
  const ownSent: number[] = [];
  const ownLate: number[] = [];
  let lastArrival = 0;
  own.onRemoteNotes((notes) => {
    const edit = parseEditNotes(notes);
    if (!edit) return;
    lastArrival = benchNow();
    arrivals.push(edit[0], edit[1], lastArrival);
  });
  const casefileArrivals: number[] = [];
  follower.onNotes = (notes) => {
    const edit = parseEditNotes(notes);
    if (edit) casefileArrivals.push(edit[0], edit[1], benchNow());
  };
  const claims = Object.values(casefile.claims);
  const analysts = 1 + processes.reduce((sum, p) => sum + p.seats.length, 0);
  const expected = analysts * (WARMUP + EDITS) * (analysts - 1);
  const at = benchNow() + 1_000 + SETTLE_MS;
  for (const p of processes) p.start(at, WARMUP + EDITS, EDIT_INTERVAL_MS);
  await new Promise((resolve) => setTimeout(resolve, at - benchNow()));
  const cpuAtStart = { bench: cpuMsOf(process.pid), server: cpuMsOf(server.pid) };
  const progress = setInterval(() => {
    const edited = ownSent.length + processes.reduce((sum, p) => sum + p.edited, 0);
    const received = arrivals.length / 3 + processes.reduce((sum, p) => sum + p.received, 0);
    process.stderr.write(`    ${((benchNow() - at) / 1000).toFixed(0)} s: ${edited} edits made, ${received} of ${expected} deliveries\n`);
  }, 10_000);
  try {
    await editLoop(own, ownIndex, (random) => claims[Math.floor(random * claims.length)]!, at, WARMUP + EDITS, EDIT_INTERVAL_MS, ownSent, ownLate);
    const delivered = () => arrivals.length / 3 + processes.reduce((sum, p) => sum + p.received, 0) >= expected;
    const complete = await waitFor(delivered, 300_000, 'every edit at every other analyst').then(() => true, () => false);
    const cpu = { bench: cpuMsOf(process.pid) - cpuAtStart.bench, server: cpuMsOf(server.pid) - cpuAtStart.server };
    const results = await Promise.all(processes.map((p) => p.finish()));
    const sent = new Map<number, number[]>([[ownIndex, ownSent]]);
    for (const result of results) for (const [index, times] of result.sent) sent.set(index, times);
    // Measured: the edits after the warm-up.
    const latencies = (triples: readonly number[]) => {
      const out: number[] = [];
      for (let i = 0; i < triples.length; i += 3) {
        if (triples[i + 1]! < WARMUP) continue;
        const at0 = sent.get(triples[i]!)?.[triples[i + 1]!];
        if (at0 !== undefined) out.push(triples[i + 2]! - at0);
      }
      return out.sort((a, b) => a - b);
    };
    const toDocuments = latencies([...arrivals, ...results.flatMap((r) => r.arrivals)]);
    if (process.env.BENCH_TEAM_DUMP) dumpArrivals(process.env.BENCH_TEAM_DUMP, at, sent, [arrivals, ...results.map((r) => r.arrivals)]);
    const last = Math.max(lastArrival, ...results.map((r) => at + r.spanMs));
    const seconds = (last - at) / 1000;
    const lastSent = Math.max(...[...sent.values()].map((times) => Math.max(...times)));
    const madePerSecond = (analysts * (WARMUP + EDITS)) / ((lastSent - at) / 1000);
    const scheduled = analysts * (1000 / EDIT_INTERVAL_MS);
    if (!complete) report(figure('share of edit deliveries that arrived within 5 minutes of the last edit (the rest is missing from the figures below)', toDocuments.length / (analysts * EDITS * (analysts - 1)), 'ratio', { text: '1', ok: false }));
    const p95 = percentile(toDocuments, 0.95);
    const warm = WARMUP ? ` after ${WARMUP} unmeasured ones` : '';
    report(figure(`${analysts} analysts × ${EDITS} edits${warm} (${(analysts * (WARMUP + EDITS) / seconds).toFixed(0)} edits/s): all delivered in`, seconds, 's'));
    const late = [ownLate, ...results.map((r) => r.late)].flat().sort((a, b) => a - b);
    report(figure(`edits made per second (${scheduled} scheduled), in ${processes.length} analysts processes and the bench; sent behind their schedule p50 ${percentile(late, 0.5).toFixed(0)} ms, p95 ${percentile(late, 0.95).toFixed(0)} ms`, madePerSecond, 'count'));
    report(figure('an edit reaching the other analysts\' documents, p50', percentile(toDocuments, 0.5), 'ms'));
    report(figure('an edit reaching the other analysts\' documents, p95', p95, 'ms', { text: `≤ ${TARGETS.p95Ms} ms`, ok: p95 <= TARGETS.p95Ms }));
    // Where the tail is: at the bare clients of the analysts processes, at the follower (whose process also keeps a
    // casefile in step, as the app does), and for the edits the follower sent.
    const fromFollower = (triples: readonly number[]) => triples.filter((_, i) => triples[i - (i % 3)] === ownIndex);
    const atProcesses = latencies(results.flatMap((r) => r.arrivals));
    const atFollower = latencies(arrivals);
    const sentByFollower = latencies(fromFollower(results.flatMap((r) => r.arrivals)));
    const p50p95 = (sorted: readonly number[]) => `${percentile(sorted, 0.5).toFixed(0)} / ${percentile(sorted, 0.95).toFixed(0)} ms`;
    report(figure(`… of which at the analysts processes' documents, p95 (p50 / p95: ${p50p95(atProcesses)}; at the follower's document ${p50p95(atFollower)}; the follower's edits at the others ${p50p95(sentByFollower)})`, percentile(atProcesses, 0.95), 'ms'));
    const atCasefile = latencies(casefileArrivals);
    report(figure('an edit reaching another analyst\'s casefile (catch-up included), p50', percentile(atCasefile, 0.5), 'ms'));
    report(figure('an edit reaching another analyst\'s casefile (catch-up included), p95', percentile(atCasefile, 0.95), 'ms'));
    // Whether the clients kept up: each process's CPU (share of one core) from the first edit until the last arrived there.
    const span = last - at;
    report(figure(`team server: CPU during the edits, share of a core (${(span / 1000).toFixed(0)} s)`, cpu.server / span, 'ratio'));
    report(figure(`bench process (a01, keeping its casefile in step): CPU share of a core (edits sent behind schedule p95 ${percentile([...ownLate].sort((a, b) => a - b), 0.95).toFixed(0)} ms)`, cpu.bench / span, 'ratio'));
    processes.forEach((p, k) => {
      const result = results[k]!;
      const [, p99, max] = result.loopDelayMs;
      const lateHere = [...result.late].sort((a, b) => a - b);
      report(figure(`analysts process ${k + 1} (${p.seats.length} analysts): CPU share of a core (edits sent behind schedule p95 ${percentile(lateHere, 0.95).toFixed(0)} ms; event loop delay p99 ${p99.toFixed(0)} ms, max ${max.toFixed(0)} ms; peak memory ${(peakRssOf(p.pid) / 2 ** 30).toFixed(1)} GB)`, result.cpuMs / result.spanMs, 'ratio'));
    });
  } finally {
    clearInterval(progress);
  }
}

/** BENCH_TEAM_DUMP=file: every delivery as CSV (receiving process, 0 the bench; sender; edit; sent and arrived in ms from the start), to see when the slow ones happen. */
function dumpArrivals(file: string, at: number, sent: ReadonlyMap<number, readonly number[]>, byProcess: readonly (readonly number[])[]): void {
  const lines = ['process,sender,edit,sent,arrived'];
  byProcess.forEach((triples, p) => {
    for (let i = 0; i < triples.length; i += 3) {
      const sentAt = sent.get(triples[i]!)?.[triples[i + 1]!];
      if (sentAt !== undefined) lines.push(`${p},${triples[i]},${triples[i + 1]},${(sentAt - at).toFixed(1)},${(triples[i + 2]! - at).toFixed(1)}`);
    }
  });
  writeFileSync(file, `${lines.join('\n')}\n`);
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]! : Number.NaN;
}
