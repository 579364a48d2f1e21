/**
 * Bad input: each case gets a clear message naming the file and the problem,
 * writes nothing, and offers the newest good backup where there is one.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { OpenFailureDetails } from '../../../shared/api/contract';
import { ApiError } from '../../../shared/api/dispatch';
import { loadCasefile } from '../../../electron/services/casefile/store';
import { addArticle, bundleScript, harness, rename, snapshot, tempDir, type Harness } from './support';
import { skipBecause } from '../../support/skip';

const NAME = 'Case.corroborate';

/** A workspace with Case.corroborate (two saves, so one backup) closed again. */
async function savedCase(): Promise<{ h: Harness; file: string }> {
  const h = harness({ backupIntervalMs: 0 });
  const { sessionId } = await h.sessions.create('Case');
  const session = h.sessions.get(sessionId);
  session.apply(0, addArticle(0, { title: 'Kyiv Independent' }));
  await session.flush();
  session.apply(1, rename('Case, renamed'));
  await h.sessions.close(sessionId);
  return { h, file: path.join(h.workspace, NAME) };
}

async function openFails(h: Harness, file: string) {
  const before = snapshot(file);
  const error = await h.sessions.open(NAME, 'normal').then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ApiError);
  expect(snapshot(file)).toEqual(before);
  expect(existsSync(path.join(h.workspace, `.${NAME}.lock`))).toBe(false);
  expect(readdirSync(h.workspace).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  return error as ApiError;
}

describe('damaged or foreign files', () => {
  const cases: [string, (text: string) => string, string, RegExp][] = [
    ['a truncated file', (t) => t.slice(0, Math.floor(t.length / 2)), 'truncated', /^Case\.corroborate is cut short: it stops before the end of the casefile/],
    ['an empty file', () => '', 'empty', /^Case\.corroborate is empty \(0 bytes\)/],
    ['invalid JSON', (t) => t.replace('"meta":', '"meta";'), 'invalid-json', /^Case\.corroborate is not valid JSON \(unexpected ";" on line \d+\); it may have been edited by hand or damaged\./],
    ['valid JSON of the wrong shape', (t) => t.replace(/"title":"Case, renamed"/, '"title":["Case"]'), 'invalid-casefile', /^Case\.corroborate is not a valid casefile: meta\.title: .*expected string/],
    ['JSON that is not a casefile', () => '{"name":"budget.xlsx","rows":[]}', 'not-a-casefile', /^Case\.corroborate cannot be opened: this is not a Corroborate casefile/],
    ['random bytes', () => String.fromCharCode(...Array.from({ length: 3000 }, (_, i) => (i * 7919 + 13) % 256)), 'not-json', /^Case\.corroborate is not a casefile: it holds binary data, not text\./],
    ['plain text', () => 'Notes for the drones story\nCall Reuters desk on Monday.\n', 'not-json', /^Case\.corroborate is not a casefile: it is not JSON \(it begins "Notes for the drones story"\)\./],
    ['a casefile followed by junk', (t) => `${t}\n<<<<<<< merge leftovers`, 'invalid-json', /^Case\.corroborate is damaged: the casefile ends on line \d+ and is followed by 23 characters of something else/],
    ['a casefile cut inside a string', (t) => t.slice(0, t.indexOf('"Case, renamed"') + 4), 'truncated', /^Case\.corroborate is cut short/],
    ['a casefile from a newer format version', (t) => t.replace(/"formatVersion":\d+/, '"formatVersion":7'), 'newer-version', /^Case\.corroborate cannot be opened: it was saved by a newer Corroborate \(format 7\).*Update Corroborate to open it\./],
  ];

  test.each(cases)('%s: clear message, file unchanged, newest good backup offered', async (_label, damage, code, message) => {
    const { h, file } = await savedCase();
    const damaged = damage(readFileSync(file, 'utf8'));
    writeFileSync(file, damaged);
    const error = await openFails(h, file);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
    const backup = (error.details as OpenFailureDetails).backup;
    expect(backup?.path).toMatch(/^\.Case\.corroborate\.backups\/.+\.corroborate$/);
    expect(error.message).toMatch(/A backup from .+ can be restored\.$/);
    // The offered backup is the newest good one: the version before the last save.
    expect((await loadCasefile(path.join(h.workspace, backup!.path))).casefile.meta.title).toBe('Case');
  });

  test('without backups the message says nothing about one', async () => {
    const h = harness();
    writeFileSync(path.join(h.workspace, NAME), '{"format":"corroborate-casefile","formatVersion":1,"meta":');
    const error = await openFails(h, path.join(h.workspace, NAME));
    expect(error.code).toBe('truncated');
    expect((error.details as OpenFailureDetails).backup).toBeNull();
    expect(error.message).not.toMatch(/backup/);
  });

  test('a 500 MB file is refused at once, from its size, without reading it', async () => {
    const { h, file } = await savedCase();
    truncateSync(file, 500 * 2 ** 20); // sparse: no disk space, no time
    const before = snapshot(file);
    const rssBefore = process.memoryUsage().rss;
    const t0 = performance.now();
    const error = await h.sessions.open(NAME, 'normal').then(() => null, (e: unknown) => e as ApiError);
    expect(performance.now() - t0).toBeLessThan(1_000);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(100 * 2 ** 20);
    expect(snapshot(file)).toEqual(before);
    if (!error) throw new Error('expected the 500 MB file to be refused');
    expect(error.code).toBe('too-large');
    expect(error.message).toMatch(/^Case\.corroborate is 500 MB; casefiles over 256 MB are refused\. It was not opened or changed\./);
    expect((error.details as OpenFailureDetails).backup).not.toBeNull();
  });
});

describe('permissions', () => {
  const root = process.getuid?.() === 0;
  let child = '';
  beforeAll(async () => {
    child = await bundleScript(path.join(__dirname, 'as-user-child.ts'));
  });

  /** Runs the child as "nobody" when the tests run as root (root ignores permissions), else as ourselves. */
  function runAsUser(action: string, file: string): { ok: boolean; code?: string; message?: string; details?: OpenFailureDetails; result?: { readOnly?: boolean; title?: string; titleInMemory?: string; status?: { saveState: string; error: string | null } } } {
    const run = spawnSync(process.execPath, [child, action, file], { encoding: 'utf8', ...(root ? { uid: 65534, gid: 65534 } : {}) });
    if (run.status !== 0) throw new Error(`child failed: ${run.stderr}`);
    return JSON.parse(run.stdout);
  }

  async function caseOwnedByUser(): Promise<{ dir: string; file: string }> {
    const { file } = await savedCase();
    const dir = path.dirname(file);
    for (const p of [dir, file]) if (root) chownSync(p, 65534, 65534);
    chmodSync(dir, 0o755);
    return { dir, file };
  }

  test('a file without read permission: clear message, nothing written', async () => {
    const { file } = await caseOwnedByUser();
    chmodSync(file, 0o000);
    const before = snapshot(file);
    const out = runAsUser('open', file);
    expect(out).toMatchObject({ ok: false, code: 'permission-denied' });
    expect(out.message).toMatch(/^Case\.corroborate cannot be read: permission denied\./);
    expect(snapshot(file)).toEqual(before);
  });

  test('a file without write permission opens read-only on request, never as a writer that cannot save', async () => {
    const { file } = await caseOwnedByUser();
    chmodSync(file, 0o444);
    const before = snapshot(file);
    const out = runAsUser('open', file);
    expect(out).toMatchObject({ ok: false, code: 'no-write-permission', details: { readOnlyPossible: true } });
    expect(out.message).toBe('Case.corroborate can be read but not saved: you have no permission to change it. Open it read-only, or ask for write access.');
    expect(runAsUser('open-read-only', file)).toMatchObject({ ok: true, result: { readOnly: true, title: 'Case, renamed' } });
    expect(snapshot(file)).toEqual(before);
  });

  test('a folder without write permission: the same, naming the folder', async () => {
    const { dir, file } = await caseOwnedByUser();
    chmodSync(dir, 0o555);
    const out = runAsUser('open', file);
    expect(out).toMatchObject({ ok: false, code: 'no-write-permission' });
    expect(out.message).toMatch(/no permission to change its folder/);
    chmodSync(dir, 0o755);
  });

  test('losing write permission while open: the save fails with a message, the file is unchanged, the edit stays in memory', async () => {
    const { file } = await caseOwnedByUser();
    const before = snapshot(file);
    const out = runAsUser('save-after-losing-permission', file);
    expect(out.ok).toBe(true);
    expect(out.result?.status?.saveState).toBe('error');
    expect(out.result?.status?.error).toBe('No permission to write Case.corroborate. Your changes are kept in memory; use Save As to save them elsewhere.');
    expect(out.result?.titleInMemory).toBe('Changed while read-only');
    expect(snapshot(file).sha256).toBe(before.sha256);
  });
});

/** A 1 MB tmpfs: a real disk that fills up. Mounting needs root (or CAP_SYS_ADMIN); elsewhere the test says why it skips. */
const SMALL_DISK = tempDir('corroborate-small-disk-');
const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', SMALL_DISK]).status === 0;
afterAll(() => {
  if (mounted) spawnSync('umount', [SMALL_DISK]);
  rmSync(SMALL_DISK, { recursive: true, force: true });
});

describe('a disk that fills during a save', () => {
  test(
    'the previous file stays intact, the edits stay in memory, the error is shown',
    async (ctx) => {
      if (!mounted) return skipBecause(ctx, 'cannot mount a small tmpfs here, which needs root');
      const workspace = path.join(SMALL_DISK, 'ws');
      mkdirSync(workspace);
      const h = harness({ workspace });
      const { sessionId, path: name } = await h.sessions.create('Full disk');
      const session = h.sessions.get(sessionId);
      session.apply(0, addArticle(0, { title: 'Saved before the disk filled' }));
      await session.flush();
      const file = path.join(workspace, name);
      const before = snapshot(file);

      // Fill the disk to the last byte.
      const filler = path.join(SMALL_DISK, 'filler');
      const chunk = Buffer.alloc(64 * 1024, 1);
      try {
        for (;;) writeFileSync(filler, chunk, { flag: 'a' });
      } catch (error) {
        expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
      }
      for (let i = 0; i < 4; i++) {
        try {
          writeFileSync(filler, Buffer.alloc(512, 1), { flag: 'a' });
        } catch {
          break;
        }
      }

      session.apply(1, addArticle(2, { title: 'Imported when the disk was full' }));
      const status = await session.flush();
      expect(status.saveState).toBe('error');
      expect(status.error).toBe(
        'The disk is full: Full-disk.corroborate was not saved (the last saved version is intact). Your changes are kept in memory; free some space and it saves again.',
      );
      expect(snapshot(file)).toEqual(before);
      expect((await loadCasefile(file)).casefile.meta.title).toBe('Full disk');
      expect(readdirSync(workspace).filter((n) => n.endsWith('.tmp'))).toEqual([]);
      expect(Object.values(session.casefile.articles).map((a) => a.title).sort()).toEqual(['Imported when the disk was full', 'Saved before the disk filled']);
      await expect(h.sessions.close(sessionId)).rejects.toThrow(/^Not closed: The disk is full/);

      unlinkSync(filler);
      expect((await session.flush()).saveState).toBe('saved');
      expect(Object.keys((await loadCasefile(file)).casefile.articles)).toHaveLength(2);
      await h.sessions.close(sessionId);
    },
  );
});
