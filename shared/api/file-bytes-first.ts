/**
 * Browser mode's framing of an answer that sends a casefile file's bytes
 * before the answer itself (electron/services/casefile/file-bytes-first.ts
 * writes it, renderer/src/lib/file-bytes-answer.ts reads it). Only a window
 * that asks for it gets it; every other client gets the plain JSON answer.
 */
import type { ApiErrorBody } from './contract';

/** The request header a window sends, set to "1", when it reads answers framed this way. */
export const ACCEPT_FILE_BYTES_FIRST = 'X-Corroborate-Accept-File-Bytes-First';
/** The answer's header giving how many of its bytes are the file's; the JSON answer follows them. */
export const FILE_BYTES_LENGTH = 'X-Corroborate-File-Bytes';
/** The calls whose answers may come framed this way. */
export const CALLS_WITH_FILE_BYTES_FIRST: readonly string[] = ['openCasefile'];

/** An API answer as JSON; `casefileIsFileBytes` says that `result.casefile` is the file sent before it. */
export interface ApiAnswer {
  ok: boolean;
  result?: unknown;
  error?: ApiErrorBody;
  casefileIsFileBytes?: true;
}
