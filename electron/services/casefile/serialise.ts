import type { Casefile } from '../../../shared/model/schema';

/** Work done between two yields to the event loop, and the most text held before handing a chunk to the writer. */
const SLICE_MS = 4;
const CHUNK_CHARS = 256 * 1024;

/**
 * Serialises a casefile in slices, yielding to the event loop between them, so
 * saving a large casefile never blocks the main process for long (a single
 * JSON.stringify of the large benchmark casefile takes a third of a second).
 * The output is plain JSON with one record per line in the big collections,
 * which also keeps casefiles readable in a diff.
 */
export async function* serialiseCasefile(casefile: Casefile, sliceMs = SLICE_MS): AsyncGenerator<string> {
  let sliceStart = performance.now();
  let buffer = '{';
  const due = () => buffer.length >= CHUNK_CHARS || performance.now() - sliceStart >= sliceMs;
  const breathe = async () => {
    buffer = '';
    await new Promise((resolve) => setImmediate(resolve));
    sliceStart = performance.now();
  };

  for (const [i, key] of (Object.keys(casefile) as (keyof Casefile)[]).entries()) {
    buffer += `${i ? ',' : ''}\n${JSON.stringify(key)}:`;
    const value: unknown = casefile[key];
    if (Array.isArray(value) && value.length > 100) {
      buffer += '[';
      for (const [j, item] of value.entries()) {
        buffer += `${j ? ',' : ''}\n${JSON.stringify(item)}`;
        if (due()) {
          yield buffer;
          await breathe();
        }
      }
      buffer += ']';
    } else if (isRecordCollection(key, value)) {
      buffer += '{';
      let first = true;
      // Own keys only: `for … in` would also write anything set on Object.prototype into every collection.
      for (const id of Object.keys(value)) {
        buffer += `${first ? '' : ','}\n${JSON.stringify(id)}:${JSON.stringify(value[id])}`;
        first = false;
        if (due()) {
          yield buffer;
          await breathe();
        }
      }
      buffer += '}';
    } else {
      buffer += JSON.stringify(value);
    }
  }
  yield `${buffer}\n}\n`;
}

function isRecordCollection(key: string, value: unknown): value is Record<string, unknown> {
  return ['articles', 'claims', 'sources', 'propositions', 'rootJudgements', 'copyFlags', 'reviews', 'rejectedProposals'].includes(key)
    && typeof value === 'object' && value !== null;
}

/**
 * The last casefile loaded whose file is exactly it as JSON (store.ts proves
 * it while loading), with the file's bytes: answering the window's open call
 * with those bytes spares serialising a large casefile again, and encoding
 * it to UTF-8 for the socket (each a fifth of a second or more at 40,000
 * claims). Only where answers are JSON text (browser mode:
 * `answerOpensWithFileText`); one file at most, taken once, so no copy is
 * kept beside the casefiles.
 */
let verbatimJson = new WeakMap<Casefile, Uint8Array>();
let keepTexts = false;

/** Called by a host whose answers are JSON text (browser mode); the desktop window gets the casefile by structured clone. */
export function answerOpensWithFileText(): void {
  keepTexts = true;
}

/** `bytes` must be valid UTF-8: what the window decodes is then exactly the text that was parsed. */
export function keepVerbatimJson(casefile: Casefile, bytes: Uint8Array): void {
  if (!keepTexts) return;
  verbatimJson = new WeakMap([[casefile, bytes]]);
}

/** The file's bytes kept for `casefile`, once (then forgotten); undefined when there are none. */
export function takeVerbatimJson(casefile: unknown): Uint8Array | undefined {
  if (typeof casefile !== 'object' || casefile === null) return undefined;
  const bytes = verbatimJson.get(casefile as Casefile);
  verbatimJson.delete(casefile as Casefile);
  return bytes;
}

/**
 * `JSON.stringify({ ok: true, result })` for an API answer, as the parts to
 * write in order: when `result.casefile` has its file's bytes kept, they are
 * one of the parts, as they are, instead of the casefile serialised again.
 * When those bytes went to the window before the answer (`sentFirst`,
 * file-bytes-first.ts), the answer leaves the casefile out and says so.
 */
export function apiAnswerParts(result: unknown, sentFirst?: Uint8Array): (string | Uint8Array)[] {
  const casefile = typeof result === 'object' && result !== null && !Array.isArray(result) ? (result as { casefile?: unknown }).casefile : undefined;
  const bytes = takeVerbatimJson(casefile);
  if (bytes === undefined) return [JSON.stringify({ ok: true, result })];
  const rest = JSON.stringify({ ...(result as object), casefile: undefined });
  if (bytes === sentFirst) return [`{"ok":true,"casefileIsFileBytes":true,"result":${rest}}`];
  return [`{"ok":true,"result":${rest.slice(0, -1)}${rest.length > 2 ? ',' : ''}"casefile":`, bytes, '}}'];
}
