import { ClaimSearchIndex, type ClaimIndexOptions } from '../../../shared/claims/search-index';
import type { Casefile } from '../../../shared/model/schema';

interface Cached {
  key: unknown[];
  index: ClaimSearchIndex;
}

const cache = new Map<string, Cached>();

/** An index rebuilt only when claims, sources, articles, propositions, reviews or types change. */
function cachedIndex(name: string, casefile: Casefile, options: ClaimIndexOptions): ClaimSearchIndex {
  const key = [casefile.claims, casefile.sources, casefile.articles, casefile.propositions, casefile.reviews, casefile.taxonomy];
  const last = cache.get(name);
  if (last && last.key.every((k, i) => k === key[i])) return last.index;
  const index = new ClaimSearchIndex(casefile, options);
  cache.set(name, { key, index });
  return index;
}

/** The claims panel's search index. */
export function claimIndexFor(casefile: Casefile): ClaimSearchIndex {
  return cachedIndex('claims panel', casefile, {});
}

/** "Find claims to add" to a proposition: the same search, also by outlet and article title. */
export function claimFinderFor(casefile: Casefile): ClaimSearchIndex {
  return cachedIndex('find claims to add', casefile, { articleWords: true });
}
