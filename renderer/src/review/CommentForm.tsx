import { useState, type FormEvent, type ReactNode, type RefObject } from 'react';
import type { ReviewComment, ReviewStatus } from '../../../shared/model/schema';
import { REVIEW_STATUS_LABELS } from '../../../shared/review';
import { casefileStore } from '../app/casefile-store';
import { useStore } from '../lib/store';
import { ReviewBadges } from './ReviewBadges';
import { setReviewComment } from './review-store';

export interface CommentTarget {
  target: ReviewComment['target'];
  /** "the claim" or "the proposition ‘…’", for the form's labels. */
  label: string;
}

const STATUSES: ReviewStatus[] = ['approved', 'disputed', 'needs-work'];

/** A reviewer's status and comment on a claim or proposition of my casefile, saved under the reviewer's name. */
export function CommentForm({ targets, reviewer, textRef }: { targets: CommentTarget[]; reviewer: string; textRef: RefObject<HTMLTextAreaElement | null> }) {
  const [which, setWhich] = useState(0);
  const current = targets[Math.min(which, targets.length - 1)];
  if (!current) {
    return <p className="muted review-comment-none">Accept the claim into your casefile to comment on it.</p>;
  }
  const chooser = targets.length > 1 && (
    <label className="review-comment-target">
      <span className="review-sr-only">Comment on</span>
      <select value={which} onChange={(e) => setWhich(Number(e.target.value))}>
        {targets.map((t, i) => <option key={`${t.target.kind}:${t.target.id}`} value={i}>{t.label}</option>)}
      </select>
    </label>
  );
  // A fresh form for each item: its fields start from my saved review of that item.
  return <CommentFields key={`${current.target.kind}:${current.target.id}`} target={current.target} reviewer={reviewer} textRef={textRef} chooser={chooser} />;
}

function CommentFields({ target, reviewer, textRef, chooser }: {
  target: ReviewComment['target'];
  reviewer: string;
  textRef: RefObject<HTMLTextAreaElement | null>;
  chooser: ReactNode;
}) {
  const { casefile, readOnly: noEditing, commentOnly } = useStore(casefileStore)!;
  const readOnly = noEditing && !commentOnly;
  const saved = Object.values(casefile.reviews).find((r) => r.target.kind === target.kind && r.target.id === target.id && r.by === reviewer);
  const [status, setStatus] = useState<ReviewStatus>(saved?.status ?? 'approved');
  const [comment, setComment] = useState(saved?.comment ?? '');
  const save = async (e: FormEvent) => {
    e.preventDefault();
    await setReviewComment(target, status, comment.trim(), reviewer);
  };
  return (
    <form className="review-comment" onSubmit={save} aria-label="Review comment">
      <div className="review-comment-head">
        <h4>Your review</h4>
        {chooser}
        <ReviewBadges target={target} />
      </div>
      <fieldset className="review-status" disabled={readOnly}>
        <legend className="review-sr-only">Status</legend>
        {STATUSES.map((s) => (
          <label key={s} className={`review-status-option status-${s}${status === s ? ' checked' : ''}`}>
            <input type="radio" name="review-status" value={s} checked={status === s} onChange={() => setStatus(s)} />
            {REVIEW_STATUS_LABELS[s]}
          </label>
        ))}
      </fieldset>
      <label className="field">
        <span>Comment on this {target.kind} (C)</span>
        <textarea ref={textRef} rows={2} value={comment} maxLength={200_000} onChange={(e) => setComment(e.target.value)} disabled={readOnly}
          placeholder="What is right or wrong here, for the author" />
      </label>
      <div className="review-comment-actions">
        <button type="submit" disabled={readOnly}>{saved ? 'Update comment' : 'Save comment'}</button>
        {saved && <span className="muted">Saved {new Date(saved.at).toLocaleString()} as {saved.by}</span>}
      </div>
    </form>
  );
}
