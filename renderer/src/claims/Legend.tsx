import { visibleTypes } from '../../../shared/claims/chain';
import { UNTAGGED_COLOR } from '../../../shared/claims/profile';
import type { Claim, SourcingType } from '../../../shared/model/schema';
import { Swatch } from './SourcingProfile';
import './claims.css';

/** The highlight colours: each visible sourcing type with its number key and how many claims of the article have it. */
export function Legend({ taxonomy, claims }: { taxonomy: readonly SourcingType[]; claims: readonly Claim[] }) {
  const counts = new Map<string | null, number>();
  for (const c of claims) {
    const root = c.chain.length ? c.chain[c.chain.length - 1]!.typeId : null;
    counts.set(root, (counts.get(root) ?? 0) + 1);
  }
  return (
    <ul className="legend" aria-label="Highlight colours by sourcing type">
      {visibleTypes(taxonomy).map((t, i) => (
        <li key={t.id} title={`${t.description} Press ${i + 1} to give the selected claim this type.`}>
          <kbd>{i + 1}</kbd><Swatch color={t.color} /><span className="legend-label">{t.label}</span>
          {counts.get(t.id) ? <span className="legend-count">{counts.get(t.id)}</span> : null}
        </li>
      ))}
      <li title="Claims without a sourcing type yet">
        <kbd className="legend-nokey">–</kbd><Swatch color={UNTAGGED_COLOR} /><span className="legend-label">Not tagged</span>
        {counts.get(null) ? <span className="legend-count">{counts.get(null)}</span> : null}
      </li>
    </ul>
  );
}
