/**
 * Fuzzy search over the casefile's articles with fuse.js: titles, outlets and
 * authors directly, full texts through their vocabulary.
 *
 * Running fuse.js over thousands of whole texts takes about a second a
 * query, so the full-text side searches the distinct words of all texts
 * (tens of thousands of short strings) and maps the words found back to the
 * articles holding them. Every word of the query must be found (fuzzily) in
 * an article's text, or the query must match its title, outlet or author.
 * Page-chrome ranges are left out of the searched text.
 */
import Fuse from 'fuse.js';
import type { Article } from '../model/schema';
import { textWithoutExcluded } from './analysis-text';
import { memoizeWeak, pushTo } from '../lib/collections';

export type SearchableArticle = Pick<Article, 'id' | 'title' | 'outlet' | 'author' | 'text' | 'textHash' | 'excluded'>;

export interface SearchHit {
  articleId: string;
  /** 0 is a perfect match, 1 no match (fuse.js scores). */
  score: number;
  /** Where it matched: its metadata, its text, or both. */
  in: 'metadata' | 'text' | 'both';
}

const MIN_WORD_LENGTH = 2;
/** Fuzzy matches kept per query word; enough for typos and word forms. */
const WORDS_PER_TOKEN = 60;
const FUSE_THRESHOLD = 0.3;

/** Distinct words of one article's searchable text, cached per article object (immer keeps unchanged ones). */
const wordsOf = memoizeWeak((article: SearchableArticle): string[] => {
  const tokens = textWithoutExcluded(article.text, article.excluded).toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(tokens.filter((t) => t.length >= MIN_WORD_LENGTH))];
});

export class ArticleSearch {
  private readonly metadata: Fuse<SearchableArticle>;
  private readonly text: TextIndex;

  constructor(articles: readonly SearchableArticle[]) {
    this.metadata = new Fuse([...articles], {
      keys: [{ name: 'title', weight: 3 }, { name: 'outlet', weight: 2 }, { name: 'author', weight: 1 }],
      ignoreLocation: true, threshold: FUSE_THRESHOLD, includeScore: true, ignoreFieldNorm: true,
    });
    this.text = textIndexFor(articles);
  }

  search(query: string): SearchHit[] {
    const trimmed = query.trim();
    if (!trimmed) return [];
    const hits = new Map<string, SearchHit>();
    for (const r of this.metadata.search(trimmed)) hits.set(r.item.id, { articleId: r.item.id, score: r.score ?? 1, in: 'metadata' });
    for (const [id, score] of this.text.matches(trimmed)) {
      const known = hits.get(id);
      hits.set(id, known ? { articleId: id, score: Math.min(known.score, score), in: 'both' } : { articleId: id, score, in: 'text' });
    }
    return [...hits.values()].sort((a, b) => a.score - b.score);
  }
}

/** Words → articles, over the searchable texts. Rebuilt only when a text or its chrome ranges change, not on metadata edits. */
class TextIndex {
  private readonly postings = new Map<string, string[]>();
  private vocabulary: Fuse<string> | null = null;

  constructor(articles: readonly SearchableArticle[]) {
    for (const article of articles) {
      for (const word of wordsOf(article)) pushTo(this.postings, word, article.id);
    }
  }

  /** Articles whose text holds every word of the query (fuzzily), with the mean score of their best matches. */
  matches(query: string): Map<string, number> {
    const tokens = [...new Set(query.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])].filter((t) => t.length >= MIN_WORD_LENGTH);
    if (!tokens.length) return new Map();
    let sums = this.bestPerArticle(tokens[0]!);
    for (const token of tokens.slice(1)) {
      if (!sums.size) break;
      const next = this.bestPerArticle(token);
      const kept = new Map<string, number>();
      for (const [id, sum] of sums) {
        const score = next.get(id);
        if (score !== undefined) kept.set(id, sum + score);
      }
      sums = kept;
    }
    return new Map([...sums].map(([id, sum]) => [id, sum / tokens.length]));
  }

  /** For one query word: each article holding a fuzzy match of it, with its best match's score. */
  private bestPerArticle(token: string): Map<string, number> {
    const best = new Map<string, number>();
    for (const r of this.words().search(token, { limit: WORDS_PER_TOKEN })) {
      const score = r.score ?? 1;
      for (const id of this.postings.get(r.item) ?? []) if (score < (best.get(id) ?? Infinity)) best.set(id, score);
    }
    return best;
  }

  private words(): Fuse<string> {
    this.vocabulary ??= new Fuse([...this.postings.keys()], { ignoreLocation: true, threshold: FUSE_THRESHOLD, includeScore: true });
    return this.vocabulary;
  }
}

let lastText: { key: string; index: TextIndex } | null = null;

function textIndexFor(articles: readonly SearchableArticle[]): TextIndex {
  const key = articles.map((a) => `${a.id}:${a.textHash}:${a.excluded.map((r) => `${r.start}-${r.end}`).join(',')}`).join('|');
  if (lastText?.key !== key) lastText = { key, index: new TextIndex(articles) };
  return lastText.index;
}
