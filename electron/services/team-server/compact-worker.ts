/**
 * The worker thread that folds a document's stored updates into one snapshot
 * (started by compaction.ts): the parts (the last snapshot, then the updates
 * appended since, in order) are applied to a new Y.Doc and its state encoded,
 * so deleted content is collected, as `encodeStateAsUpdate` on the server's
 * own copy would, but away from the thread that serves the analysts.
 */
import os from 'node:os';
import { parentPort } from 'node:worker_threads';
import * as Y from 'yjs';

/**
 * The fold is background work: it should take the cores only when the
 * server's own thread (analysts' edits, a teammate's first sync) and the
 * machine's other work leave them free. On Linux a nice value belongs to
 * the thread that sets it (setpriority of "this process" from a thread sets
 * that thread's), so the worker lowers its own. Elsewhere the same call would
 * lower the whole server, so the worker is left at the server's priority.
 */
export const FOLD_NICE = 10;
if (parentPort && process.platform === 'linux') {
  try {
    os.setPriority(FOLD_NICE);
  } catch {
    // Not allowed here: the fold runs at the server's priority.
  }
}

export interface CompactJob {
  parts: Uint8Array[];
}

export type CompactAnswer = { ok: true; state: Uint8Array } | { ok: false; message: string };

export function fold(parts: readonly Uint8Array[]): Uint8Array {
  const doc = new Y.Doc();
  doc.transact(() => {
    for (const part of parts) Y.applyUpdate(doc, part);
  });
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}

parentPort?.on('message', (job: CompactJob) => {
  let answer: CompactAnswer;
  try {
    answer = { ok: true, state: fold(job.parts) };
  } catch (error) {
    answer = { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  parentPort!.postMessage(answer, answer.ok ? [answer.state.buffer as ArrayBuffer] : []);
});
