import { ClaimSearchIndex } from '../../../shared/claims/search-index';
import type { Casefile } from '../../../shared/model/schema';

let last: { key: unknown[]; index: ClaimSearchIndex } | null = null;

/** The claims panel's search index, rebuilt only when claims, sources, articles, propositions, reviews or types change. */
export function claimIndexFor(casefile: Casefile): ClaimSearchIndex {
  const key = [casefile.claims, casefile.sources, casefile.articles, casefile.propositions, casefile.reviews, casefile.taxonomy];
  if (last && last.key.every((k, i) => k === key[i])) return last.index;
  const index = new ClaimSearchIndex(casefile);
  last = { key, index };
  return index;
}
