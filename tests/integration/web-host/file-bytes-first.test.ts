/**
 * Opening a casefile in browser mode, file bytes first (shared/api/file-bytes-first.ts):
 * over real HTTP against the real handlers and files on disk, a window that
 * asks gets the file's bytes exactly as they are on disk, then the verdict.
 * The verdict says when the window's copy is the casefile; a file the Node side
 * refuses or had to migrate ends with the refusal or the casefile itself, and
 * any other client gets the plain JSON answer as before.
 */
import { copyFileSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { callApi, type Reply } from '../../support/http';
import { generateCasefile, SCALES } from '../../support/generate';
import { startTestWebHost, type TestWebHost } from '../../support/in-process-host';
import { ACCEPT_FILE_BYTES_FIRST, FILE_BYTES_LENGTH, type ApiAnswer } from '../../../shared/api/file-bytes-first';
import type { Backend } from '../../../electron/services/handlers';
import { CasefileAdapter } from '../../../electron/services/casefile/store';
import { FAST_VALIDATION_MIN_CHARS } from '../../../electron/services/casefile/fast-validate';
import { READ_CHUNK_BYTES } from '../../../electron/services/casefile/read-chunks';
import type { WebHost } from '../../../electron/web/server';

let host: WebHost;
let backend: Backend;
let workspace: string;

/** The typical scale with longer articles: a file over the size from which the Node side proves a file is the casefile as it is. */
const LARGE_ENOUGH = { ...SCALES.typical, articleChars: 50_000 };
const FIXTURES = path.join(import.meta.dirname, '../../fixtures/casefiles');

function openFileBytesFirst(file: string): Promise<Reply> {
  return callApi(host.port, host.token, 'openCasefile', { path: file, mode: 'read-only' }, { [ACCEPT_FILE_BYTES_FIRST]: '1' });
}

/** The reply split into the file's bytes and the JSON answer after them. */
function framed(reply: Reply): { file: Buffer; answer: ApiAnswer } {
  const length = Number(reply.headers[FILE_BYTES_LENGTH.toLowerCase()]);
  expect(Number.isInteger(length)).toBe(true);
  const raw = Buffer.from(reply.body, 'utf8');
  return { file: raw.subarray(0, length), answer: JSON.parse(raw.subarray(length).toString('utf8')) as ApiAnswer };
}

let running: TestWebHost;

beforeAll(async () => {
  running = await startTestWebHost('bytes-first');
  ({ host, backend, workspace } = running);
  await new CasefileAdapter(path.join(workspace, 'larger.corroborate')).write(generateCasefile(LARGE_ENOUGH));
  expect(statSync(path.join(workspace, 'larger.corroborate')).size).toBeGreaterThan(FAST_VALIDATION_MIN_CHARS);
});

afterAll(async () => {
  await running?.stop();
});

describe('a window that asks gets the file first, then the verdict', () => {
  test('a current casefile: its bytes as on disk, and an answer that says they are the casefile', async () => {
    const onDisk = readFileSync(path.join(workspace, 'larger.corroborate'));
    const reply = await openFileBytesFirst('larger.corroborate');
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('application/octet-stream');
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
    const { file, answer } = framed(reply);
    expect(file.equals(onDisk)).toBe(true);
    expect(answer.ok).toBe(true);
    expect(answer.casefileIsFileBytes).toBe(true);
    const result = answer.result as { sessionId: string; readOnly: boolean; casefile?: unknown };
    expect(result.casefile).toBeUndefined();
    expect(result.readOnly).toBe(true);
    expect(backend.sessions.get(result.sessionId).casefile).toEqual(JSON.parse(file.toString('utf8')));
  });

  test('a casefile the Node side had to change (a field it does not know, dropped): the answer carries the casefile, not the file', async () => {
    const text = readFileSync(path.join(workspace, 'larger.corroborate'), 'utf8');
    const withExtra = `{"fromANewerVersion":true,${text.slice(text.indexOf('{') + 1)}`;
    writeFileSync(path.join(workspace, 'extra.corroborate'), withExtra);
    const { file, answer } = framed(await openFileBytesFirst('extra.corroborate'));
    expect(file.toString('utf8')).toBe(withExtra);
    expect(answer.ok).toBe(true);
    expect(answer.casefileIsFileBytes).toBeUndefined();
    const casefile = (answer.result as { casefile: Record<string, unknown> }).casefile;
    expect(casefile.fromANewerVersion).toBeUndefined();
    expect(Object.keys(casefile.claims as object)).toHaveLength(LARGE_ENOUGH.claims);
  });

  test('a damaged file: the bytes went out, the verdict refuses it with the usual sentence, and the file is left alone', async () => {
    const damaged = readFileSync(path.join(workspace, 'larger.corroborate')).subarray(0, FAST_VALIDATION_MIN_CHARS + 1_000);
    writeFileSync(path.join(workspace, 'damaged.corroborate'), damaged);
    const reply = await openFileBytesFirst('damaged.corroborate');
    expect(reply.status).toBe(200);
    const { file, answer } = framed(reply);
    expect(file.equals(damaged)).toBe(true);
    expect(answer.ok).toBe(false);
    expect(answer.casefileIsFileBytes).toBeUndefined();
    expect(answer.error?.message).toMatch(/^damaged\.corroborate /);
    expect(JSON.stringify(answer)).not.toContain(workspace);
    expect(readFileSync(path.join(workspace, 'damaged.corroborate')).equals(damaged)).toBe(true);
  });

  test('a valid JSON file that is not a valid casefile is refused in the verdict', async () => {
    const casefile = JSON.parse(readFileSync(path.join(workspace, 'larger.corroborate'), 'utf8')) as { claims: Record<string, { articleId: string }> };
    Object.values(casefile.claims)[0]!.articleId = 'a_nowhere';
    writeFileSync(path.join(workspace, 'dangling.corroborate'), JSON.stringify(casefile));
    const { answer } = framed(await openFileBytesFirst('dangling.corroborate'));
    expect(answer.ok).toBe(false);
    expect(answer.error?.code).toBe('invalid-casefile');
  });

  test('a small file goes the usual way: nothing to prove it by is compiled for it', async () => {
    copyFileSync(path.join(FIXTURES, 'v2.corroborate'), path.join(workspace, 'v2.corroborate'));
    const reply = await openFileBytesFirst('v2.corroborate');
    expect(reply.headers[FILE_BYTES_LENGTH.toLowerCase()]).toBeUndefined();
    expect((JSON.parse(reply.body) as ApiAnswer).ok).toBe(true);
  });

  test('a file that cannot be read is refused before any byte: a plain JSON refusal', async () => {
    const reply = await openFileBytesFirst('gone.corroborate');
    expect(reply.status).toBe(404);
    expect(reply.headers[FILE_BYTES_LENGTH.toLowerCase()]).toBeUndefined();
    expect(reply.error?.message).toMatch(/^gone\.corroborate does not exist/);
  });
});

describe('a file of several chunks', () => {
  /** Long articles: a file of more than two of the chunks the host reads and sends at a time. */
  const SEVERAL_CHUNKS = { ...SCALES.typical, articleChars: 200_000 };

  beforeAll(async () => {
    await new CasefileAdapter(path.join(workspace, 'chunks.corroborate')).write(generateCasefile(SEVERAL_CHUNKS));
    expect(statSync(path.join(workspace, 'chunks.corroborate')).size).toBeGreaterThan(2 * READ_CHUNK_BYTES);
  });

  test('arrives whole and in order, and the verdict says it is the casefile', async () => {
    const { file, answer } = framed(await openFileBytesFirst('chunks.corroborate'));
    expect(file.equals(readFileSync(path.join(workspace, 'chunks.corroborate')))).toBe(true);
    expect(answer.ok).toBe(true);
    expect(answer.casefileIsFileBytes).toBe(true);
  });

  test('a window that goes away after the first bytes leaves the host answering the next call', async () => {
    const firstBytes = await new Promise<number>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: host.port, path: '/api/openCasefile', method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Corroborate-Token': host.token, [ACCEPT_FILE_BYTES_FIRST]: '1' } },
        (res) => res.once('data', (chunk: Buffer) => {
          req.destroy();
          resolve(chunk.length);
        }),
      );
      req.on('error', (error: NodeJS.ErrnoException) => error.code === 'ECONNRESET' || reject(error));
      req.end(JSON.stringify({ path: 'chunks.corroborate', mode: 'read-only' }));
    });
    expect(firstBytes).toBeGreaterThan(0);
    const { file, answer } = framed(await openFileBytesFirst('chunks.corroborate'));
    expect(answer.ok).toBe(true);
    expect(file.length).toBe(statSync(path.join(workspace, 'chunks.corroborate')).size);
  });
});

test('a client that does not ask gets the plain JSON answer, the casefile in it', async () => {
  const reply = await callApi(host.port, host.token, 'openCasefile', { path: 'larger.corroborate', mode: 'read-only' });
  expect(reply.headers['content-type']).toMatch(/^application\/json/);
  expect(reply.headers[FILE_BYTES_LENGTH.toLowerCase()]).toBeUndefined();
  const answer = JSON.parse(reply.body) as ApiAnswer;
  expect((answer.result as { casefile: unknown }).casefile).toEqual(JSON.parse(readFileSync(path.join(workspace, 'larger.corroborate'), 'utf8')));
});

test('only the calls that open a casefile are answered file first', async () => {
  const reply = await callApi(host.port, host.token, 'createCasefile', { title: 'Drones' }, { [ACCEPT_FILE_BYTES_FIRST]: '1' });
  expect(reply.headers['content-type']).toMatch(/^application\/json/);
  expect((JSON.parse(reply.body) as ApiAnswer).ok).toBe(true);
});
