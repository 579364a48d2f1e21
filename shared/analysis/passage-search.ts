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
import { vocabulary, WordIndex } from '../claims/word-index';
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

interface ArticleSentences {
  spans: Span[];
  /** Word ids of each sentence, and of its article's outlet and title. */
  words: Uint32Array[];
  about: Uint32Array;
}

const sentencesOf = memoizeWeak((article: Article): ArticleSentences => {
  const spans = splitPassages(article.text, article.excluded);
  return { spans, words: spans.map((s) => vocabulary.idsOf(article.text.slice(s.start, s.end))), about: vocabulary.idsOf(`${article.outlet} ${article.title}`) };
});

interface PassageIndex {
  articleIds: string[];
  starts: Uint32Array;
  ends: Uint32Array;
  words: WordIndex;
}

const passageIndex = memoizeWeak((articles: Casefile['articles']): PassageIndex => {
  const perArticle = Object.values(articles).map((a) => ({ id: a.id, ...sentencesOf(a) }));
  const articleIds: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const lists: Uint32Array[][] = [];
  for (const a of perArticle) {
    a.spans.forEach((s, k) => {
      articleIds.push(a.id);
      starts.push(s.start);
      ends.push(s.end);
      lists.push([a.words[k]!, a.about]);
    });
  }
  return { articleIds, starts: Uint32Array.from(starts), ends: Uint32Array.from(ends), words: new WordIndex(lists.length, (i) => lists[i]!) };
});

/**
 * Unclaimed sentences matching every word of `query`, best matches first
 * (whole words before starts of words before typos), then in article order.
 */
export function searchPassages(casefile: Casefile, query: string, limit = 12): PassageHit[] {
  const index = passageIndex(casefile.articles);
  const claimed = spansByArticle(casefile.claims);
  const found: PassageHit[] = [];
  for (const i of index.words.search(query)) {
    const span = { start: index.starts[i]!, end: index.ends[i]! };
    const articleId = index.articleIds[i]!;
    const article = casefile.articles[articleId];
    if (!article || coveredShare(span, claimed.get(articleId) ?? []) >= CLAIMED_SHARE) continue;
    found.push({ articleId, ...span, text: article.text.slice(span.start, span.end) });
    if (found.length === limit) break;
  }
  return found;
}
