/**
 * The claims panel's search: filters (sourcing type, source, article,
 * proposition, review status, anchor) and a typo-tolerant word search over
 * claim text, notes and source names (and, for "Find claims to add", the
 * article's outlet and title), fast enough per keystroke over 40,000
 * claims. Built from an inverted index (word → claims); a query then touches
 * only the words that match it, never every claim. After an edit the index is
 * updated, not rebuilt: the claims the command changed are read into a small
 * overlay kept in reading order beside the full build's index (`updated`,
 * `indexFollowing`); a full build happens again when articles, sources or
 * types change, or when the overlay grows past a twentieth of the claims.
 */
import type { AnchorStatus, Article, Casefile, Claim, ReviewStatus, Source } from '../model/schema';
import { readingOrder } from './by-article';
import { vocabulary, WordIndex } from './word-index';
import { memoizeWeak, pushTo } from '../lib/collections';
import { changedIds, changesBetween, touches, type Changes } from '../commands/changes';
import { recordOf } from '../model/ids';

export type ReviewFilter = ReviewStatus | 'unreviewed';
export const UNTAGGED = '__untagged__';

export interface ClaimFilter {
  query?: string;
  articleId?: string | null;
  /** A sourcing type id of the root hop, or UNTAGGED. */
  typeId?: string | null;
  /** Claims with this source anywhere in their chain. */
  sourceId?: string | null;
  propositionId?: string | null;
  review?: ReviewFilter | null;
  anchor?: AnchorStatus | null;
}

export interface ClaimSearchResult {
  /** Matching claim ids: best matches first when there is a query, else in reading order. */
  ids: string[];
  total: number;
}

const wordsOfClaim = memoizeWeak((claim: Claim) =>
  vocabulary.idsOf(`${claim.quote.exact} ${claim.notes} ${claim.chain.map((h) => `${h.cue} ${h.hedging} ${h.note}`).join(' ')}`));
const wordsOfSource = memoizeWeak((source: Source) => vocabulary.idsOf(`${source.name} ${source.aliases.join(' ')}`));
const wordsOfArticle = memoizeWeak((article: Article) => vocabulary.idsOf(`${article.outlet} ${article.title}`));

export interface ClaimIndexOptions {
  /** Also find claims by their article's outlet and title ("Find claims to add"). */
  articleWords?: boolean;
}

const REVIEW_CODES: ReviewFilter[] = ['unreviewed', 'approved', 'disputed', 'needs-work'];
const ANCHOR_CODES: AnchorStatus[] = ['exact', 'moved', 'orphaned'];

type Indexed = Pick<Casefile, 'articles' | 'claims' | 'sources' | 'propositions' | 'reviews' | 'taxonomy'>;

/** Claims in reading order with what the filters read, coded per claim. */
interface Part {
  claims: Claim[];
  article: Int32Array;
  rootType: Int32Array;
  review: Uint8Array;
  anchor: Uint8Array;
  words: WordIndex;
}

/** What a full build reads once: the claims of that casefile, and the orders and words every later update shares. */
interface Base extends Part {
  casefile: Indexed;
  options: ClaimIndexOptions;
  articleIndex: Map<string, number>;
  typeIndex: Map<string, number>;
  position: Map<string, number>;
  bySource: Map<string, number[]>;
}

/**
 * Changes since the full build: base claims edited or removed are dead; the
 * claims added or edited since are `extra`, in reading order, each placed
 * before the base claim `before[k]` (the base's length when after all).
 */
interface Overlay {
  dead: Uint8Array | null;
  extra: Part & { before: Int32Array; position: Map<string, number> };
  live: number;
}

/** The casefile fields whose change makes the index rebuild in full rather than update (names, orders, types). */
const REBUILD_ON = ['articles', 'sources', 'taxonomy'] as const;

export class ClaimSearchIndex {
  private constructor(
    private readonly base: Base,
    private readonly overlay: Overlay | null,
    /** The casefile's propositions and reviews now (the proposition filter reads members when asked). */
    private readonly now: Pick<Indexed, 'propositions' | 'reviews'>,
  ) {}

  /** Reads every claim of the casefile. */
  static build(casefile: Indexed, options: ClaimIndexOptions = {}): ClaimSearchIndex {
    const articleIndex = new Map<string, number>();
    Object.values(casefile.articles)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.origin.fileName.localeCompare(b.origin.fileName))
      .forEach((a, i) => articleIndex.set(a.id, i));
    const typeIndex = new Map(casefile.taxonomy.map((t, i) => [t.id, i]));
    const claims = inReadingOrder(Object.values(casefile.claims), articleIndex);
    const position = new Map<string, number>();
    const bySource = new Map<string, number[]>();
    claims.forEach((c, i) => {
      position.set(c.id, i);
      for (const hop of c.chain) if (hop.sourceId) pushTo(bySource, hop.sourceId, i);
    });
    for (const list of bySource.values()) dedupeSorted(list);
    const base: Base = {
      ...part(claims, casefile, options, articleIndex, typeIndex), casefile, options, articleIndex, typeIndex, position, bySource,
    };
    return new ClaimSearchIndex(base, null, casefile);
  }

  /**
   * This index brought up to `casefile`, which is its casefile with `changes`
   * made: only the claims changed (or whose review changed) are read again.
   * Null when the changes call for a full build (articles, sources or types
   * changed, or many claims since the last full build).
   */
  updated(casefile: Indexed, changes: Changes): ClaimSearchIndex | null {
    const { base } = this;
    if (touches(changes, REBUILD_ON) || changes.fields.has('claims') || changes.fields.has('reviews')) return null;
    const changed = new Set(changedIds(changes, 'claims'));
    for (const id of changedIds(changes, 'reviews')) {
      for (const r of [recordOf(this.now.reviews, id), recordOf(casefile.reviews, id)]) if (r?.target.kind === 'claim') changed.add(r.target.id);
    }
    if (!changed.size) return new ClaimSearchIndex(base, this.overlay, casefile);

    const dead = this.overlay?.dead?.slice() ?? new Uint8Array(base.claims.length);
    const extra = new Map((this.overlay?.extra.claims ?? []).map((c) => [c.id, c]));
    for (const id of changed) {
      const i = base.position.get(id);
      if (i !== undefined) dead[i] = 1;
      const claim = recordOf(casefile.claims, id);
      if (claim) extra.set(id, claim);
      else extra.delete(id);
    }
    if (extra.size > Math.max(500, base.claims.length / 20)) return null;

    const claims = inReadingOrder([...extra.values()], base.articleIndex);
    const extraPart = {
      ...part(claims, casefile, base.options, base.articleIndex, base.typeIndex),
      before: Int32Array.from(claims, (c) => insertionPoint(base, c)),
      position: new Map(claims.map((c, k) => [c.id, k])),
    };
    let deadCount = 0;
    for (let i = 0; i < dead.length; i++) deadCount += dead[i]!;
    const overlay: Overlay = { dead, extra: extraPart, live: base.claims.length - deadCount + claims.length };
    return new ClaimSearchIndex(base, overlay, casefile);
  }

  get size(): number {
    return this.overlay?.live ?? this.base.claims.length;
  }

  search(filter: ClaimFilter): ClaimSearchResult {
    const { base, overlay } = this;
    const baseMask = this.facetMask(filter, base, overlay?.dead ?? null, (id) => base.position.get(id));
    const extra = overlay?.extra;
    const extraMask = extra ? this.facetMask(filter, extra, null, (id) => extra.position.get(id)) : null;
    const query = filter.query ?? '';
    const baseScores = base.words.scores(query, baseMask.mask);
    const extraScores = extra ? extra.words.scores(query, extraMask!.mask) : null;
    const total = this.size;
    if (!baseScores) {
      const ids: string[] = [];
      this.inOrder((i) => { if (baseMask.lets(i)) ids.push(base.claims[i]!.id); }, (k) => { if (extraMask!.lets(k)) ids.push(extra!.claims[k]!.id); });
      return { ids, total };
    }
    // Bucket by score (small integers), keeping reading order within a score.
    const buckets: string[][] = [];
    this.inOrder(
      (i) => { if (baseScores[i]) (buckets[baseScores[i]!] ??= []).push(base.claims[i]!.id); },
      (k) => { if (extraScores![k]) (buckets[extraScores![k]!] ??= []).push(extra!.claims[k]!.id); },
    );
    const ids: string[] = [];
    for (let s = buckets.length - 1; s > 0; s--) for (const id of buckets[s] ?? []) ids.push(id);
    return { ids, total };
  }

  /** Visits every base claim (dead ones too: the masks leave them out) and extra claim in reading order. */
  private inOrder(visitBase: (i: number) => void, visitExtra: (k: number) => void): void {
    const n = this.base.claims.length;
    const before = this.overlay?.extra.before;
    let k = 0;
    for (let i = 0; i < n; i++) {
      while (before && k < before.length && before[k]! <= i) visitExtra(k++);
      visitBase(i);
    }
    while (before && k < before.length) visitExtra(k++);
  }

  /** Which claims of one part the filters let through (and are not dead). */
  private facetMask(f: ClaimFilter, p: Part, dead: Uint8Array | null, positionOf: (id: string) => number | undefined): { mask: Uint8Array | null; lets: (i: number) => boolean } {
    const checks: ((i: number) => boolean)[] = [];
    if (dead) checks.push((i) => !dead[i]);
    if (f.articleId) {
      const a = this.base.articleIndex.get(f.articleId) ?? -3;
      checks.push((i) => p.article[i] === a);
    }
    if (f.typeId) {
      const t = f.typeId === UNTAGGED ? -1 : this.base.typeIndex.get(f.typeId) ?? -3;
      checks.push((i) => p.rootType[i] === t);
    }
    if (f.review) {
      const r = REVIEW_CODES.indexOf(f.review);
      checks.push((i) => p.review[i] === r);
    }
    if (f.anchor) {
      const a = ANCHOR_CODES.indexOf(f.anchor);
      checks.push((i) => p.anchor[i] === a);
    }
    const lists: number[][] = [];
    if (f.sourceId) {
      const sourceId = f.sourceId;
      lists.push(p === this.base ? this.base.bySource.get(sourceId) ?? [] : indexesOf(p.claims, (c) => c.chain.some((h) => h.sourceId === sourceId)));
    }
    if (f.propositionId) {
      const members = recordOf(this.now.propositions, f.propositionId)?.members ?? [];
      lists.push([...new Set(members.map((m) => positionOf(m.claimId)).filter((i): i is number => i !== undefined))]);
    }
    if (!checks.length && !lists.length) return { mask: null, lets: () => true };

    const n = p.claims.length;
    const mask = new Uint8Array(n);
    if (lists.length) {
      const count = new Uint8Array(n);
      for (const list of lists) for (const i of list) count[i]!++;
      for (let i = 0; i < n; i++) mask[i] = count[i] === lists.length ? 1 : 0;
    } else {
      mask.fill(1);
    }
    for (let i = 0; i < n; i++) if (mask[i] && !checks.every((check) => check(i))) mask[i] = 0;
    return { mask, lets: (i) => mask[i] === 1 };
  }
}

/** An index and the casefile it was made for. */
export interface IndexedCasefile {
  casefile: Casefile;
  index: ClaimSearchIndex;
}

/**
 * The index for `casefile`: `last`'s index updated from the changes between
 * their casefiles (shared/commands/changes.ts) when there is such a path,
 * else a full build.
 */
export function indexFollowing(last: IndexedCasefile | null, casefile: Casefile, options: ClaimIndexOptions = {}): ClaimSearchIndex {
  if (last?.casefile === casefile) return last.index;
  const changes = last ? changesBetween(last.casefile, casefile) : null;
  return (changes && last!.index.updated(casefile, changes)) ?? ClaimSearchIndex.build(casefile, options);
}

/** Claims by article (import order), then by position. */
function inReadingOrder(claims: Claim[], articleIndex: Map<string, number>): Claim[] {
  const article = Int32Array.from(claims, (c) => articleIndex.get(c.articleId) ?? -1);
  const order = Array.from(claims.keys()).sort((a, b) => article[a]! - article[b]! || readingOrder(claims[a]!, claims[b]!));
  return order.map((i) => claims[i]!);
}

function compareReading(base: Base, a: Claim, b: Claim): number {
  return (base.articleIndex.get(a.articleId) ?? -1) - (base.articleIndex.get(b.articleId) ?? -1) || readingOrder(a, b);
}

/** The first base claim that comes after `claim` in reading order (the base's length when none does). */
function insertionPoint(base: Base, claim: Claim): number {
  let lo = 0;
  let hi = base.claims.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareReading(base, base.claims[mid]!, claim) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function part(claims: Claim[], casefile: Indexed, options: ClaimIndexOptions, articleIndex: Map<string, number>, typeIndex: Map<string, number>): Part {
  const n = claims.length;
  const p: Part = {
    claims, article: new Int32Array(n), rootType: new Int32Array(n), review: new Uint8Array(n), anchor: new Uint8Array(n),
    words: claimWords(claims, casefile.sources, options.articleWords ? casefile.articles : null),
  };
  const position = new Map<string, number>();
  claims.forEach((c, i) => {
    position.set(c.id, i);
    p.article[i] = articleIndex.get(c.articleId) ?? -1;
    const root = c.chain[c.chain.length - 1];
    p.rootType[i] = root ? typeIndex.get(root.typeId) ?? -2 : -1;
    p.anchor[i] = ANCHOR_CODES.indexOf(c.anchor);
  });
  const latest = new Map<string, { at: string; status: ReviewStatus }>();
  for (const r of Object.values(casefile.reviews)) {
    if (r.target.kind !== 'claim' || !position.has(r.target.id)) continue;
    const prev = latest.get(r.target.id);
    if (!prev || prev.at <= r.at) latest.set(r.target.id, { at: r.at, status: r.status });
  }
  for (const [claimId, r] of latest) p.review[position.get(claimId)!] = REVIEW_CODES.indexOf(r.status);
  return p;
}

function indexesOf<T>(list: readonly T[], test: (item: T) => boolean): number[] {
  const out: number[] = [];
  list.forEach((item, i) => { if (test(item)) out.push(i); });
  return out;
}

/** The word index over claims: each claim's own words, its chain sources' names and (optionally) its article's outlet and title. */
function claimWords(claims: readonly Claim[], sources: Casefile['sources'], articles: Casefile['articles'] | null): WordIndex {
  return new WordIndex(claims.length, (i) => {
    const claim = claims[i]!;
    const lists = [wordsOfClaim(claim)];
    const article = articles?.[claim.articleId];
    if (article) lists.push(wordsOfArticle(article));
    for (const hop of claim.chain) {
      const source = hop.sourceId ? recordOf(sources, hop.sourceId) : undefined;
      if (source) lists.push(wordsOfSource(source));
    }
    return lists;
  });
}

function dedupeSorted(list: number[]): void {
  let w = 0;
  for (let r = 0; r < list.length; r++) if (r === 0 || list[r] !== list[r - 1]) list[w++] = list[r]!;
  list.length = w;
}

