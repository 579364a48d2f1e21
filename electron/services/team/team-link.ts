/**
 * One open casefile linked to its team document (docs/team-sync.md): a
 * Hocuspocus connection and a SharedCasefile over a Y document kept beside
 * the casefile. My changes (commands, undo, redo) reach it through the
 * session's sync hook; teammates' changes come back as patches the session
 * replays, so there is still one reducer. Everything received is checked by
 * SharedCasefile.catchUp; what it leaves out is shown, not dropped silently.
 */
import type { Patch } from 'immer';
import * as Y from 'yjs';
import type { TeamConflict, TeamConnection, TeamStatus } from '../../../shared/api/team';
import type { Command } from '../../../shared/commands/commands';
import type { Casefile } from '../../../shared/model/schema';
import { refKey, type RecordRef } from '../../../shared/sync/keys';
import { SharedCasefile, type CatchUp, type RemoteChange } from '../../../shared/sync/shared-casefile';
import type { CasefileSession, ReceivedChange, Revival, SessionSync } from '../casefile/session';
import { CatchUpPacer } from './catch-up-pacing';
import { DocumentFile, readWaiting, takeInStep, writeInStep, writeWaiting, type LinkRecord } from './local-document';
import { readPresence, type PresenceState } from './presence';
import { teamLink, type TeamServerClient } from './server-client';
import { connectDocument, type DocumentConnection } from './connection';
import { DeletedByTeammates, editedRecord } from './deleted-while-typing';
import { TextStore } from './text-store';
import { HistoryRecorder } from './history-recorder';
import { writersOf, type HistoryTiming } from './history';

/** The document is written beside the casefile this long after its last change. */
const DOCUMENT_SAVE_DELAY_MS = 300;
/** Problems kept for the window (the newest). */
const PROBLEMS_KEPT = 20;
/** Collections whose records a teammate's deletion is reported for, when I had changed them. */
const WATCHED_DELETIONS = new Set(['claims', 'propositions', 'sources']);
/** What a reviewer's command may change: review comments, the audit trail, and the bookkeeping every command writes. */
const REVIEWER_MAY_CHANGE: readonly (readonly string[])[] = [['reviews'], ['audit'], ['meta', 'modifiedAt'], ['meta', 'analysts']];
/** Origin of the document's load from disk (not a teammate's change). */
const LOADED = Symbol('loaded from disk');
/** The last `TeamStatus.sequence` given, by any link of this process. */
let lastStatusSequence = 0;

export interface TeamLinkHooks {
  /** A teammate's change was applied to the session: the window applies the same patches. */
  received: (change: ReceivedChange) => void;
  /** The link's state changed (connection, changes waiting, presence, conflicts, problems). */
  status: (status: TeamStatus) => void;
  /** When history points are taken (tests shorten it). */
  historyTiming?: Partial<HistoryTiming>;
}

/** A document just received from the server (receiveCasefile) and what was materialised from it: the session's casefile. */
export interface ReceivedDocument {
  shared: SharedCasefile;
  caught: CatchUp;
}

export class TeamLink implements SessionSync {
  readonly doc: Y.Doc;
  /** The document beside the casefile: updates appended as they come, the whole document now and then. */
  private readonly documentFile: DocumentFile;
  readonly shared: SharedCasefile;
  /** History points of this casefile, kept beside it (history.ts). */
  readonly history: HistoryRecorder;
  private connection_: DocumentConnection | null = null;
  private readonly texts: TextStore;
  private connection: TeamConnection = 'connecting';
  private everConnected = false;
  private wantOnline = true;
  private waiting = 0;
  /** The count last written beside the casefile (-1: not written by this link yet). */
  private waitingOnDisk = -1;
  private refusedReason: string | null = null;
  private problems: string[] = [];
  private readonly conflicts = new Map<string, TeamConflict>();
  private readonly dismissed = new Set<string>();
  private readonly deletedByTeammates = new DeletedByTeammates();
  private pending: RemoteChange = { refs: [], auditChanged: false };
  /** Teammates' changes are caught up on together, paced (catch-up-pacing.ts). */
  private readonly catchUps = new CatchUpPacer(() => this.catchUpPending());
  private saveTimer: NodeJS.Timeout | null = null;
  private saving: Promise<void> = Promise.resolve();
  private readingArticle: string | null = null;
  private stopRemote: (() => void) | null = null;
  private closed = false;
  private missingAtStart: string[];
  /**
   * Since the link started, a record was held back or left out, or kept against a teammate's deletion: the next
   * opening catches up on everything again (no in-step.json), so that it is listed again.
   */
  private reportAgainOnOpening = false;
  private statusSequence = ++lastStatusSequence;

  constructor(
    readonly session: CasefileSession,
    readonly link: LinkRecord,
    client: TeamServerClient,
    private readonly hooks: TeamLinkHooks,
    received?: ReceivedDocument,
  ) {
    this.shared = received?.shared ?? new SharedCasefile(new Y.Doc(), { analystId: link.analystId, analystName: link.analystName, deviceId: link.deviceId });
    this.doc = this.shared.doc;
    this.documentFile = new DocumentFile(this.doc);
    this.texts = new TextStore(client, () => this.session.casefile);
    this.history = new HistoryRecorder({
      path: () => this.session.path, casefile: () => this.session.casefile, me: link.analystName,
      timing: hooks.historyTiming, problem: (message) => this.noteProblem(message),
    });
    // What was left out when the casefile was materialised is listed, and texts still missing are fetched, as after a catch-up.
    if (received) this.noteOutcome(received.caught);
    this.missingAtStart = received?.caught.missingTexts ?? [];
  }

  /** Loads the document kept beside the casefile, with the count of my changes still waiting; false when there is none yet. */
  async loadLocal(): Promise<boolean> {
    const loaded = await this.documentFile.load(this.session.path, LOADED);
    if (loaded) this.waiting = this.waitingOnDisk = await readWaiting(this.session.path);
    return loaded;
  }

  /** Publishes the whole casefile as my versions (sharing it). */
  seed(): void {
    const change = this.shared.seed(this.session.casefile);
    this.texts.uploadAll(this.session.casefile);
    const from = this.session.casefile;
    this.applyCatchUp(from, this.shared.catchUp(from, change, this.texts.lookup));
  }

  /**
   * Brings the session in step with everything the document holds after
   * loading it, unless the casefile's file was saved in step with exactly
   * this document when it was last closed (then nothing would change, and
   * reading every version of a large casefile takes seconds).
   */
  async catchUpOnOpening(): Promise<void> {
    if (!(await takeInStep(this.session.path, this.session.fileHashInStep, this.doc))) this.catchUpAll();
  }

  /** Brings the session in step with everything the document holds (after loading it or a first sync). */
  catchUpAll(): void {
    const from = this.session.casefile;
    this.applyCatchUp(from, this.shared.catchUp(from, { refs: this.shared.allRefs(), auditChanged: true }, this.texts.lookup));
  }

  /** Starts listening to teammates and connects to the server. */
  start(token: string): void {
    this.session.setSync(this);
    this.stopRemote = this.shared.onRemoteChange((change) => this.queueRemote(change));
    this.doc.on('update', (update: Uint8Array) => {
      this.documentFile.add(update);
      this.scheduleSave();
    });
    this.connection_ = this.connect(token);
    if (this.missingAtStart.length) void this.fetchMissingTexts(this.missingAtStart);
  }

  // SessionSync: a change made in this window.
  localChange(before: Casefile, after: Casefile, patches: readonly Patch[]): readonly Patch[] {
    const written = this.shared.recordChange(before, after, patches);
    if (written.refs.length === 0) return [];
    this.texts.uploadNew(after, written.refs);
    this.history.localChange();
    this.waiting += 1;
    this.publishStatus();
    const normalised = this.shared.catchUp(after, written, this.texts.lookup);
    this.noteOutcome(normalised);
    return normalised.patches;
  }

  setOnline(online: boolean): void {
    this.wantOnline = online;
    if (!this.connection_) return;
    if (online) this.connection_.goOnline();
    else {
      this.connection_.goOffline();
      this.setConnection('offline');
    }
  }

  setReading(articleId: string | null): void {
    this.readingArticle = articleId;
    this.connection_?.provider.setAwarenessField('analyst', this.presenceState());
  }

  dismissConflict(key: string): void {
    this.dismissed.add(key);
    this.conflicts.delete(key);
    this.publishStatus();
  }

  status(): TeamStatus {
    const { serverUrl, team, casefileId, analystId, analystName, role } = this.link;
    return {
      serverUrl, team, casefileId, link: teamLink({ serverUrl, team, casefileId }), analystId, analystName, role,
      connection: this.connection, waiting: this.waiting, refusedReason: this.refusedReason,
      online: this.online(), analysts: this.analysts(), conflicts: [...this.conflicts.values()], problems: [...this.problems],
      sequence: this.statusSequence,
    };
  }

  /** Stops syncing; the document is written beside the casefile first. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.session.setSync(null);
    // The connection first: a teammate's update arriving until it is closed is still noted as waiting to be caught up.
    this.connection_?.close();
    this.connection_ = null;
    this.stopRemote?.();
    this.catchUps.cancel();
    if (this.saveTimer) clearTimeout(this.saveTimer);
    await this.history.close();
    await this.saving;
    await this.saveLocal('whole').catch(() => undefined);
    await this.noteSavedInStep().catch(() => undefined);
  }

  /** On closing: when the casefile's file holds exactly what the document materialises to, says so beside it (in-step.json). */
  private async noteSavedInStep(): Promise<void> {
    const fileHash = this.session.fileHashInStep;
    const caughtUp = this.pending.refs.length === 0 && !this.pending.auditChanged;
    // Checked again on opening against the document as read back: a document not written now cannot match.
    if (fileHash && caughtUp && !this.reportAgainOnOpening) await writeInStep(this.session.path, fileHash, this.doc);
  }

  /** Writes the document beside the casefile now. */
  async flush(): Promise<void> {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    await this.saving;
    this.saving = this.saveLocal('whole').catch(() => undefined);
    await this.saving;
  }

  private connect(token: string): DocumentConnection {
    const connection = connectDocument({
      serverUrl: this.link.serverUrl,
      name: `${this.link.team}/${this.link.casefileId}`,
      doc: this.doc,
      token,
      onStatus: ({ status }) => this.onSocketStatus(status),
      onSynced: () => this.onSynced(),
      onAuthenticationFailed: ({ reason }) => this.refuse(refusalInWords(reason)),
      onStateless: ({ payload }) => this.onStateless(payload),
      onUnsyncedChanges: ({ number }) => this.onUnsynced(number),
      onAwarenessChange: () => this.publishStatus(),
    });
    connection.provider.setAwarenessField('analyst', this.presenceState());
    return connection;
  }

  private onSocketStatus(status: string): void {
    if (status === 'connected') return; // connected once the document is in step (onSynced)
    if (this.connection === 'refused') return;
    if (!this.wantOnline || status === 'disconnected') this.setConnection(this.wantOnline && this.everConnected ? 'reconnecting' : 'offline');
    else this.setConnection(this.everConnected ? 'reconnecting' : 'connecting');
  }

  private onSynced(): void {
    this.everConnected = true;
    this.refusedReason = null;
    this.setConnection('connected');
    this.history.connected();
    void this.texts.uploadWaiting();
    if (this.texts.hasMissing()) void this.fetchMissingTexts();
  }

  private onUnsynced(count: number): void {
    if (count === 0 && this.connection === 'connected' && this.waiting !== 0) {
      this.waiting = 0;
      this.publishStatus();
      if (!this.closed) this.saving = this.saving.then(() => this.saveWaiting()).catch(() => undefined);
    }
  }

  private onStateless(payload: string): void {
    let refused: unknown;
    try {
      refused = (JSON.parse(payload) as { refused?: unknown }).refused;
    } catch {
      return;
    }
    if (typeof refused === 'string') this.refuse(refused.slice(0, 500), false);
  }

  private refuse(reason: string, connectionRefused = true): void {
    this.refusedReason = reason;
    if (connectionRefused) this.setConnection('refused');
    else this.publishStatus();
  }

  private setConnection(connection: TeamConnection): void {
    if (this.connection === connection) return;
    this.connection = connection;
    this.publishStatus();
  }

  private queueRemote(change: RemoteChange): void {
    this.pending = mergeChanges(this.pending, change);
    this.catchUps.schedule();
  }

  private catchUpPending(): void {
    if (this.closed) return;
    const change = this.pending;
    this.pending = { refs: [], auditChanged: false };
    const before = this.session.casefile;
    const outcome = this.shared.catchUp(before, change, this.texts.lookup);
    if (outcome.patches.length) {
      const writers = writersOf(change.refs, (ref) => this.shared.versionsOf(ref)).filter((id) => id !== this.link.analystId);
      this.history.remoteChange(before, writers.map((id) => this.nameOf(id)));
    }
    this.noteDeletions(before, change.refs, outcome.state);
    this.noteReturns(before, change.refs, outcome.state);
    this.applyCatchUp(before, outcome);
  }

  /** Hands a catch-up computed from `from` to the session: its casefile as it is, when the session still holds `from`. */
  private applyCatchUp(from: Casefile, outcome: CatchUp): void {
    this.noteOutcome(outcome);
    const received = this.session.receive(outcome.patches, { from, state: outcome.state });
    if (received) this.hooks.received(received);
    if (outcome.missingTexts.length) void this.fetchMissingTexts(outcome.missingTexts);
    this.publishStatus();
  }

  private noteProblem(message: string): void {
    this.problems = [...this.problems.filter((p) => p !== message), message].slice(-PROBLEMS_KEPT);
    this.publishStatus();
  }

  private noteOutcome(outcome: CatchUp): void {
    if (outcome.problems.length || outcome.missingTexts.length || outcome.conflicts.length) this.reportAgainOnOpening = true;
    for (const conflict of outcome.conflicts) this.noteKept(conflict.ref, conflict.deletedBy);
    const shown = outcome.problems.filter((p) => !/waits for its text/.test(p));
    if (shown.length) this.problems = [...this.problems.filter((p) => !shown.includes(p)), ...shown].slice(-PROBLEMS_KEPT);
  }

  /** A record my edit kept alive after a teammate deleted it: they (and I) should know. */
  private noteKept(ref: RecordRef, deletedBy: string[]): void {
    const key = `kept:${refKey(ref)}`;
    if (deletedBy.length === 0 || this.dismissed.has(key) || !WATCHED_DELETIONS.has(ref.collection)) return;
    const iDeleted = deletedBy.includes(this.link.analystId);
    const others = deletedBy.filter((id) => id !== this.link.analystId).map((id) => this.nameOf(id));
    const what = singular(ref.collection);
    const label = iDeleted
      ? `You deleted a ${what}, but a teammate edited it afterwards: it is kept.`
      : `${others.join(', ')} deleted this ${what} while you edited it; your edit keeps it.`;
    this.conflicts.set(key, { key, collection: ref.collection, recordId: ref.id, kind: 'kept', deletedBy: iDeleted ? ['you', ...others] : others, yours: null, label });
  }

  // SessionSync: a reviewer may comment, not edit (the server would refuse the edit).
  refusal(patches: readonly Patch[]): string | null {
    if (this.link.role !== 'reviewer') return null;
    const edits = patches.some((patch) => !REVIEWER_MAY_CHANGE.some((allowed) => allowed.every((part, i) => patch.path[i] === part)));
    return edits ? 'You are a reviewer on this team casefile: you can comment (Review ▸ Comments) but not change it.' : null;
  }

  // SessionSync: an edit of a record a teammate deleted while the analyst was typing in it.
  revival(command: Command): Revival | null {
    const ref = editedRecord(command);
    if (!ref || this.link.role === 'reviewer' || recordOf(this.session.casefile, ref)) return null;
    const revived = this.deletedByTeammates.revival(command);
    if (!revived) return null;
    return {
      command: revived,
      done: () => {
        this.deletedByTeammates.forget(ref);
        const deletedBy = this.deletersOf(ref).filter((id) => id !== this.link.analystId).map((id) => this.nameOf(id));
        const what = singular(ref.collection);
        this.noteConflict({
          key: `kept:${refKey(ref)}`, collection: ref.collection, recordId: ref.id, kind: 'kept', deletedBy, yours: null,
          label: `${deletedBy.join(', ') || 'A teammate'} deleted this ${what} while you were typing in it: it is back, with what you typed.`,
        });
        this.publishStatus();
      },
    };
  }

  /** A record a teammate brought back after I deleted it (they were editing it). */
  private noteReturns(before: Casefile, refs: readonly RecordRef[], after: Casefile): void {
    for (const ref of refs) {
      if (!WATCHED_DELETIONS.has(ref.collection) || recordOf(before, ref) || !recordOf(after, ref)) continue;
      const myDeletion = this.shared.versionsOf(ref).find((v) => v.analystId === this.link.analystId)?.version.deleted;
      if (!myDeletion) continue;
      const by = this.shared.versionsOf(ref).filter((v) => v.analystId !== this.link.analystId && (v.version.stamps.id ?? '') > myDeletion).map((v) => this.nameOf(v.analystId));
      const what = singular(ref.collection);
      this.noteConflict({
        key: `kept:${refKey(ref)}`, collection: ref.collection, recordId: ref.id, kind: 'kept', deletedBy: ['you'], yours: null,
        label: `You deleted a ${what}${describe(recordOf(after, ref)!)}, but ${by.join(', ') || 'a teammate'} was still editing it: it is back.`,
      });
    }
  }

  private noteConflict(conflict: TeamConflict): void {
    if (this.dismissed.has(conflict.key)) return;
    this.conflicts.set(conflict.key, conflict);
  }

  private deletersOf(ref: RecordRef): string[] {
    return this.shared.versionsOf(ref).filter((v) => v.version.deleted !== undefined).map((v) => v.analystId);
  }

  /**
   * Records teammates deleted: remembered, so a value still being typed into
   * one brings it back; those I had changed are also shown, my version kept to restore.
   */
  private noteDeletions(before: Casefile, refs: readonly RecordRef[], after: Casefile): void {
    for (const ref of refs) {
      if (!WATCHED_DELETIONS.has(ref.collection)) continue;
      const mine = recordOf(before, ref);
      if (!mine || recordOf(after, ref)) continue;
      this.deletedByTeammates.remember(ref, mine);
      if (!this.iChanged(ref)) continue;
      const deletedBy = this.shared.versionsOf(ref).filter((v) => v.version.deleted && v.analystId !== this.link.analystId).map((v) => this.nameOf(v.analystId));
      const key = `deleted:${refKey(ref)}`;
      this.dismissed.delete(key);
      this.conflicts.set(key, {
        key, collection: ref.collection, recordId: ref.id, kind: 'deleted', deletedBy, yours: mine,
        label: `${deletedBy.join(', ') || 'A teammate'} deleted a ${singular(ref.collection)} you had changed${describe(mine)}. Your version is kept here.`,
      });
    }
  }

  /**
   * Whether I changed this record: I edited a teammate's record (my version has
   * no `id` of its own), or mine after making or publishing it (a write after the
   * one that made it: every field of one write has the same stamp).
   */
  private iChanged(ref: RecordRef): boolean {
    return this.shared.versionsOf(ref).some(({ analystId, version: { stamps } }) => {
      if (analystId !== this.link.analystId) return false;
      const made = stamps.id;
      return Object.values(stamps).some((stamp) => made === undefined || stamp !== made);
    });
  }

  private async fetchMissingTexts(hashes?: string[]): Promise<void> {
    const fetched = await this.texts.fetchMissing(hashes);
    if (fetched.length === 0 || this.closed) return;
    this.queueRemote({ refs: fetched.flatMap((hash) => this.articlesWithText(hash)), auditChanged: false });
  }

  private articlesWithText(hash: string): RecordRef[] {
    return this.shared.allRefs().filter((ref) => ref.collection === 'articles' && this.shared.versionsOf(ref).some((v) => v.version.fields.textHash === hash));
  }

  private scheduleSave(): void {
    if (this.closed || this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      // Appended to the log beside the casefile: a teammate's edit costs its own size here, not the document's.
      this.saving = this.saving.then(() => this.saveLocal('appended')).catch(() => undefined);
    }, DOCUMENT_SAVE_DELAY_MS);
  }

  /** The document beside the casefile (the updates since the last write appended, or the whole document), and the count of changes waiting when it changed. */
  private async saveLocal(how: 'appended' | 'whole'): Promise<void> {
    if (how === 'whole') await this.documentFile.snapshot(this.session.path);
    else await this.documentFile.write(this.session.path);
    await this.saveWaiting();
  }

  private async saveWaiting(): Promise<void> {
    const waiting = this.waiting;
    if (waiting === this.waitingOnDisk) return;
    await writeWaiting(this.session.path, waiting);
    this.waitingOnDisk = waiting;
  }

  private presenceState(): PresenceState {
    return { analystId: this.link.analystId, name: this.link.analystName, articleId: this.readingArticle };
  }

  private online(): TeamStatus['online'] {
    const awareness = this.connection_?.provider.awareness;
    if (!awareness || this.connection !== 'connected') return [];
    return readPresence(awareness.getStates(), this.doc.clientID, this.link.analystId);
  }

  private analysts(): TeamStatus['analysts'] {
    const out = new Map<string, string>([[this.link.analystId, this.link.analystName]]);
    for (const [analystId, entry] of this.shared.analysts.entries()) {
      if (typeof entry?.name === 'string' && !out.has(analystId)) out.set(analystId, entry.name.slice(0, 200));
    }
    return [...out].map(([analystId, name]) => ({ analystId, name }));
  }

  private nameOf(analystId: string): string {
    const entry = this.shared.analysts.get(analystId);
    return typeof entry?.name === 'string' ? entry.name.slice(0, 200) : analystId;
  }

  private publishStatus(): void {
    if (this.closed) return;
    this.statusSequence = ++lastStatusSequence;
    this.hooks.status(this.status());
  }
}

/** The server's reason for refusing a connection, as the analyst reads it. */
function refusalInWords(reason: string): string {
  if (!reason || reason === 'invalid-token') return 'the server does not accept your token (revoked, or not this server’s); ask your administrator for a new one';
  if (reason === 'permission-denied') return 'you have no role on this casefile';
  return reason.slice(0, 300);
}

function mergeChanges(a: RemoteChange, b: RemoteChange): RemoteChange {
  const seen = new Set(a.refs.map(refKey));
  return { refs: [...a.refs, ...b.refs.filter((ref) => !seen.has(refKey(ref)))], auditChanged: a.auditChanged || b.auditChanged };
}

function recordOf(casefile: Casefile, ref: RecordRef): Record<string, unknown> | undefined {
  if (ref.collection === 'casefile') return undefined;
  const records = casefile[ref.collection] as Record<string, Record<string, unknown>> | undefined;
  return records && Object.hasOwn(records, ref.id) ? records[ref.id] : undefined;
}

function singular(collection: string): string {
  return collection === 'propositions' ? 'proposition' : collection === 'sources' ? 'source' : 'claim';
}

function describe(record: Record<string, unknown>): string {
  const quote = record.quote as { exact?: unknown } | undefined;
  const text = quote?.exact ?? record.statement ?? record.name;
  if (typeof text !== 'string') return '';
  const line = text.replace(/\s+/g, ' ').trim();
  return ` (“${line.length > 60 ? `${line.slice(0, 57)}…` : line}”)`;
}
