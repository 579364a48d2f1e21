/**
 * Copy detection against the open casefile. Fingerprints are kept between
 * imports (keyed by text hash and chrome ranges), so importing a few files
 * into a casefile of thousands does not re-read all the others.
 */
import { textWithoutExcluded } from '../../../shared/articles/analysis-text';
import { CopyIndex } from '../../../shared/copies/index';
import { fingerprint, type Fingerprint } from '../../../shared/copies/fingerprint';
import type { Article, Casefile } from '../../../shared/model/schema';

const CACHE_LIMIT = 20_000;
const cache = new Map<string, Fingerprint>();

function cacheKey(article: Pick<Article, 'textHash' | 'excluded'>): string {
  return `${article.textHash}|${article.excluded.map((r) => `${r.start}-${r.end}`).join(',')}`;
}

export function articleFingerprint(article: Pick<Article, 'text' | 'textHash' | 'excluded'>): Fingerprint {
  const key = cacheKey(article);
  let fp = cache.get(key);
  if (fp) {
    cache.delete(key);
  } else {
    fp = fingerprint(textWithoutExcluded(article.text, article.excluded));
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  }
  cache.set(key, fp);
  return fp;
}

/** Keeps a fingerprint computed elsewhere (the read worker) for the article with this text. */
export function rememberFingerprint(article: Pick<Article, 'textHash' | 'excluded'>, fp: Fingerprint): void {
  const key = cacheKey(article);
  cache.delete(key);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(key, fp);
}

/** Empties the fingerprint cache (benchmarks measure the first import after opening a casefile). */
export function forgetFingerprints(): void {
  cache.clear();
}

/** An index of the casefile's articles, ready to match new ones against. */
export function casefileCopyIndex(casefile: Casefile): CopyIndex {
  const index = new CopyIndex();
  for (const article of Object.values(casefile.articles)) index.add(article.id, articleFingerprint(article));
  return index;
}
