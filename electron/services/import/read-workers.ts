/**
 * Imported files are read in worker threads, never on the thread that
 * answers the API: a hostile or broken file can then cost its worker at most
 * the time and memory limits, and the Stop button ends it at once. A worker
 * is kept for the next file (starting one and loading jsdom costs more than
 * reading a normal page) and ended whenever a file overruns or is stopped.
 */
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { limitReason, READ_LIMITS, type ReadLimits } from './limits';
import type { FileToRead, ReadFile } from './read-file';
import type { ReadAnswer } from './read-worker';
import { ImportFailure, ImportStopped } from './types';

/** An idle worker is ended after this long, giving its memory back. */
const IDLE_MS = 60_000;

export class ReadWorkers {
  private idle: { worker: Worker; timer: NodeJS.Timeout } | null = null;

  constructor(private readonly limits: ReadLimits = READ_LIMITS) {}

  /** Reads one file in a worker; ImportFailure when it cannot be read or overruns, ImportStopped when `signal` stops it. */
  async read(file: FileToRead, signal?: AbortSignal): Promise<ReadFile> {
    if (signal?.aborted) throw new ImportStopped();
    const worker = await this.takeWorker();
    if (signal?.aborted) {
      this.putBack(worker);
      throw new ImportStopped();
    }
    return new Promise<ReadFile>((resolve, reject) => {
      const finish = (outcome: { read: ReadFile } | { error: Error }, keepWorker: boolean) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', stop);
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        if (keepWorker) this.putBack(worker);
        else void worker.terminate();
        if ('read' in outcome) resolve(outcome.read);
        else reject(outcome.error);
      };
      const onMessage = (answer: ReadAnswer) => finish(answer.ok ? { read: answer.read } : { error: new ImportFailure(answer.message) }, true);
      const onError = (error: Error & { code?: string }) => {
        const message = error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? limitReason.memory(this.limits) : `The file could not be read: ${error.message}`;
        finish({ error: new ImportFailure(message) }, false);
      };
      const onExit = () => finish({ error: new ImportFailure('The file could not be read: its reader stopped unexpectedly.') }, false);
      const stop = () => finish({ error: new ImportStopped() }, false);
      const timer = setTimeout(() => finish({ error: new ImportFailure(limitReason.time(this.limits)) }, false), this.limits.timeMs);
      signal?.addEventListener('abort', stop, { once: true });
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
      // A copy: the caller's bytes may share their memory with other buffers, so they cannot be handed over.
      const data = new Uint8Array(file.data);
      worker.postMessage({ ...file, data }, [data.buffer]);
    });
  }

  /** Ends the idle worker (a busy one ends with its file). */
  async close(): Promise<void> {
    const idle = this.idle;
    this.idle = null;
    if (idle) {
      clearTimeout(idle.timer);
      await idle.worker.terminate();
    }
  }

  private async takeWorker(): Promise<Worker> {
    const idle = this.idle;
    this.idle = null;
    if (idle) clearTimeout(idle.timer);
    const worker = idle?.worker ?? this.startWorker(await workerScript());
    worker.ref();
    return worker;
  }

  private startWorker(script: string): Worker {
    const worker = new Worker(script, { resourceLimits: { maxOldGenerationSizeMb: this.limits.memoryMb } });
    // Whatever happens to a worker between two files (an error, an exit) only means it is not reused.
    worker.on('error', () => undefined).once('exit', () => {
      if (this.idle?.worker === worker) this.idle = null;
    });
    return worker;
  }

  private putBack(worker: Worker): void {
    if (this.idle) {
      void worker.terminate();
      return;
    }
    worker.unref();
    const timer = setTimeout(() => {
      if (this.idle?.worker === worker) this.idle = null;
      void worker.terminate();
    }, IDLE_MS);
    timer.unref();
    this.idle = { worker, timer };
  }
}

let bundledFromSources: Promise<string> | null = null;

/**
 * Built, this module sits in dist-electron/ beside the bundled worker
 * (scripts/build-node.mjs). Run from the TypeScript sources (the tests), it
 * bundles the worker from the sources once per process, with esbuild, into
 * node_modules/.cache (where the worker finds the npm packages it needs).
 */
async function workerScript(): Promise<string> {
  if (!__filename.endsWith('.ts')) return path.join(__dirname, 'read-worker.cjs');
  bundledFromSources ??= (async () => {
    const outfile = path.join(__dirname, '..', '..', '..', 'node_modules', '.cache', 'corroborate', `read-worker-${process.pid}.cjs`);
    const esbuild = createRequire(__filename)('esbuild') as typeof import('esbuild');
    await esbuild.build({ entryPoints: [path.join(__dirname, 'read-worker.ts')], bundle: true, platform: 'node', format: 'cjs', packages: 'external', outfile, logLevel: 'warning' });
    process.once('exit', () => rmSync(outfile, { force: true }));
    return outfile;
  })();
  return bundledFromSources;
}

/** The workers every import shares. */
export const readWorkers = new ReadWorkers();
