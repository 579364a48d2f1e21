/**
 * How far two analysts agree (formulas and hand-checked examples in
 * docs/review-agreement.md):
 * - on sourcing: Cohen's kappa on the root sourcing type of matched claims;
 * - on what counts as a claim: precision, recall and F1 of claim spans, and a
 *   character-level Krippendorff's alpha on "inside a claim or not";
 * overall, per article and per sourcing type, with the items each rests on.
 */
import { findType, rootTypeId } from '../model/casefile';
import type { Casefile } from '../model/schema';
import { intersect, intersectionLength, subtract, totalLength, union, type Interval } from './intervals';
import type { ArticleMatching } from './match-articles';
import type { RecordLists } from './lists';
import {
  MIN_ITEMS,
  type Agreement,
  type ArticleAgreement,
  type ClaimPair,
  type KappaResult,
  type LeftOutOfKappa,
  type Placement,
  type SpanAgreement,
  type TypeAgreement,
} from './types';

/**
 * Cohen's kappa of two raters' labels on the same items. `order` fixes the
 * order of the categories in the matrix; labels not in it follow, sorted.
 */
export function cohensKappa(items: readonly (readonly [string, string])[], order: readonly string[] = [], minItems = MIN_ITEMS): KappaResult {
  return kappaOf(items, order, rankOf(order), minItems);
}

/** Each category's place in `order` (the first, if it is there twice). */
function rankOf(order: readonly string[]): Map<string, number> {
  const rank = new Map<string, number>();
  order.forEach((c, i) => {
    if (!rank.has(c)) rank.set(c, i);
  });
  return rank;
}

/** Cohen's kappa with the order's ranks made once for many item lists (one per article). */
function kappaOf(items: readonly (readonly [string, string])[], order: readonly string[], rank: Map<string, number>, minItems: number): KappaResult {
  if (items.length === 0) return { items: 0, observed: null, expected: null, kappa: null, categories: [], matrix: [], lowItems: true };
  const categories = categoriesOf(items, order, rank);
  const index = new Map(categories.map((c, i) => [c, i]));
  const k = categories.length;
  const matrix = categories.map(() => new Array<number>(k).fill(0));
  const rows = new Array<number>(k).fill(0);
  const cols = new Array<number>(k).fill(0);
  for (const [a, b] of items) {
    const i = index.get(a)!;
    const j = index.get(b)!;
    matrix[i]![j]! += 1;
    rows[i]! += 1;
    cols[j]! += 1;
  }
  const n = items.length;
  let agreed = 0;
  let expected = 0;
  for (let i = 0; i < k; i++) {
    agreed += matrix[i]![i]!;
    expected += (rows[i]! / n) * (cols[i]! / n);
  }
  const observed = agreed / n;
  const kappa = expected < 1 ? (observed - expected) / (1 - expected) : null;
  return { items: n, observed, expected, kappa, categories, matrix, lowItems: n < minItems };
}

/** The labels used, those in `order` first in its order, then the others sorted. */
function categoriesOf(items: readonly (readonly [string, string])[], order: readonly string[], rank: Map<string, number>): string[] {
  const seen = new Set<string>();
  for (const [a, b] of items) seen.add(a).add(b);
  if (rank.size !== order.length) {
    // The order names a category twice: keep its duplicates, as listed.
    const ordered = new Set(order);
    return [...order.filter((c) => seen.has(c)), ...[...seen].filter((c) => !ordered.has(c)).sort()];
  }
  return [...seen].sort((x, y) => byRank(x, y, rank));
}

function byRank(x: string, y: string, rank: Map<string, number>): number {
  const rx = rank.get(x);
  const ry = rank.get(y);
  if (rx !== undefined && ry !== undefined) return rx - ry;
  if (rx !== undefined) return -1;
  if (ry !== undefined) return 1;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Per-article data the span figures are computed from. */
export interface ArticleSpans {
  /** The analysed text: the article minus its page chrome. */
  continuum: Interval[];
  mine: Interval[];
  /** Their claims placed on my text (orphans have no span). */
  theirs: Interval[];
  /** Counts of claims, not characters. */
  myClaims: number;
  theirClaims: number;
  matched: number;
}

/**
 * Span agreement over one or more articles: precision and recall with my
 * casefile as the reference, F1, and Krippendorff's alpha for two coders and
 * binary nominal values, one value per character of analysed text:
 *   alpha = 1 − (n − 1) · d / (n0 · n1)
 * with n = 2 × characters, d = characters the two disagree on, n1 = the
 * characters inside a claim counted once per coder, n0 = n − n1.
 */
export function spanAgreement(articles: readonly ArticleSpans[], minItems = MIN_ITEMS): SpanAgreement {
  return fromCounts(articles.map(spanCounts), minItems);
}

interface SpanCounts {
  mine: number;
  theirs: number;
  matched: number;
  chars: number;
  /** Characters inside a claim, counted once per analyst. */
  ones: number;
  /** Characters one analyst has inside a claim and the other not. */
  disagree: number;
}

function spanCounts(a: ArticleSpans): SpanCounts {
  const continuum = union(a.continuum);
  const m = intersect(union(a.mine), continuum);
  const t = intersect(union(a.theirs), continuum);
  const mLen = totalLength(m);
  const tLen = totalLength(t);
  return {
    mine: a.myClaims, theirs: a.theirClaims, matched: a.matched, chars: totalLength(continuum),
    ones: mLen + tLen, disagree: mLen + tLen - 2 * intersectionLength(m, t),
  };
}

function fromCounts(list: readonly SpanCounts[], minItems: number): SpanAgreement {
  const sum = { mine: 0, theirs: 0, matched: 0, chars: 0, ones: 0, disagree: 0 };
  for (const c of list) for (const k of Object.keys(sum) as (keyof SpanCounts)[]) sum[k] += c[k];
  const { mine, theirs, matched } = sum;
  const n = 2 * sum.chars;
  const zeros = n - sum.ones;
  const alpha = sum.ones > 0 && zeros > 0 ? 1 - ((n - 1) * sum.disagree) / (zeros * sum.ones) : null;
  return {
    mine, theirs, matched,
    precision: theirs ? matched / theirs : null,
    recall: mine ? matched / mine : null,
    f1: mine + theirs ? (2 * matched) / (mine + theirs) : null,
    alpha, alphaChars: sum.chars,
    lowItems: mine + theirs - matched < minItems,
  };
}

/** Agreement on sourcing type specific to each type: 2·both / (mine + theirs). */
export function typeAgreement(kappa: KappaResult, mine: Casefile, minItems = MIN_ITEMS): TypeAgreement[] {
  return kappa.categories.map((typeId, i) => {
    const row = kappa.matrix[i]!.reduce((s, v) => s + v, 0);
    const col = kappa.matrix.reduce((s, r) => s + r[i]!, 0);
    const both = kappa.matrix[i]![i]!;
    const type = findType(mine, typeId);
    return {
      typeId, label: type?.label ?? typeId, color: type?.color ?? '#999999',
      mine: row, theirs: col, both,
      specific: row + col ? (2 * both) / (row + col) : null,
      lowItems: Math.max(row, col) < minItems,
    };
  });
}

export interface AgreementInput {
  mine: Casefile;
  theirs: Casefile;
  lists: { mine: RecordLists };
  articles: ArticleMatching;
  placements: Map<string, Placement>;
  pairs: ClaimPair[];
}

export function computeAgreement(input: AgreementInput, minItems = MIN_ITEMS): Agreement {
  const { mine, theirs, lists, articles, placements, pairs } = input;
  const order = mine.taxonomy.map((t) => t.id);
  const rank = rankOf(order);
  const leftOut: LeftOutOfKappa = { onlyMine: 0, onlyTheirs: 0, matchedUntyped: 0, orphaned: 0, onUnmatchedArticles: 0 };
  const perArticle = new Map<string, { spans: ArticleSpans; typed: [string, string][] }>();
  for (const m of articles.matched) {
    const article = mine.articles[m.myArticleId]!;
    const continuum = subtract([{ start: 0, end: article.text.length }], union(article.excluded));
    perArticle.set(m.myArticleId, { spans: { continuum, mine: [], theirs: [], myClaims: 0, theirClaims: 0, matched: 0 }, typed: [] });
  }

  for (const claim of lists.mine.claims) {
    const a = perArticle.get(claim.articleId);
    if (!a) {
      leftOut.onUnmatchedArticles++;
      continue;
    }
    a.spans.myClaims++;
    a.spans.mine.push({ start: claim.position.start, end: claim.position.end });
  }
  for (const p of placements.values()) {
    const a = p.articleId ? perArticle.get(p.articleId) : undefined;
    if (!a) {
      leftOut.onUnmatchedArticles++;
      continue;
    }
    a.spans.theirClaims++;
    if (p.status === 'orphaned') leftOut.orphaned++;
    else a.spans.theirs.push({ start: p.start, end: p.end });
  }
  const typedAll: [string, string][] = [];
  for (const pair of pairs) {
    const m = mine.claims[pair.myClaimId]!;
    const a = perArticle.get(m.articleId)!;
    a.spans.matched++;
    const mt = rootTypeId(m);
    const tt = rootTypeId(theirs.claims[pair.theirClaimId]!);
    if (mt && tt) {
      const labels: [string, string] = [mt, tt];
      a.typed.push(labels);
      typedAll.push(labels);
    } else leftOut.matchedUntyped++;
  }
  for (const a of perArticle.values()) {
    leftOut.onlyMine += a.spans.myClaims - a.spans.matched;
  }
  const theirPlaced = [...perArticle.values()].reduce((s, a) => s + a.spans.theirClaims, 0);
  leftOut.onlyTheirs = theirPlaced - pairs.length - leftOut.orphaned;

  const kappa = kappaOf(typedAll, order, rank, minItems);
  const counts: SpanCounts[] = [];
  const articleFigures: ArticleAgreement[] = articles.matched.map((m) => {
    const a = perArticle.get(m.myArticleId)!;
    const c = spanCounts(a.spans);
    counts.push(c);
    return { articleId: m.myArticleId, title: m.title, kappa: kappaOf(a.typed, order, rank, minItems), spans: fromCounts([c], minItems) };
  });
  return {
    kappa,
    spans: fromCounts(counts, minItems),
    leftOut,
    perArticle: articleFigures,
    perType: typeAgreement(kappa, mine, minItems),
    minItems,
  };
}
