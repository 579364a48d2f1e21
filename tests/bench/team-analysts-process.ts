/**
 * Simulated analysts for the team-sync load bench in processes of their own,
 * so that no one process holds every analyst's copy of the document on one
 * thread (the bench then measured its own queueing, not the sync). The bench
 * forks itself with `TEAM_ANALYSTS_FLAG`; each child runs a few analysts
 * (`BenchClient`s) and talks to the bench over IPC:
 *
 *   bench → child  { type: 'connect', url, documentName, analysts }   child → bench { type: 'connected' }
 *   bench → child  { type: 'start', at, edits, intervalMs }           child → bench { type: 'progress', edited, received } (each second)
 *   bench → child  { type: 'finish' }                                 child → bench { type: 'result', … }
 *
 * Every time is on one clock, `benchNow()` (the wall clock in ms with
 * fractions: `performance.timeOrigin + performance.now()`), so an edit sent in
 * one process and received in another is timed across them.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Claim } from '../../shared/model/schema';
import { BenchClient } from './team-client';

export const TEAM_ANALYSTS_FLAG = '--bench-team-analysts';

/** The one clock of the bench's processes, in ms. */
export function benchNow(): number {
  return performance.timeOrigin + performance.now();
}

/** Stamps' clock for one process's analysts: strictly increasing. */
export function benchClock(): () => number {
  let last = 0;
  return () => (last = Math.max(last + 1, Date.now()));
}

export interface AnalystSeat {
  /** The analyst's index in the team: `a<index>` and the seed of their edits. */
  index: number;
  id: string;
  token: string;
}

/** Notes written by an edit: who and which edit, so an arrival names its edit. */
export function editNotes(index: number, n: number): string {
  return `bench a${String(index).padStart(2, '0')} #${n}`;
}

const NOTES = /^bench a(\d+) #(\d+)$/;

/** The analyst index and edit number of notes written by `editNotes`, or null. */
export function parseEditNotes(notes: string): [number, number] | null {
  const match = NOTES.exec(notes);
  return match ? [Number(match[1]), Number(match[2])] : null;
}

/**
 * Edits by one analyst from `at` on, at random times (on average one per
 * `intervalMs`), each a new note on a random claim; `sent` gets each edit's
 * time. The times are set in advance (a fixed schedule): a process that falls
 * behind sends its late edits at once instead of slowing the team's pace, so
 * the latencies are not flattered by a slower rate; `late` gets how late each
 * edit was sent.
 */
export async function editLoop(client: BenchClient, index: number, claimOf: (random: number) => Claim, at: number, edits: number, intervalMs: number, sent: number[], late: number[]): Promise<void> {
  let seed = index + 1;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  let due = at;
  for (let n = 0; n < edits; n++) {
    due += intervalMs * (0.5 + random());
    const wait = due - benchNow();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const claim = claimOf(random());
    const now = benchNow();
    sent[n] = now;
    late.push(now - due);
    client.setNotes(claim, editNotes(index, n));
  }
}

/** CPU time of a process so far, in ms (user and system, from /proc; 0 where the system does not say). */
export function cpuMsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of stat, in clock ticks (100 a second on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

/** Peak resident memory of a process, in bytes (Linux `VmHWM`; 0 where the system does not say). */
export function peakRssOf(pid: number): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

interface ConnectMessage {
  type: 'connect';
  url: string;
  documentName: string;
  analysts: AnalystSeat[];
}

interface StartMessage {
  type: 'start';
  /** When the edits begin, on `benchNow`'s clock. */
  at: number;
  edits: number;
  intervalMs: number;
}

type ToChild = ConnectMessage | StartMessage | { type: 'finish' };

export interface ChildResult {
  type: 'result';
  /** Per analyst of this process: `[index, times each edit was sent]`. */
  sent: [number, number[]][];
  /** Flat triples: the sending analyst's index, the edit number, when it reached one of this process's analysts. */
  arrivals: number[];
  /** CPU time of this process from the start of the edits until the last one arrived here, in ms. */
  cpuMs: number;
  /** That span, in ms. */
  spanMs: number;
  /** The event loop's delay during it: p50, p99, max in ms. */
  loopDelayMs: [number, number, number];
  /** How late this process's edits were sent against their schedule, in ms. */
  late: number[];
}

type FromChild = { type: 'connected' } | { type: 'progress'; edited: number; received: number } | ChildResult;

/** Runs in the child: analysts as the bench asks, until it disconnects. */
export function runAnalystsChild(): Promise<void> {
  const clients: BenchClient[] = [];
  const seats: AnalystSeat[] = [];
  const sent: number[][] = [];
  const late: number[] = [];
  const arrivals: number[] = [];
  let edited = 0;
  let lastArrival = 0;
  let startCpu = 0;
  let startAt = 0;
  let progress: NodeJS.Timeout | null = null;
  const delay = monitorEventLoopDelay({ resolution: 10 });
  const send = (message: FromChild) => process.send?.(message);
  const handle = async (message: ToChild) => {
    if (message.type === 'connect') {
      const clock = benchClock();
      for (const seat of message.analysts) {
        const client = new BenchClient(seat.id, seat.token, message.documentName, clock);
        clients.push(client);
        seats.push(seat);
        sent.push([]);
        client.onRemoteNotes((notes) => {
          const edit = parseEditNotes(notes);
          if (!edit) return;
          lastArrival = benchNow();
          arrivals.push(edit[0], edit[1], lastArrival);
        });
        await client.connect(message.url);
      }
      send({ type: 'connected' });
    } else if (message.type === 'start') {
      const claimIds = claimIdsOf(clients[0]!);
      const claimOf = (client: BenchClient) => (random: number) => claimOf1(client, claimIds[Math.floor(random * claimIds.length)]!);
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, message.at - benchNow())));
      startAt = message.at;
      startCpu = cpuMsOf(process.pid);
      delay.enable();
      progress = setInterval(() => send({ type: 'progress', edited, received: arrivals.length / 3 }), 1_000);
      await Promise.all(clients.map((client, i) => editLoop(client, seats[i]!.index, claimOf(client), message.at, message.edits, message.intervalMs, sent[i]!, late)));
    } else {
      delay.disable();
      if (progress) clearInterval(progress);
      const end = Math.max(lastArrival, startAt);
      const result: ChildResult = {
        type: 'result',
        sent: seats.map((seat, i) => [seat.index, sent[i]!]),
        arrivals,
        cpuMs: cpuMsOf(process.pid) - startCpu,
        spanMs: end - startAt,
        loopDelayMs: [delay.percentile(50) / 1e6, delay.percentile(99) / 1e6, delay.max / 1e6],
        late,
      };
      send(result);
    }
  };
  // Counts edits as they are made, for the progress the bench shows.
  const counting = setInterval(() => (edited = sent.reduce((sum, times) => sum + times.length, 0)), 200);
  counting.unref();
  process.on('message', (message: ToChild) => {
    handle(message).catch((error: unknown) => {
      process.stderr.write(`analysts process: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    });
  });
  return new Promise((resolve) => {
    process.once('disconnect', () => {
      for (const client of clients) client.disconnect();
      resolve();
      process.exit(0);
    });
  });
}

/** The claims of the document, by id: the publisher's (a00's) versions. */
function claimIdsOf(client: BenchClient): string[] {
  const ids: string[] = [];
  for (const key of client.shared.versions.keys()) {
    if (key.startsWith('claims/') && key.endsWith('/a00')) ids.push(key.slice('claims/'.length, -'/a00'.length));
  }
  return ids.sort();
}

/** A claim as the publisher wrote it: what `setNotes` compares the new note with. */
function claimOf1(client: BenchClient, id: string): Claim {
  const version = client.shared.versionOf(`claims/${id}/a00`);
  if (!version) throw new Error(`claim ${id} has no readable version`);
  return version.fields as unknown as Claim;
}

/** One analysts process as the bench sees it. */
export class AnalystsProcess {
  readonly child: ChildProcess;
  edited = 0;
  received = 0;
  private waiting: { type: FromChild['type']; resolve: (message: FromChild) => void } | null = null;

  /** `execArgv` is added to the bench's own (`--cpu-prof` for a profile). */
  constructor(readonly seats: AnalystSeat[], execArgv: string[] = []) {
    this.child = fork(process.argv[1]!, [TEAM_ANALYSTS_FLAG], { execArgv: [...process.execArgv, ...execArgv], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.child.on('message', (message: FromChild) => {
      if (message.type === 'progress') {
        this.edited = message.edited;
        this.received = message.received;
      }
      if (this.waiting?.type === message.type) {
        const { resolve } = this.waiting;
        this.waiting = null;
        resolve(message);
      }
    });
  }

  get pid(): number {
    return this.child.pid ?? 0;
  }

  async connect(url: string, documentName: string): Promise<void> {
    await this.ask({ type: 'connect', url, documentName, analysts: this.seats }, 'connected');
  }

  start(at: number, edits: number, intervalMs: number): void {
    this.child.send({ type: 'start', at, edits, intervalMs } satisfies StartMessage);
  }

  async finish(): Promise<ChildResult> {
    return (await this.ask({ type: 'finish' }, 'result')) as ChildResult;
  }

  stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.disconnect();
    });
  }

  private ask(message: ToChild, answer: FromChild['type']): Promise<FromChild> {
    return new Promise((resolve, reject) => {
      const exited = (code: number | null) => reject(new Error(`an analysts process exited (${code}) while the bench waited for "${answer}"`));
      this.child.once('exit', exited);
      this.waiting = {
        type: answer,
        resolve: (reply) => {
          this.child.off('exit', exited);
          resolve(reply);
        },
      };
      this.child.send(message);
    });
  }
}
