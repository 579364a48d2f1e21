import { useEffect, useMemo, useRef, type RefObject } from 'react';
import type { Casefile, Claim } from '../../../shared/model/schema';
import { describeAuthorship, DIFFERENCE_KINDS, DIFFERENCE_LABELS, type Difference, type Placement } from '../../../shared/review';
import { casefileStore } from '../app/casefile-store';
import { selectClaim, showMainView } from '../app/ui-store';
import { useStore } from '../lib/store';
import { CommentForm, type CommentTarget } from './CommentForm';
import { DifferenceContext } from './DifferenceContext';
import { OverlapSetting } from './OverlapSetting';
import {
  decide, dismissMergeSummary, mergeAccepted, reviewStore, selectDifference, setFilter, visibleDifferences,
  type DecisionFilter, type OpenReview,
} from './review-store';
import { shorten } from '../../../shared/text/wording';
import type { DifferenceKind } from '../../../shared/review';

/** A history comparison's kinds in words of time: the earlier point is "mine", the later "theirs". */
const HISTORY_LABELS: Record<DifferenceKind, string> = {
  'claim-only-mine': 'Claim removed',
  'claim-only-theirs': 'Claim added',
  'sourcing-type': 'Sourcing type changed',
  chain: 'Chain changed',
  'proposition-membership': 'Proposition membership changed',
  stance: 'Stance changed',
  assessment: 'Assessment changed',
  notes: 'Notes changed',
  review: 'Review comment added',
  orphan: 'Claim on words no longer in the article',
};

export function kindLabel(review: OpenReview, kind: DifferenceKind): string {
  return review.history ? HISTORY_LABELS[kind] : DIFFERENCE_LABELS[kind].label;
}

export function DifferencesTab({ review, reviewer, commentRef }: { review: OpenReview; reviewer: string; commentRef: RefObject<HTMLTextAreaElement | null> }) {
  const state = useStore(reviewStore);
  const { casefile } = useStore(casefileStore)!;
  const visible = useMemo(() => visibleDifferences(state), [state]);
  const all = review.comparison.differences;
  const selected = visible.find((d) => d.key === state.selectedKey) ?? visible[0] ?? null;
  const accepted = all.filter((d) => review.decisions[d.key] === 'accept').length;
  const rejected = all.filter((d) => review.decisions[d.key] === 'reject').length;

  if (!all.length) {
    return (
      <div className="empty-state review-none">
        <p><strong>{review.history ? 'Nothing changed.' : 'No differences.'}</strong></p>
        <p className="muted">{review.history ? `The casefile is the same at ${review.history.fromLabel} and ${review.history.toLabel} on everything Review compares.` : review.comparison.colleague.sameCasefile
          ? 'This file began as a copy of your casefile and agrees with it on everything compared.'
          : 'Both casefiles mark the same claims in the same way.'}</p>
      </div>
    );
  }
  return (
    <div className="review-differences">
      <Filters review={review} casefile={casefile} shown={visible.length} />
      <div className="review-split">
        <DifferenceList list={visible} review={review} selectedKey={selected?.key ?? null} />
        {selected ? (
          <DifferenceDetail key={selected.key} difference={selected} review={review} casefile={casefile} reviewer={reviewer}
            index={visible.indexOf(selected)} count={visible.length} commentRef={commentRef} />
        ) : (
          <div className="empty-state"><p>No difference matches the filters.</p></div>
        )}
      </div>
      {review.history ? (
        <footer className="review-merge-bar">
          <span className="muted" data-testid="history-readonly">Read-only: two points in this casefile’s history. Nothing is merged from them.</span>
        </footer>
      ) : (
      <footer className="review-merge-bar">
        <button type="button" className="primary" disabled={!accepted || state.busy} onClick={() => void mergeAccepted()}>
          Merge {accepted} accepted into my casefile
        </button>
        <span className="muted" data-testid="decision-counts">{accepted} accepted · {rejected} rejected · {all.length - accepted - rejected} undecided</span>
      </footer>
      )}
      {review.lastMerge && (
        <div className="review-merge-summary" role="status">
          <p><strong>Last merge</strong> (undo with Ctrl+Z): {review.lastMerge.lines.join('; ')}.</p>
          <button type="button" className="icon-button" aria-label="Dismiss the merge summary" onClick={() => dismissMergeSummary(review.reviewId)}>×</button>
        </div>
      )}
    </div>
  );
}

/** Accept or reject every difference of this one's kind at once. */
function BulkDecision({ difference: d, review }: { difference: Difference; review: OpenReview }) {
  const keys = review.comparison.differences.filter((x) => x.kind === d.kind && x.mergeable).map((x) => x.key);
  if (keys.length < 2) return null;
  return (
    <span className="review-bulk">
      All {keys.length} of this kind:
      <button type="button" className="link-button" onClick={() => decide(keys, 'accept')}>accept</button>
      <button type="button" className="link-button" onClick={() => decide(keys, 'reject')}>reject</button>
    </span>
  );
}

function Filters({ review, casefile, shown }: { review: OpenReview; casefile: Casefile; shown: number }) {
  const { filter } = useStore(reviewStore);
  const { differences } = review.comparison;
  const titles = casefile.articles;
  const articles = useMemo(() => {
    const counts = new Map<string, number>();
    for (const d of differences) if (d.articleId) counts.set(d.articleId, (counts.get(d.articleId) ?? 0) + 1);
    return [...counts].map(([id, n]) => ({ id, n, title: titles[id]?.title || id }));
  }, [differences, titles]);
  const counts = review.comparison.counts;
  return (
    <div className="review-filters" role="group" aria-label="Filter differences">
      <label>
        <span>Kind</span>
        <select value={filter.kind} onChange={(e) => setFilter({ kind: e.target.value as typeof filter.kind })}>
          <option value="all">All kinds ({review.comparison.differences.length})</option>
          {DIFFERENCE_KINDS.filter((k) => counts[k]).map((k) => <option key={k} value={k}>{kindLabel(review, k)} ({counts[k]})</option>)}
        </select>
      </label>
      <label>
        <span>Article</span>
        <select value={filter.articleId} onChange={(e) => setFilter({ articleId: e.target.value })}>
          <option value="all">All articles</option>
          {articles.map((a) => <option key={a.id} value={a.id}>{shorten(a.title, 60)} ({a.n})</option>)}
        </select>
      </label>
      <label>
        <span>Decision</span>
        <select value={filter.decision} onChange={(e) => setFilter({ decision: e.target.value as DecisionFilter })}>
          <option value="all">Any</option>
          <option value="undecided">Undecided</option>
          <option value="accept">Accepted</option>
          <option value="reject">Rejected</option>
        </select>
      </label>
      <OverlapSetting />
      <span className="muted review-shown">{shown} shown</span>
    </div>
  );
}

function DifferenceList({ list, review, selectedKey }: { list: Difference[]; review: OpenReview; selectedKey: string | null }) {
  const ref = useRef<HTMLUListElement>(null);
  useEffect(() => {
    ref.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [selectedKey]);
  // Large comparisons: the list shows a window around the selection rather than thousands of rows.
  const at = Math.max(0, list.findIndex((d) => d.key === selectedKey));
  const from = Math.max(0, Math.min(at - 100, list.length - 300));
  const rows = list.slice(from, from + 300);
  return (
    <ul ref={ref} className="review-list" role="listbox" aria-label="Differences (N / P to step)" tabIndex={0}
      aria-activedescendant={selectedKey ? optionId(selectedKey) : undefined}>
      {from > 0 && <li className="muted review-list-more">{from} earlier…</li>}
      {rows.map((d) => {
        const decision = review.decisions[d.key];
        return (
          <li key={d.key} id={optionId(d.key)} role="option" aria-selected={d.key === selectedKey} className={`review-item kind-${d.kind}${decision ? ` decided-${decision}` : ''}`}
            onClick={() => selectDifference(d.key)}>
            <span className="review-item-kind">{kindLabel(review, d.kind)}</span>
            <span className="review-item-text">{d.statement || d.quote}</span>
            {decision && <span className={`review-item-decision decision-${decision}`}>{decision === 'accept' ? '✓ Accepted' : '✗ Rejected'}</span>}
          </li>
        );
      })}
      {from + rows.length < list.length && <li className="muted review-list-more">{list.length - from - rows.length} more…</li>}
    </ul>
  );
}

function optionId(key: string): string {
  return `review-diff-${key.replace(/[^\w-]/g, '_')}`;
}

function DifferenceDetail({ difference: d, review, casefile, reviewer, index, count, commentRef }: {
  difference: Difference;
  review: OpenReview;
  casefile: Casefile;
  reviewer: string;
  index: number;
  count: number;
  commentRef: RefObject<HTMLTextAreaElement | null>;
}) {
  const article = d.articleId ? casefile.articles[d.articleId] : undefined;
  const myClaims = useMemo(() => claimsOn(casefile, d.articleId), [casefile, d.articleId]);
  const theirPlacements = useMemo(() => placementsOn(review.comparison.placements, d.articleId), [review.comparison.placements, d.articleId]);
  const decision = review.decisions[d.key];
  const targets: CommentTarget[] = [];
  // In a history comparison the claim, where it still exists, is the one in the casefile now (an added claim is on the later side).
  const claimNow = [d.myClaimId, review.history ? d.theirClaimId : null].find((id): id is string => !!id && !!casefile.claims[id]) ?? null;
  if (claimNow) targets.push({ target: { kind: 'claim', id: claimNow }, label: 'the claim' });
  if (d.myPropositionId && casefile.propositions[d.myPropositionId]) {
    targets.push({ target: { kind: 'proposition', id: d.myPropositionId }, label: `the proposition “${shorten(d.statement, 40)}”` });
  }

  return (
    <section className="review-detail" aria-label="Difference">
      <header className="review-detail-head">
        <div>
          <p className="review-detail-kind">{kindLabel(review, d.kind)} <span className="muted">· {index + 1} of {count}</span></p>
          {article && <p className="review-detail-article">{article.outlet ? `${article.outlet} · ` : ''}{article.title}</p>}
        </div>
        {decision && <span className={`review-item-decision decision-${decision}`}>{decision === 'accept' ? '✓ Accepted' : '✗ Rejected'}</span>}
      </header>

      {d.statement && <p className="review-statement">Proposition: <q>{d.statement}</q></p>}
      {article && d.span ? (
        <DifferenceContext article={article} difference={d} myClaims={review.history ? [] : myClaims} theirPlacements={theirPlacements}
          legend={review.history ? { theirs: `claims at ${review.history.toLabel}` } : undefined} />
      ) : d.kind === 'orphan' ? (
        <blockquote className="review-orphan-quote">{d.quote}</blockquote>
      ) : null}

      <div className="review-sides">
        <div className="review-side side-mine">
          <h4>{review.history ? `At ${review.history.fromLabel}` : 'Mine'}</h4>
          <p>{d.mine}</p>
          {d.mineBy && <p className="review-credit muted" data-testid="credit-mine">{describeAuthorship(d.mineBy)}</p>}
        </div>
        <div className="review-side side-theirs">
          <h4>{review.history ? `At ${review.history.toLabel}` : <>Theirs <span className="muted">· {review.fileName}</span></>}</h4>
          <p>{d.theirs}</p>
          {d.theirsBy && <p className="review-credit muted" data-testid="credit-theirs">{describeAuthorship(d.theirsBy)}</p>}
        </div>
      </div>
      {d.details.length > 0 && (
        <ul className="review-details">{d.details.map((line) => <li key={line}>{line}</li>)}</ul>
      )}

      <div className="review-actions">
        {d.mergeable ? (
          <>
            <button type="button" className={decision === 'accept' ? 'primary' : ''} aria-pressed={decision === 'accept'} onClick={() => decideAndAdvance(d.key, 'accept')}
              title="Accept (A): carried out when you merge">
              Accept: {DIFFERENCE_LABELS[d.kind].accept} (A)
            </button>
            <button type="button" aria-pressed={decision === 'reject'} onClick={() => decideAndAdvance(d.key, 'reject')} title="Reject (R): keep mine">
              Reject: keep mine (R)
            </button>
          </>
        ) : review.history ? null : (
          <span className="muted">Their claim has no place in your version of the article, so it cannot be merged. Import their version of the article to use it.</span>
        )}
        {decision && !review.history && <button type="button" onClick={() => decide([d.key], null)}>Undecide (U)</button>}
        {d.mergeable && <BulkDecision difference={d} review={review} />}
        {claimNow && (
          <button type="button" className="link-button" onClick={() => jumpToClaim(claimNow, casefile.claims[claimNow]!.articleId)}>Show in reading view</button>
        )}
      </div>

      {review.history && !targets.length ? (
        <p className="muted review-comment-none">Not in the casefile now, so there is nothing to comment on.</p>
      ) : (
        <CommentForm key={d.key} targets={targets} reviewer={reviewer} textRef={commentRef} />
      )}
    </section>
  );
}

/** Records the decision and moves on to the next difference, as a second coder works down the list. */
export function decideAndAdvance(key: string, decision: 'accept' | 'reject'): void {
  const before = visibleDifferences(reviewStore.get());
  const at = before.findIndex((d) => d.key === key);
  decide([key], decision);
  const after = visibleDifferences(reviewStore.get());
  const next = [before[at + 1], after.find((d) => d.key === key), before[at - 1]].find((d) => d && after.includes(d));
  selectDifference(next?.key ?? after[0]?.key ?? null);
}

function jumpToClaim(claimId: string, articleId: string): void {
  selectClaim(claimId, articleId);
  showMainView('read');
}

function claimsOn(casefile: Casefile, articleId: string | null): Claim[] {
  if (!articleId) return [];
  return Object.values(casefile.claims).filter((c) => c.articleId === articleId);
}

function placementsOn(placements: Placement[], articleId: string | null): Placement[] {
  return articleId ? placements.filter((p) => p.articleId === articleId) : [];
}
