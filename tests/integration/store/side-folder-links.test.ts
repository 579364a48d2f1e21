/**
 * Side folders that are symbolic links out of the workspace (planted in a
 * shared folder or unpacked from an archive): backups and lock folders are
 * made anew as real folders, the exports folder is refused, and nothing is
 * ever written or read through the link.
 */
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, test } from 'vitest';
import { apiContract } from '../../../shared/api/contract';
import { ReportOptions } from '../../../shared/report/options';
import { backupFolder, keepBackup, listBackups } from '../../../electron/services/casefile/backups';
import { CasefileLock, LockedError, lockFolder } from '../../../electron/services/casefile/lock';
import { createExportHandlers } from '../../../electron/services/export/api';
import { buildSeedCasefile } from '../../fixtures/report/seed-casefile';

let workspace: string;
/** A folder outside the workspace, where the links lead. */
let elsewhere: string;
let casefile: string;

beforeEach(() => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'corroborate-links-'));
  workspace = path.join(root, 'ws');
  elsewhere = path.join(root, 'elsewhere');
  mkdirSync(workspace);
  mkdirSync(elsewhere);
  casefile = path.join(workspace, 'Drones.corroborate');
  writeFileSync(casefile, '{"saved": 1}');
});

describe('the backups folder', () => {
  test('a link in its place is replaced by a real folder: the backup lands in the workspace, nothing outside', async () => {
    symlinkSync(elsewhere, backupFolder(casefile));
    const backup = await keepBackup(casefile);
    expect(lstatSync(backupFolder(casefile)).isDirectory()).toBe(true);
    expect(path.dirname(backup!)).toBe(backupFolder(casefile));
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  test('backups behind a link are not listed, nor are links among the backups', async () => {
    writeFileSync(path.join(elsewhere, '2024-09-10T09-00-00-000Z.corroborate'), '{"foreign": true}');
    symlinkSync(elsewhere, backupFolder(casefile));
    expect(await listBackups(casefile)).toEqual([]);

    await keepBackup(casefile, new Date('2024-09-11T09:00:00.000Z'));
    symlinkSync(path.join(elsewhere, '2024-09-10T09-00-00-000Z.corroborate'), path.join(backupFolder(casefile), '2024-09-10T09-00-00-000Z.corroborate'));
    expect((await listBackups(casefile)).map((b) => path.basename(b.path))).toEqual(['2024-09-11T09-00-00-000Z.corroborate']);
  });
});

describe('the lock folder', () => {
  test('a link in its place is nobody’s lock: it is removed, never followed, and a real lock is taken', async () => {
    // Behind the link, an owner file that names someone else, held by a live process (ours).
    writeFileSync(path.join(elsewhere, 'owner.json'), JSON.stringify({ app: 'Corroborate', analyst: 'Mallory', host: os.hostname(), pid: process.pid, since: '', token: 'x' }));
    symlinkSync(elsewhere, lockFolder(casefile));
    const lock = await CasefileLock.acquire(casefile, { analyst: 'Dana' });
    expect(lstatSync(lockFolder(casefile)).isDirectory()).toBe(true);
    expect(readdirSync(elsewhere)).toEqual(['owner.json']);
    await lock.release();
  });

  test('an owner file that is a link is not read: the lock’s owner is unknown, not the linked file’s name', async () => {
    writeFileSync(path.join(elsewhere, 'secret.json'), JSON.stringify({ app: 'Corroborate', analyst: 'Read from outside', host: os.hostname(), pid: process.pid, since: '', token: 'x' }));
    mkdirSync(lockFolder(casefile));
    symlinkSync(path.join(elsewhere, 'secret.json'), path.join(lockFolder(casefile), 'owner.json'));
    const refused = await CasefileLock.acquire(casefile, { analyst: 'Dana' }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(LockedError);
    expect((refused as LockedError).owner).toBeNull();
  });
});

describe('the exports folder', () => {
  const exportArgs = () => apiContract.exportReport.args.parse({ sessionId: 's1', jobId: 'j1', format: 'csv', destination: 'workspace', options: ReportOptions.parse({}) });
  const handlers = () => createExportHandlers({ version: 'test', workspace, emit: () => undefined, casefileOf: () => buildSeedCasefile() });

  test('a link in its place is refused with a clear reason, and nothing is written where it leads', async () => {
    symlinkSync(elsewhere, path.join(workspace, 'exports'));
    await expect(handlers().exportReport(exportArgs())).rejects.toMatchObject({
      code: 'outside-workspace',
      message: expect.stringMatching(/exports folder is a link to another place; reports are written only inside the workspace/),
    });
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  test('a real exports folder is made when missing and used', async () => {
    const result = await handlers().exportReport(exportArgs());
    expect(result.savedPath).toMatch(/^exports[/\\]/);
    expect(existsSync(path.join(workspace, result.savedPath!))).toBe(true);
  });
});
