/**
 * One writer per casefile, across windows, processes and machines sharing a
 * folder. The lock is proper-lockfile's: a folder `.name.corroborate.lock`
 * beside the casefile whose mtime the holder refreshes. We add an owner file
 * inside it (who, where, which process) so that
 * - the analyst is told who has the casefile open,
 * - a lock left by a crashed process on this machine is taken at once (its
 *   process is gone) instead of after the stale time.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { lstat, rename, rm, unlink, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { processAlive } from './durable-write';
import { readPlainFile, readPlainFileSync, whatIsAt } from './side-folders';

/** A lock not refreshed for this long belongs to a process that hung or a machine that went away. */
export const LOCK_STALE_MS = 20_000;
const OWNER_FILE = 'owner.json';
/**
 * A live Corroborate writes its owner file the moment it has created the lock
 * folder. The same folder still without one this much later was left by a
 * process killed in between, and is stale. (Its mtime cannot tell: the lock's
 * mtime may lie in the future, by proper-lockfile's design.)
 */
const OWNERLESS_GRACE_MS = 2_000;

export interface LockOwner {
  app: 'Corroborate';
  analyst: string;
  host: string;
  pid: number;
  since: string;
  token: string;
}

export class LockedError extends Error {
  constructor(readonly owner: LockOwner | null) {
    super('locked');
    this.name = 'LockedError';
  }
}

export function lockFolder(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.lock`);
}

export class CasefileLock {
  private lost = false;
  private onLostListener: (() => void) | null = null;

  private constructor(
    readonly file: string,
    readonly owner: LockOwner,
    private readonly release_: () => Promise<void>,
  ) {}

  /**
   * Takes the lock on `file`. A lock held by a live process elsewhere throws
   * LockedError (with its owner) unless `takeOver` is set, which breaks it.
   */
  static async acquire(file: string, opts: { analyst: string; takeOver?: boolean; staleMs?: number }): Promise<CasefileLock> {
    const folder = lockFolder(file);
    // A link in the lock folder's place is nobody's lock: remove the link (never what it points to).
    if ((await whatIsAt(folder)) === 'link') await unlink(folder);
    let ownerlessSeen: string | null = null;
    for (let attempt = 0; attempt < 4; attempt++) {
      const current = await readOwner(folder);
      if (current !== undefined && (opts.takeOver || (await isStale(folder, current)))) {
        await breakLock(folder, current);
      }
      const owner: LockOwner = {
        app: 'Corroborate',
        analyst: opts.analyst,
        host: os.hostname(),
        pid: process.pid,
        since: new Date().toISOString(),
        token: randomBytes(12).toString('hex'),
      };
      let lock: CasefileLock | null = null;
      try {
        const release = await lockfile.lock(file, {
          lockfilePath: folder,
          realpath: false,
          // proper-lockfile refreshes the lock every half of this.
          stale: opts.staleMs ?? LOCK_STALE_MS,
          retries: 0,
          onCompromised: () => lock?.markLost(),
        });
        lock = new CasefileLock(file, owner, release);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        // ENOTEMPTY: proper-lockfile found the lock stale but cannot remove our owner file; we do it on the next turn.
        if (code !== 'ELOCKED' && code !== 'ENOTEMPTY') throw error;
        const holder = await readOwner(folder);
        if (!opts.takeOver && holder === null && (await ownerFileMissing(folder))) {
          // Its owner may be writing the owner file right now, or may have died before it could: look again after the grace.
          const seen = await folderIdentity(folder);
          if (seen !== null && seen === ownerlessSeen) await breakLock(folder, null);
          else {
            ownerlessSeen = seen;
            await new Promise((resolve) => setTimeout(resolve, OWNERLESS_GRACE_MS));
          }
          continue;
        }
        if (!opts.takeOver && holder !== undefined && !(await isStale(folder, holder))) throw new LockedError(holder);
        continue;
      }
      await writeOwner(folder, owner);
      held.add(lock);
      return lock;
    }
    throw new LockedError((await readOwner(folder)) ?? null);
  }

  /** True while the lock is still ours: nobody broke it (checked before every save). */
  async held(): Promise<boolean> {
    if (this.lost) return false;
    const owner = await readOwner(lockFolder(this.file));
    if (owner?.token !== this.owner.token) this.markLost();
    return !this.lost;
  }

  onLost(listener: () => void): void {
    this.onLostListener = listener;
  }

  async release(): Promise<void> {
    held.delete(this);
    if (this.lost) return;
    this.lost = true;
    // Someone may have taken the lock over: their owner file (which also keeps their folder from being removed) stays.
    const owner = await readOwner(lockFolder(this.file));
    if (owner?.token !== this.owner.token) return;
    await rm(path.join(lockFolder(this.file), OWNER_FILE), { force: true });
    await this.release_().catch(() => undefined);
  }

  /** At exit, when nothing async can run any more: let go of the lock if it is still ours. */
  releaseAtExit(): void {
    if (this.lost) return;
    const folder = lockFolder(this.file);
    try {
      if ((JSON.parse(readPlainFileSync(path.join(folder, OWNER_FILE))) as LockOwner).token === this.owner.token) rmSync(folder, { recursive: true, force: true });
    } catch {
      // Gone already, or not ours: nothing to let go.
    }
  }

  private markLost(): void {
    held.delete(this);
    if (this.lost) return;
    this.lost = true;
    this.onLostListener?.();
  }
}

/** Locks this process holds, let go when it exits normally (a crash leaves them to the stale check). */
const held = new Set<CasefileLock>();
process.once('exit', () => {
  for (const lock of held) lock.releaseAtExit();
});

/**
 * Writes the owner file into the lock folder, then puts the folder's mtime
 * back: adding a file changes it, and proper-lockfile takes a changed mtime
 * for someone else breaking the lock (it would report it compromised at its
 * first refresh, ten seconds later).
 */
async function writeOwner(folder: string, owner: LockOwner): Promise<void> {
  const { mtime } = await lstat(folder);
  // Written beside and renamed, so a writer killed half-way never leaves a half-written owner file (an unknown owner), only none.
  const partial = path.join(folder, `${OWNER_FILE}.${process.pid}.partial`);
  await writeFile(partial, JSON.stringify(owner), 'utf8');
  await rename(partial, path.join(folder, OWNER_FILE));
  await utimes(folder, mtime, mtime);
}

/**
 * The lock folder's owner: undefined when there is no lock, null when its
 * owner is unknown (being written, foreign, or behind a link, which is never
 * followed).
 */
async function readOwner(folder: string): Promise<LockOwner | null | undefined> {
  const kind = await whatIsAt(folder);
  if (!kind) return undefined;
  if (kind !== 'folder') return null;
  try {
    const owner = JSON.parse(await readPlainFile(path.join(folder, OWNER_FILE))) as LockOwner;
    return typeof owner.pid === 'number' && typeof owner.token === 'string' ? owner : null;
  } catch {
    return null;
  }
}

/** The lock folder has no owner file at all (as opposed to one that is unreadable, foreign or a link). */
async function ownerFileMissing(folder: string): Promise<boolean> {
  return lstat(path.join(folder, OWNER_FILE)).then(() => false, (error: NodeJS.ErrnoException) => error.code === 'ENOENT');
}

/** Tells one lock folder from another made later at the same path. */
async function folderIdentity(folder: string): Promise<string | null> {
  const info = await lstat(folder).catch(() => null);
  return info ? `${info.ino}:${info.birthtimeMs}` : null;
}

async function isStale(folder: string, owner: LockOwner | null): Promise<boolean> {
  if (owner && owner.host === os.hostname() && !processAlive(owner.pid)) return true;
  const info = await lstat(folder).catch(() => null);
  return !!info && info.mtimeMs < Date.now() - LOCK_STALE_MS;
}

async function breakLock(folder: string, expected: LockOwner | null): Promise<void> {
  // Another opener may have broken and retaken it since we looked: leave a lock that is no longer the one we judged.
  const now = await readOwner(folder);
  if (now === undefined || (now?.token ?? null) !== (expected?.token ?? null)) return;
  await rm(folder, { recursive: true, force: true });
}
