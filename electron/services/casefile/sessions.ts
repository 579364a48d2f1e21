import { constants } from 'node:fs';
import { access, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { BackupListing, CasefileListing, OpenedCasefile, OpenFailureDetails, SessionStatus } from '../../../shared/api/contract';
import { ApiError, toErrorBody } from '../../../shared/api/dispatch';
import { emptyCasefile } from '../../../shared/model/casefile';
import { newId } from '../../../shared/model/ids';
import { CASEFILE_EXTENSION, type Casefile } from '../../../shared/model/schema';
import type { PathPolicy } from '../paths';
import { listBackups } from './backups';
import { removeStaleTempFiles, type FileFingerprint } from './durable-write';
import { CasefileLock, LockedError, type LockOwner } from './lock';
import { CasefileSession } from './session';
import { loadCasefile } from './store';

/** How long a browser tab may be gone (closed, reloaded) before its casefiles are saved and let go. */
export const CLIENT_GRACE_MS = 5_000;
/** How often open casefiles look for changes made on disk by other programs. */
export const DISK_CHECK_MS = 2_000;

export interface SessionsOptions {
  paths: PathPolicy;
  analystName: () => string;
  /** Least time between two backups of a casefile (tests use 0). */
  backupIntervalMs?: number;
  onStatus: (sessionId: string, status: SessionStatus) => void;
  onChangedOnDisk: (sessionId: string, displayPath: string) => void;
  onOpened: (displayPath: string) => Promise<void>;
  /** A session is let go (closed, its tab gone): what was linked to it stops, before the casefile's lock goes. */
  onClosed?: (sessionId: string) => Promise<void>;
}

type OpenMode = 'normal' | 'read-only' | 'take-over';

/** The casefiles open in this process, by session id; at most one writer per file. */
export class CasefileSessions {
  private readonly sessions = new Map<string, CasefileSession>();
  private readonly goneClients = new Map<string, NodeJS.Timeout>();
  private diskTimer: NodeJS.Timeout | null = null;

  constructor(private readonly options: SessionsOptions) {}

  get(sessionId: string): CasefileSession {
    const session = this.sessions.get(sessionId);
    if (!session) throw new ApiError('no-session', 'That casefile is no longer open; open it again.');
    return session;
  }

  async list(): Promise<CasefileListing[]> {
    const { paths } = this.options;
    const entries = await readdir(paths.workspace, { withFileTypes: true });
    const listings: CasefileListing[] = [];
    for (const entry of entries) {
      if (!entry.isFile() || entry.name.startsWith('.') || !entry.name.endsWith(CASEFILE_EXTENSION)) continue;
      const full = path.join(paths.workspace, entry.name);
      const info = await stat(full).catch(() => null);
      if (!info) continue;
      listings.push({ path: paths.display(full), title: entry.name.slice(0, -CASEFILE_EXTENSION.length), modifiedAt: info.mtime.toISOString(), sizeBytes: info.size });
    }
    return listings.sort((a, b) => b.modifiedAt.localeCompare(a.modifiedAt));
  }

  async create(title: string, clientId?: string): Promise<OpenedCasefile> {
    const now = new Date().toISOString();
    const casefile = emptyCasefile({ id: newId('cf'), title, analyst: this.options.analystName(), now });
    const filePath = await this.freeFileName(this.options.paths.workspace, fileNameFor(title));
    return this.createAt(filePath, casefile, clientId);
  }

  /** A casefile made from another file (a REFI-QDA project), saved in the workspace under its title and opened. */
  async createFrom(casefile: Casefile, clientId?: string): Promise<OpenedCasefile> {
    const filePath = await this.freeFileName(this.options.paths.workspace, fileNameFor(casefile.meta.title));
    return this.createAt(filePath, casefile, clientId);
  }

  /** Copies the shipped sample casefile (validated like any file) into the workspace as a new casefile and opens it. */
  async openSample(samplePath: string, clientId?: string): Promise<OpenedCasefile> {
    const { casefile } = await loadCasefile(samplePath);
    const filePath = await this.freeFileName(this.options.paths.workspace, 'Sample casefile');
    return this.createAt(filePath, casefile, clientId);
  }

  async open(userPath: string, mode: OpenMode, clientId?: string): Promise<OpenedCasefile> {
    const filePath = this.options.paths.resolve(userPath);
    if (mode === 'read-only') {
      const loaded = await this.load(filePath);
      return this.opened(this.register({ filePath, casefile: loaded.casefile, fingerprint: loaded.fingerprint, lock: null, clientId }));
    }
    await this.checkWritePermission(filePath);
    const lock = await this.lockFor(filePath, mode === 'take-over');
    try {
      await removeStaleTempFiles(filePath);
      const loaded = await this.load(filePath);
      return this.opened(this.register({ filePath, casefile: loaded.casefile, fingerprint: loaded.fingerprint, lock, clientId }));
    } catch (error) {
      await lock.release();
      throw error;
    }
  }

  async saveAs(sessionId: string, userPath: string, overwrite: boolean): Promise<OpenedCasefile> {
    const session = this.get(sessionId);
    const filePath = this.options.paths.resolve(userPath);
    if (filePath === session.path) {
      await session.flush();
      return this.opened(session);
    }
    const exists = await access(filePath).then(() => true, () => false);
    if (exists && !overwrite) throw new ApiError('exists', `${path.basename(filePath)} already exists. Choose another name, or replace it.`);
    const lock = await this.lockFor(filePath, false);
    await session.relocate(filePath, lock);
    return this.opened(session);
  }

  async close(sessionId: string): Promise<void> {
    const session = this.sessions.get(sessionId);
    if (!session) return;
    // Changes that cannot go to their file (changed on disk, taken over) go to a copy beside it rather than be lost.
    const error = await this.saveOrRescue(session);
    if (error) throw new ApiError('save-failed', `Not closed: ${error}`);
    await this.forget(session);
  }

  /** Saves every open casefile (on quit); a casefile that cannot be saved where it is goes to a copy beside it. Returns what still failed. */
  async flushAll(): Promise<{ sessionId: string; error: string }[]> {
    const failures: { sessionId: string; error: string }[] = [];
    for (const session of [...this.sessions.values()]) {
      const error = await this.saveOrRescue(session);
      if (error) failures.push({ sessionId: session.id, error });
    }
    return failures;
  }

  /** The analyst's answer after another program changed the file on disk. */
  async resolveChangedOnDisk(sessionId: string, choice: 'reload-theirs' | 'keep-mine-as-copy'): Promise<OpenedCasefile> {
    const session = this.get(sessionId);
    if (choice === 'reload-theirs') {
      const loaded = await this.load(session.path);
      session.replaceWithDisk(loaded.casefile, loaded.fingerprint);
    } else {
      await this.moveToCopy(session, 'my copy');
    }
    return this.opened(session);
  }

  async listBackups(userPath: string): Promise<BackupListing[]> {
    const filePath = this.options.paths.resolve(userPath);
    return (await listBackups(filePath)).map((b) => ({ ...b, path: this.options.paths.display(b.path) }));
  }

  /** Opens a backup as a new casefile beside its original: `Drones (restored 2024-07-03 10-15).corroborate`. */
  async restoreBackup(userPath: string, clientId?: string): Promise<OpenedCasefile> {
    const backupPath = this.options.paths.resolve(userPath);
    const folder = path.dirname(backupPath);
    const original = /^\.(.+)\.backups$/.exec(path.basename(folder))?.[1];
    if (!original?.endsWith(CASEFILE_EXTENSION)) throw new ApiError('not-a-backup', `${path.basename(backupPath)} is not a casefile backup.`);
    const { casefile } = await loadCasefile(backupPath);
    const base = original.slice(0, -CASEFILE_EXTENSION.length);
    const target = await this.freeFileName(path.dirname(folder), `${base} (restored ${stamp()})`);
    return this.createAt(target, casefile, clientId);
  }

  /** A browser tab's event stream is (back) up: keep its casefiles. */
  clientConnected(clientId: string): void {
    const timer = this.goneClients.get(clientId);
    if (timer) clearTimeout(timer);
    this.goneClients.delete(clientId);
  }

  /** A browser tab's event stream went away: unless it comes back soon, save its casefiles and let them go. */
  clientGone(clientId: string): void {
    if (this.goneClients.has(clientId)) return;
    const timer = setTimeout(() => void this.releaseClient(clientId), CLIENT_GRACE_MS);
    timer.unref();
    this.goneClients.set(clientId, timer);
  }

  private async releaseClient(clientId: string): Promise<void> {
    for (const session of [...this.sessions.values()]) {
      if (session.clientId !== clientId) continue;
      await this.saveOrRescue(session);
      await this.forget(session);
    }
    this.goneClients.delete(clientId);
  }

  private async createAt(filePath: string, casefile: Casefile, clientId?: string): Promise<OpenedCasefile> {
    const lock = await this.lockFor(filePath, false);
    const session = this.register({ filePath, casefile, fingerprint: null, lock, clientId, unsaved: true });
    await session.flush();
    if (session.status().saveState === 'error') {
      const error = session.status().error;
      await this.forget(session);
      throw new ApiError('save-failed', error ?? 'The new casefile could not be saved.');
    }
    return this.opened(session);
  }

  /**
   * The lock for a writer. A writer in this process is asked first: a tab
   * that has gone away hands the file over; a live one keeps it unless the
   * analyst takes over, and then becomes read-only.
   */
  private async lockFor(filePath: string, takeOver: boolean): Promise<CasefileLock> {
    const holder = this.writerOf(filePath);
    if (holder) {
      const gone = holder.clientId !== undefined && this.goneClients.has(holder.clientId);
      if (!gone && !takeOver) {
        throw new ApiError('locked', `${path.basename(filePath)} is already open in another window of Corroborate.`, {
          lockedBy: 'another window of Corroborate on this computer',
        } satisfies OpenFailureDetails);
      }
      await this.saveOrRescue(holder);
      if (!gone && holder.lock && holder.path === filePath) {
        const lock = holder.lock;
        holder.lockLost();
        return lock;
      }
      await this.forget(holder);
    }
    try {
      return await CasefileLock.acquire(filePath, { analyst: this.options.analystName(), takeOver });
    } catch (error) {
      if (isPermissionError(error)) throw noWritePermission(filePath, 'its folder');
      if (error instanceof LockedError) {
        const who = describeOwner(error.owner);
        throw new ApiError('locked', `${path.basename(filePath)} is open in ${who}.`, { lockedBy: who } satisfies OpenFailureDetails);
      }
      throw error;
    }
  }

  /** A file we may read but not change opens read-only or not at all, never as a writer that cannot save. */
  private async checkWritePermission(filePath: string): Promise<void> {
    const canRead = await access(filePath, constants.R_OK).then(() => true, () => false);
    if (!canRead) return; // loading reports why
    await access(filePath, constants.W_OK).catch((error: unknown) => {
      if (isPermissionError(error)) throw noWritePermission(filePath, 'it');
    });
  }

  private writerOf(filePath: string): CasefileSession | undefined {
    return [...this.sessions.values()].find((s) => s.path === filePath && !s.readOnly);
  }

  /** Loads a casefile; a failure names the newest good backup the analyst can restore. */
  private async load(filePath: string) {
    try {
      return await loadCasefile(filePath);
    } catch (error) {
      if (!(error instanceof ApiError) || error.code === 'locked') throw error;
      const backup = await this.newestGoodBackup(filePath);
      const details = { ...(error.details as object | undefined), backup } satisfies OpenFailureDetails;
      const offer = backup ? ` A backup from ${new Date(backup.savedAt).toLocaleString()} can be restored.` : '';
      throw new ApiError(error.code, `${error.message}${offer}`, details);
    }
  }

  private async newestGoodBackup(filePath: string): Promise<BackupListing | null> {
    for (const backup of await listBackups(filePath)) {
      const ok = await loadCasefile(backup.path).then(() => true, () => false);
      if (ok) return { ...backup, path: this.options.paths.display(backup.path) };
    }
    return null;
  }

  /** Saves a session where it is; if that cannot be (changed on disk, taken over), into a copy beside it. Returns an error left over. */
  private async saveOrRescue(session: CasefileSession): Promise<string | null> {
    const status = await session.flush();
    if (!session.hasUnsavedChanges) return null;
    if (session.readOnly || status.changedOnDisk) {
      try {
        await this.moveToCopy(session, 'unsaved changes');
        return null;
      } catch (error) {
        return toErrorBody(error).message;
      }
    }
    return status.error ?? 'not saved';
  }

  private async moveToCopy(session: CasefileSession, label: string): Promise<void> {
    const base = path.basename(session.path, CASEFILE_EXTENSION);
    const target = await this.freeFileName(path.dirname(session.path), `${base} (${label} ${stamp()})`);
    await session.relocate(target, await CasefileLock.acquire(target, { analyst: this.options.analystName() }));
  }

  private register(opts: {
    filePath: string; casefile: Casefile; fingerprint: FileFingerprint | null; lock: CasefileLock | null; clientId?: string; unsaved?: boolean;
  }): CasefileSession {
    const id = newId('s');
    const session = new CasefileSession({
      id,
      path: opts.filePath,
      casefile: opts.casefile,
      fingerprint: opts.fingerprint,
      lock: opts.lock,
      unsaved: opts.unsaved,
      clientId: opts.clientId,
      analystName: this.options.analystName,
      backupIntervalMs: this.options.backupIntervalMs,
      onStatus: (status) => this.options.onStatus(id, status),
      onChangedOnDisk: () => this.options.onChangedOnDisk(id, this.options.paths.display(session.path)),
    });
    this.sessions.set(id, session);
    this.watchDisk();
    return session;
  }

  private async forget(session: CasefileSession): Promise<void> {
    this.sessions.delete(session.id);
    await this.options.onClosed?.(session.id).catch(() => undefined);
    await session.dispose();
    if (this.sessions.size === 0 && this.diskTimer) {
      clearInterval(this.diskTimer);
      this.diskTimer = null;
    }
  }

  private watchDisk(): void {
    if (this.diskTimer) return;
    this.diskTimer = setInterval(() => {
      for (const session of this.sessions.values()) void session.checkDisk().catch(() => undefined);
    }, DISK_CHECK_MS);
    this.diskTimer.unref();
  }

  private async opened(session: CasefileSession): Promise<OpenedCasefile> {
    const display = this.options.paths.display(session.path);
    await this.options.onOpened(display);
    return { sessionId: session.id, path: display, readOnly: session.readOnly, casefile: session.casefile, status: session.status() };
  }

  private async freeFileName(folder: string, base: string): Promise<string> {
    for (let n = 1; n < 10_000; n++) {
      const candidate = path.join(folder, `${base}${n > 1 ? `-${n}` : ''}${CASEFILE_EXTENSION}`);
      const taken = await access(candidate).then(() => true, () => false);
      if (!taken && !this.writerOf(candidate)) return candidate;
    }
    throw new ApiError('no-file-name', 'No free file name for this casefile.');
  }
}

/** A file name from a casefile title: letters, digits, spaces and dashes. */
export function fileNameFor(title: string): string {
  return title.normalize('NFKD').replace(/[^\w\- ]+/g, '').trim().replace(/\s+/g, '-').slice(0, 80) || 'casefile';
}

function stamp(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())} ${p(now.getHours())}-${p(now.getMinutes())}`;
}

function isPermissionError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'EACCES' || code === 'EPERM' || code === 'EROFS';
}

function noWritePermission(filePath: string, what: string): ApiError {
  return new ApiError(
    'no-write-permission',
    `${path.basename(filePath)} can be read but not saved: you have no permission to change ${what}. Open it read-only, or ask for write access.`,
    { readOnlyPossible: true } satisfies OpenFailureDetails,
  );
}

function describeOwner(owner: LockOwner | null): string {
  if (!owner) return 'another program';
  const who = owner.analyst ? `${owner.analyst}'s` : 'another';
  return `${who} Corroborate on ${owner.host} (since ${new Date(owner.since).toLocaleString()})`;
}
