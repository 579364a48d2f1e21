/**
 * The renderer's copy of the open casefile. Changes go to the Node side as
 * commands; the patches that come back are applied here, so this copy always
 * equals the authoritative one at `status.revision`.
 */
import type { ChangeResult, OpenedCasefile, SessionStatus } from '../../../shared/api/contract';
import { copyOfClaims, replayOntoClaimsCopy, replayPatches } from '../../../shared/commands/apply';
import type { Command } from '../../../shared/commands/commands';
import type { Casefile } from '../../../shared/model/schema';
import { api, bridge, CLIENT_ID, RemoteError } from '../lib/api';
import { Store } from '../lib/store';
import { notify } from './notices';
import { flushPendingEdits } from '../lib/pending-edits';

export interface OpenCasefileState {
  sessionId: string;
  path: string;
  /** No editing: opened read-only, taken over, or a reviewer of a team casefile (who may still comment). */
  readOnly: boolean;
  /** A reviewer of a team casefile: everything is read-only except review comments. */
  commentOnly: boolean;
  casefile: Casefile;
  status: SessionStatus;
}

export const casefileStore = new Store<OpenCasefileState | null>(null);

/** Set while the open casefile is a team casefile on which I am a reviewer. */
let reviewerOnly = false;

function readOnlyOf(status: SessionStatus): boolean {
  return status.readOnly || reviewerOnly;
}

/** A reviewer may comment but not edit: the editing controls turn read-only (team casefiles). */
export function setCommentOnly(commentOnly: boolean): void {
  reviewerOnly = commentOnly;
  casefileStore.set((current) => (current ? { ...current, commentOnly, readOnly: readOnlyOf(current.status) } : current));
}

/** Commands wait here so that each one is sent at the revision the previous one produced. */
let queue: Promise<unknown> = Promise.resolve();

/** Queues a change; fields still holding typed values are saved first, so they go before it. */
function enqueue<T>(task: () => Promise<T>): Promise<T> {
  flushPendingEdits();
  const next = queue.then(task, task);
  queue = next.catch(() => undefined);
  return next;
}

export function showOpened(opened: OpenedCasefile): void {
  reviewerOnly = false;
  casefileStore.set({ ...opened, commentOnly: false });
}

/** A copy of a casefile's claims record, made beforehand for an answer that changes claims (see `replayOntoClaimsCopy`). */
interface SpareClaims {
  of: Casefile['claims'];
  copy: Casefile['claims'];
}

/**
 * The newest status event for a revision the window has not reached yet: the
 * answer that brings that revision was still on its way (a slow answer, an
 * autosave that finished first). Shown with the answer when it is newer.
 */
let statusAhead: { sessionId: string; status: SessionStatus } | null = null;

/** `status`, or the status event kept for its revision when that is newer. */
function newestStatus(sessionId: string, status: SessionStatus): SessionStatus {
  const ahead = statusAhead?.sessionId === sessionId && statusAhead.status.revision === status.revision ? statusAhead.status : null;
  return ahead && ahead.sequence > status.sequence ? ahead : status;
}

function applyChange(change: ChangeResult): void {
  casefileStore.set((current) => {
    if (!current) return current;
    const status = newestStatus(current.sessionId, change.status);
    return { ...current, casefile: replayed(current.casefile, change.patches), status, readOnly: readOnlyOf(status) };
  });
}

/** A copy of the open casefile's claims made when the window was last idle, for the next answer that changes claims. */
let idleSpare: SpareClaims | null = null;
let idleCopyAsked = false;

/**
 * After each change of the claims, copies them when the window is idle, so
 * an answer that changes claims is applied without copying a record of
 * 40,000 claims while the analyst waits (for a claim to be drawn in its type).
 * Asked for once the change's frame has painted: an idle spell before it
 * would hold that frame back for the length of the copy.
 */
function copyClaimsWhenIdle(): void {
  const claims = casefileStore.get()?.casefile.claims;
  if (idleCopyAsked || !claims || idleSpare?.of === claims || typeof requestIdleCallback !== 'function') return;
  idleCopyAsked = true;
  requestAnimationFrame(() => setTimeout(() => requestIdleCallback(() => {
    idleCopyAsked = false;
    const now = casefileStore.get()?.casefile.claims;
    if (now && idleSpare?.of !== now) idleSpare = { of: now, copy: copyOfClaims(now) };
  }), 0));
}
casefileStore.subscribe(copyClaimsWhenIdle);

/** `casefile` with `patches` applied: onto the idle copy of its claims when they change claims and the copy is of these claims (used once). */
function replayed(casefile: Casefile, patches: ChangeResult['patches']): Casefile {
  const spare = idleSpare?.of === casefile.claims && patches.some((p) => p.path[0] === 'claims') ? idleSpare.copy : null;
  if (spare) {
    idleSpare = null;
    const onCopy = replayOntoClaimsCopy(casefile, patches, spare);
    if (onCopy) return onCopy;
  }
  return replayPatches(casefile, patches);
}

async function reloadAfterStale(current: OpenCasefileState): Promise<void> {
  const reopened = await api.openCasefile({ path: current.path, mode: 'take-over', clientId: CLIENT_ID });
  await api.closeCasefile({ sessionId: current.sessionId }).catch(() => undefined);
  showOpened(reopened);
}

function run(call: (current: OpenCasefileState) => Promise<ChangeResult | null>, whenApplied?: () => void): Promise<boolean> {
  return enqueue(async () => {
    const current = casefileStore.get();
    if (!current) return false;
    try {
      const change = await call(current);
      if (change) applyChange(change);
      whenApplied?.();
      return true;
    } catch (error) {
      if (error instanceof RemoteError && error.code === 'stale-revision') await reloadAfterStale(current);
      notify('error', error instanceof Error ? error.message : String(error));
      return false;
    }
  });
}

/** The open casefile when it may be changed; otherwise null, telling the analyst when it is read-only. */
export function writableCasefile(): OpenCasefileState | null {
  const current = casefileStore.get();
  if (!current) return null;
  if (current.readOnly) {
    notify('error', 'This casefile is open read-only; changes are not possible.');
    return null;
  }
  return current;
}

/**
 * Sends a command and applies its answer. `whenApplied` runs right after
 * the answer is applied, in the same task: what it changes in the view
 * (selecting the new claim) is drawn in the same render as the answer,
 * not in a second one a moment later.
 */
export function dispatch(command: Command, whenApplied?: () => void): Promise<boolean> {
  return run((c) => api.applyCommand({ sessionId: c.sessionId, revision: c.status.revision, command }), whenApplied);
}

/**
 * Sends the command `make` builds from the casefile as it is when its turn in
 * the queue comes (after every change sent before it); null sends nothing.
 */
export function dispatchLatest(make: (casefile: Casefile) => Command | null): Promise<boolean> {
  return run(async (c) => {
    const command = make(c.casefile);
    return command ? api.applyCommand({ sessionId: c.sessionId, revision: c.status.revision, command }) : null;
  });
}

export function undo(): Promise<boolean> {
  return run((c) => (c.status.canUndo ? api.undo({ sessionId: c.sessionId, revision: c.status.revision }) : Promise.resolve(null)));
}

export function redo(): Promise<boolean> {
  return run((c) => (c.status.canRedo ? api.redo({ sessionId: c.sessionId, revision: c.status.revision }) : Promise.resolve(null)));
}

/** Runs a call that changes the casefile on the Node side and returns its change (imports). */
export function runChange<T extends { change: ChangeResult | null }>(call: (current: OpenCasefileState) => Promise<T>): Promise<T | null> {
  return enqueue(async () => {
    const current = casefileStore.get();
    if (!current) return null;
    const result = await call(current);
    if (result.change) applyChange(result.change);
    return result;
  });
}

/** Saves what fields still hold and waits until every queued change has been applied. */
export async function settleChanges(): Promise<void> {
  flushPendingEdits();
  await queue;
}

export async function closeCasefile(): Promise<boolean> {
  const current = casefileStore.get();
  if (!current) return true;
  await settleChanges();
  try {
    await api.closeCasefile({ sessionId: current.sessionId });
  } catch (error) {
    notify('error', error instanceof Error ? error.message : String(error));
    return false;
  }
  casefileStore.set(null);
  return true;
}

/**
 * A teammate's change (a team casefile): applied in the queue, after any
 * change this window is waiting for. A change already contained in a
 * command's answer (the Node side sends what the window missed) is skipped.
 */
bridge.on('teamChange', ({ sessionId, fromRevision, patches, status }) => {
  void enqueue(async () => {
    const current = casefileStore.get();
    if (!current || current.sessionId !== sessionId || current.status.revision >= status.revision) return;
    if (current.status.revision !== fromRevision) {
      await reloadAfterStale(current);
      return;
    }
    const shown = newestStatus(sessionId, status);
    casefileStore.set({ ...current, casefile: replayPatches(current.casefile, patches), status: shown, readOnly: readOnlyOf(shown) });
  });
});

bridge.on('status', ({ sessionId, status }) => {
  const current = casefileStore.get();
  if (!current || current.sessionId !== sessionId) return;
  if (status.revision > current.status.revision) {
    if (statusAhead?.sessionId !== sessionId || statusAhead.status.sequence < status.sequence) statusAhead = { sessionId, status };
  } else if (status.revision === current.status.revision && status.sequence >= current.status.sequence) {
    casefileStore.set({ ...current, status, readOnly: readOnlyOf(status) });
  }
});
