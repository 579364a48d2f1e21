import type { Casefile, Claim } from '../model/schema';
import { changedIds, changesBetween } from '../commands/changes';
import { groupBy } from '../lib/collections';
import { recordOf } from '../model/ids';

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

/** Claims grouped by article, each group in reading order (the groups are never changed once made: a change makes new ones). */
export type ClaimGroups = ReadonlyMap<string, readonly Claim[]>;

export interface GroupedCasefile {
  casefile: Casefile;
  groups: ClaimGroups;
}

/**
 * The claims of `casefile` grouped by article, updated from the groups of an
 * earlier revision (`last`) when the casefile descends from it by recorded
 * changes: only the articles whose claims changed get new lists, the others
 * keep theirs (the same arrays, so whatever is kept per list stays valid). A
 * whole new claims collection, another casefile, or a change to more than
 * a tenth of the claims builds the groups in full. Either way the result
 * equals `groupClaimsByArticle(casefile.claims)` (property-tested).
 */
export function claimGroupsFollowing(last: GroupedCasefile | null, casefile: Casefile): ClaimGroups {
  if (last && last.casefile.claims === casefile.claims) return last.groups;
  const changes = last ? changesBetween(last.casefile, casefile) : null;
  if (!last || !changes || changes.fields.has('claims')) return groupClaimsByArticle(casefile.claims);
  const ids = changedIds(changes, 'claims');
  if (ids.size > Math.max(64, last.groups.size / 10)) return groupClaimsByArticle(casefile.claims);
  const before = last.casefile.claims;
  const renewed = new Map<string, Claim[]>();
  const listOf = (articleId: string): Claim[] => {
    let list = renewed.get(articleId);
    if (!list) renewed.set(articleId, (list = [...(last.groups.get(articleId) ?? [])]));
    return list;
  };
  for (const id of ids) {
    const old = recordOf(before, id);
    const now = recordOf(casefile.claims, id);
    if (old === now) continue;
    if (old) {
      const list = listOf(old.articleId);
      const at = list.findIndex((c) => c.id === id);
      if (at >= 0) list.splice(at, 1);
    }
    if (now) listOf(now.articleId).push(now);
  }
  if (renewed.size === 0) return last.groups;
  const groups = new Map(last.groups);
  for (const [articleId, list] of renewed) {
    if (list.length === 0) groups.delete(articleId);
    else groups.set(articleId, list.sort(readingOrder));
  }
  return groups;
}
