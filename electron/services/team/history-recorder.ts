/**
 * Takes a team casefile's history points while it is open (docs/team-sync.md,
 * "History points"): when it is in step with the server after opening (if
 * anything changed since the last point), just before a batch of teammates'
 * changes that comes after a quiet gap, at most every `intervalMs` while
 * edits flow, when it is closed with changes since the last point, and when
 * the analyst marks one. Points are written one at a time, in order; a point
 * that cannot be written is reported, and costs nothing else.
 */
import type { HistoryPoint, HistoryPointKind } from '../../../shared/api/team';
import type { Casefile } from '../../../shared/model/schema';
import { copyPoints, HISTORY_TIMING, listPoints, prunePoints, writePoint, type HistoryTiming } from './history';

export interface HistoryRecorderOptions {
  /** The casefile's path now (it changes on Save As). */
  path: () => string;
  casefile: () => Casefile;
  /** My name, for "who changed things since". */
  me: string;
  timing?: Partial<HistoryTiming>;
  /** A point could not be written: shown with the team link's problems. */
  problem: (message: string) => void;
  now?: () => number;
}

export class HistoryRecorder {
  private readonly timing: HistoryTiming;
  private readonly now: () => number;
  /** Who changed the casefile since the last point. */
  private since = new Set<string>();
  private dirty = false;
  private lastPointAt: number | null = null;
  private lastRemoteAt = 0;
  private timer: NodeJS.Timeout | null = null;
  private openedTimer: NodeJS.Timeout | null = null;
  private connectedOnce = false;
  /** Points taken since this recorder started: the opening point is only needed when there is none yet. */
  private taken = 0;
  private writing: Promise<unknown> = Promise.resolve();
  private closed = false;
  private readonly ready: Promise<void>;
  /** Where the points are kept: beside the casefile as it was last seen. */
  private knownPath: string;

  constructor(private readonly options: HistoryRecorderOptions) {
    this.timing = { ...HISTORY_TIMING, ...options.timing };
    this.now = options.now ?? Date.now;
    this.knownPath = options.path();
    this.ready = listPoints(options.path())
      .then(({ points }) => {
        const last = points.at(-1);
        this.lastPointAt = last ? Date.parse(last.at) : null;
      })
      .catch(() => undefined);
  }

  /** In step with the server (first time for this link): a point once the server's changes have landed, if anything changed since the last. */
  connected(): void {
    if (this.connectedOnce || this.closed) return;
    this.connectedOnce = true;
    this.openedTimer = setTimeout(() => {
      this.openedTimer = null;
      void this.ready.then(() => {
        const modified = Date.parse(this.options.casefile().meta.modifiedAt ?? '');
        const changedSince = this.lastPointAt === null || this.dirty || (Number.isFinite(modified) && modified > this.lastPointAt);
        if (changedSince && this.taken === 0 && !this.closed) void this.take('opened', 'Opened, in step with the team server').catch(() => undefined);
      });
    }, this.timing.settleMs);
  }

  /** A change made here. */
  localChange(): void {
    this.changed([this.options.me]);
  }

  /**
   * Teammates' changes are about to be applied to `before`. After a quiet
   * gap, `before` becomes a point first (when it differs from the last one),
   * so the batch can be compared with what was there.
   */
  remoteChange(before: Casefile, names: readonly string[]): void {
    const now = this.now();
    const quiet = now - this.lastRemoteAt >= this.timing.quietGapMs;
    this.lastRemoteAt = now;
    if (quiet && this.dirty && this.connectedOnce && this.openedTimer === null) {
      void this.take('teammates', `Before changes from ${names.length ? names.join(', ') : 'teammates'} arrived`, before).catch(() => undefined);
    }
    this.changed(names);
  }

  /** The analyst's own point, with a label: written before this returns. */
  async mark(label: string): Promise<HistoryPoint> {
    if (this.closed) throw new Error('This casefile is closed.');
    return this.take('marked', label);
  }

  /** Stops; a last point is written when anything changed since the previous one. */
  async close(): Promise<void> {
    if (this.closed) return;
    if (this.timer) clearTimeout(this.timer);
    if (this.openedTimer) clearTimeout(this.openedTimer);
    this.timer = this.openedTimer = null;
    if (this.dirty) void this.take('closed', 'Closed on this computer').catch(() => undefined);
    this.closed = true;
    await this.writing.catch(() => undefined);
  }

  /** After Save As: the points go along to the new place (copied; the old file keeps its own). */
  async moved(): Promise<void> {
    const now = this.options.path();
    if (now === this.knownPath) return;
    await this.writing.catch(() => undefined);
    const old = this.knownPath;
    this.knownPath = now;
    try {
      await copyPoints(old, now);
    } catch (error) {
      this.options.problem(`The history points could not be copied beside the casefile’s new place: ${error instanceof Error ? error.message : String(error)}. They are still beside ${old}.`);
    }
  }

  /** Stops without a last point (leaving the team: the points go with the team folder). */
  async abandon(): Promise<void> {
    this.dirty = false;
    await this.close();
  }

  /** Waits for points being written (tests, Save As). */
  async settled(): Promise<void> {
    await this.ready;
    await this.writing.catch(() => undefined);
  }

  private changed(names: readonly string[]): void {
    for (const name of names) this.since.add(name);
    this.dirty = true;
    this.scheduleInterval();
  }

  private scheduleInterval(): void {
    if (this.timer || this.closed) return;
    const now = this.now();
    const due = (this.lastPointAt ?? now) + this.timing.intervalMs;
    this.timer = setTimeout(() => {
      this.timer = null;
      if (!this.dirty || this.closed) return;
      if (this.lastPointAt !== null && this.now() - this.lastPointAt < this.timing.intervalMs) this.scheduleInterval();
      else void this.take('interval', 'While edits came in').catch(() => undefined);
    }, Math.max(this.timing.settleMs, due - now));
  }

  /** Captures the state and who changed it now; writes it after the points before it. */
  private take(kind: HistoryPointKind, label: string, state: Casefile = this.options.casefile()): Promise<HistoryPoint> {
    this.taken += 1;
    const changedBy = [...this.since];
    this.since = new Set();
    this.dirty = false;
    const at = new Date(this.now());
    this.lastPointAt = at.getTime();
    const path = this.options.path();
    const written = this.writing.catch(() => undefined).then(async () => {
      const point = await writePoint(path, state, { kind, label, changedBy, at });
      await prunePoints(path, at.getTime()).catch(() => undefined);
      return point;
    });
    this.writing = written.catch((error: unknown) => {
      this.options.problem(`A history point (“${label}”) could not be written: ${error instanceof Error ? error.message : String(error)}`);
    });
    return written;
  }
}
