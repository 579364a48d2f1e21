import type { Claim } from '../model/schema';
import { groupBy } from '../lib/collections';

/** Claims grouped by article, each group in reading order (start, then shorter first). */
export function groupClaimsByArticle(claims: Record<string, Claim>): Map<string, Claim[]> {
  const groups = groupBy(Object.values(claims), (c) => c.articleId);
  for (const list of groups.values()) list.sort(readingOrder);
  return groups;
}

export function readingOrder(a: Claim, b: Claim): number {
  return a.position.start - b.position.start || a.position.end - b.position.end || a.id.localeCompare(b.id);
}

/**
 * The claim at text offset `at`: of the placed claims covering it, the
 * innermost (shortest) one, so a nested claim can be picked inside its parent.
 */
export function claimAt(claims: readonly Claim[], at: number): Claim | undefined {
  let best: Claim | undefined;
  for (const c of claims) {
    if (c.anchor === 'orphaned' || c.position.start > at) continue;
    if (at < c.position.end && (!best || c.position.end - c.position.start < best.position.end - best.position.start)) best = c;
  }
  return best;
}
