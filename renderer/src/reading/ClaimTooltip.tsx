import { chainSteps } from '../../../shared/claims/chain';
import { casefileStore } from '../app/casefile-store';
import { Swatch } from '../claims/SourcingProfile';
import { useStore } from '../lib/store';
import { shorten } from '../../../shared/text/wording';

export interface Hover {
  claimId: string;
  x: number;
  y: number;
}

/** A claim's attribution chain, shown while the pointer rests on its highlight. */
export function ClaimTooltip({ hover }: { hover: Hover }) {
  const { casefile } = useStore(casefileStore)!;
  const claim = casefile.claims[hover.claimId];
  if (!claim) return null;
  const steps = chainSteps(casefile, claim);
  const root = steps.length > 1 ? steps[steps.length - 1]! : null;
  const below = hover.y < window.innerHeight - 160;
  return (
    <div className="claim-tooltip" role="tooltip" data-testid="claim-tooltip"
      style={{ left: Math.min(hover.x + 12, window.innerWidth - 340), top: below ? hover.y + 18 : undefined, bottom: below ? undefined : window.innerHeight - hover.y + 12 }}>
      <div className="claim-tooltip-type">
        {root ? <><Swatch color={root.color ?? '#999999'} /> {root.typeLabel}</> : <span className="muted">Sourcing not tagged yet</span>}
      </div>
      <ol className="chain-line">
        {steps.map((s, i) => (
          <li key={i}>{s.color && <Swatch color={s.color} size={9} />}<bdi>{shorten(s.label, 90)}</bdi></li>
        ))}
      </ol>
      {claim.anchor === 'moved' && <p className="claim-tooltip-warn">Moved by a text edit: check its place.</p>}
      {claim.chain.length > 0 && <p className="claim-tooltip-hint muted">Click to select · Enter to edit the chain</p>}
    </div>
  );
}
