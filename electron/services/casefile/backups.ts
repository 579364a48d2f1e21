import { constants } from 'node:fs';
import { copyFile, lstat, readdir, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { CASEFILE_EXTENSION } from '../../../shared/model/schema';
import { processAlive } from './durable-write';
import { recreateAsRealFolder, whatIsAt } from './side-folders';

/** How many saved versions are kept beside each casefile. */
export const BACKUP_COUNT = 10;
/**
 * At most one backup per this interval (plus one at the first save of every
 * session), so the ten backups span real work rather than the last ten
 * seconds of autosaves.
 */
export const BACKUP_INTERVAL_MS = 60_000;

export interface Backup {
  path: string;
  savedAt: string;
  sizeBytes: number;
}

/** `Drones.corroborate` keeps its backups in `.Drones.corroborate.backups/`. */
export function backupFolder(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.backups`);
}

/**
 * Copies the current version of `file` into its backup folder, then drops all
 * but the newest BACKUP_COUNT. A copy (not a hard link) so that a program
 * editing the file in place cannot damage the backup too.
 */
export async function keepBackup(file: string, now = new Date()): Promise<string | null> {
  const exists = await stat(file).then((s) => s.isFile(), () => false);
  if (!exists) return null;
  const folder = backupFolder(file);
  // A link in the folder's place would take the copy out of the workspace.
  await recreateAsRealFolder(folder);
  const target = path.join(folder, `${now.toISOString().replace(/[:.]/g, '-')}${CASEFILE_EXTENSION}`);
  // Copied under a temporary name first, so a crash mid-copy never leaves a partial backup among the good ones.
  const partial = `${target}.${process.pid}.partial`;
  await copyFile(file, partial, constants.COPYFILE_FICLONE);
  await rename(partial, target);
  await pruneBackups(file);
  return target;
}

/** The backups of `file`, newest first: plain files in a real folder, never what a link points to. */
export async function listBackups(file: string): Promise<Backup[]> {
  const folder = backupFolder(file);
  if ((await whatIsAt(folder)) !== 'folder') return [];
  const names = await readdir(folder).catch(() => [] as string[]);
  const backups: Backup[] = [];
  for (const name of names) {
    if (!name.endsWith(CASEFILE_EXTENSION) || name.startsWith('.')) continue;
    const full = path.join(folder, name);
    const info = await lstat(full).catch(() => null);
    if (info?.isFile()) backups.push({ path: full, savedAt: savedAtFromName(name) ?? info.mtime.toISOString(), sizeBytes: info.size });
  }
  return backups.sort((a, b) => b.path.localeCompare(a.path));
}

async function pruneBackups(file: string): Promise<void> {
  const backups = await listBackups(file);
  for (const old of backups.slice(BACKUP_COUNT)) await unlink(old.path).catch(() => undefined);
  const folder = backupFolder(file);
  if ((await whatIsAt(folder)) !== 'folder') return;
  for (const name of await readdir(folder).catch(() => [] as string[])) {
    const pid = /\.(\d+)\.partial$/.exec(name)?.[1];
    if (pid && !processAlive(Number(pid))) await unlink(path.join(folder, name)).catch(() => undefined);
  }
}

function savedAtFromName(name: string): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z/.exec(name);
  return m ? `${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z` : null;
}
