import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import type { Patch } from 'immer';
import type { Low } from 'lowdb';
import type { ChangeResult, SaveState, SessionStatus } from '../../../shared/api/contract';
import { ApiError, toErrorBody } from '../../../shared/api/dispatch';
import { adoptPatched, appendAudit, applyCommand, applyCommandOnClaimsCopy, CommandError, copyOfClaims, replayPatches, type Actor, type Applied } from '../../../shared/commands/apply';
import type { Command, SingleCommand } from '../../../shared/commands/commands';
import { describeCommand } from '../../../shared/commands/describe';
import type { Casefile } from '../../../shared/model/schema';
import { BACKUP_INTERVAL_MS } from './backups';
import type { FileFingerprint } from './durable-write';
import type { CasefileLock } from './lock';
import { CasefileAdapter, changedOnDisk, openCasefileDb } from './store';
import { recordsTouched, undoKeepingLaterChanges } from './undo-keeps-later';

/** Undo steps kept per session (the issue asks for at least 200). */
export const UNDO_LIMIT = 500;
/** Autosave waits this long after the last change… */
export const AUTOSAVE_DELAY_MS = 300;
/** …but never longer than this after the first unsaved change, even while changes keep coming. */
export const AUTOSAVE_MAX_WAIT_MS = 1_000;
/** After a failed save (e.g. a full disk) the session tries again this often. */
export const SAVE_RETRY_MS = 5_000;

interface UndoStep {
  label: string;
  patches: Patch[];
  inversePatches: Patch[];
  /** The records the step touched, as it left them when last done or undone (`collection/id` → record). */
  left: Map<string, unknown>;
}

/**
 * A shared copy kept in step with this session (a team casefile): told of
 * every change made here (command, undo, redo); returns the patches, often
 * none, that put the result in the shared document's form.
 */
export interface SessionSync {
  localChange(before: Casefile, after: Casefile, patches: readonly Patch[]): readonly Patch[];
  /** Why a command with these patches may not be made here (a reviewer's edit), or null. */
  refusal(patches: readonly Patch[]): string | null;
  /** How to bring back the record `command` edits when a teammate just deleted it, or null. */
  revival(command: Command): Revival | null;
}

export interface Revival {
  /** Brings the record back as it was when the teammate deleted it. */
  command: SingleCommand;
  /** The record is back with the edit: the analyst (and the team) should hear of it. */
  done(): void;
}

/** A change that did not come from this window (a teammate's): the window applies `patches` when it is at `fromRevision`. */
export interface ReceivedChange extends ChangeResult {
  fromRevision: number;
}

/** Remote changes remembered, so a command sent just before one arrived is not refused as stale. */
const RECEIVED_KEPT = 200;

export interface SessionOptions {
  id: string;
  path: string;
  casefile: Casefile;
  /** What the file looked like when it was read; null for a file not yet written. */
  fingerprint: FileFingerprint | null;
  /** True for a casefile not yet on disk (new, restored): the first flush writes it. */
  unsaved?: boolean;
  /** The casefile's lock; null when the session is read-only. */
  lock: CasefileLock | null;
  /** Which browser tab (or window) the session belongs to, if the host tracks them. */
  clientId?: string;
  analystName: () => string;
  /** Least time between two backups; BACKUP_INTERVAL_MS unless a test asks for less. */
  backupIntervalMs?: number;
  onStatus: (status: SessionStatus) => void;
  /** The file changed on disk under this session: the UI asks the analyst what to do. */
  onChangedOnDisk: () => void;
}

/**
 * One open casefile: the authoritative state, its undo history and its
 * autosave. The UI holds a copy and keeps it in step with the patches returned here.
 */
export class CasefileSession {
  readonly id: string;
  readonly clientId: string | undefined;
  private path_: string;
  private lock_: CasefileLock | null;
  private state: Casefile;
  private adapter: CasefileAdapter;
  private db: Low<Casefile>;
  private revision = 0;
  private savedRevision = 0;
  private undoStack: UndoStep[] = [];
  private redoStack: UndoStep[] = [];
  private saveState: SaveState = 'saved';
  private saveError: string | null = null;
  /** Bumped with every status published (SessionStatus.sequence). */
  private statusSequence = 0;
  private changedOnDisk_ = false;
  private saveTimer: NodeJS.Timeout | null = null;
  private firstUnsavedAt: number | null = null;
  private lastBackupAt: number | null = null;
  private saving: Promise<void> | null = null;
  private disposed = false;
  private sync: SessionSync | null = null;
  /** Changes received since the last change made here, oldest first. */
  private received: ReceivedChange[] = [];
  /** A copy of the claims record made between changes, for the next claim command (see `applyCommandOnClaimsCopy`). */
  private spareClaims: { of: Casefile['claims']; copy: Casefile['claims'] } | null = null;
  private spareTimer: NodeJS.Immediate | null = null;

  constructor(private readonly options: SessionOptions) {
    this.id = options.id;
    this.clientId = options.clientId;
    this.path_ = options.path;
    this.state = options.casefile;
    this.copyClaimsSoon();
    this.lock_ = null;
    this.adapter = new CasefileAdapter(options.path);
    this.adapter.fingerprint = options.fingerprint;
    this.db = openCasefileDb(this.adapter, options.casefile);
    this.setLock(options.lock);
    if (options.unsaved) this.savedRevision = -1;
  }

  get casefile(): Casefile {
    return this.state;
  }

  get path(): string {
    return this.path_;
  }

  get readOnly(): boolean {
    return this.lock_ === null;
  }

  get lock(): CasefileLock | null {
    return this.lock_;
  }

  get hasUnsavedChanges(): boolean {
    return this.savedRevision !== this.revision;
  }

  /** The SHA-256 of the file as last read or written, when it holds the casefile as it is now; null otherwise. */
  get fileHashInStep(): string | null {
    if (this.hasUnsavedChanges || this.changedOnDisk_) return null;
    return this.adapter.fingerprint?.hash ?? null;
  }

  status(): SessionStatus {
    return {
      saveState: this.saveState,
      error: this.saveError,
      canUndo: this.undoStack.length > 0,
      canRedo: this.redoStack.length > 0,
      undoLabel: this.undoStack.at(-1)?.label ?? null,
      redoLabel: this.redoStack.at(-1)?.label ?? null,
      revision: this.revision,
      readOnly: this.readOnly,
      changedOnDisk: this.changedOnDisk_,
      sequence: this.statusSequence,
    };
  }

  apply(revision: number, command: Command): ChangeResult {
    this.checkWritable(revision);
    const actor = this.actor();
    const applied = this.applyOrRevive(command, actor);
    const refused = this.sync?.refusal(applied.patches);
    if (refused) throw new ApiError('team-role', refused);
    const label = describeCommand(command);
    const left = recordsTouched(applied.state, applied.patches);
    this.undoStack.push({ label, patches: applied.patches, inversePatches: applied.inversePatches, left });
    if (this.undoStack.length > UNDO_LIMIT) this.undoStack.shift();
    this.redoStack = [];
    return this.commit(revision, applied.state, applied.patches, command, actor);
  }

  /**
   * A command that edits a record a teammate deleted a moment ago (a field the
   * analyst was typing in, saved as it went away) brings the record back with
   * the edit, as one step, instead of losing what was typed.
   */
  private applyOrRevive(command: Command, actor: Actor): Applied {
    try {
      return this.applyOnSpareClaims(command, actor) ?? applyCommand(this.state, command, actor);
    } catch (error) {
      if (!(error instanceof CommandError) || command.type === 'batch') throw error;
      const revival = this.sync?.revival(command);
      if (!revival) throw error;
      const applied = applyCommand(this.state, { type: 'batch', label: describeCommand(command), commands: [revival.command, command] }, actor);
      revival.done();
      return applied;
    }
  }

  /** A claim command applied onto the copy of the claims made since the last change, when there is one; otherwise null. */
  private applyOnSpareClaims(command: Command, actor: Actor): Applied | null {
    const spare = this.spareClaims?.of === this.state.claims ? this.spareClaims.copy : null;
    if (!spare) return null;
    const applied = applyCommandOnClaimsCopy(this.state, command, actor, spare);
    if (applied?.state.claims === spare) this.spareClaims = null;
    return applied;
  }

  private setState(next: Casefile): void {
    this.state = next;
    this.copyClaimsSoon();
  }

  /**
   * Copies the claims record after the change being answered, so the next
   * claim command finds a copy ready instead of making one while the analyst
   * waits: on the large casefile that copy is most of a claim command's time.
   */
  private copyClaimsSoon(): void {
    if (this.spareTimer || this.spareClaims?.of === this.state.claims) return;
    this.spareTimer = setImmediate(() => {
      this.spareTimer = null;
      const claims = this.state.claims;
      if (!this.disposed && this.spareClaims?.of !== claims) this.spareClaims = { of: claims, copy: copyOfClaims(claims) };
    }).unref();
  }

  undo(revision: number): ChangeResult {
    this.checkWritable(revision);
    const step = this.undoStack.pop();
    if (!step) throw new ApiError('nothing-to-undo', 'There is nothing to undo.');
    this.redoStack.push(step);
    const undone = undoKeepingLaterChanges(this.state, step.inversePatches, step.left);
    step.left = recordsTouched(undone.state, step.patches);
    return this.commit(revision, undone.state, undone.patches, { type: 'undo', label: step.label }, this.actor());
  }

  redo(revision: number): ChangeResult {
    this.checkWritable(revision);
    const step = this.redoStack.pop();
    if (!step) throw new ApiError('nothing-to-redo', 'There is nothing to redo.');
    this.undoStack.push(step);
    const redone = undoKeepingLaterChanges(this.state, step.patches, step.left);
    step.left = recordsTouched(redone.state, step.patches);
    return this.commit(revision, redone.state, redone.patches, { type: 'redo', label: step.label }, this.actor());
  }

  /** Links a shared copy (a team casefile) to this session, or unlinks it (null). */
  setSync(sync: SessionSync | null): void {
    this.sync = sync;
  }

  /**
   * Applies a change that did not come from this window (a teammate's, as
   * patches): not on the undo stack, saved like any change. A command the
   * window sent before it heard of this change is still accepted.
   * `computed`: the casefile the patches make, already computed from `from`
   * (a team catch-up); taken as it is when `from` is still this session's
   * casefile, instead of applying the patches again (`adoptPatched`).
   */
  receive(patches: Patch[], computed?: { from: Casefile; state: Casefile }): ReceivedChange | null {
    if (patches.length === 0 || this.disposed) return null;
    const fromRevision = this.revision;
    this.setState(computed && computed.from === this.state ? adoptPatched(this.state, computed.state, patches) : replayPatches(this.state, patches));
    this.revision += 1;
    this.markUnsaved();
    const change: ReceivedChange = { fromRevision, patches, status: this.status() };
    this.received.push(change);
    if (this.received.length > RECEIVED_KEPT) this.received.shift();
    return change;
  }

  /** Saves now if anything is pending and waits until the file on disk holds the current state. */
  async flush(): Promise<SessionStatus> {
    this.clearTimer();
    while (this.saving) await this.saving;
    if (!this.readOnly && (this.hasUnsavedChanges || this.saveState === 'error')) await this.save();
    return this.status();
  }

  /**
   * Moves the session to another file (Save As, or keeping my version as a
   * copy) with the lock already taken on it: the whole state is written
   * there, then the old file's lock is let go.
   */
  async relocate(newPath: string, newLock: CasefileLock): Promise<void> {
    this.clearTimer();
    while (this.saving) await this.saving;
    const oldLock = this.lock_;
    const old = { path: this.path_, adapter: this.adapter, db: this.db, lock: oldLock };
    this.path_ = newPath;
    this.adapter = new CasefileAdapter(newPath);
    this.db = openCasefileDb(this.adapter, this.state);
    this.setLock(newLock);
    this.changedOnDisk_ = false;
    this.lastBackupAt = null;
    this.savedRevision = -1;
    await this.save();
    if (this.saveState === 'error') {
      // Stay on the old file; the new one was not written.
      const error = this.saveError;
      await newLock.release();
      this.path_ = old.path;
      this.adapter = old.adapter;
      this.db = old.db;
      this.setLock(old.lock);
      this.savedRevision = -1;
      throw new ApiError('save-failed', error ?? 'The casefile could not be saved there.');
    }
    await oldLock?.release();
  }

  /** Replaces my state with the file on disk (after the analyst chose "reload theirs"). */
  replaceWithDisk(casefile: Casefile, fingerprint: FileFingerprint): void {
    this.clearTimer();
    this.setState(casefile);
    this.adapter.fingerprint = fingerprint;
    this.undoStack = [];
    this.redoStack = [];
    this.changedOnDisk_ = false;
    this.revision += 1;
    this.savedRevision = this.revision;
    this.setSaveState('saved', null);
  }

  /** Looks at the file on disk between saves, so the analyst hears of another program's change early. */
  async checkDisk(): Promise<void> {
    const known = this.adapter.fingerprint;
    if (this.readOnly || this.changedOnDisk_ || this.saving || !known) return;
    const { changed, now } = await changedOnDisk(this.path_, known);
    // A save that started meanwhile changed the file itself: this look is out of date.
    if (this.saving || this.adapter.fingerprint !== known) return;
    if (changed) this.noticeChangedOnDisk();
    else if (now) this.adapter.fingerprint = now;
  }

  /** Another window or program took the lock: stop writing, keep the edits in memory. */
  lockLost(): void {
    if (this.disposed || !this.lock_) return;
    this.lock_ = null;
    this.clearTimer();
    this.setSaveState(
      this.hasUnsavedChanges ? 'error' : 'saved',
      `${this.fileName} was taken over by another window or program, so this window is now read-only.${this.hasUnsavedChanges ? ' Your latest changes are kept here: use Save As to keep them.' : ''}`,
    );
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    this.clearTimer();
    if (this.spareTimer) clearImmediate(this.spareTimer);
    this.spareClaims = null;
    while (this.saving) await this.saving;
    await this.lock_?.release();
    this.lock_ = null;
  }

  private get fileName(): string {
    return this.path_.split(/[\\/]/).pop() ?? this.path_;
  }

  private setLock(lock: CasefileLock | null): void {
    this.lock_ = lock;
    lock?.onLost(() => this.lockLost());
  }

  private commit(fromRevision: number, next: Casefile, patches: Patch[], command: Parameters<typeof appendAudit>[1], actor: Actor): ChangeResult {
    const before = this.state;
    const audited = appendAudit(next, command, actor);
    const own = [...patches, ...audited.patches];
    const synced = this.sync?.localChange(before, audited.state, own) ?? [];
    this.setState(synced.length ? replayPatches(audited.state, synced) : audited.state);
    const missed = this.receivedSince(fromRevision);
    this.received = [];
    this.revision += 1;
    this.markUnsaved();
    return { patches: [...missed, ...own, ...synced], status: this.status() };
  }

  /** The patches of the changes received after the window's revision (none when it is current). */
  private receivedSince(revision: number): Patch[] {
    return this.received.filter((change) => change.fromRevision >= revision).flatMap((change) => change.patches);
  }

  private markUnsaved(): void {
    this.firstUnsavedAt ??= Date.now();
    if (this.saveState !== 'error' && this.saveState !== 'saving') this.setSaveState('unsaved', null);
    this.scheduleSave(AUTOSAVE_DELAY_MS);
  }

  private scheduleSave(delayMs: number): void {
    this.clearTimer();
    if (this.disposed || this.readOnly || this.changedOnDisk_) return;
    const latest = this.firstUnsavedAt === null ? delayMs : Math.max(0, this.firstUnsavedAt + AUTOSAVE_MAX_WAIT_MS - Date.now());
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      void this.save();
    }, Math.min(delayMs, latest));
  }

  private clearTimer(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = null;
  }

  private save(): Promise<void> {
    if (this.saving) return this.saving;
    if (this.readOnly || this.changedOnDisk_) return Promise.resolve();
    const revision = this.revision;
    const state = this.state;
    // Changes made while this save runs start their own autosave wait.
    this.firstUnsavedAt = null;
    this.setSaveState('saving', null);
    this.saving = (async () => {
      let retry = false;
      try {
        await this.checkBeforeSave();
        const backup = this.lastBackupAt === null || Date.now() - this.lastBackupAt >= (this.options.backupIntervalMs ?? BACKUP_INTERVAL_MS);
        this.adapter.nextWrite = { backup };
        this.db.data = state;
        await this.db.write();
        if (backup) this.lastBackupAt = Date.now();
        this.savedRevision = revision;
        this.setSaveState(this.revision === revision ? 'saved' : 'unsaved', null);
      } catch (error) {
        retry = !(error instanceof ApiError);
        this.setSaveState('error', saveErrorMessage(error, this.fileName));
      } finally {
        this.saving = null;
      }
      if (this.saveState === 'unsaved') this.scheduleSave(AUTOSAVE_DELAY_MS);
      else if (retry && !this.disposed) this.scheduleSave(SAVE_RETRY_MS);
    })();
    return this.saving;
  }

  private async checkBeforeSave(): Promise<void> {
    if (this.lock_ && !(await this.lock_.held())) {
      throw new ApiError('lock-lost', `${this.fileName} was taken over by another window or program; nothing was written.`);
    }
    // Permissions changed while open: fail before writing rather than replace a file we may not change.
    await access(this.path_, constants.W_OK).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
    const known = this.adapter.fingerprint;
    if (!known) return;
    const { changed, now } = await changedOnDisk(this.path_, known);
    if (changed) {
      this.noticeChangedOnDisk();
      throw new ApiError(
        'changed-on-disk',
        `${this.fileName} was changed on disk by another program. Nothing was overwritten: reload their version, or keep yours as a copy beside it.`,
      );
    }
    this.adapter.fingerprint = now;
  }

  private noticeChangedOnDisk(): void {
    if (this.changedOnDisk_) return;
    this.changedOnDisk_ = true;
    this.clearTimer();
    if (this.hasUnsavedChanges) {
      this.setSaveState('error', `${this.fileName} was changed on disk by another program. Nothing was overwritten: reload their version, or keep yours as a copy beside it.`);
    } else {
      this.publishStatus();
    }
    this.options.onChangedOnDisk();
  }

  private setSaveState(state: SaveState, error: string | null): void {
    this.saveState = state;
    this.saveError = error;
    if (!this.disposed) this.publishStatus();
  }

  private publishStatus(): void {
    this.statusSequence += 1;
    this.options.onStatus(this.status());
  }

  private checkWritable(revision: number): void {
    if (this.readOnly) throw new ApiError('read-only', 'This casefile is open read-only.');
    if (revision !== this.revision && !this.onlyReceivedSince(revision)) {
      throw new ApiError('stale-revision', 'This window is behind the casefile; it will reload.', { revision: this.revision });
    }
  }

  /** True when every revision after `revision` came from a received change (the window has simply not heard of them yet). */
  private onlyReceivedSince(revision: number): boolean {
    const first = this.received[0];
    return first !== undefined && revision < this.revision && revision >= first.fromRevision;
  }

  private actor(): Actor {
    return { name: this.options.analystName(), now: new Date().toISOString() };
  }
}

export function saveErrorMessage(error: unknown, fileName: string): string {
  if (error instanceof ApiError) return error.message;
  const e = error as NodeJS.ErrnoException;
  if (e.code === 'ENOSPC' || e.code === 'EDQUOT') {
    return `The disk is full: ${fileName} was not saved (the last saved version is intact). Your changes are kept in memory; free some space and it saves again.`;
  }
  if (e.code === 'EACCES' || e.code === 'EPERM' || e.code === 'EROFS') {
    return `No permission to write ${fileName}. Your changes are kept in memory; use Save As to save them elsewhere.`;
  }
  return `Saving ${fileName} failed: ${toErrorBody(error).message} Your changes are kept in memory.`;
}
