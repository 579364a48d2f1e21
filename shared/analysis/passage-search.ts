/**
 * Finds sentences nobody has made a claim of yet, by their words and their
 * article's outlet and title, for "Find claims to add": every query word
 * must match (a whole word, a word's start, or with a typo or two), as in
 * the claims search. Sentences come from the sentence splitter, so what is
 * found, and the claim made from it, is a whole sentence.
 *
 * Each article's sentences and their word ids are cached per article object,
 * so after an import or an edit only the changed articles are read again;
 * the inverted index (word → sentences) is then laid out in flat arrays.
 */
import { allowedTypos, prefixDistance, words } from '../claims/tokens';
import { memoizeWeak } from '../lib/collections';
import type { Article, Casefile } from '../model/schema';
import { splitPassages, type Span } from './passages';
import { coveredShare, CLAIMED_SHARE, spansByArticle } from './suggestions';

export interface PassageHit {
  articleId: string;
  start: number;
  end: number;
  text: string;
}

/** Word ids shared by every index of the session, so cached per-article lists stay valid. */
const vocabulary: string[] = [];
const wordIds = new Map<string, number>();

function idsOf(text: string): number[] {
  const out = new Set<number>();
  for (const w of words(text)) {
    let id = wordIds.get(w);
    if (id === undefined) {
      id = vocabulary.length;
      vocabulary.push(w);
      wordIds.set(w, id);
    }
    out.add(id);
  }
  return [...out];
}

interface ArticleSentences {
  spans: Span[];
  /** Word ids of each sentence, its article's outlet and title included. */
  words: number[][];
}

const sentencesOf = memoizeWeak((article: Article): ArticleSentences => {
  const about = idsOf(`${article.outlet} ${article.title}`);
  const spans = splitPassages(article.text, article.excluded);
  return { spans, words: spans.map((s) => [...new Set([...idsOf(article.text.slice(s.start, s.end)), ...about])]) };
});

interface PassageIndex {
  articleIds: string[];
  starts: Uint32Array;
  ends: Uint32Array;
  /** The sentences of word w are sentences[offsets[w] .. offsets[w + 1]). */
  offsets: Uint32Array;
  sentences: Uint32Array;
  /** Word ids in use, by their first character: every kind of match shares the term's first character. */
  byFirstChar: Map<number, number[]>;
}

const passageIndex = memoizeWeak((articles: Casefile['articles']): PassageIndex => {
  const perArticle = Object.values(articles).map((a) => ({ id: a.id, ...sentencesOf(a) }));
  const n = perArticle.reduce((sum, a) => sum + a.spans.length, 0);
  const vocabSize = vocabulary.length;
  const articleIds: string[] = [];
  const starts = new Uint32Array(n);
  const ends = new Uint32Array(n);
  const counts = new Uint32Array(vocabSize + 1);
  let i = 0;
  for (const a of perArticle) {
    a.spans.forEach((s, k) => {
      articleIds.push(a.id);
      starts[i] = s.start;
      ends[i] = s.end;
      for (const w of a.words[k]!) counts[w + 1]!++;
      i++;
    });
  }
  for (let w = 0; w < vocabSize; w++) counts[w + 1]! += counts[w]!;
  const offsets = counts.slice();
  const fill = counts.slice(0, vocabSize);
  const sentences = new Uint32Array(offsets[vocabSize]!);
  i = 0;
  for (const a of perArticle) {
    for (const list of a.words) {
      for (const w of list) sentences[fill[w]!++] = i;
      i++;
    }
  }
  const byFirstChar = new Map<number, number[]>();
  for (let w = 0; w < vocabSize; w++) {
    if (offsets[w] === offsets[w + 1]) continue;
    const c = vocabulary[w]!.charCodeAt(0);
    let list = byFirstChar.get(c);
    if (!list) byFirstChar.set(c, (list = []));
    list.push(w);
  }
  return { articleIds, starts, ends, offsets, sentences, byFirstChar };
});

/**
 * Unclaimed sentences matching every word of `query`, best matches first
 * (whole words before starts of words before typos), then in article order.
 */
export function searchPassages(casefile: Casefile, query: string, limit = 12): PassageHit[] {
  const terms = [...new Set(words(query))];
  if (!terms.length) return [];
  const index = passageIndex(casefile.articles);
  const n = index.articleIds.length;
  const score = new Uint16Array(n);
  const hits = new Uint8Array(n);
  terms.forEach((term, t) => {
    const best = termScores(index, term);
    for (let i = 0; i < n; i++) {
      // A sentence must match every term: hits[i] counts the terms matched so far.
      if (best[i] && hits[i] === t) {
        hits[i] = t + 1;
        score[i]! += best[i]!;
      }
    }
  });
  const buckets: number[][] = [];
  for (let i = 0; i < n; i++) if (hits[i] === terms.length) (buckets[score[i]!] ??= []).push(i);
  const claimed = spansByArticle(casefile.claims);
  const found: PassageHit[] = [];
  for (let s = buckets.length - 1; s > 0 && found.length < limit; s--) {
    for (const i of buckets[s] ?? []) {
      const span = { start: index.starts[i]!, end: index.ends[i]! };
      const articleId = index.articleIds[i]!;
      const article = casefile.articles[articleId];
      if (!article || coveredShare(span, claimed.get(articleId) ?? []) >= CLAIMED_SHARE) continue;
      found.push({ articleId, ...span, text: article.text.slice(span.start, span.end) });
      if (found.length === limit) break;
    }
  }
  return found;
}

/** Per sentence, how well one term matches it: 3 a whole word, 2 a word's start, 1 with typos, 0 not at all. */
function termScores(index: PassageIndex, term: string): Uint8Array {
  const best = new Uint8Array(index.articleIds.length);
  const typos = allowedTypos(term.length);
  const { offsets, sentences } = index;
  for (const w of index.byFirstChar.get(term.charCodeAt(0)) ?? []) {
    const word = vocabulary[w]!;
    let s = 0;
    if (word === term) s = 3;
    else if (word.startsWith(term)) s = 2;
    else if (typos && prefixDistance(term, word, typos) <= typos) s = 1;
    if (!s) continue;
    for (let k = offsets[w]!, to = offsets[w + 1]!; k < to; k++) {
      const i = sentences[k]!;
      if (best[i]! < s) best[i] = s;
    }
  }
  return best;
}
