import { applyPatches, type Patch } from 'immer';
import type { Low } from 'lowdb';
import type { ChangeResult, SaveState, SessionStatus } from '../../../shared/api/contract';
import { ApiError } from '../../../shared/api/dispatch';
import { appendAudit, applyCommand, type Actor } from '../../../shared/commands/apply';
import type { Command } from '../../../shared/commands/commands';
import { describeCommand } from '../../../shared/commands/describe';
import type { Casefile } from '../../../shared/model/schema';
import { openCasefileDb } from './store';

export const UNDO_LIMIT = 500;
export const AUTOSAVE_DELAY_MS = 300;

interface UndoStep {
  label: string;
  patches: Patch[];
  inversePatches: Patch[];
}

export interface SessionOptions {
  id: string;
  path: string;
  casefile: Casefile;
  readOnly: boolean;
  analystName: () => string;
  onStatus: (status: SessionStatus) => void;
  /** Runs before every save; throws to stop it (e.g. the file changed on disk). */
  beforeSave?: () => Promise<void>;
  afterSave?: () => Promise<void>;
}

/**
 * One open casefile: the authoritative state, its undo history and its
 * autosave. The UI holds a copy and keeps it in step with the patches returned here.
 */
export class CasefileSession {
  readonly id: string;
  path: string;
  readOnly: boolean;
  private state: Casefile;
  private db: Low<Casefile>;
  private revision = 0;
  private savedRevision = 0;
  private undoStack: UndoStep[] = [];
  private redoStack: UndoStep[] = [];
  private saveState: SaveState = 'saved';
  private saveError: string | null = null;
  private saveTimer: NodeJS.Timeout | null = null;
  private saving: Promise<void> | null = null;

  constructor(private readonly options: SessionOptions) {
    this.id = options.id;
    this.path = options.path;
    this.readOnly = options.readOnly;
    this.state = options.casefile;
    this.db = openCasefileDb(options.path, options.casefile);
  }

  get casefile(): Casefile {
    return this.state;
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
    };
  }

  apply(revision: number, command: Command): ChangeResult {
    this.checkWritable(revision);
    const actor = this.actor();
    const applied = applyCommand(this.state, command, actor);
    const label = describeCommand(command);
    this.undoStack.push({ label, patches: applied.patches, inversePatches: applied.inversePatches });
    if (this.undoStack.length > UNDO_LIMIT) this.undoStack.shift();
    this.redoStack = [];
    return this.commit(applied.state, applied.patches, command, actor);
  }

  undo(revision: number): ChangeResult {
    this.checkWritable(revision);
    const step = this.undoStack.pop();
    if (!step) throw new ApiError('nothing-to-undo', 'There is nothing to undo.');
    this.redoStack.push(step);
    const actor = this.actor();
    return this.commit(applyPatches(this.state, step.inversePatches), step.inversePatches, { type: 'undo', label: step.label }, actor);
  }

  redo(revision: number): ChangeResult {
    this.checkWritable(revision);
    const step = this.redoStack.pop();
    if (!step) throw new ApiError('nothing-to-redo', 'There is nothing to redo.');
    this.undoStack.push(step);
    const actor = this.actor();
    return this.commit(applyPatches(this.state, step.patches), step.patches, { type: 'redo', label: step.label }, actor);
  }

  /** Saves now if anything is pending and waits until the file on disk holds the current state. */
  async flush(): Promise<SessionStatus> {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    while (this.saving) await this.saving;
    if (this.savedRevision !== this.revision || this.saveState === 'error') await this.save();
    return this.status();
  }

  /** Moves the session to a new file (Save As): the next save writes there. */
  async relocate(newPath: string): Promise<void> {
    while (this.saving) await this.saving;
    this.path = newPath;
    this.readOnly = false;
    this.db = openCasefileDb(newPath, this.state);
    this.savedRevision = -1;
    await this.flush();
  }

  dispose(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = null;
  }

  private commit(next: Casefile, patches: Patch[], command: Parameters<typeof appendAudit>[1], actor: Actor): ChangeResult {
    const audited = appendAudit(next, command, actor);
    this.state = audited.state;
    this.revision += 1;
    this.setSaveState('unsaved', null);
    this.scheduleSave();
    return { patches: [...patches, ...audited.patches], status: this.status() };
  }

  private scheduleSave(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      void this.save();
    }, AUTOSAVE_DELAY_MS);
  }

  private save(): Promise<void> {
    if (this.saving) return this.saving;
    const revision = this.revision;
    this.setSaveState('saving', null);
    this.saving = (async () => {
      try {
        await this.options.beforeSave?.();
        this.db.data = this.state;
        await this.db.write();
        this.savedRevision = revision;
        await this.options.afterSave?.();
        this.setSaveState(this.revision === revision ? 'saved' : 'unsaved', null);
      } catch (error) {
        this.setSaveState('error', saveErrorMessage(error, this.path));
      } finally {
        this.saving = null;
      }
      if (this.saveState === 'unsaved') this.scheduleSave();
    })();
    return this.saving;
  }

  private setSaveState(state: SaveState, error: string | null): void {
    this.saveState = state;
    this.saveError = error;
    this.options.onStatus(this.status());
  }

  private checkWritable(revision: number): void {
    if (this.readOnly) throw new ApiError('read-only', 'This casefile is open read-only.');
    if (revision !== this.revision) {
      throw new ApiError('stale-revision', 'This window is behind the casefile; it will reload.', { revision: this.revision });
    }
  }

  private actor(): Actor {
    return { name: this.options.analystName(), now: new Date().toISOString() };
  }
}

function saveErrorMessage(error: unknown, filePath: string): string {
  if (error instanceof ApiError) return error.message;
  const e = error as NodeJS.ErrnoException;
  if (e.code === 'ENOSPC') return `The disk is full: ${filePath} was not saved. Your changes are kept in memory; free some space and save again.`;
  if (e.code === 'EACCES' || e.code === 'EPERM') return `No permission to write ${filePath}. Your changes are kept in memory; use Save As to save elsewhere.`;
  return `Saving ${filePath} failed: ${e.message ?? String(error)}. Your changes are kept in memory.`;
}
