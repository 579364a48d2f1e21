/**
 * How browser mode answers what goes wrong, over real HTTP against the real
 * API handlers and a real workspace: every expected failure is a 4xx with a
 * sentence an analyst can act on (no system path, no errno text), an
 * oversized body gets 413 rather than a reset connection, a malformed address
 * gets 400, and the token is checked by value wherever it is presented.
 */
import { writeFileSync, mkdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { callApi, send as sendRaw, type RawRequest, type Reply } from '../../support/http';
import { startTestWebHost, type TestWebHost } from '../../support/in-process-host';
import { toErrorBody } from '../../../shared/api/dispatch';
import type { Backend } from '../../../electron/services/handlers';
import { MAX_BODY_BYTES, SESSION_ENDED, startWebHost, tokenCookieName, type WebHost } from '../../../electron/web/server';


let host: WebHost;
let backend: Backend;
let base: string;
let workspace: string;
const logged: string[] = [];


const send = (opts: RawRequest) => sendRaw(host.port, opts);
const call = (name: string, args: unknown, headers: Record<string, string> = {}) => callApi(host.port, host.token, name, args, headers);

/** A clear sentence: no system path, no errno code or raw exception text. */
function expectPlainRefusal(reply: Reply, status: number, message: RegExp): void {
  expect(reply.status).toBe(status);
  expect(reply.error?.message).toMatch(message);
  for (const leak of [workspace, base, os.tmpdir(), 'ENOENT', 'ENAMETOOLONG', 'ENOSPC', 'lstat', 'stack', 'at async', 'TypeError']) {
    expect(reply.body).not.toContain(leak);
  }
}

async function createCasefile(title = 'Drones'): Promise<{ sessionId: string; revision: number }> {
  const reply = await call('createCasefile', { title });
  expect(reply.status).toBe(200);
  const result = (JSON.parse(reply.body) as { result: { sessionId: string; status: { revision: number } } }).result;
  return { sessionId: result.sessionId, revision: result.status.revision };
}

let running: TestWebHost;

beforeAll(async () => {
  running = await startTestWebHost('errors', { log: (line) => logged.push(line) });
  ({ host, backend, base, workspace } = running);
});

afterAll(async () => {
  await running?.stop();
});

describe('expected failures are 4xx with a clear sentence', () => {
  test('a rejected command', async () => {
    const { sessionId, revision } = await createCasefile();
    const reply = await call('applyCommand', { sessionId, revision, command: { type: 'claim.setNotes', claimId: 'c_missing', notes: 'x' } });
    expectPlainRefusal(reply, 422, /^Claim c_missing does not exist in this casefile$/);
    expect(reply.error?.code).toBe('command-rejected');
  });

  test('a hostile id is refused by the contract before any handler runs', async () => {
    const { sessionId, revision } = await createCasefile();
    const reply = await call('applyCommand', { sessionId, revision, command: { type: 'copyFlag.decide', flagId: '__proto__', status: 'dismissed' } });
    expectPlainRefusal(reply, 400, /not a valid id/);
    expect(({} as Record<string, unknown>).status).toBeUndefined();
  });

  test('a casefile that is not there', async () => {
    expectPlainRefusal(await call('openCasefile', { path: 'gone.corroborate' }), 404, /^gone\.corroborate does not exist/);
  });

  test('a folder that is not there', async () => {
    const { sessionId } = await createCasefile();
    const reply = await call('saveCasefileAs', { sessionId, path: 'no/such/folder/copy.corroborate' });
    expectPlainRefusal(reply, 404, /^That file or folder does not exist/);
  });

  test('a folder removed while the host runs', async () => {
    const scratch = path.join(workspace, 'scratch');
    mkdirSync(scratch);
    rmSync(scratch, { recursive: true });
    const { sessionId } = await createCasefile();
    const reply = await call('saveCasefileAs', { sessionId, path: 'scratch/copy.corroborate' });
    expectPlainRefusal(reply, 404, /^That file or folder does not exist/);
  });

  test('a name too long for the file system', async () => {
    const { sessionId } = await createCasefile();
    const reply = await call('saveCasefileAs', { sessionId, path: `${'n'.repeat(300)}.corroborate` });
    expectPlainRefusal(reply, 422, /too long/);
  });

  test('a full disk (a real ENOSPC from /dev/full) is described, not quoted', () => {
    let thrown: unknown;
    try {
      writeFileSync('/dev/full', 'x');
    } catch (error) {
      thrown = error;
    }
    expect((thrown as NodeJS.ErrnoException).code).toBe('ENOSPC');
    expect(toErrorBody(thrown)).toEqual({ code: 'disk-full', message: expect.stringMatching(/^The disk is full/) });
  });

  test('a malformed address is 400, not a crash', async () => {
    for (const p of [`/%E0%A4%A?token=${host.token}`, `/%?token=${host.token}`]) {
      const reply = await send({ path: p });
      expect(reply.status, p).toBe(400);
      expect(reply.error?.message).toBe('The address is malformed.');
    }
    expect((await call('appInfo', {})).status).toBe(200);
  });

  test('a body that is not JSON', async () => {
    const reply = await send({ path: '/api/appInfo', method: 'POST', headers: { 'X-Corroborate-Token': host.token }, body: '{"oops' });
    expectPlainRefusal(reply, 400, /^The request body is not JSON\.$/);
  });

  test('an unknown call', async () => {
    expectPlainRefusal(await call('constructor', {}), 400, /There is no API call named constructor/);
  });

  test('an unexpected error is a plain sentence in the window and the details in the log', async () => {
    // The web host is what is tested here; its handler overflows the stack for real, as a parser once did on a deep page.
    const deep = (n: number): number => deep(n + 1) + 1;
    const broken = await startWebHost({
      staticDir: path.join(base, 'static'),
      handlers: { ...backend.handlers, listCasefiles: async () => [deep(0)] as never },
      log: (line) => logged.push(line),
    });
    try {
      const reply = await callApi(broken.port, broken.token, 'listCasefiles', {});
      expect(reply.status).toBe(500);
      expect(reply.error).toEqual({ code: 'internal', message: 'Something unexpected went wrong, so this was not done. The details are in the log of the app.' });
      expect(reply.body).not.toMatch(/Maximum call stack/);
    } finally {
      await broken.close();
    }
    expect(logged.join('\n')).toMatch(/Unexpected error \(API call listCasefiles\): RangeError: Maximum call stack size exceeded/);
  });
});

describe('an oversized body gets 413, not a reset connection', () => {
  test('declared with Content-Length', async () => {
    const count = Math.ceil(MAX_BODY_BYTES / 2 ** 20) + 1;
    const reply = await send({
      path: '/api/importFiles', method: 'POST',
      headers: { 'X-Corroborate-Token': host.token, 'Content-Type': 'application/json', 'Content-Length': String(count * 2 ** 20) },
      chunks: { size: 2 ** 20, count },
    });
    expectPlainRefusal(reply, 413, /larger than the limit of 160 MB/);
  }, 60_000);

  test('sent in chunks without a length', async () => {
    const count = Math.ceil(MAX_BODY_BYTES / 2 ** 20) + 1;
    const reply = await send({
      path: '/api/importFiles', method: 'POST',
      headers: { 'X-Corroborate-Token': host.token, 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' },
      chunks: { size: 2 ** 20, count },
    });
    expectPlainRefusal(reply, 413, /larger than the limit/);
    expect((await call('appInfo', {})).status).toBe(200);
  }, 60_000);
});

describe('the token', () => {
  test('the header is checked by value even when the right token is in the URL', async () => {
    const wrong = `${host.token.slice(0, -1)}${host.token.endsWith('A') ? 'B' : 'A'}`;
    const reply = await send({
      path: `/api/appInfo?token=${host.token}`, method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Corroborate-Token': wrong }, body: '{}',
    });
    expect(reply.status).toBe(403);
    const noHeader = await send({ path: `/api/appInfo?token=${host.token}`, method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(noHeader.status).toBe(403);
  });

  test('a refused token says how to get back in', async () => {
    // The page: a page the browser shows, not JSON and not a blank window.
    const page = await send({ path: '/?token=wrong' });
    expect(page.status).toBe(403);
    expect(page.body).toMatch(/^<!doctype html>.*<h1>Session ended<\/h1>.*Open the address printed by <code>npm run web<\/code> again\./s);
    // An API call: the same sentence, for the window to show.
    const api = await call('appInfo', {}, { 'X-Corroborate-Token': 'wrong' });
    expect(api.status).toBe(403);
    expect(api.error?.message).toBe(SESSION_ENDED);
  });

  test('two instances keep separate cookies: one per port', async () => {
    const other = await startWebHost({ staticDir: path.join(base, 'static'), handlers: backend.handlers });
    try {
      expect(tokenCookieName(other.port)).not.toBe(tokenCookieName(host.port));
      // The browser sends both cookies to both (cookies ignore ports); each host reads its own.
      const both = `${tokenCookieName(host.port)}=${host.token}; ${tokenCookieName(other.port)}=${other.token}`;
      expect((await send({ path: '/', headers: { Cookie: both } })).status).toBe(200);
      expect((await sendRaw(other.port, { path: '/', headers: { Cookie: both } })).status).toBe(200);
    } finally {
      await other.close();
    }
  });
});
