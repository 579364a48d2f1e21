import type { Claim, SourcingType } from '../model/schema';

export interface ProfileSegment {
  /** A sourcing type id, or null for claims not tagged yet. */
  typeId: string | null;
  label: string;
  color: string;
  count: number;
  share: number;
}

export const UNTAGGED_COLOR = '#d0d0d0';

/** Share of claims by root sourcing type, in taxonomy order, untagged last; empty segments left out. */
export function sourcingProfile(claims: readonly Claim[], taxonomy: readonly SourcingType[]): ProfileSegment[] {
  const counts = new Map<string | null, number>();
  for (const c of claims) {
    const root = c.chain.length ? c.chain[c.chain.length - 1]!.typeId : null;
    counts.set(root, (counts.get(root) ?? 0) + 1);
  }
  const total = claims.length || 1;
  const segments: ProfileSegment[] = [];
  for (const t of taxonomy) {
    const count = counts.get(t.id) ?? 0;
    if (count) segments.push({ typeId: t.id, label: t.label, color: t.color, count, share: count / total });
  }
  const untagged = counts.get(null) ?? 0;
  if (untagged) segments.push({ typeId: null, label: 'Not tagged yet', color: UNTAGGED_COLOR, count: untagged, share: untagged / total });
  return segments;
}
