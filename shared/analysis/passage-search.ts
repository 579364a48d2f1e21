/**
 * Finds sentences nobody has made a claim of yet, by their words and their
 * article's outlet and title, for "Find claims to add": every query word
 * must match (a whole word, a word's start, or with a typo or two), as in
 * the claims search. Sentences come from the sentence splitter, so what is
 * found, and the claim made from it, is a whole sentence.
 */
import { allowedTypos, prefixDistance, words } from '../claims/tokens';
import { memoizeWeak, pushTo } from '../lib/collections';
import type { Article, Casefile } from '../model/schema';
import { splitPassages, type Span } from './passages';
import { coveredShare, CLAIMED_SHARE, spansByArticle } from './suggestions';

export interface PassageHit {
  articleId: string;
  start: number;
  end: number;
  text: string;
}

interface IndexedSentence extends Span {
  articleId: string;
}

interface PassageIndex {
  sentences: IndexedSentence[];
  /** word → indexes of the sentences holding it (its article's outlet and title words included) */
  postings: Map<string, number[]>;
}

const passageIndex = memoizeWeak((articles: Casefile['articles']): PassageIndex => {
  const sentences: IndexedSentence[] = [];
  const postings = new Map<string, number[]>();
  for (const article of Object.values(articles)) {
    const about = new Set(words(`${article.outlet} ${article.title}`));
    for (const span of sentencesOf(article)) {
      const i = sentences.length;
      sentences.push({ articleId: article.id, ...span });
      for (const w of new Set([...words(article.text.slice(span.start, span.end)), ...about])) pushTo(postings, w, i);
    }
  }
  return { sentences, postings };
});

const sentencesOf = memoizeWeak((article: Article): Span[] => splitPassages(article.text, article.excluded));

/**
 * Unclaimed sentences matching every word of `query`, best matches first
 * (whole words before starts of words before typos), then in article order.
 */
export function searchPassages(casefile: Casefile, query: string, limit = 12): PassageHit[] {
  const terms = [...new Set(words(query))];
  if (!terms.length) return [];
  const index = passageIndex(casefile.articles);
  let scores: Map<number, number> | null = null;
  for (const term of terms) {
    const best = termMatches(index, term);
    const next = new Map<number, number>();
    for (const [i, s] of best) {
      const before = scores ? scores.get(i) : 0;
      if (before !== undefined) next.set(i, before + s);
    }
    scores = next;
    if (!scores.size) return [];
  }
  const claimed = spansByArticle(casefile.claims);
  const hits: PassageHit[] = [];
  for (const [i] of [...scores!].sort((a, b) => b[1] - a[1] || a[0] - b[0])) {
    const s = index.sentences[i]!;
    const article = casefile.articles[s.articleId];
    if (!article || coveredShare(s, claimed.get(s.articleId) ?? []) >= CLAIMED_SHARE) continue;
    hits.push({ articleId: s.articleId, start: s.start, end: s.end, text: article.text.slice(s.start, s.end) });
    if (hits.length === limit) break;
  }
  return hits;
}

/** Per sentence, how well one term matches it: 3 a whole word, 2 a word's start, 1 with typos. */
function termMatches(index: PassageIndex, term: string): Map<number, number> {
  const best = new Map<number, number>();
  const typos = allowedTypos(term.length);
  for (const [word, list] of index.postings) {
    let s = 0;
    if (word === term) s = 3;
    else if (word.startsWith(term)) s = 2;
    else if (typos && word.charCodeAt(0) === term.charCodeAt(0) && prefixDistance(term, word, typos) <= typos) s = 1;
    if (!s) continue;
    for (const i of list) if ((best.get(i) ?? 0) < s) best.set(i, s);
  }
  return best;
}
