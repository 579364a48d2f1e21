/**
 * The folders kept beside a casefile (its backups, its lock) and the
 * workspace's exports folder are written into without asking. A symbolic
 * link in their place (planted in a shared folder, or unpacked from an
 * archive) would take those writes, and the reads of a lock's owner, out of
 * the workspace: such links are never followed.
 */
import { constants, lstatSync, openSync, readFileSync, closeSync } from 'node:fs';
import { lstat, mkdir, open, unlink } from 'node:fs/promises';
import path from 'node:path';

/** What is at `file` itself, without following a link there; null when nothing is. */
export async function whatIsAt(file: string): Promise<'folder' | 'file' | 'link' | 'other' | null> {
  const info = await lstat(file).catch(() => null);
  if (!info) return null;
  if (info.isSymbolicLink()) return 'link';
  return info.isDirectory() ? 'folder' : info.isFile() ? 'file' : 'other';
}

/**
 * Makes `folder` (one of our own hidden side folders) a real folder: a link
 * in its place is removed (the link only, not what it points to) and the
 * folder made anew. Anything else in its place is left alone and refused.
 */
export async function recreateAsRealFolder(folder: string): Promise<void> {
  const kind = await whatIsAt(folder);
  if (kind === 'folder') return;
  if (kind === 'link') await unlink(folder);
  else if (kind) throw new Error(`${path.basename(folder)} is not a folder; move it away and try again.`);
  await mkdir(folder);
}

/** O_NOFOLLOW where the system has it (not on Windows, where the lstat check below does the work). */
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;

/** A small file's text, refusing to read through a symbolic link (throws ELOOP, or when it is not a plain file). */
export async function readPlainFile(file: string): Promise<string> {
  if ((await whatIsAt(file)) !== 'file') throw Object.assign(new Error(`${file} is not a plain file`), { code: 'ENOTFILE' });
  const handle = await open(file, constants.O_RDONLY | NO_FOLLOW);
  try {
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}

/** readPlainFile for the moment of exit, when nothing async can run. */
export function readPlainFileSync(file: string): string {
  if (!lstatSync(file).isFile()) throw Object.assign(new Error(`${file} is not a plain file`), { code: 'ENOTFILE' });
  const fd = openSync(file, constants.O_RDONLY | NO_FOLLOW);
  try {
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}
