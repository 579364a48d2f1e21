import { useMemo } from 'react';
import { sourcingProfile } from '../../../shared/claims/profile';
import type { Claim, SourcingType } from '../../../shared/model/schema';
import './claims.css';

const percent = (share: number) => `${Math.round(share * 100)}%`;

/**
 * The share of an article's claims by root sourcing type, as one stacked bar
 * (SVG: colours are attributes, so the CSP's ban on inline styles holds).
 */
export function SourcingProfile({ claims, taxonomy, compact = false, showKey = !compact }: {
  claims: readonly Claim[]; taxonomy: readonly SourcingType[]; compact?: boolean; showKey?: boolean;
}) {
  const segments = useMemo(() => sourcingProfile(claims, taxonomy), [claims, taxonomy]);
  if (!claims.length) return compact ? null : <p className="sourcing-profile-empty muted">No claims yet.</p>;
  const summary = segments.map((s) => `${s.label} ${percent(s.share)} (${s.count})`).join(', ');
  const offsets = segments.map((_, i) => segments.slice(0, i).reduce((sum, s) => sum + s.share * 100, 0));
  return (
    <div className={`sourcing-profile${compact ? ' compact' : ''}`} data-testid="sourcing-profile">
      <svg className="sourcing-profile-bar" viewBox="0 0 100 10" preserveAspectRatio="none" role="img"
        aria-label={`Sourcing of ${claims.length} claims: ${summary}`}>
        {segments.map((s, i) => (
          <rect key={s.typeId ?? 'untagged'} x={offsets[i]} y={0} width={s.share * 100} height={10} fill={s.color}><title>{`${s.label}: ${percent(s.share)} (${s.count})`}</title></rect>
        ))}
      </svg>
      {showKey && (
        <ul className="sourcing-profile-key" aria-hidden="true">
          {segments.map((s) => (
            <li key={s.typeId ?? 'untagged'}><Swatch color={s.color} /> {s.label} <span className="muted">{percent(s.share)}</span></li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function Swatch({ color, size = 12 }: { color: string; size?: number }) {
  return (
    <svg className="swatch" width={size} height={size} viewBox="0 0 12 12" aria-hidden="true">
      <rect x="0.5" y="0.5" width="11" height="11" rx="2.5" fill={color} stroke="rgb(0 0 0 / 0.25)" />
    </svg>
  );
}

