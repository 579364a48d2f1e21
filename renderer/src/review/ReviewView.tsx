import { useEffect, useRef, useState, type RefObject } from 'react';
import { colleagueName } from '../../../shared/review';
import { casefileStore } from '../app/casefile-store';
import { api } from '../lib/api';
import { useStore } from '../lib/store';
import { AgreementTab } from './AgreementTab';
import { CommentsTab } from './CommentsTab';
import { decideAndAdvance, DifferencesTab } from './DifferencesTab';
import { OpenColleagueDialog } from './OpenColleagueDialog';
import {
  activeReview, closeColleagueFile, decide, recompare, reviewStore, setActiveReview, setTab, stepDifference, visibleDifferences,
  type ReviewTab,
} from './review-store';
import { TeammateDifferences } from '../team/TeammateDifferences';
import { HistoryButton } from '../team/HistoryDialog';
import './review.css';

const TABS: { id: ReviewTab; label: string }[] = [
  { id: 'differences', label: 'Differences' },
  { id: 'agreement', label: 'Agreement' },
  { id: 'comments', label: 'Comments' },
];

/** The Review main view: a colleague's casefile beside mine, its differences, our agreement, and review comments. */
export function ReviewView() {
  const state = useStore(reviewStore);
  const opened = useStore(casefileStore)!;
  const review = activeReview(state);
  const [choosing, setChoosing] = useState(false);
  const [reviewer, setReviewer] = useState('');
  const commentRef = useRef<HTMLTextAreaElement>(null);
  // A comparison of two past points does not change with my casefile; one with "now" does.
  const stale = !!review && review.comparedRevision !== opened.status.revision && (!review.history || review.history.to === 'now' || review.history.from === 'now');

  useEffect(() => {
    void api.getSettings({}).then((s) => setReviewer(s.analystName));
    // Coming back after editing elsewhere: compare again, so what is listed is what differs now.
    const current = activeReview();
    if (current && current.comparedRevision !== casefileStore.get()?.status.revision) void recompare();
  }, []);
  useReviewKeys(state.tab === 'differences' && !!review && !choosing, commentRef);

  const commentCount = Object.keys(opened.casefile.reviews).length;
  return (
    <div className="review-view" aria-label="Review">
      <header className="review-bar">
        {state.reviews.length > 0 ? (
          <label className="review-colleague">
            <span className="review-sr-only">Colleague’s casefile</span>
            <select value={state.activeId ?? ''} onChange={(e) => setActiveReview(e.target.value)}>
              {state.reviews.map((r) => (
                <option key={r.reviewId} value={r.reviewId}>{r.history ? `History: ${r.fileName}` : `${colleagueName(r.comparison)} — ${r.fileName}`}</option>
              ))}
            </select>
          </label>
        ) : (
          <h2 className="review-title">Review a colleague’s casefile</h2>
        )}
        {state.reviews.length > 0 && <button type="button" onClick={() => setChoosing(true)}>Open colleague’s file…</button>}
        {review && <button type="button" onClick={() => void closeColleagueFile(review.reviewId)} title="Close their file (it was never changed)">Stop comparing</button>}
        <HistoryButton />
        <TeammateDifferences />
      </header>

      {review && review.migratedFrom !== null && (
        <p className="review-note">This file is in an older format ({review.migratedFrom}); it was read as the current one in memory. Their file is unchanged.</p>
      )}
      {review?.history && (
        <p className="review-note review-history-note" data-testid="history-note">
          What changed in this shared casefile from {review.history.fromLabel} to {review.history.toLabel}, and who did it. Read-only: nothing is merged from history.
        </p>
      )}
      {stale && (
        <p className="review-note review-stale" role="status">
          Your casefile changed since this comparison. <button type="button" className="link-button" onClick={() => void recompare()} disabled={state.busy}>Compare again</button>
        </p>
      )}

      <div className="review-tabs" role="tablist" aria-label="Review">
        {TABS.map((t) => (
          <button key={t.id} type="button" role="tab" aria-selected={state.tab === t.id} className={state.tab === t.id ? 'active' : ''} onClick={() => setTab(t.id)}>
            {t.label}
            {t.id === 'differences' && review && <span className="count">{review.comparison.differences.length}</span>}
            {t.id === 'comments' && <span className="count">{commentCount}</span>}
          </button>
        ))}
      </div>

      <div className="review-body">
        {state.tab === 'comments' ? (
          <CommentsTab reviewer={reviewer} />
        ) : !review ? (
          <div className="empty-state review-empty">
            <p><strong>Check each other’s work like second coders.</strong></p>
            <p className="muted">Open the casefile a colleague made on the same articles: you see every claim one of you marked and the other did not, every sourcing type, chain, proposition and assessment you differ on, and how far you agree (Cohen’s kappa).</p>
            <p className="muted">Accept what is right, reject the rest, and merge: your casefile keeps who annotated what. Their file is never changed.</p>
            <button type="button" className="primary" onClick={() => setChoosing(true)}>Open colleague’s file…</button>
          </div>
        ) : state.tab === 'agreement' ? (
          <AgreementTab review={review} />
        ) : (
          <DifferencesTab review={review} reviewer={reviewer} commentRef={commentRef} />
        )}
      </div>
      {choosing && <OpenColleagueDialog onClose={() => setChoosing(false)} />}
    </div>
  );
}

/**
 * N / P step through the differences, A accepts, R rejects, U undecides, C
 * goes to the comment. Listened to before the reading view's shortcuts, and
 * only while the review's differences are showing.
 */
function useReviewKeys(active: boolean, commentRef: RefObject<HTMLTextAreaElement | null>): void {
  useEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
      const target = e.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable="true"]') || document.querySelector('dialog[open]')) return;
      const state = reviewStore.get();
      const selected = visibleDifferences(state).find((d) => d.key === state.selectedKey) ?? visibleDifferences(state)[0];
      const key = e.key.toLowerCase();
      if (key === 'n' || key === 'arrowdown') stepDifference(1);
      else if (key === 'p' || key === 'arrowup') stepDifference(-1);
      else if (key === 'a' && selected?.mergeable) decideAndAdvance(selected.key, 'accept');
      else if (key === 'r' && selected?.mergeable) decideAndAdvance(selected.key, 'reject');
      else if (key === 'u' && selected) decide([selected.key], null);
      else if (key === 'c' && commentRef.current) commentRef.current.focus();
      else return;
      e.preventDefault();
      e.stopPropagation();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [active, commentRef]);
}
