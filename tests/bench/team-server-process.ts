/**
 * The team server for the load bench, in a process of its own so that its
 * memory is its own: the bench forks itself with `TEAM_SERVER_FLAG`, the
 * child starts `startTeamServer` and reports its address over IPC. The peak
 * memory is the child's high-water mark of resident memory (Linux `VmHWM`).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { startTeamServer } from '../../electron/services/team-server/index';

export const TEAM_SERVER_FLAG = '--bench-team-server';

interface Started {
  url: string;
  adminToken: string;
}

export interface ServerProcess extends Started {
  pid: number;
  /** The server's peak resident memory so far, in bytes (0 where the system does not say). */
  peakRss(): number;
  stop(): Promise<void>;
}

/** Runs in the child: starts the server in `dataDir` and stops it on SIGTERM. */
export async function runTeamServerChild(dataDir: string): Promise<void> {
  const log = (line: string) => void (line.includes('refused') && process.stderr.write(`team server: ${line}\n`));
  const server = await startTeamServer({ dataDir, log });
  if (!server.adminToken) throw new Error(`${dataDir} is not a new data folder`);
  process.send?.({ url: server.url, adminToken: server.adminToken } satisfies Started);
  process.once('SIGTERM', () => void server.close().then(() => process.exit(0)));
}

/** Starts the server process (with `--cpu-prof` when BENCH_TEAM_SERVER_PROFILE names a folder). */
export async function startServerProcess(dataDir: string): Promise<ServerProcess> {
  const profile = process.env.BENCH_TEAM_SERVER_PROFILE;
  const execArgv = [...process.execArgv, ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [])];
  const child = fork(process.argv[1]!, [TEAM_SERVER_FLAG, dataDir], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const started = await new Promise<Started>((resolve, reject) => {
    child.once('message', (message) => resolve(message as Started));
    child.once('exit', (code) => reject(new Error(`the team server exited (${code}) before it started`)));
  });
  return { ...started, pid: child.pid ?? 0, peakRss: () => peakRssOf(child), stop: () => stopChild(child) };
}

function peakRssOf(child: ChildProcess): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
