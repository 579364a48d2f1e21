/** One writer across processes: a real second process holds the lock, is named, is taken over, and lets go when it exits. */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, expect, test } from 'vitest';
import { ApiError } from '../../../shared/api/dispatch';
import { CasefileLock, lockFolder } from '../../../electron/services/casefile/lock';
import { loadCasefile } from '../../../electron/services/casefile/store';
import { bundleScript, harness } from './support';

let holderScript = '';
beforeAll(async () => {
  holderScript = await bundleScript(path.join(__dirname, 'holder-child.ts'));
});

const children: ChildProcessWithoutNullStreams[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
});

/** Starts the other process on `file` and returns a way to send it a line and read its answer. */
async function otherProcess(file: string) {
  const child = spawn(process.execPath, [holderScript, file]);
  children.push(child);
  const lines: string[] = [];
  const waiters: ((line: string) => void)[] = [];
  let buffer = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    for (let i; (i = buffer.indexOf('\n')) >= 0;) {
      const line = buffer.slice(0, i);
      buffer = buffer.slice(i + 1);
      const waiter = waiters.shift();
      if (waiter) waiter(line);
      else lines.push(line);
    }
  });
  const next = () => new Promise<string>((resolve) => (lines.length ? resolve(lines.shift()!) : waiters.push(resolve)));
  expect(await next()).toBe('ready');
  return {
    child,
    ask: async (line: string) => {
      child.stdin.write(`${line}\n`);
      return next();
    },
    exited: new Promise<number | null>((resolve) => child.once('exit', resolve)),
  };
}

test('a casefile open in another process is refused with who has it, taken over on request, and the other process stops writing', async () => {
  const h = harness();
  const created = await h.sessions.create('Shared desk');
  await h.sessions.close(created.sessionId);
  const file = path.join(h.workspace, created.path);
  const other = await otherProcess(file);

  const error = await h.sessions.open(created.path, 'normal').then(() => null, (e: unknown) => e as ApiError);
  expect(error?.code).toBe('locked');
  expect(error?.message).toMatch(new RegExp(`^Shared-desk\\.corroborate is open in Sam Okafor's Corroborate on ${os.hostname()} \\(since .+\\)\\.$`));

  const mine = await h.sessions.open(created.path, 'take-over');
  const session = h.sessions.get(mine.sessionId);
  session.apply(mine.status.revision, { type: 'casefile.rename', title: 'Mine after taking over' });
  await session.flush();

  // The other process tries to save: it finds the lock gone, writes nothing and turns read-only.
  const answer = JSON.parse(await other.ask('edit'));
  expect(answer.status.readOnly).toBe(true);
  expect(answer.status.error ?? answer.error).toMatch(/taken over|read-only/);
  expect((await loadCasefile(file)).casefile.meta.title).toBe('Mine after taking over');

  other.child.stdin.write('exit\n');
  await other.exited;
  // The other process's exit does not take our lock with it.
  const owner = JSON.parse(readFileSync(path.join(h.workspace, '.Shared-desk.corroborate.lock', 'owner.json'), 'utf8'));
  expect(owner.pid).toBe(process.pid);
  await h.sessions.close(mine.sessionId);
  expect(existsSync(path.join(h.workspace, '.Shared-desk.corroborate.lock'))).toBe(false);
});

test('a process that exits normally lets go of its lock', async () => {
  const h = harness();
  const created = await h.sessions.create('Quit cleanly');
  await h.sessions.close(created.sessionId);
  const other = await otherProcess(path.join(h.workspace, created.path));
  expect(existsSync(path.join(h.workspace, '.Quit-cleanly.corroborate.lock'))).toBe(true);
  other.child.stdin.write('exit\n');
  expect(await other.exited).toBe(0);
  expect(existsSync(path.join(h.workspace, '.Quit-cleanly.corroborate.lock'))).toBe(false);
});

test('the lock stays ours across its refreshes: the owner file written into the lock folder is not taken for someone breaking it', async () => {
  const h = harness();
  const created = await h.sessions.create('Long day');
  await h.sessions.close(created.sessionId);
  // A short stale time, so that proper-lockfile refreshes (and checks) the lock every 300 ms instead of every 10 s.
  const lock = await CasefileLock.acquire(path.join(h.workspace, created.path), { analyst: 'Dana Whitfield', staleMs: 600 });
  let lost = false;
  lock.onLost(() => (lost = true));
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  expect(lost).toBe(false);
  expect(await lock.held()).toBe(true);
  await lock.release();
});

test('a lock folder left without its owner file (a writer killed between the two) is taken after a 2 s grace, never at once', async () => {
  const h = harness();
  const file = path.join(h.workspace, 'Ownerless.corroborate');
  writeFileSync(file, '{}');
  const folder = lockFolder(file);
  mkdirSync(folder);
  const started = Date.now();
  const lock = await CasefileLock.acquire(file, { analyst: 'Dana Whitfield' });
  // A writer that is still writing its owner file would have done so long before this.
  expect(Date.now() - started).toBeGreaterThanOrEqual(1_900);
  expect(JSON.parse(readFileSync(path.join(folder, 'owner.json'), 'utf8')).analyst).toBe('Dana Whitfield');
  await lock.release();
});

test('a writer that writes its owner file during the grace keeps its lock', async () => {
  const h = harness();
  const file = path.join(h.workspace, 'Slow owner.corroborate');
  writeFileSync(file, '{}');
  const holder = await CasefileLock.acquire(file, { analyst: 'Sam Okafor' });
  const folder = lockFolder(file);
  const ownerFile = path.join(folder, 'owner.json');
  const owner = readFileSync(ownerFile, 'utf8');
  rmSync(ownerFile);
  setTimeout(() => writeFileSync(ownerFile, owner), 500);
  await expect(CasefileLock.acquire(file, { analyst: 'Dana Whitfield' })).rejects.toMatchObject({ name: 'LockedError' });
  await holder.release();
});
