/**
 * The initial sync of a new analyst in a process of its own, as an app that
 * opens a team casefile for the first time does it: a fresh Node process,
 * nothing else in its heap, `receiveCasefile` once (cold). In the bench
 * process the same sync shares the heap with the publishing analyst's
 * document and casefile, which makes its garbage collection costlier than
 * an app's (the bench reports that figure too).
 *
 *   bench → child  { url, token, team, casefileId, casefileCreatedAt }
 *   child → bench  { ms, phases, claims, problems }, then exits
 */
import { fork } from 'node:child_process';
import * as Y from 'yjs';
import { emptyCasefile } from '../../shared/model/casefile';
import { SharedCasefile } from '../../shared/sync/shared-casefile';
import { receiveCasefile, type ReceivedCasefile } from '../../electron/services/team/receive-casefile';
import { TeamServerClient } from '../../electron/services/team/server-client';

export const TEAM_NEWCOMER_FLAG = '--bench-team-newcomer';

export interface NewcomerJob {
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

/** Forks the bench as a newcomer, hands it `job`, and gives what it measured. */
export function syncInFreshProcess(job: NewcomerJob): Promise<NewcomerResult> {
  // BENCH_TEAM_NEWCOMER_PROFILE=dir: a CPU profile of this process (the server's is BENCH_TEAM_SERVER_PROFILE).
  const profile = process.env.BENCH_TEAM_NEWCOMER_PROFILE;
  const execArgv = [...process.execArgv, ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [])];
  const child = fork(process.argv[1]!, [TEAM_NEWCOMER_FLAG], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', (result: NewcomerResult) => resolve(result));
    child.once('exit', (code) => reject(new Error(`the newcomer process exited (${code}) without a result`)));
    child.once('error', reject);
    child.send(job);
  });
}

/** In the forked process: one initial sync, timed as the bench times it in its own process. */
export function runNewcomerChild(): Promise<void> {
  return new Promise((resolve) => {
    process.once('message', (job: NewcomerJob) => {
      void sync(job).then((result) => process.send!(result, () => {
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
