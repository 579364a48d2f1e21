/**
 * The window's reading of an answer framed file bytes first
 * (renderer/src/lib/file-bytes-answer.ts), over real web streams: the file's
 * copy becomes the casefile only when the answer says it is, wherever the
 * chunks happen to split the file, its characters and the answer.
 */
import { describe, expect, test } from 'vitest';
import { readFileBytesFirstAnswer } from '../../../renderer/src/lib/file-bytes-answer';

const encoder = new TextEncoder();

/** `file` then `answer` as one body, cut into chunks of `size` bytes. */
function body(file: Uint8Array, answer: string, size: number): ReadableStream<Uint8Array> {
  const all = new Uint8Array([...file, ...encoder.encode(answer)]);
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= all.length) return controller.close();
      controller.enqueue(all.slice(at, at + size));
      at += size;
    },
  });
}

const casefile = { format: 'corroborate-casefile', meta: { title: 'Дроны · طائرات مسيّرة · 🛩️' }, claims: { c_1: { quote: 'ünïcödé' } } };
const file = encoder.encode(JSON.stringify(casefile));

describe('the file is the casefile only when the answer says so', () => {
  test.each([1, 2, 3, 7, 64, file.length, file.length + 5, 1 << 20])('chunks of %i bytes', async (size) => {
    const answer = await readFileBytesFirstAnswer(body(file, '{"ok":true,"casefileIsFileBytes":true,"result":{"sessionId":"s1"}}', size), file.length);
    expect(answer).toEqual({ ok: true, result: { sessionId: 's1', casefile } });
  });

  test('a refusal is the answer, whatever the file held', async () => {
    const refusal = { ok: false, error: { code: 'invalid-casefile', message: 'x.corroborate is not a valid casefile: claims.c_1: …' } };
    expect(await readFileBytesFirstAnswer(body(file, JSON.stringify(refusal), 5), file.length)).toEqual(refusal);
  });

  test('a casefile in the answer (migrated, or changed) wins over the file', async () => {
    const answer = { ok: true, result: { sessionId: 's1', casefile: { format: 'corroborate-casefile', migrated: true } } };
    expect(await readFileBytesFirstAnswer(body(file, JSON.stringify(answer), 9), file.length)).toEqual(answer);
  });

  test('an answer that points at a file that does not parse cannot be read', async () => {
    const broken = file.slice(0, file.length - 3);
    expect(await readFileBytesFirstAnswer(body(broken, '{"ok":true,"casefileIsFileBytes":true,"result":{}}', 16), broken.length)).toBeNull();
  });

  test('a cut-off answer cannot be read', async () => {
    expect(await readFileBytesFirstAnswer(body(file, '{"ok":true,"casefileIs', 16), file.length)).toBeNull();
    expect(await readFileBytesFirstAnswer(body(file.slice(0, 10), '', 16), file.length)).toBeNull();
  });
});
