/**
 * The worker thread that reads imported files (started by read-workers.ts).
 * It answers each file with what was read, or the reason it cannot be.
 */
import { parentPort } from 'node:worker_threads';
import { limitReason } from './limits';
import { readFile, type FileToRead } from './read-file';
import { ImportFailure } from './types';

export type ReadAnswer = { ok: true; read: Awaited<ReturnType<typeof readFile>> } | { ok: false; message: string };

function failureMessage(error: unknown): string {
  if (error instanceof ImportFailure) return error.message;
  if (error instanceof RangeError && /call stack/i.test(error.message)) return limitReason.tooDeep;
  return `The file could not be read: ${error instanceof Error ? error.message : String(error)}`;
}

parentPort?.on('message', async (file: FileToRead) => {
  let answer: ReadAnswer;
  try {
    answer = { ok: true, read: await readFile(file) };
  } catch (error) {
    answer = { ok: false, message: failureMessage(error) };
  }
  const transfer = answer.ok ? [answer.read.fingerprint.shingles.buffer] : [];
  parentPort!.postMessage(answer, transfer as ArrayBuffer[]);
});
