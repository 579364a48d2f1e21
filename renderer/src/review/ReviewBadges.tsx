import { useMemo } from 'react';
import type { ReviewComment } from '../../../shared/model/schema';
import { REVIEW_STATUS_LABELS } from '../../../shared/review';
import { casefileStore } from '../app/casefile-store';
import { useStoreSelect } from '../lib/store';
import './review.css';

/**
 * The review statuses and comments on one claim or proposition, as a row of
 * badges ("Disputed · Sam Okafor"); the comment shows on hover and to screen
 * readers. Mountable anywhere a claim or proposition is shown (the claim
 * inspector, the claims list). Renders nothing when there is no review.
 */
export function ReviewBadges({ target, showComments = false }: { target: ReviewComment['target']; showComments?: boolean }) {
  const reviews = useStoreSelect(casefileStore, (s) => s?.casefile.reviews);
  const list = useMemo(
    () => Object.values(reviews ?? {}).filter((r) => r.target.kind === target.kind && r.target.id === target.id).sort((a, b) => b.at.localeCompare(a.at)),
    [reviews, target.kind, target.id],
  );
  if (!list.length) return null;
  return (
    <ul className="review-badges" aria-label="Review comments">
      {list.map((r) => (
        <li key={r.id} className={`review-badge status-${r.status}`} title={r.comment ? `${r.by}: ${r.comment}` : r.by}>
          <span className="review-badge-status">{REVIEW_STATUS_LABELS[r.status]}</span>
          <span className="review-badge-by"> · {r.by}</span>
          {showComments && r.comment ? <span className="review-badge-comment">{r.comment}</span> : <span className="review-sr-only">{r.comment ? `: ${r.comment}` : ''}</span>}
        </li>
      ))}
    </ul>
  );
}
