import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import type { OpenFailureDetails } from '../../../shared/api/contract';
import { ApiError } from '../../../shared/api/dispatch';
import { BACKUP_COUNT, backupFolder } from '../../../electron/services/casefile/backups';
import { AUTOSAVE_MAX_WAIT_MS, UNDO_LIMIT } from '../../../electron/services/casefile/session';
import { loadCasefile } from '../../../electron/services/casefile/store';
import { addArticle, harness, rename, sleep, snapshot, type Harness } from './support';

const open: Harness[] = [];
function make(opts: Parameters<typeof harness>[0] = {}): Harness {
  const h = harness(opts);
  open.push(h);
  return h;
}
afterEach(async () => {
  for (const h of open.splice(0)) await h.sessions.flushAll();
});

async function onDisk(h: Harness, file: string) {
  return (await loadCasefile(path.join(h.workspace, file))).casefile;
}

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe('autosave', () => {
  test('a change is on disk within a second, and the status goes unsaved → saving → saved', async () => {
    const h = make();
    const opened = await h.sessions.create('Drones for Russia');
    expect(opened.path).toBe('Drones-for-Russia.corroborate');
    const session = h.sessions.get(opened.sessionId);
    const t0 = Date.now();
    const change = session.apply(0, addArticle(0, { title: 'Kyiv Independent, 3 July' }));
    expect(change.status.saveState).toBe('unsaved');
    while (session.status().saveState !== 'saved') await sleep(20);
    expect(Date.now() - t0).toBeLessThan(1_000);
    const saved = await onDisk(h, opened.path);
    expect(Object.values(saved.articles).map((a) => a.title)).toEqual(['Kyiv Independent, 3 July']);
    expect(h.statuses.map((s) => s.status.saveState)).toEqual(expect.arrayContaining(['saving', 'saved']));
  });

  test('changes that keep coming are still saved within a second of the first', async () => {
    const h = make();
    const { sessionId, path: file } = await h.sessions.create('Busy');
    const session = h.sessions.get(sessionId);
    const t0 = Date.now();
    let firstOnDisk = 0;
    for (let i = 0; i < 40 && !firstOnDisk; i++) {
      session.apply(session.status().revision, rename(`title ${i}`));
      await sleep(50);
      if ((await onDisk(h, file)).meta.title !== 'Busy') firstOnDisk = Date.now();
    }
    expect(firstOnDisk).toBeGreaterThan(0);
    expect(firstOnDisk - t0).toBeLessThanOrEqual(AUTOSAVE_MAX_WAIT_MS + 300);
  });

  test('closing saves what is pending; the file then holds the last change', async () => {
    const h = make();
    const { sessionId, path: file } = await h.sessions.create('Close me');
    const session = h.sessions.get(sessionId);
    session.apply(0, rename('Renamed just before closing'));
    await h.sessions.close(sessionId);
    expect((await onDisk(h, file)).meta.title).toBe('Renamed just before closing');
    expect(() => h.sessions.get(sessionId)).toThrow(/no longer open/);
  });
});

describe('undo, redo and the audit trail', () => {
  test(`${UNDO_LIMIT >= 200 ? 'over 200' : 'all'} steps undo and redo across autosaves, and the file follows`, async () => {
    const h = make();
    const { sessionId, path: file } = await h.sessions.create('Step 0');
    const session = h.sessions.get(sessionId);
    const STEPS = 210;
    for (let i = 1; i <= STEPS; i++) {
      session.apply(session.status().revision, rename(`Step ${i}`));
      if (i % 70 === 0) await session.flush();
    }
    await session.flush();
    expect((await onDisk(h, file)).meta.title).toBe(`Step ${STEPS}`);
    for (let i = STEPS - 1; i >= 0; i--) {
      session.undo(session.status().revision);
      expect(session.casefile.meta.title).toBe(`Step ${i}`);
      if (i % 50 === 0) await session.flush();
    }
    expect(session.status().canUndo).toBe(false);
    await session.flush();
    expect((await onDisk(h, file)).meta.title).toBe('Step 0');
    for (let i = 1; i <= STEPS; i++) session.redo(session.status().revision);
    await session.flush();
    expect((await onDisk(h, file)).meta.title).toBe(`Step ${STEPS}`);
    expect(session.status().canRedo).toBe(false);
  });

  test('the audit trail records who did what, undos and redos included, and is saved', async () => {
    const h = make({ analyst: 'Dana Whitfield' });
    const { sessionId, path: file } = await h.sessions.create('Audit');
    const session = h.sessions.get(sessionId);
    session.apply(0, addArticle(2));
    h.analyst.name = 'Sam Okafor';
    session.apply(1, rename('Audited'));
    session.undo(2);
    session.redo(3);
    await session.flush();
    const audit = (await onDisk(h, file)).audit;
    expect(audit.map((a) => [a.by, a.action])).toEqual([
      ['Dana Whitfield', 'article.add'],
      ['Sam Okafor', 'casefile.rename'],
      ['Sam Okafor', 'undo'],
      ['Sam Okafor', 'redo'],
    ]);
    expect(audit.every((a) => a.summary.length > 0 && !Number.isNaN(Date.parse(a.at)))).toBe(true);
    expect((await onDisk(h, file)).meta.analysts).toEqual(['Dana Whitfield', 'Sam Okafor']);
  });
});

describe('backups', () => {
  test(`the last ${BACKUP_COUNT} saved versions are kept beside the file, each a valid casefile`, async () => {
    const h = make({ backupIntervalMs: 0 });
    const { sessionId, path: file } = await h.sessions.create('v0');
    const session = h.sessions.get(sessionId);
    for (let i = 1; i <= 14; i++) {
      session.apply(session.status().revision, rename(`v${i}`));
      await session.flush();
    }
    const folder = backupFolder(path.join(h.workspace, file));
    const names = readdirSync(folder).sort();
    expect(names).toHaveLength(BACKUP_COUNT);
    const titles = await Promise.all(names.map(async (n) => (await loadCasefile(path.join(folder, n))).casefile.meta.title));
    // Each backup is the version a save replaced: v3 … v12 (v13 was replaced by v14, which is the file).
    expect(titles).toEqual(['v4', 'v5', 'v6', 'v7', 'v8', 'v9', 'v10', 'v11', 'v12', 'v13']);
    expect((await onDisk(h, file)).meta.title).toBe('v14');
    expect(await h.sessions.listBackups(file)).toHaveLength(BACKUP_COUNT);
  });

  test('a damaged casefile names its newest good backup, which restores into a new file beside it', async () => {
    const h = make({ backupIntervalMs: 0 });
    const { sessionId, path: file } = await h.sessions.create('Precious');
    const session = h.sessions.get(sessionId);
    session.apply(0, addArticle(0, { title: 'Kept' }));
    await session.flush();
    session.apply(1, rename('Precious, later'));
    await h.sessions.close(sessionId);
    const full = path.join(h.workspace, file);
    writeFileSync(full, readFileSync(full).subarray(0, 500));
    const before = snapshot(full);
    const error = await rejection(h.sessions.open(file, 'normal'));
    expect(error.code).toBe('truncated');
    expect(error.message).toMatch(/^Precious\.corroborate is cut short/);
    expect(error.message).toMatch(/A backup from .* can be restored/);
    const backup = (error.details as OpenFailureDetails).backup!;
    expect(backup.path).toMatch(/^\.Precious\.corroborate\.backups\//);
    expect(snapshot(full)).toEqual(before);

    const restored = await h.sessions.restoreBackup(backup.path);
    expect(restored.path).toMatch(/^Precious \(restored \d{4}-\d\d-\d\d \d\d-\d\d\)\.corroborate$/);
    expect(Object.values(restored.casefile.articles).map((a) => a.title)).toEqual(['Kept']);
    expect((await onDisk(h, restored.path)).meta.title).toBe('Precious');
    expect(snapshot(full)).toEqual(before);
  });
});

describe('one writer', () => {
  test('a second window is offered read-only or take-over; taking over makes the first read-only', async () => {
    const h = make();
    const first = await h.sessions.create('Shared', 'tab-1');
    const session1 = h.sessions.get(first.sessionId);
    session1.apply(0, rename('Edited in tab 1'));

    const locked = await rejection(h.sessions.open(first.path, 'normal', 'tab-2'));
    expect(locked.code).toBe('locked');
    expect(locked.message).toBe('Shared.corroborate is already open in another window of Corroborate.');

    const readOnly = await h.sessions.open(first.path, 'read-only', 'tab-2');
    expect(readOnly.readOnly).toBe(true);
    expect(() => h.sessions.get(readOnly.sessionId).apply(0, rename('x'))).toThrow(/read-only/);

    const taken = await h.sessions.open(first.path, 'take-over', 'tab-2');
    expect(taken.readOnly).toBe(false);
    // The first window's pending change was saved before the hand-over.
    expect(taken.casefile.meta.title).toBe('Edited in tab 1');
    expect(session1.readOnly).toBe(true);
    expect(session1.status().readOnly).toBe(true);
    expect(h.statuses.at(-1)?.status.error ?? '').toMatch(/taken over/);
    expect(() => session1.apply(session1.status().revision, rename('two writers'))).toThrow(/read-only/);

    const session2 = h.sessions.get(taken.sessionId);
    session2.apply(taken.status.revision, rename('Now tab 2'));
    await session2.flush();
    expect((await onDisk(h, first.path)).meta.title).toBe('Now tab 2');
  });

  test('a tab that went away hands its casefile over at once, saved', async () => {
    const h = make();
    const first = await h.sessions.create('Reloaded', 'tab-old');
    h.sessions.get(first.sessionId).apply(0, rename('Typed before reload'));
    h.sessions.clientGone('tab-old');
    const again = await h.sessions.open(first.path, 'normal', 'tab-new');
    expect(again.casefile.meta.title).toBe('Typed before reload');
    expect(() => h.sessions.get(first.sessionId)).toThrow();
  });

  test('a lock left by a crashed process is taken without waiting', async () => {
    const h = make();
    const { sessionId, path: file } = await h.sessions.create('Crashed');
    await h.sessions.close(sessionId);
    const lockDir = path.join(h.workspace, '.Crashed.corroborate.lock');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(lockDir);
    writeFileSync(path.join(lockDir, 'owner.json'), JSON.stringify({ app: 'Corroborate', analyst: 'Ghost', host: (await import('node:os')).hostname(), pid: 2 ** 22 + 17, since: new Date().toISOString(), token: 'dead' }));
    const t0 = Date.now();
    const reopened = await h.sessions.open(file, 'normal');
    expect(Date.now() - t0).toBeLessThan(1_000);
    expect(reopened.readOnly).toBe(false);
  });

  test('a lock held by another live process names who holds it', async () => {
    const h = make();
    const { sessionId, path: file } = await h.sessions.create('Colleague');
    await h.sessions.close(sessionId);
    const lockDir = path.join(h.workspace, '.Colleague.corroborate.lock');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(lockDir);
    // pid 1 is alive on every machine; the host name is another computer's.
    writeFileSync(path.join(lockDir, 'owner.json'), JSON.stringify({ app: 'Corroborate', analyst: 'Sam Okafor', host: 'desk-7', pid: 1, since: '2024-07-03T10:00:00.000Z', token: 'alive' }));
    const error = await rejection(h.sessions.open(file, 'normal'));
    expect(error.code).toBe('locked');
    expect(error.message).toMatch(/^Colleague\.corroborate is open in Sam Okafor's Corroborate on desk-7/);
    const taken = await h.sessions.open(file, 'take-over');
    expect(taken.readOnly).toBe(false);
    expect(JSON.parse(readFileSync(path.join(lockDir, 'owner.json'), 'utf8')).pid).toBe(process.pid);
  });
});

describe('another program changes the file', () => {
  async function changedUnderneath(h: Harness) {
    const opened = await h.sessions.create('Contested');
    const session = h.sessions.get(opened.sessionId);
    session.apply(0, rename('Mine'));
    await session.flush();
    const full = path.join(h.workspace, opened.path);
    const theirs = JSON.parse(readFileSync(full, 'utf8'));
    theirs.meta.title = 'Theirs';
    writeFileSync(full, JSON.stringify(theirs));
    const before = snapshot(full);
    session.apply(session.status().revision, rename('Mine, again'));
    await session.flush();
    return { opened, session, full, before };
  }

  test('the next save notices, writes nothing and asks', async () => {
    const h = make();
    const { opened, session, full, before } = await changedUnderneath(h);
    expect(session.status()).toMatchObject({ saveState: 'error', changedOnDisk: true });
    expect(session.status().error).toMatch(/changed on disk by another program\. Nothing was overwritten/);
    expect(h.changed).toEqual([opened.sessionId]);
    expect(snapshot(full)).toEqual(before);
  });

  test('closing without choosing keeps my version in a copy beside theirs, never over it', async () => {
    const h = make();
    const { opened, full, before } = await changedUnderneath(h);
    await h.sessions.close(opened.sessionId);
    expect(snapshot(full)).toEqual(before);
    const copies = readdirSync(h.workspace).filter((n) => n.startsWith('Contested (unsaved changes'));
    expect(copies).toHaveLength(1);
    expect((await onDisk(h, copies[0]!)).meta.title).toBe('Mine, again');
  });

  test('the periodic look at the disk notices a change while nothing is being saved', async () => {
    const h = make();
    const opened = await h.sessions.create('Watched');
    const session = h.sessions.get(opened.sessionId);
    const full = path.join(h.workspace, opened.path);
    const theirs = JSON.parse(readFileSync(full, 'utf8'));
    theirs.meta.title = 'Changed elsewhere';
    writeFileSync(full, JSON.stringify(theirs));
    await session.checkDisk();
    expect(session.status().changedOnDisk).toBe(true);
    expect(h.changed).toEqual([opened.sessionId]);
  });

  test('reload theirs replaces my state with the file', async () => {
    const h = make();
    const { opened, session } = await changedUnderneath(h);
    const result = await h.sessions.resolveChangedOnDisk(opened.sessionId, 'reload-theirs');
    expect(result.casefile.meta.title).toBe('Theirs');
    expect(session.status()).toMatchObject({ saveState: 'saved', changedOnDisk: false, canUndo: false });
  });

  test('keep mine writes my version to a copy beside theirs, which stays untouched', async () => {
    const h = make();
    const { opened, full, before } = await changedUnderneath(h);
    const result = await h.sessions.resolveChangedOnDisk(opened.sessionId, 'keep-mine-as-copy');
    expect(result.path).toMatch(/^Contested \(my copy \d{4}-\d\d-\d\d \d\d-\d\d\)\.corroborate$/);
    expect((await onDisk(h, result.path)).meta.title).toBe('Mine, again');
    expect(snapshot(full)).toEqual(before);
    expect(existsSync(path.join(h.workspace, '.Contested.corroborate.lock'))).toBe(false);
  });

  test('a touch that leaves the content the same is not a change', async () => {
    const h = make();
    const opened = await h.sessions.create('Touched');
    const session = h.sessions.get(opened.sessionId);
    const full = path.join(h.workspace, opened.path);
    writeFileSync(full, readFileSync(full));
    session.apply(0, rename('Still mine'));
    await session.flush();
    expect(session.status()).toMatchObject({ saveState: 'saved', changedOnDisk: false });
  });
});

describe('save as', () => {
  test('moves the casefile to a new name; the old file keeps its last version and is free again', async () => {
    const h = make();
    const opened = await h.sessions.create('Draft');
    const session = h.sessions.get(opened.sessionId);
    session.apply(0, rename('Final'));
    const moved = await h.sessions.saveAs(opened.sessionId, 'Final.corroborate', false);
    expect(moved.path).toBe('Final.corroborate');
    expect((await onDisk(h, 'Final.corroborate')).meta.title).toBe('Final');
    const reopenedOld = await h.sessions.open('Draft.corroborate', 'normal');
    expect(reopenedOld.readOnly).toBe(false);
    await expect(h.sessions.saveAs(opened.sessionId, 'Draft.corroborate', false)).rejects.toThrow(/already exists/);
    await expect(h.sessions.saveAs(opened.sessionId, '../outside.corroborate', false)).rejects.toThrow(/outside the workspace/);
  });
});
