/**
 * Copy detection against the open casefile. Fingerprints are kept between
 * imports (keyed by text hash and chrome ranges), and so is the last index of
 * each casefile, so importing a few files into a casefile of thousands
 * neither re-reads nor re-indexes all the others.
 */
import { textWithoutExcluded } from '../../../shared/articles/analysis-text';
import { CopyIndex, type CopyMatch } from '../../../shared/copies/index';
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

/** Empties the fingerprint and index caches (benchmarks measure the first import after opening a casefile). */
export function forgetFingerprints(): void {
  cache.clear();
  indexes.clear();
}

/** An index of a casefile's articles, and the fingerprint key each was indexed under. */
export interface CasefileIndex {
  casefileId: string;
  index: CopyIndex;
  keys: Map<string, string>;
}

const INDEXES_KEPT = 4;
const indexes = new Map<string, CasefileIndex>();

/** Articles an index may hold that its casefile does not (planned but never applied, or deleted since) before it is rebuilt. */
const MAX_STRAY = 200;

/**
 * An index of the casefile's articles, ready to match new ones against. The
 * caller owns it until it hands it back (returnCopyIndex), so two imports
 * running at once never share one. The last index of this casefile is reused
 * unless one of its articles changed since; it may also hold a few articles
 * the casefile no longer has (or never had): callers ignore their matches.
 */
export function takeCopyIndex(casefile: Casefile): CasefileIndex {
  const articles = Object.values(casefile.articles);
  let kept = indexes.get(casefile.meta.id);
  indexes.delete(casefile.meta.id);
  if (kept && !stillFits(kept, articles)) kept = undefined;
  const taken = kept ?? { casefileId: casefile.meta.id, index: new CopyIndex(), keys: new Map() };
  for (const article of articles) if (!taken.keys.has(article.id)) indexArticle(taken, article, articleFingerprint(article));
  return taken;
}

function stillFits(kept: CasefileIndex, articles: Article[]): boolean {
  let held = 0;
  for (const article of articles) {
    const key = kept.keys.get(article.id);
    if (key === undefined) continue;
    if (key !== cacheKey(article)) return false;
    held++;
  }
  return kept.keys.size - held <= MAX_STRAY;
}

/** Adds one article to a taken index. */
function indexArticle(taken: CasefileIndex, article: Pick<Article, 'id' | 'textHash' | 'excluded'>, fp: Fingerprint): void {
  taken.index.add(article.id, fp);
  taken.keys.set(article.id, cacheKey(article));
}

/** The indexed articles a new one copies or overlaps; then adds it to the taken index. */
export function matchThenIndex(taken: CasefileIndex, article: Pick<Article, 'id' | 'textHash' | 'excluded'>, fp: Fingerprint): CopyMatch[] {
  taken.keys.set(article.id, cacheKey(article));
  return taken.index.matchThenAdd(article.id, fp);
}

/** Keeps a taken index for the casefile's next import (articles planned but never applied make it be rebuilt then). */
export function returnCopyIndex(taken: CasefileIndex): void {
  indexes.delete(taken.casefileId);
  if (indexes.size >= INDEXES_KEPT) indexes.delete(indexes.keys().next().value!);
  indexes.set(taken.casefileId, taken);
}
