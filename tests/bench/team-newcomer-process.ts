/**
 * The initial sync of a new analyst in a process of its own, as an app that
 * opens a team casefile for the first time does it: a fresh Node process,
 * nothing else in its heap, `receiveCasefile` once (cold). In the bench
 * process the same sync shares the heap with the publishing analyst's
 * document and casefile, which makes its garbage collection costlier than
 * an app's (the bench reports that figure too).
 *
 * What it is compared with is measured the same way: the casefile's file
 * opened once in a fresh process (the validator compiled first, as in an
 * app that has opened a large casefile before). Like with like: opened in
 * the bench process, which holds the generated casefile and the publisher's
 * document, the same file takes longer (1.8 s against 1.3 s here), which
 * made the ratio look better than it is.
 *
 * An analyst's app opening a shared casefile again is timed the same way
 * (`reopenInFreshProcess`): for a shared casefile, that is opening it from
 * disk in the app.
 *
 *   bench → child  { kind: 'sync', url, token, team, casefileId, casefileCreatedAt } | { kind: 'open' | 'reopen', file }
 *   child → bench  { ms, phases, claims, problems } | { ms } | { ms, phases, patches }, then exits
 */
import { fork } from 'node:child_process';
import * as Y from 'yjs';
import { emptyCasefile } from '../../shared/model/casefile';
import { SharedCasefile } from '../../shared/sync/shared-casefile';
import { prepareFastValidation, FAST_VALIDATION_MIN_CHARS } from '../../electron/services/casefile/fast-validate';
import { loadCasefile } from '../../electron/services/casefile/store';
import { loadDocument, takeInStep } from '../../electron/services/team/local-document';
import { receiveCasefile, type ReceivedCasefile } from '../../electron/services/team/receive-casefile';
import { TeamServerClient } from '../../electron/services/team/server-client';

export const TEAM_NEWCOMER_FLAG = '--bench-team-newcomer';

export interface NewcomerJob {
  kind: 'sync';
  url: string;
  analystId: string;
  token: string;
  team: string;
  casefileId: string;
  casefileCreatedAt: string;
}

export interface NewcomerResult {
  ms: number;
  phases: ReceivedCasefile['phases'];
  claims: number;
  problems: string[];
}

interface OpenJob {
  kind: 'open';
  file: string;
}

interface ReopenJob {
  kind: 'reopen';
  /** A shared casefile's file, with its shared document in its team folder beside it. */
  file: string;
}

export interface ReopenResult {
  ms: number;
  phases: { file: number; document: number; catchUp: number };
  /** Patches the catch-up found (none: the file was saved in step with the document). */
  patches: number;
  /** The file was known to be saved in step with the document: no catch-up. */
  inStep: boolean;
}

/**
 * Opens a shared casefile from disk once in a fresh process, as the app
 * does when an analyst opens it again (TeamService.resume): the casefile's
 * file, its shared document, then the catch-up on every record unless the
 * file was saved in step with the document (in-step.json, as on closing).
 */
export function reopenInFreshProcess(file: string): Promise<ReopenResult> {
  return inFreshProcess<ReopenResult>({ kind: 'reopen', file });
}

/** Opens the casefile file `file` once in a fresh process, as loadCasefile does; its milliseconds. */
export async function openInFreshProcess(file: string): Promise<number> {
  return (await inFreshProcess<{ ms: number }>({ kind: 'open', file })).ms;
}

/** The initial sync, as a new analyst's app makes it, in a fresh process. */
export function syncInFreshProcess(job: Omit<NewcomerJob, 'kind'>): Promise<NewcomerResult> {
  return inFreshProcess<NewcomerResult>({ kind: 'sync', ...job });
}

/** Forks the bench as a newcomer, hands it `job`, and gives what it measured. */
function inFreshProcess<Result>(job: NewcomerJob | OpenJob | ReopenJob): Promise<Result> {
  // BENCH_TEAM_NEWCOMER_PROFILE=dir: a CPU profile of this process (the server's is BENCH_TEAM_SERVER_PROFILE).
  const profile = process.env.BENCH_TEAM_NEWCOMER_PROFILE;
  const execArgv = [...process.execArgv, ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [])];
  const child = fork(process.argv[1]!, [TEAM_NEWCOMER_FLAG], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', (result: Result) => resolve(result));
    child.once('exit', (code) => reject(new Error(`the newcomer process exited (${code}) without a result`)));
    child.once('error', reject);
    child.send(job);
  });
}

/** In the forked process: one initial sync, timed as the bench times it in its own process. */
export function runNewcomerChild(): Promise<void> {
  return new Promise((resolve) => {
    process.once('message', (job: NewcomerJob | OpenJob | ReopenJob) => {
      void (job.kind === 'open' ? open(job) : job.kind === 'reopen' ? reopen(job) : sync(job)).then((result) => process.send!(result, () => {
        resolve();
        process.exit(0);
      }));
    });
  });
}

async function sync(job: NewcomerJob): Promise<NewcomerResult> {
  const shared = new SharedCasefile(new Y.Doc(), { analystId: job.analystId, analystName: job.analystId.toUpperCase(), deviceId: `${job.analystId}-newcomer` });
  const base = emptyCasefile({ id: job.casefileId, title: '', analyst: '', now: job.casefileCreatedAt });
  const t0 = performance.now();
  const received = await receiveCasefile({ client: new TeamServerClient(job.url, job.token), token: job.token, team: job.team, casefileId: job.casefileId, shared, base, timeoutMs: 600_000 });
  const ms = performance.now() - t0;
  return { ms, phases: received.phases, claims: Object.keys(received.caught.state.claims).length, problems: received.caught.problems.slice(0, 3) };
}

async function open(job: OpenJob): Promise<{ ms: number }> {
  await prepareFastValidation(FAST_VALIDATION_MIN_CHARS);
  const t0 = performance.now();
  await loadCasefile(job.file);
  return { ms: performance.now() - t0 };
}

async function reopen(job: ReopenJob): Promise<ReopenResult> {
  await prepareFastValidation(FAST_VALIDATION_MIN_CHARS);
  const t0 = performance.now();
  const { casefile, fingerprint } = await loadCasefile(job.file);
  const t1 = performance.now();
  const shared = new SharedCasefile(new Y.Doc(), { analystId: 'reopener', analystName: 'REOPENER', deviceId: 'reopener-laptop' });
  if (!(await loadDocument(job.file, shared.doc, 'disk'))) throw new Error('no shared document beside the casefile');
  const t2 = performance.now();
  // As TeamLink.catchUpOnOpening: skipped when the file was saved in step with this document (in-step.json).
  const inStep = await takeInStep(job.file, fingerprint.hash, shared.doc);
  const patches = inStep ? 0 : shared.catchUp(casefile, { refs: shared.allRefs(), auditChanged: true }, () => undefined).patches.length;
  const t3 = performance.now();
  return { ms: t3 - t0, phases: { file: t1 - t0, document: t2 - t1, catchUp: t3 - t2 }, patches, inStep };
}
