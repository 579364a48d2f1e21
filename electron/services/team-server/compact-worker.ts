/**
 * The worker thread that folds a document's stored updates into one snapshot
 * (started by compaction.ts): the parts (the last snapshot, then the updates
 * appended since, in order) are applied to a new Y.Doc and its state encoded,
 * so deleted content is collected, as `encodeStateAsUpdate` on the server's
 * own copy would, but away from the thread that serves the analysts.
 */
import { parentPort } from 'node:worker_threads';
import * as Y from 'yjs';

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
