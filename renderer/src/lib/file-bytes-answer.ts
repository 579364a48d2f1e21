/**
 * Reads an answer framed file bytes first (shared/api/file-bytes-first.ts):
 * the casefile file's bytes, then the JSON answer. The file is parsed as soon
 * as its last byte arrives, while the Node side is still checking it, and is
 * used only when the answer says it is the casefile (`casefileIsFileBytes`);
 * a refusal or a casefile the Node side had to change comes in the answer.
 */
import type { ApiAnswer } from '../../../shared/api/file-bytes-first';

/** The answer, with `result.casefile` filled from the file when the answer says so; null when the answer cannot be read. */
export async function readFileBytesFirstAnswer(body: ReadableStream<Uint8Array>, fileLength: number): Promise<ApiAnswer | null> {
  const file = new Uint8Array(fileLength);
  let filled = 0;
  const rest: Uint8Array[] = [];
  let parsedFile: { value: unknown } | null = null;
  const reader = body.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    let chunk = read.value;
    if (filled < fileLength) {
      const take = Math.min(chunk.byteLength, fileLength - filled);
      file.set(chunk.subarray(0, take), filled);
      filled += take;
      chunk = chunk.subarray(take);
      if (filled === fileLength) parsedFile = parsed(file);
    }
    if (chunk.byteLength) rest.push(chunk);
  }
  const answer = parsed(joined(rest))?.value as ApiAnswer | undefined;
  if (!answer || typeof answer !== 'object') return null;
  if (!answer.casefileIsFileBytes) return answer;
  if (!answer.ok || !parsedFile || typeof answer.result !== 'object' || answer.result === null) return null;
  return { ok: true, result: { ...answer.result, casefile: parsedFile.value } };
}

function parsed(bytes: Uint8Array): { value: unknown } | null {
  try {
    return { value: JSON.parse(new TextDecoder().decode(bytes)) as unknown };
  } catch {
    return null;
  }
}

function joined(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((sum, c) => sum + c.byteLength, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}
