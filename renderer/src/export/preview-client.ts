/**
 * The report builder asks for previews here. They are built in a worker
 * (preview.worker.ts), which gets a copy of the casefile once per dialog, so
 * choosing sections or typing a title never freezes the window; where a
 * worker cannot start, they are built on this thread instead.
 */
import type { Casefile } from '../../../shared/model/schema';
import type { ReportFormat, ReportOptions } from '../../../shared/report/options';
import { buildPreview, StalePreview, type Preview } from './preview';

export type PreviewMessage =
  | { kind: 'casefile'; casefile: Casefile }
  | { kind: 'release' }
  | { kind: 'build'; id: number; options: ReportOptions; format: ReportFormat };

export type PreviewReply = { id: number; preview: Preview } | { id: number; stale: true } | { id: number; error: string };

interface Pending {
  settle: (reply: PreviewReply) => void;
  /** The same preview built on this thread, should the worker fail. */
  here: () => Promise<Preview>;
}

let worker: Worker | null | undefined;
let sent: Casefile | null = null;
let nextId = 0;
const waiting = new Map<number, Pending>();

function previewWorker(): Worker | null {
  if (worker !== undefined) return worker;
  try {
    worker = new Worker(new URL('./preview.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<PreviewReply>) => {
      waiting.get(e.data.id)?.settle(e.data);
      waiting.delete(e.data.id);
    };
    worker.onerror = workerFailed;
  } catch {
    worker = null;
  }
  return worker;
}

/** A worker that cannot load or crashed: build here from now on, starting with what was waiting. */
function workerFailed(): void {
  worker?.terminate();
  worker = null;
  sent = null;
  for (const [id, pending] of waiting) {
    waiting.delete(id);
    pending.here().then(
      (preview) => pending.settle({ id, preview }),
      (error: unknown) => pending.settle(error instanceof StalePreview ? { id, stale: true } : { id, error: error instanceof Error ? error.message : String(error) }),
    );
  }
}

/** The preview for these options; rejects with StalePreview when a newer request overtook it. */
export function requestPreview(casefile: Casefile, options: ReportOptions, format: ReportFormat, isStale: () => boolean): Promise<Preview> {
  const w = previewWorker();
  if (!w) return buildPreview(casefile, options, format, isStale);
  if (sent !== casefile) {
    w.postMessage({ kind: 'casefile', casefile } satisfies PreviewMessage);
    sent = casefile;
  }
  const id = ++nextId;
  return new Promise((resolve, reject) => {
    const settle = (reply: PreviewReply) => {
      if ('preview' in reply) resolve(reply.preview);
      else if ('stale' in reply) reject(new StalePreview());
      else reject(new Error(reply.error));
    };
    waiting.set(id, { settle, here: () => buildPreview(casefile, options, format, isStale) });
    w.postMessage({ kind: 'build', id, options, format } satisfies PreviewMessage);
  });
}

/** The dialog closed: the worker drops its copy of the casefile (it can be hundreds of megabytes). */
export function releasePreviews(): void {
  if (!worker || !sent) return;
  worker.postMessage({ kind: 'release' } satisfies PreviewMessage);
  sent = null;
}
