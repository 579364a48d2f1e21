import { useMemo, useState } from 'react';
import type { ReviewStatus } from '../../../shared/model/schema';
import { REVIEW_STATUS_LABELS } from '../../../shared/review';
import { casefileStore, dispatch, writableCasefile } from '../app/casefile-store';
import { notify } from '../app/notices';
import { selectClaim, showMainView } from '../app/ui-store';
import { useStore } from '../lib/store';
import { formatWhen } from '../../../shared/review';

/** Every review status and comment kept in my casefile: mine on others' work, and reviewers' on mine. */
export function CommentsTab({ reviewer }: { reviewer: string }) {
  const { casefile, readOnly: noEditing, commentOnly } = useStore(casefileStore)!;
  const readOnly = noEditing && !commentOnly;
  const [status, setStatus] = useState<ReviewStatus | 'all'>('all');
  const all = useMemo(() => Object.values(casefile.reviews).sort((a, b) => b.at.localeCompare(a.at)), [casefile.reviews]);
  const list = all.filter((r) => status === 'all' || r.status === status);
  const count = (s: ReviewStatus) => all.filter((r) => r.status === s).length;

  if (!all.length) {
    return (
      <div className="empty-state">
        <p><strong>No review comments yet.</strong></p>
        <p className="muted">Mark a claim or proposition approved, disputed or needing work from a difference; comments stay in the casefile under the reviewer’s name.</p>
      </div>
    );
  }
  return (
    <div className="review-comments">
      <div className="review-filters" role="group" aria-label="Filter comments">
        <label>
          <span>Status</span>
          <select value={status} onChange={(e) => setStatus(e.target.value as ReviewStatus | 'all')}>
            <option value="all">All ({all.length})</option>
            {(['approved', 'disputed', 'needs-work'] as const).map((s) => <option key={s} value={s}>{REVIEW_STATUS_LABELS[s]} ({count(s)})</option>)}
          </select>
        </label>
      </div>
      <ul className="review-comment-list">
        {list.map((r) => {
          const claim = r.target.kind === 'claim' ? casefile.claims[r.target.id] : undefined;
          const proposition = r.target.kind === 'proposition' ? casefile.propositions[r.target.id] : undefined;
          const article = claim ? casefile.articles[claim.articleId] : undefined;
          return (
            <li key={r.id} className="review-comment-item">
              <div className="review-comment-meta">
                <span className={`review-badge status-${r.status}`}>{REVIEW_STATUS_LABELS[r.status]}</span>
                <span><strong>{r.by}</strong> · {formatWhen(r.at)}</span>
                <span className="muted">on a {r.target.kind}{article ? ` in ${article.title}` : ''}</span>
              </div>
              <blockquote className="review-comment-target-text">{claim?.quote.exact ?? proposition?.statement ?? ''}</blockquote>
              {r.comment && <p className="review-comment-body">{r.comment}</p>}
              <div className="review-comment-actions">
                {claim && <button type="button" className="link-button" onClick={() => { selectClaim(claim.id, claim.articleId); showMainView('read'); }}>Show in reading view</button>}
                {r.by === reviewer && !readOnly && (
                  <button type="button" className="link-button" onClick={() => void removeMyComment(r.id)}>Remove my comment</button>
                )}
              </div>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** Never silent: the removal is confirmed, and a refusal (read-only, already gone) is shown by the dispatch itself. */
async function removeMyComment(reviewId: string): Promise<void> {
  if (!writableCasefile()) return;
  if (await dispatch({ type: 'review.remove', reviewId })) notify('info', 'Comment removed. Undo brings it back.');
}
