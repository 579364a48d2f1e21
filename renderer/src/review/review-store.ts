/**
 * The review mode's state: the colleagues' casefiles open for review beside
 * mine, their comparison with mine, the analyst's accept/reject decisions
 * and the filters. Not part of the casefile; decisions not yet merged are
 * kept in the browser's storage per pair of casefiles, so a rejection is
 * still there after reopening.
 */
import type { ReviewOpened } from '../../../shared/api/contract';
import { newId } from '../../../shared/model/ids';
import type { ReviewComment, ReviewStatus } from '../../../shared/model/schema';
import { DEFAULT_MIN_OVERLAP, type Comparison, type Difference, type DifferenceKind, type MergeSummary } from '../../../shared/review';
import { api } from '../lib/api';
import { Store } from '../lib/store';
import { casefileStore, dispatch, runChange } from '../app/casefile-store';
import { notify } from '../app/notices';

export type Decision = 'accept' | 'reject';
export type DecisionFilter = 'all' | 'undecided' | 'accept' | 'reject';
export type ReviewTab = 'differences' | 'agreement' | 'comments';

export interface OpenReview {
  reviewId: string;
  fileName: string;
  path: string | null;
  migratedFrom: number | null;
  comparison: Comparison;
  decisions: Record<string, Decision>;
  lastMerge: MergeSummary | null;
  /** My casefile's revision the comparison was made at: older means it may be out of date. */
  comparedRevision: number;
  /** Set for a comparison of two points in a team casefile's history (read-only: nothing is merged). */
  history?: HistoryComparison;
}

export interface HistoryComparison {
  from: string;
  to: string;
  fromLabel: string;
  toLabel: string;
}

export interface ReviewState {
  /** My casefile session the reviews belong to. */
  sessionId: string | null;
  reviews: OpenReview[];
  activeId: string | null;
  tab: ReviewTab;
  minOverlap: number;
  filter: { kind: DifferenceKind | 'all'; articleId: string | 'all'; decision: DecisionFilter };
  selectedKey: string | null;
  busy: boolean;
}

const initial: ReviewState = {
  sessionId: null, reviews: [], activeId: null, tab: 'differences', minOverlap: DEFAULT_MIN_OVERLAP,
  filter: { kind: 'all', articleId: 'all', decision: 'all' }, selectedKey: null, busy: false,
};

// This module loads with the Review view, often after a casefile is open: start with that casefile's session.
export const reviewStore = new Store<ReviewState>({ ...initial, sessionId: casefileStore.get()?.sessionId ?? null });

// Reviews belong to one open casefile: another casefile starts afresh.
casefileStore.subscribe(() => {
  const sessionId = casefileStore.get()?.sessionId ?? null;
  const state = reviewStore.get();
  if (state.sessionId !== sessionId) {
    for (const r of state.reviews) if (!r.reviewId.startsWith('team:') && !r.history) void api.closeReview({ reviewId: r.reviewId }).catch(() => undefined);
    reviewStore.set({ ...initial, sessionId, minOverlap: state.minOverlap });
  }
});

export function activeReview(state = reviewStore.get()): OpenReview | null {
  return state.reviews.find((r) => r.reviewId === state.activeId) ?? null;
}

function update(fn: (s: ReviewState) => ReviewState): void {
  reviewStore.set(fn);
}

function updateReview(reviewId: string, fn: (r: OpenReview) => OpenReview): void {
  update((s) => ({ ...s, reviews: s.reviews.map((r) => (r.reviewId === reviewId ? fn(r) : r)) }));
}

// Decisions survive reopening: kept per (my casefile, their casefile).
function storageKey(comparison: Comparison): string | null {
  const mine = casefileStore.get()?.casefile.meta.id;
  return mine ? `corroborate.review.${mine}.${comparison.colleague.casefileId}` : null;
}

function loadDecisions(comparison: Comparison): Record<string, Decision> {
  const key = storageKey(comparison);
  try {
    const raw = key ? localStorage.getItem(key) : null;
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    const out: Record<string, Decision> = {};
    const present = new Set(comparison.differences.map((d) => d.key));
    if (parsed && typeof parsed === 'object') {
      for (const [k, v] of Object.entries(parsed)) if (present.has(k) && (v === 'accept' || v === 'reject')) out[k] = v;
    }
    return out;
  } catch {
    return {};
  }
}

function saveDecisions(review: OpenReview): void {
  const key = storageKey(review.comparison);
  try {
    if (key) localStorage.setItem(key, JSON.stringify(review.decisions));
  } catch {
    // Storage full or unavailable: decisions stay for this session only.
  }
}

async function guarded<T>(task: () => Promise<T>): Promise<T | null> {
  update((s) => ({ ...s, busy: true }));
  try {
    return await task();
  } catch (error) {
    notify('error', error instanceof Error ? error.message : String(error));
    return null;
  } finally {
    update((s) => ({ ...s, busy: false }));
  }
}

/** Opens a colleague's casefile for review, from the workspace (or a desktop path) or as an uploaded file. */
export async function openColleagueFile(source: { path: string } | { file: File }): Promise<boolean> {
  const mine = casefileStore.get();
  if (!mine) return false;
  const opened = await guarded(async () => {
    const args = 'path' in source
      ? { sessionId: mine.sessionId, path: source.path, minOverlap: reviewStore.get().minOverlap }
      : { sessionId: mine.sessionId, upload: { name: source.file.name, dataBase64: await toBase64(source.file) }, minOverlap: reviewStore.get().minOverlap };
    return api.openForReview(args);
  });
  if (!opened) return false;
  addReview(opened);
  return true;
}

function addReview(opened: ReviewOpened, history?: HistoryComparison): void {
  const review: OpenReview = { ...opened, decisions: history ? {} : loadDecisions(opened.comparison), lastMerge: null, comparedRevision: currentRevision(), history };
  update((s) => ({
    ...s,
    reviews: [...s.reviews.filter((r) => r.reviewId !== review.reviewId), review],
    activeId: review.reviewId,
    tab: 'differences',
    filter: initial.filter,
    selectedKey: review.comparison.differences[0]?.key ?? null,
  }));
  const n = review.comparison.differences.length;
  if (history) {
    notify('info', n ? `${n} change${n === 1 ? '' : 's'} from ${history.fromLabel} to ${history.toLabel}.` : `Nothing changed from ${history.fromLabel} to ${history.toLabel}.`);
    return;
  }
  if (review.migratedFrom !== null) {
    notify('info', `${review.fileName} is in an older format (${review.migratedFrom}); it was read as the current format in memory, and the file was not changed.`);
  }
  notify('info', n ? `${review.fileName}: ${n} difference${n === 1 ? '' : 's'} with your casefile.` : `${review.fileName}: no differences — it agrees with your casefile on everything compared.`);
}

/** A teammate's judgment of this team casefile compared with mine: a review whose id is `team:<analystId>`. */
export const TEAM_REVIEW_PREFIX = 'team:';

function teammateOf(reviewId: string): string | null {
  return reviewId.startsWith(TEAM_REVIEW_PREFIX) ? reviewId.slice(TEAM_REVIEW_PREFIX.length) : null;
}

/** "Differences with teammates": the casefile as I judge it compared with the casefile as they judge it. */
export async function openTeammate(analystId: string, name: string): Promise<boolean> {
  const mine = casefileStore.get();
  if (!mine) return false;
  const comparison = await guarded(() => api.teamDifferences({ sessionId: mine.sessionId, analystId, minOverlap: reviewStore.get().minOverlap }));
  if (!comparison) return false;
  addReview({ reviewId: `${TEAM_REVIEW_PREFIX}${analystId}`, fileName: `as ${name} judges it`, path: null, migratedFrom: null, comparison });
  return true;
}

/** A history comparison's review id: `history:<from>:<to>`. */
export const HISTORY_REVIEW_PREFIX = 'history:';

/**
 * Two points in the team casefile's history (or a point and now), compared
 * by Review: the earlier one on the "mine" side, the later on "theirs".
 * Read-only: nothing can be merged from it.
 */
export async function openHistory(history: HistoryComparison): Promise<boolean> {
  const mine = casefileStore.get();
  if (!mine) return false;
  const comparison = await guarded(() => api.compareHistoryPoints({ sessionId: mine.sessionId, from: history.from, to: history.to, minOverlap: reviewStore.get().minOverlap }));
  if (!comparison) return false;
  addReview({ reviewId: `${HISTORY_REVIEW_PREFIX}${history.from}:${history.to}`, fileName: `${history.fromLabel} → ${history.toLabel}`, path: null, migratedFrom: null, comparison }, history);
  return true;
}

function compareAgain(sessionId: string, reviewId: string, minOverlap: number): Promise<Comparison> {
  const history = reviewStore.get().reviews.find((r) => r.reviewId === reviewId)?.history;
  if (history) return api.compareHistoryPoints({ sessionId, from: history.from, to: history.to, minOverlap });
  const analystId = teammateOf(reviewId);
  return analystId ? api.teamDifferences({ sessionId, analystId, minOverlap }) : api.compareReview({ sessionId, reviewId, minOverlap });
}

export async function closeColleagueFile(reviewId: string): Promise<void> {
  if (!teammateOf(reviewId) && !reviewId.startsWith(HISTORY_REVIEW_PREFIX)) await api.closeReview({ reviewId }).catch(() => undefined);
  update((s) => {
    const reviews = s.reviews.filter((r) => r.reviewId !== reviewId);
    return { ...s, reviews, activeId: s.activeId === reviewId ? reviews[0]?.reviewId ?? null : s.activeId, selectedKey: null };
  });
}

export function setActiveReview(reviewId: string): void {
  update((s) => ({ ...s, activeId: reviewId, selectedKey: null, filter: initial.filter }));
}

export function setTab(tab: ReviewTab): void {
  update((s) => ({ ...s, tab }));
}

export function setFilter(patch: Partial<ReviewState['filter']>): void {
  update((s) => ({ ...s, filter: { ...s.filter, ...patch } }));
}

export function dismissMergeSummary(reviewId: string): void {
  updateReview(reviewId, (r) => ({ ...r, lastMerge: null }));
}

export function selectDifference(key: string | null): void {
  update((s) => ({ ...s, selectedKey: key }));
}

/** Compares mine with theirs again (after my casefile changed, or with another overlap threshold). */
export async function recompare(minOverlap = reviewStore.get().minOverlap): Promise<void> {
  update((s) => ({ ...s, minOverlap }));
  const mine = casefileStore.get();
  const review = activeReview();
  if (!mine || !review) return;
  const comparison = await guarded(() => compareAgain(mine.sessionId, review.reviewId, minOverlap));
  if (comparison) {
    updateReview(review.reviewId, (r) => ({ ...r, comparison, decisions: keepPresent(r.decisions, comparison), comparedRevision: currentRevision() }));
  }
}

function currentRevision(): number {
  return casefileStore.get()?.status.revision ?? 0;
}

function keepPresent(decisions: Record<string, Decision>, comparison: Comparison): Record<string, Decision> {
  const present = new Set(comparison.differences.map((d) => d.key));
  return Object.fromEntries(Object.entries(decisions).filter(([k]) => present.has(k)));
}

export function decide(keys: readonly string[], decision: Decision | null): void {
  const review = activeReview();
  if (!review) return;
  const decisions = { ...review.decisions };
  const mergeable = new Set(review.comparison.differences.filter((d) => d.mergeable).map((d) => d.key));
  for (const key of keys) {
    if (decision === null) delete decisions[key];
    else if (decision === 'reject' || mergeable.has(key)) decisions[key] = decision;
  }
  const next = { ...review, decisions };
  updateReview(review.reviewId, () => next);
  saveDecisions(next);
}

/** Carries out every accepted difference of the active review on my casefile, as one undoable step. */
export async function mergeAccepted(): Promise<MergeSummary | null> {
  const review = activeReview();
  if (!review || review.history) return null;
  const accept = Object.entries(review.decisions).filter(([, d]) => d === 'accept').map(([k]) => k);
  if (!accept.length) return null;
  const { minOverlap } = reviewStore.get();
  const result = await guarded(() =>
    runChange((current) => {
      const analystId = teammateOf(review.reviewId);
      const args = { sessionId: current.sessionId, revision: current.status.revision, accept, minOverlap };
      return analystId ? api.mergeTeamDifferences({ ...args, analystId }) : api.mergeReview({ ...args, reviewId: review.reviewId });
    }),
  );
  if (!result) return null;
  updateReview(review.reviewId, (r) => {
    const next = {
      ...r, comparison: result.comparison, decisions: keepPresent(r.decisions, result.comparison), lastMerge: result.summary, comparedRevision: currentRevision(),
    };
    saveDecisions(next);
    return next;
  });
  update((s) => ({ ...s, selectedKey: firstVisible(reviewStore.get())?.key ?? null }));
  notify('info', `Merged ${result.summary.applied} change${result.summary.applied === 1 ? '' : 's'} into your casefile (one undo step).`);
  return result.summary;
}

/** My comment and status on a claim or proposition of my casefile, kept under my name (one per reviewer and item). */
export async function setReviewComment(target: ReviewComment['target'], status: ReviewStatus, comment: string, by: string): Promise<boolean> {
  const mine = casefileStore.get();
  if (!mine) return false;
  const existing = Object.values(mine.casefile.reviews).find((r) => r.target.kind === target.kind && r.target.id === target.id && r.by === by);
  const upToDate = reviewStore.get().reviews.filter((r) => r.comparedRevision === mine.status.revision).map((r) => r.reviewId);
  const ok = await dispatch({
    type: 'review.set',
    review: { id: existing?.id ?? newId('rv'), target, status, comment, by, at: new Date().toISOString() },
  });
  // My own comment changes no difference: comparisons that were current stay current.
  if (ok) for (const id of upToDate) updateReview(id, (r) => ({ ...r, comparedRevision: currentRevision() }));
  return ok;
}

/** The differences of the active review that pass the filters, in reading order. */
export function visibleDifferences(state: ReviewState): Difference[] {
  const review = activeReview(state);
  if (!review) return [];
  const { kind, articleId, decision } = state.filter;
  return review.comparison.differences.filter(
    (d) =>
      (kind === 'all' || d.kind === kind) &&
      (articleId === 'all' || d.articleId === articleId) &&
      (decision === 'all' || (decision === 'undecided' ? !review.decisions[d.key] : review.decisions[d.key] === decision)),
  );
}

function firstVisible(state: ReviewState): Difference | undefined {
  return visibleDifferences(state)[0];
}

/** Moves the selection to the next (+1) or previous (−1) visible difference. */
export function stepDifference(delta: 1 | -1): void {
  const state = reviewStore.get();
  const list = visibleDifferences(state);
  if (!list.length) return;
  const at = list.findIndex((d) => d.key === state.selectedKey);
  const next = at === -1 ? (delta > 0 ? 0 : list.length - 1) : Math.min(list.length - 1, Math.max(0, at + delta));
  selectDifference(list[next]!.key);
}

async function toBase64(file: Blob): Promise<string> {
  const url = await new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsDataURL(file);
  });
  return url.slice(url.indexOf(',') + 1);
}
