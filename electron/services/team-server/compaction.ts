/**
 * Folding a document's appended updates into a snapshot, in a worker thread
 * (compact-worker.ts): the fold decodes and encodes the whole document, which
 * for a large casefile takes seconds, and the server's event loop must keep
 * delivering edits meanwhile. One worker, kept while there is work, one fold
 * at a time (two folds at once would only share the same cores).
 */
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CompactAnswer, CompactJob } from './compact-worker';

/** An idle worker is ended after this long, giving its memory back. */
const IDLE_MS = 30_000;

export class Compactor {
  private worker: Worker | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private idleTimer: NodeJS.Timeout | null = null;
  private closed = false;

  /** The state of `parts` (a snapshot and the updates after it, in order) as one update. */
  fold(parts: Uint8Array[]): Promise<Uint8Array> {
    const run = this.queue.then(() => this.runInWorker(parts));
    this.queue = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  private endWorker(): void {
    const worker = this.worker;
    this.worker = null;
    void worker?.terminate();
  }

  private async runInWorker(parts: Uint8Array[]): Promise<Uint8Array> {
    if (this.closed) throw new Error('the team server is closing');
    if (this.idleTimer) clearTimeout(this.idleTimer);
    const worker = (this.worker ??= new Worker(await workerScript()));
    try {
      return await new Promise<Uint8Array>((resolve, reject) => {
        const onMessage = (answer: CompactAnswer) => {
          worker.off('error', onError).off('exit', onExit);
          if (answer.ok) resolve(answer.state);
          else reject(new Error(`compaction failed: ${answer.message}`));
        };
        const onError = (error: Error) => {
          worker.off('message', onMessage).off('exit', onExit);
          reject(error);
        };
        const onExit = (code: number) => {
          worker.off('message', onMessage).off('error', onError);
          reject(new Error(`the compaction worker exited (${code})`));
        };
        worker.once('message', onMessage).once('error', onError).once('exit', onExit);
        worker.postMessage({ parts } satisfies CompactJob);
      });
    } catch (error) {
      if (this.worker === worker) this.worker = null;
      void worker.terminate();
      throw error;
    } finally {
      if (this.worker === worker && !this.closed) {
        this.idleTimer = setTimeout(() => this.endWorker(), IDLE_MS);
        this.idleTimer.unref();
      }
    }
  }
}

let bundledFromSources: Promise<string> | null = null;

/**
 * Built, this module sits in dist-electron/ beside the bundled worker
 * (scripts/build-node.mjs). Run from the TypeScript sources (the tests), it
 * bundles the worker once per process with esbuild into node_modules/.cache.
 */
async function workerScript(): Promise<string> {
  if (!__filename.endsWith('.ts')) return path.join(__dirname, 'team-compact-worker.cjs');
  bundledFromSources ??= (async () => {
    const outfile = path.join(__dirname, '..', '..', '..', 'node_modules', '.cache', 'corroborate', `team-compact-worker-${process.pid}.cjs`);
    const esbuild = createRequire(__filename)('esbuild') as typeof import('esbuild');
    await esbuild.build({ entryPoints: [path.join(__dirname, 'compact-worker.ts')], bundle: true, platform: 'node', format: 'cjs', packages: 'external', outfile, logLevel: 'warning' });
    process.once('exit', () => rmSync(outfile, { force: true }));
    return outfile;
  })();
  return bundledFromSources;
}
