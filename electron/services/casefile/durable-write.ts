import { createHash, randomBytes } from 'node:crypto';
import { open, readdir, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';

/** What a file looked like when we last read or wrote it: enough to notice another program's change. */
export interface FileFingerprint {
  size: number;
  mtimeMs: number;
  ino: number;
  /** SHA-256 (hex) of the file's bytes. */
  hash: string;
}

export interface DurableWriteOptions {
  /** Runs after the new content is on disk and before it replaces the old file (e.g. keep a backup of the old one). */
  beforeReplace?: () => Promise<void>;
}

/**
 * Replaces `target` with `chunks` so that a crash at any moment leaves either
 * the old file or the new one, never a mix: write a temp file unique to this
 * writer, fsync it, rename it over the target, then fsync the folder so the
 * rename itself is on disk. Returns the new file's fingerprint.
 */
export async function writeFileDurably(
  target: string,
  chunks: Iterable<string> | AsyncIterable<string>,
  options: DurableWriteOptions = {},
): Promise<FileFingerprint> {
  const dir = path.dirname(target);
  const temp = tempPath(target);
  const hash = createHash('sha256');
  // Keep the permissions the analyst gave the file; a new file gets the usual ones.
  const mode = await stat(target).then((s) => s.mode & 0o777, () => 0o666);
  const handle = await open(temp, 'wx', mode);
  let info;
  try {
    for await (const chunk of chunks) {
      const bytes = Buffer.from(chunk, 'utf8');
      hash.update(bytes);
      await writeAll(handle, bytes);
    }
    await handle.sync();
    info = await handle.stat();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await handle.close();
  try {
    await options.beforeReplace?.();
    await rename(temp, target);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncFolder(dir);
  return { size: info.size, mtimeMs: info.mtimeMs, ino: info.ino, hash: hash.digest('hex') };
}

async function writeAll(handle: Awaited<ReturnType<typeof open>>, bytes: Buffer): Promise<void> {
  let offset = 0;
  while (offset < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset, null);
    offset += bytesWritten;
  }
}

const TEMP_PATTERN = /^\.(.+)\.(\d+)\.[0-9a-f]{12}\.tmp$/;

function tempPath(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
}

/** Removes temp files a crashed writer left beside `target` (those of live processes stay). */
export async function removeStaleTempFiles(target: string): Promise<number> {
  const dir = path.dirname(target);
  const name = path.basename(target);
  let removed = 0;
  for (const entry of await readdir(dir).catch(() => [] as string[])) {
    const match = TEMP_PATTERN.exec(entry);
    if (!match || match[1] !== name || processAlive(Number(match[2]))) continue;
    await unlink(path.join(dir, entry)).then(() => removed++, () => undefined);
  }
  return removed;
}

export function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function syncFolder(dir: string): Promise<void> {
  // Windows cannot open folders for fsync; there the rename is already durable enough.
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
