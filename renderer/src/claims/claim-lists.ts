import { readingOrder } from '../../../shared/claims/by-article';
import type { Casefile, Claim } from '../../../shared/model/schema';
import { groupBy, memoizeWeak } from '../../../shared/lib/collections';

interface ByArticle {
  /** Each article's claims, in the order of the casefile. */
  grouped: Map<string, Claim[]>;
  /** The articles whose list has been put in reading order. */
  sorted: Set<string>;
}

/** All claims grouped by article, once per state of the casefile's claims. */
const byArticle = memoizeWeak((claims: Casefile['claims']): ByArticle => ({
  grouped: groupBy(Object.values(claims), (c) => c.articleId),
  sorted: new Set(),
}));

/**
 * The claims of an article in reading order. All claims are grouped by
 * article in one pass per state of the casefile's claims, so the articles
 * pane asking for twenty articles costs one pass, not twenty.
 */
export function claimsOf(casefile: Casefile, articleId: string | null | undefined): Claim[] {
  if (!articleId) return EMPTY;
  const index = byArticle(casefile.claims);
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
  return byArticle(casefile.claims).grouped.get(articleId)?.length ?? 0;
}

const EMPTY: Claim[] = [];
