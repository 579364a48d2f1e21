/**
 * Snapshots of pages imported from links: the page exactly as the site sent
 * it, kept beside the casefile in `.Drones.corroborate.snapshots/` and named
 * by its SHA-256, so the analyst can show what the page said when it was read
 * even after the site changes it. Like the backups folder, a symbolic link in
 * its place (or in the place of a snapshot) is never written through.
 */
import { createHash } from 'node:crypto';
import { rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { recreateAsRealFolder, whatIsAt } from '../casefile/side-folders';

/** `Drones.corroborate` keeps its snapshots in `.Drones.corroborate.snapshots/`. */
export function snapshotFolder(casefilePath: string): string {
  return path.join(path.dirname(casefilePath), `.${path.basename(casefilePath)}.snapshots`);
}

/** Keeps `body` as a snapshot beside the casefile; returns its file name (the same page twice is kept once). */
export async function keepSnapshot(casefilePath: string, body: Uint8Array, extension: string): Promise<string> {
  const name = `${createHash('sha256').update(body).digest('hex')}.${extension}`;
  const folder = snapshotFolder(casefilePath);
  await recreateAsRealFolder(folder);
  const target = path.join(folder, name);
  const there = await whatIsAt(target);
  if (there === 'file') return name;
  if (there === 'link') await unlink(target);
  // Written under a new name first ('wx' never opens an existing file or link), then renamed into place.
  const partial = `${target}.${process.pid}.${Date.now()}.partial`;
  await writeFile(partial, body, { flag: 'wx' });
  await rename(partial, target);
  return name;
}
