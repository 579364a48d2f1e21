import { readingOrder } from '../../../shared/claims/by-article';
import type { Casefile, Claim } from '../../../shared/model/schema';

interface ByArticle {
  /** Each article's claims, in the order of the casefile. */
  grouped: Map<string, Claim[]>;
  /** The articles whose list has been put in reading order. */
  sorted: Set<string>;
}

const cache = new WeakMap<Casefile['claims'], ByArticle>();

/**
 * The claims of an article in reading order. All claims are grouped by
 * article in one pass per state of the casefile's claims, so the articles
 * pane asking for twenty articles costs one pass, not twenty.
 */
export function claimsOf(casefile: Casefile, articleId: string | null | undefined): Claim[] {
  if (!articleId) return EMPTY;
  const index = byArticle(casefile);
  const list = index.grouped.get(articleId);
  if (!list) return EMPTY;
  if (!index.sorted.has(articleId)) {
    list.sort(readingOrder);
    index.sorted.add(articleId);
  }
  return list;
}

/** How many claims an article has (without putting them in order). */
export function claimCountOf(casefile: Casefile, articleId: string): number {
  return byArticle(casefile).grouped.get(articleId)?.length ?? 0;
}

function byArticle(casefile: Casefile): ByArticle {
  let index = cache.get(casefile.claims);
  if (!index) {
    index = { grouped: new Map(), sorted: new Set() };
    for (const id in casefile.claims) {
      const c = casefile.claims[id]!;
      const list = index.grouped.get(c.articleId);
      if (list) list.push(c);
      else index.grouped.set(c.articleId, [c]);
    }
    cache.set(casefile.claims, index);
  }
  return index;
}

const EMPTY: Claim[] = [];
