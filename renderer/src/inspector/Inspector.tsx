import { chainSummary } from '../../../shared/claims/chain';
import { casefileStore, dispatch } from '../app/casefile-store';
import { showSidePanel, uiStore } from '../app/ui-store';
import { deleteSelectedClaim } from '../claims/actions';
import { Swatch } from '../claims/SourcingProfile';
import { withKey } from '../keyboard/shortcuts';
import { useStore } from '../lib/store';
import { ChainEditor } from './ChainEditor';
import { CommitField } from './CommitField';
import './inspector.css';

/** The selected claim: its words, its attribution chain (editable), its notes. */
export function Inspector() {
  const { casefile, readOnly } = useStore(casefileStore)!;
  const { claimId } = useStore(uiStore);
  const claim = claimId ? casefile.claims[claimId] : undefined;
  if (!claim) {
    return (
      <div className="inspector" aria-label="Inspector">
        <div className="pane-header"><h2>Claim</h2></div>
        <div className="empty-state">
          <p><strong>No claim selected.</strong></p>
          <p className="muted">Select words in the article and press <kbd>C</kbd> to mark a claim; click a highlight or press <kbd>J</kbd>/<kbd>K</kbd> to select one.</p>
          <p className="muted">Press <kbd>?</kbd> for every shortcut.</p>
        </div>
      </div>
    );
  }
  const root = claim.chain[claim.chain.length - 1];
  const rootType = root ? casefile.taxonomy.find((t) => t.id === root.typeId) : undefined;
  const article = casefile.articles[claim.articleId];
  return (
    <div className="inspector" aria-label="Inspector" data-testid="inspector">
      <div className="pane-header inspector-header">
        <h2>Claim</h2>
        <span className="inspector-type" data-testid="claim-type">
          {rootType ? <><Swatch color={rootType.color} /> {rootType.label}</> : <span className="muted">Not tagged</span>}
        </span>
      </div>
      <blockquote className="claim-quote" data-testid="claim-quote"><bdi>{claim.quote.exact}</bdi></blockquote>
      <p className="claim-meta muted">
        <bdi>{article?.title ?? 'Unknown article'}</bdi> · <span data-testid="claim-made-by">added by <bdi>{claim.createdBy || 'unknown'}</bdi> {formatTime(claim.createdAt)}</span>
        {claim.modifiedBy && claim.modifiedAt && <> · <span data-testid="claim-changed-by">last changed by <bdi>{claim.modifiedBy}</bdi> {formatTime(claim.modifiedAt)}</span></>}
        {claim.origin && <> · <span className="claim-origin" data-testid="claim-origin" title="Accepted from the attribution assistant's proposals">began as a proposal ({claim.origin.detector})</span></>}
      </p>
      {claim.anchor !== 'exact' && (
        <p className={`claim-anchor claim-anchor-${claim.anchor}`}>
          {claim.anchor === 'moved' ? 'A text edit moved this claim: check its place.' : 'Orphaned: its words are no longer in the article.'}{' '}
          <button type="button" className="link-button" onClick={() => showSidePanel('anchors')}>Review in Anchors</button>
        </p>
      )}
      <p className="chain-summary" data-testid="chain-summary"><bdi>{chainSummary(casefile, claim)}</bdi></p>
      <ChainEditor casefile={casefile} claim={claim} readOnly={readOnly} />
      <section className="inspector-section">
        <label className="field"><span className="section-title">Notes</span>
          <CommitField multiline rows={3} value={claim.notes} disabled={readOnly} maxLength={200_000} placeholder="Your notes on this claim (saved when you leave the field)"
            onCommit={(notes) => void dispatch({ type: 'claim.setNotes', claimId: claim.id, notes })} />
        </label>
      </section>
      {!readOnly && (
        <div className="inspector-actions">
          <button type="button" className="danger" onClick={() => deleteSelectedClaim()} title={withKey('Delete this claim', 'deleteClaim')}>Delete claim</button>
        </div>
      )}
    </div>
  );
}

// Made once: toLocaleDateString() and toLocaleTimeString() build a formatter on each call (a millisecond or more, on every claim drawn).
const dateFormat = new Intl.DateTimeFormat();
const timeFormat = new Intl.DateTimeFormat([], { hour: '2-digit', minute: '2-digit' });

function formatTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : `on ${dateFormat.format(d)} ${timeFormat.format(d)}`;
}
