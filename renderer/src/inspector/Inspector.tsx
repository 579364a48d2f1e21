import { useStore } from '../lib/store';
import { casefileStore } from '../app/casefile-store';
import { uiStore } from '../app/ui-store';

export function Inspector() {
  const { casefile } = useStore(casefileStore)!;
  const { claimId } = useStore(uiStore);
  const claim = claimId ? casefile.claims[claimId] : undefined;
  return (
    <div className="inspector" aria-label="Inspector">
      <div className="pane-header"><h2>Claim</h2></div>
      {claim ? (
        <blockquote className="claim-quote">{claim.quote.exact}</blockquote>
      ) : (
        <div className="empty-state">
          <p><strong>No claim selected.</strong></p>
          <p className="muted">Claims you mark appear here with their attribution chain.</p>
        </div>
      )}
    </div>
  );
}
