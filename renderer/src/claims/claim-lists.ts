import { claimGroupsFollowing, type ClaimGroups, type GroupedCasefile } from '../../../shared/claims/by-article';
import type { Casefile, Claim } from '../../../shared/model/schema';

/** The groups made for each state of a casefile's claims, while that state lives. */
const made = new WeakMap<Casefile['claims'], ClaimGroups>();
/** The last casefile asked about: the next revision's groups are updated from its groups. */
let latest: GroupedCasefile | null = null;

/**
 * All claims grouped by article, each group in reading order. Made once per
 * state of the casefile's claims; after a change, only the articles whose
 * claims changed are regrouped (a pass over all 40,000 claims of a large
 * casefile took 30–40 ms of every change), and every other article keeps its
 * list, the same array.
 */
export function claimGroupsOf(casefile: Casefile): ClaimGroups {
  let groups = made.get(casefile.claims);
  if (!groups) {
    groups = claimGroupsFollowing(latest, casefile);
    made.set(casefile.claims, groups);
  }
  if (latest?.casefile !== casefile) latest = { casefile, groups };
  return groups;
}

/** The claims of an article in reading order (a list shared by every caller: do not change it). */
export function claimsOf(casefile: Casefile, articleId: string | null | undefined): Claim[] {
  if (!articleId) return EMPTY;
  return (claimGroupsOf(casefile).get(articleId) as Claim[] | undefined) ?? EMPTY;
}

/** How many claims an article has. */
export function claimCountOf(casefile: Casefile, articleId: string): number {
  return claimGroupsOf(casefile).get(articleId)?.length ?? 0;
}

const EMPTY: Claim[] = [];
