import { indexFollowing, type ClaimIndexOptions, type ClaimSearchIndex, type IndexedCasefile } from '../../../shared/claims/search-index';
import type { Casefile } from '../../../shared/model/schema';

const latest = new Map<string, IndexedCasefile>();

/** The index for `casefile`, updated from the last one under `name` after an edit rather than rebuilt. */
function cachedIndex(name: string, casefile: Casefile, options: ClaimIndexOptions): ClaimSearchIndex {
  const index = indexFollowing(latest.get(name) ?? null, casefile, options);
  latest.set(name, { casefile, index });
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
