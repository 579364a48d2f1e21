/**
 * Suggestions: for a claim, the claims and not-yet-claimed passages of other
 * articles that may assert the same thing, best first.
 *
 * Similarity is the cosine of TF-IDF vectors of content terms (terms.ts):
 * rare shared words ("Kupol", "programme", "established") weigh more than
 * words every article on the story uses ("Russia", "drones"). Passages come
 * from an inverted index built once per set of articles, so a query touches
 * only the passages that share a term with it; claims are scored directly
 * from cached vectors.
 */
import type { Article, Casefile, Claim } from '../model/schema';
import { copyGroups } from './identity';
import { reportedClauses, splitPassages, type Span } from './passages';
import { similarityFeatures } from './terms';
import { memoizeWeak, pushTo } from '../lib/collections';

interface Vector {
  terms: Uint32Array;
  weights: Float32Array;
  norm: number;
}

interface IndexedPassage extends Span {
  articleId: string;
  /** The whole sentence it belongs to: what is offered, so a claim made from it has its context. */
  sentence: Span;
}

export interface SuggestionIndex {
  passages: IndexedPassage[];
  /** Vector length of each passage. */
  norms: Float32Array;
  /** term id → indexes of the passages holding it, and the term's weight in each */
  postings: Uint32Array[];
  postingWeights: Float32Array[];
  idf: Float32Array;
  termIds: Map<string, number>;
  claimVectors: WeakMap<Claim, Vector>;
}

interface SuggestionBase {
  articleId: string;
  start: number;
  end: number;
  text: string;
  /** Cosine similarity, 0–1. */
  score: number;
  /** The article is linked as a copy of the claim's own article. */
  fromCopy: boolean;
  /** The same wording elsewhere (repeated in the article, or in copies), left out of the list. */
  repeats: { articleId: string; start: number; end: number }[];
}

export type Suggestion = (SuggestionBase & { kind: 'claim'; claimId: string }) | (SuggestionBase & { kind: 'passage' });

export interface SuggestOptions {
  /** How many suggestions (default 10). */
  limit?: number;
  /** Claims not to suggest, e.g. members of the proposition already. */
  excludeClaimIds?: ReadonlySet<string>;
  /** Below this cosine a candidate is noise (default 0.04). */
  minScore?: number;
}

/** A passage at least this much covered by existing claims is offered as those claims instead. */
export const CLAIMED_SHARE = 0.5;

/** The passage index of a casefile's articles, built on first use and kept while the articles do not change. */
export const suggestionIndex = memoizeWeak((articles: Casefile['articles']): SuggestionIndex => buildIndex(Object.values(articles)));

function buildIndex(articles: readonly Article[]): SuggestionIndex {
  const termIds = new Map<string, number>();
  const df: number[] = [];
  const raw: { articleId: string; span: Span; sentence: Span; ids: number[]; counts: number[] }[] = [];
  for (const article of articles) {
    const spans = splitPassages(article.text, article.excluded).flatMap((sentence) => [sentence, ...reportedClauses(article.text, sentence)].map((span) => ({ span, sentence })));
    for (const { span, sentence } of spans) {
      const counts = new Map<number, number>();
      for (const term of similarityFeatures(article.text.slice(span.start, span.end))) {
        let id = termIds.get(term);
        if (id === undefined) {
          id = df.length;
          termIds.set(term, id);
          df.push(0);
        }
        counts.set(id, (counts.get(id) ?? 0) + 1);
      }
      if (!counts.size) continue;
      for (const id of counts.keys()) df[id]!++;
      raw.push({ articleId: article.id, span, sentence, ids: [...counts.keys()], counts: [...counts.values()] });
    }
  }
  const n = raw.length;
  const idf = Float32Array.from(df, (d) => Math.log(1 + n / d));
  const postings = df.map((d) => new Uint32Array(d));
  const postingWeights = df.map((d) => new Float32Array(d));
  const filled = new Uint32Array(df.length);
  const norms = new Float32Array(n);
  const passages = raw.map((p, i) => {
    const v = weigh(p.ids, p.counts, idf);
    norms[i] = v.norm;
    v.terms.forEach((t, k) => {
      postings[t]![filled[t]!] = i;
      postingWeights[t]![filled[t]!++] = v.weights[k]!;
    });
    return { articleId: p.articleId, ...p.span, sentence: p.sentence };
  });
  return { passages, norms, postings, postingWeights, idf, termIds, claimVectors: new WeakMap() };
}

function weigh(ids: readonly number[], counts: readonly number[], idf: Float32Array): Vector {
  const weights = new Float32Array(ids.length);
  let sum = 0;
  ids.forEach((id, i) => {
    const w = (1 + Math.log(counts[i]!)) * idf[id]!;
    weights[i] = w;
    sum += w * w;
  });
  return { terms: Uint32Array.from(ids), weights, norm: Math.sqrt(sum) };
}

/** A text's vector in the index's terms; words the articles never use are left out. */
export function vectorOf(index: SuggestionIndex, text: string): Vector {
  const counts = new Map<number, number>();
  for (const term of similarityFeatures(text)) {
    const id = index.termIds.get(term);
    if (id !== undefined) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return weigh([...counts.keys()], [...counts.values()], index.idf);
}

function claimVector(index: SuggestionIndex, claim: Claim): Vector {
  let v = index.claimVectors.get(claim);
  if (!v) {
    v = vectorOf(index, claim.quote.exact);
    index.claimVectors.set(claim, v);
  }
  return v;
}

/** The spans of the claims placed on each article. */
export const spansByArticle = memoizeWeak((claims: Casefile['claims']): Map<string, Span[]> => {
  const map = new Map<string, Span[]>();
  for (const c of Object.values(claims)) if (c.anchor !== 'orphaned') pushTo(map, c.articleId, c.position);
  return map;
});

/** Share of [start, end) covered by the given spans (overlaps counted once). */
export function coveredShare(span: Span, spans: readonly Span[]): number {
  const inside = spans
    .filter((s) => s.start < span.end && s.end > span.start)
    .map((s) => [Math.max(s.start, span.start), Math.min(s.end, span.end)] as const)
    .sort((a, b) => a[0] - b[0]);
  let covered = 0;
  let at = span.start;
  for (const [s, e] of inside) {
    if (e <= at) continue;
    covered += e - Math.max(s, at);
    at = e;
  }
  return covered / Math.max(1, span.end - span.start);
}

/**
 * Claims and unclaimed passages of other articles that may say what `claim`
 * says, most similar first. Articles linked as copies of the claim's article
 * are included (the analyst should file the copy too), marked `fromCopy`.
 */
export function suggestForClaim(casefile: Casefile, claim: Claim, options: SuggestOptions = {}): Suggestion[] {
  const index = suggestionIndex(casefile.articles);
  return suggestForVector(casefile, index, claimVector(index, claim), claim.articleId, options);
}

/** Suggestions for free text (a proposition's statement), from every article. */
export function suggestForText(casefile: Casefile, text: string, options: SuggestOptions = {}): Suggestion[] {
  const index = suggestionIndex(casefile.articles);
  return suggestForVector(casefile, index, vectorOf(index, text), null, options);
}

function suggestForVector(casefile: Casefile, index: SuggestionIndex, query: Vector, ownArticleId: string | null, options: SuggestOptions): Suggestion[] {
  const limit = options.limit ?? 10;
  const minScore = options.minScore ?? 0.04;
  if (!query.terms.length || query.norm === 0) return [];
  const groupOf = copyGroups(casefile);
  const ownGroup = ownArticleId ? groupOf(ownArticleId) : null;
  const fromCopy = (articleId: string) => ownGroup !== null && groupOf(articleId) === ownGroup;

  const dense = new Float32Array(index.idf.length);
  query.terms.forEach((t, i) => (dense[t] = query.weights[i]!));

  const claims = Object.values(casefile.claims);
  const bestClaims = new TopK(limit * 2);
  claims.forEach((claim, i) => {
    if (claim.articleId === ownArticleId || options.excludeClaimIds?.has(claim.id)) return;
    const score = cosine(dense, query.norm, claimVector(index, claim));
    if (score >= minScore) bestClaims.push(i, score);
  });
  const found: Suggestion[] = bestClaims.sorted().map(({ p, score }) => {
    const claim = claims[p]!;
    return { kind: 'claim', claimId: claim.id, articleId: claim.articleId, start: claim.position.start, end: claim.position.end, text: claim.quote.exact, score, fromCopy: fromCopy(claim.articleId), repeats: [] };
  });

  const spans = spansByArticle(casefile.claims);
  const ranked = rankPassages(index, query, minScore, ownArticleId, limit * 8);
  let kept = 0;
  for (const { p, score } of ranked()) {
    if (kept >= limit) break;
    // Scored on the sentence or on its reported clause ("that …"), offered as the whole sentence.
    const passage = { articleId: index.passages[p]!.articleId, ...index.passages[p]!.sentence };
    const article = casefile.articles[passage.articleId];
    if (!article || coveredShare(passage, spans.get(passage.articleId) ?? []) >= CLAIMED_SHARE) continue;
    // A passage around a claim that is suggested already would offer the same words twice.
    if (found.some((f) => f.kind === 'claim' && f.articleId === passage.articleId && f.start < passage.end && f.end > passage.start)) continue;
    // A sentence and its reported clause are one offer: the better-scoring one stands for both.
    if (found.some((f) => f.kind === 'passage' && f.articleId === passage.articleId && f.start < passage.end && f.end > passage.start)) continue;
    found.push({ kind: 'passage', articleId: passage.articleId, start: passage.start, end: passage.end, text: article.text.slice(passage.start, passage.end), score, fromCopy: fromCopy(passage.articleId), repeats: [] });
    kept++;
  }
  return withoutRepeats(found.sort((a, b) => b.score - a.score || a.articleId.localeCompare(b.articleId) || a.start - b.start)).slice(0, limit);
}

/**
 * One suggestion per wording: the same sentence repeated in an article or in
 * its copies is offered once (the first, best-scoring place), with the others
 * listed in `repeats`.
 */
function withoutRepeats(list: Suggestion[]): Suggestion[] {
  const byText = new Map<string, Suggestion>();
  const out: Suggestion[] = [];
  for (const s of list) {
    const key = `${s.kind}:${s.text.replace(/\s+/g, ' ').trim().toLowerCase()}`;
    const first = byText.get(key);
    if (first) first.repeats.push({ articleId: s.articleId, start: s.start, end: s.end });
    else {
      byText.set(key, s);
      out.push(s);
    }
  }
  return out;
}

function cosine(dense: Float32Array, queryNorm: number, v: Vector): number {
  if (v.norm === 0) return 0;
  let dot = 0;
  for (let i = 0; i < v.terms.length; i++) dot += dense[v.terms[i]!]! * v.weights[i]!;
  return dot / (queryNorm * v.norm);
}

/**
 * Passages sharing terms with the query, best first, as a lazy list: the
 * first `batch` come from a small heap (the usual case, no full sort); the
 * rest are sorted only if the caller filters that many away.
 */
function rankPassages(index: SuggestionIndex, query: Vector, minScore: number, skipArticleId: string | null, batch: number): () => Iterable<{ p: number; score: number }> {
  const dots = new Float32Array(index.passages.length);
  const touched: number[] = [];
  query.terms.forEach((t, i) => {
    const w = query.weights[i]!;
    const list = index.postings[t]!;
    const weights = index.postingWeights[t]!;
    for (let k = 0; k < list.length; k++) {
      const p = list[k]!;
      if (dots[p] === 0) touched.push(p);
      dots[p] = dots[p]! + w * weights[k]!;
    }
  });
  const scoreOf = (p: number) => dots[p]! / (query.norm * index.norms[p]!);
  const eligible = (p: number) => index.passages[p]!.articleId !== skipArticleId;
  return function* () {
    const heap = new TopK(batch);
    for (const p of touched) {
      const score = scoreOf(p);
      if (score >= minScore && eligible(p)) heap.push(p, score);
    }
    const top = heap.sorted();
    yield* top;
    if (top.length < batch) return;
    const floor = top[top.length - 1]!;
    const rest = touched
      .map((p) => ({ p, score: scoreOf(p) }))
      .filter((x) => x.score >= minScore && eligible(x.p) && (x.score < floor.score || (x.score === floor.score && !top.some((t) => t.p === x.p))))
      .sort((a, b) => b.score - a.score);
    yield* rest;
  };
}

/** The k highest-scoring items seen (a min-heap on score); `p` is the item's index. */
class TopK {
  private readonly items: { p: number; score: number }[] = [];
  constructor(private readonly k: number) {}

  push(p: number, score: number): void {
    const h = this.items;
    if (h.length < this.k) {
      h.push({ p, score });
      this.up(h.length - 1);
    } else if (score > h[0]!.score) {
      h[0] = { p, score };
      this.down(0);
    }
  }

  sorted(): { p: number; score: number }[] {
    return [...this.items].sort((a, b) => b.score - a.score);
  }

  private up(i: number): void {
    const h = this.items;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (h[parent]!.score <= h[i]!.score) break;
      [h[parent], h[i]] = [h[i]!, h[parent]!];
      i = parent;
    }
  }

  private down(i: number): void {
    const h = this.items;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && h[l]!.score < h[m]!.score) m = l;
      if (r < h.length && h[r]!.score < h[m]!.score) m = r;
      if (m === i) return;
      [h[m], h[i]] = [h[i]!, h[m]!];
      i = m;
    }
  }
}
