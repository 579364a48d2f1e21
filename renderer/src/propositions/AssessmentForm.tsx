import { useState } from 'react';
import type { PropositionIndependence } from '../../../shared/analysis/independence';
import type { Assessment, Casefile, Proposition } from '../../../shared/model/schema';
import { Reliability } from '../../../shared/model/schema';
import { dispatch } from '../app/casefile-store';
import { CommitField } from '../inspector/CommitField';
import { assess } from './actions';
import { webAddress } from '../../../shared/report/jsonld';

const RELIABILITY_LABELS: Record<string, string> = {
  A: 'A — completely reliable', B: 'B — usually reliable', C: 'C — fairly reliable', D: 'D — not usually reliable', E: 'E — unreliable', F: 'F — cannot be judged',
};
const CREDIBILITY_LABELS = ['1 — confirmed', '2 — probably true', '3 — possibly true', '4 — doubtful', '5 — improbable', '6 — cannot be judged'];

/** The analyst's rating, with the computed suggestion beside it, an optional Admiralty grade, and notes. */
export function AssessmentForm({ casefile, proposition, r, readOnly }: { casefile: Casefile; proposition: Proposition; r: PropositionIndependence; readOnly: boolean }) {
  const a = proposition.assessment;
  const set = (patch: Partial<Assessment>) => void assess(proposition.id, patch);
  const [editingScale, setEditingScale] = useState(false);
  const scale = casefile.assessmentScale;
  const ratingKnown = a.rating === null || scale.includes(a.rating);
  return (
    <section className="panel-section assessment" data-testid="assessment">
      <h3 className="section-title">Assessment</h3>
      <div className="inline-row">
        <label className="field grow">
          <span>Your rating</span>
          <select value={a.rating ?? ''} disabled={readOnly} onChange={(e) => set({ rating: e.target.value || null })} aria-label="Your rating">
            <option value="">Not rated</option>
            {scale.map((label) => <option key={label} value={label}>{label}</option>)}
            {!ratingKnown && <option value={a.rating!}>{a.rating} (no longer on the scale)</option>}
          </select>
        </label>
        <div className="suggested" data-testid="suggested-rating">
          <span className="muted small">Suggested</span>
          <strong>{r.suggestedRating}</strong>
          {!readOnly && a.rating !== r.suggestedRating && scale.includes(r.suggestedRating) && (
            <button type="button" className="link-button" onClick={() => set({ rating: r.suggestedRating })}>use</button>
          )}
        </div>
      </div>
      <p className="muted small suggestion-reason" data-testid="suggestion-reason">{r.suggestionReason}</p>
      <div className="inline-row">
        <label className="field grow">
          <span>Source reliability (Admiralty)</span>
          <select value={a.reliability ?? ''} disabled={readOnly} onChange={(e) => set({ reliability: (e.target.value || null) as Assessment['reliability'] })}>
            <option value="">—</option>
            {Reliability.options.map((x) => <option key={x} value={x}>{RELIABILITY_LABELS[x]}</option>)}
          </select>
        </label>
        <label className="field grow">
          <span>Information credibility</span>
          <select value={a.credibility ?? ''} disabled={readOnly} onChange={(e) => set({ credibility: e.target.value ? Number(e.target.value) : null })}>
            <option value="">—</option>
            {CREDIBILITY_LABELS.map((label, i) => <option key={label} value={i + 1}>{label}</option>)}
          </select>
        </label>
      </div>
      <label className="field">
        <span>Notes</span>
        <CommitField multiline rows={3} value={a.notes} disabled={readOnly} maxLength={200_000} placeholder="Why this rating (saved when you leave the field)"
          onCommit={(notes) => set({ notes })} />
      </label>
      <label className="field">
        <span>Published review (its web address, for ClaimReview)</span>
        <CommitField value={a.reviewUrl ?? ''} disabled={readOnly} maxLength={2_000} placeholder="https://"
          onCommit={(reviewUrl) => {
            if (reviewUrl.trim() && !webAddress(reviewUrl)) return false;
            set({ reviewUrl: reviewUrl.trim() || undefined });
          }} />
      </label>
      {!readOnly && (
        editingScale ? (
          <label className="field scale-editor">
            <span>Rating scale, one per line</span>
            <CommitField multiline rows={5} value={scale.join('\n')} autoFocus
              onCommit={(text) => {
                const labels = [...new Set(text.split('\n').map((l) => l.trim()).filter(Boolean))];
                void dispatch({ type: 'assessmentScale.set', labels });
                setEditingScale(false);
              }} />
          </label>
        ) : (
          <button type="button" className="link-button" onClick={() => setEditingScale(true)}>Edit the rating scale…</button>
        )
      )}
    </section>
  );
}
