import { readingOrder } from '../../../shared/claims/by-article';
import type { Casefile, Claim } from '../../../shared/model/schema';

const cache = new WeakMap<Casefile['claims'], Map<string, Claim[]>>();

/**
 * The claims of an article in reading order, found once per state of the
 * casefile's claims (one pass over them, not a regrouping of all articles).
 */
export function claimsOf(casefile: Casefile, articleId: string | null | undefined): Claim[] {
  if (!articleId) return EMPTY;
  let perArticle = cache.get(casefile.claims);
  if (!perArticle) {
    perArticle = new Map();
    cache.set(casefile.claims, perArticle);
  }
  let list = perArticle.get(articleId);
  if (!list) {
    list = [];
    for (const id in casefile.claims) {
      const c = casefile.claims[id]!;
      if (c.articleId === articleId) list.push(c);
    }
    list.sort(readingOrder);
    perArticle.set(articleId, list);
  }
  return list;
}

const EMPTY: Claim[] = [];
