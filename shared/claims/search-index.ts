/**
 * The claims panel's search: filters (sourcing type, source, article,
 * proposition, review status, anchor) and a typo-tolerant word search over
 * claim text, notes and source names (and, for "Find claims to add", the
 * article's outlet and title), fast enough per keystroke over 40,000
 * claims. Built once per casefile change from an inverted index (word →
 * claims); a query then touches only the words that match it, never every claim.
 * Words of unchanged claims and sources are cached, so rebuilding after one
 * edit re-reads only what changed.
 */
import type { AnchorStatus, Article, Casefile, Claim, ReviewStatus, Source } from '../model/schema';
import { readingOrder } from './by-article';
import { words } from './tokens';
import { vocabulary, WordIndex } from './word-index';
import { memoizeWeak, pushTo } from '../lib/collections';

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

export class ClaimSearchIndex {
  /** Claim ids in reading order (articles in import order, then position). */
  readonly ids: string[];
  private readonly article: Int32Array;
  private readonly rootType: Int32Array;
  private readonly review: Uint8Array;
  private readonly anchor: Uint8Array;
  private readonly articleIndex = new Map<string, number>();
  private readonly typeIndex = new Map<string, number>();
  private readonly bySource = new Map<string, number[]>();
  private readonly byProposition = new Map<string, number[]>();
  /** Claims by the words of their text, notes and chain sources. */
  private readonly words: WordIndex;

  constructor(casefile: Pick<Casefile, 'articles' | 'claims' | 'sources' | 'propositions' | 'reviews' | 'taxonomy'>, options: ClaimIndexOptions = {}) {
    const articles = Object.values(casefile.articles)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.origin.fileName.localeCompare(b.origin.fileName));
    articles.forEach((a, i) => this.articleIndex.set(a.id, i));
    casefile.taxonomy.forEach((t, i) => this.typeIndex.set(t.id, i));
    const claims = this.inReadingOrder(Object.values(casefile.claims));
    const n = claims.length;
    this.ids = claims.map((c) => c.id);
    this.article = new Int32Array(n);
    this.rootType = new Int32Array(n);
    this.review = new Uint8Array(n);
    this.anchor = new Uint8Array(n);
    const position = new Map<string, number>();
    claims.forEach((c, i) => {
      position.set(c.id, i);
      this.article[i] = this.articleIndex.get(c.articleId) ?? -1;
      const root = c.chain[c.chain.length - 1];
      this.rootType[i] = root ? this.typeIndex.get(root.typeId) ?? -2 : -1;
      this.anchor[i] = ANCHOR_CODES.indexOf(c.anchor);
      for (const hop of c.chain) if (hop.sourceId) pushTo(this.bySource, hop.sourceId, i);
    });
    for (const list of this.bySource.values()) dedupeSorted(list);
    this.words = claimWords(claims, casefile.sources, options.articleWords ? casefile.articles : null);

    for (const p of Object.values(casefile.propositions)) {
      const members = p.members.map((m) => position.get(m.claimId)).filter((i): i is number => i !== undefined);
      this.byProposition.set(p.id, members.sort((a, b) => a - b));
    }
    const latest = new Map<string, { at: string; status: ReviewStatus }>();
    for (const r of Object.values(casefile.reviews)) {
      if (r.target.kind !== 'claim') continue;
      const prev = latest.get(r.target.id);
      if (!prev || prev.at <= r.at) latest.set(r.target.id, { at: r.at, status: r.status });
    }
    for (const [claimId, r] of latest) {
      const i = position.get(claimId);
      if (i !== undefined) this.review[i] = REVIEW_CODES.indexOf(r.status);
    }
  }

  /** Claims by article (import order), then by position. */
  private inReadingOrder(claims: Claim[]): Claim[] {
    const article = new Int32Array(claims.length);
    claims.forEach((c, i) => { article[i] = this.articleIndex.get(c.articleId) ?? -1; });
    const order = Array.from(claims.keys()).sort((a, b) => article[a]! - article[b]! || readingOrder(claims[a]!, claims[b]!));
    return order.map((i) => claims[i]!);
  }

  get size(): number {
    return this.ids.length;
  }

  search(filter: ClaimFilter): ClaimSearchResult {
    const allowed = this.facetMask(filter);
    const terms = [...new Set(words(filter.query ?? ''))];
    if (!terms.length) {
      const ids: string[] = [];
      for (let i = 0; i < this.ids.length; i++) if (!allowed || allowed[i]) ids.push(this.ids[i]!);
      return { ids, total: this.ids.length };
    }
    return { ids: this.words.search(filter.query ?? '', allowed).map((i) => this.ids[i]!), total: this.ids.length };
  }

  /** 1 for each claim the filters let through, or null when no filter is set. */
  private facetMask(f: ClaimFilter): Uint8Array | null {
    const checks: ((i: number) => boolean)[] = [];
    if (f.articleId) {
      const a = this.articleIndex.get(f.articleId) ?? -3;
      checks.push((i) => this.article[i] === a);
    }
    if (f.typeId) {
      const t = f.typeId === UNTAGGED ? -1 : this.typeIndex.get(f.typeId) ?? -3;
      checks.push((i) => this.rootType[i] === t);
    }
    if (f.review) {
      const r = REVIEW_CODES.indexOf(f.review);
      checks.push((i) => this.review[i] === r);
    }
    if (f.anchor) {
      const a = ANCHOR_CODES.indexOf(f.anchor);
      checks.push((i) => this.anchor[i] === a);
    }
    const lists: number[][] = [];
    if (f.sourceId) lists.push(this.bySource.get(f.sourceId) ?? []);
    if (f.propositionId) lists.push(this.byProposition.get(f.propositionId) ?? []);
    if (!checks.length && !lists.length) return null;

    const n = this.ids.length;
    const mask = new Uint8Array(n);
    if (lists.length) {
      const count = new Uint8Array(n);
      for (const list of lists) for (const i of list) count[i]!++;
      for (let i = 0; i < n; i++) mask[i] = count[i] === lists.length ? 1 : 0;
    } else {
      mask.fill(1);
    }
    for (let i = 0; i < n; i++) if (mask[i] && !checks.every((check) => check(i))) mask[i] = 0;
    return mask;
  }
}

/** The word index over claims: each claim's own words, its chain sources' names and (optionally) its article's outlet and title. */
function claimWords(claims: readonly Claim[], sources: Casefile['sources'], articles: Casefile['articles'] | null): WordIndex {
  const sourceWords = new Map<string, Uint32Array>();
  for (const [id, s] of Object.entries(sources)) sourceWords.set(id, wordsOfSource(s));
  return new WordIndex(claims.length, (i) => {
    const claim = claims[i]!;
    const lists = [wordsOfClaim(claim)];
    const article = articles?.[claim.articleId];
    if (article) lists.push(wordsOfArticle(article));
    for (const hop of claim.chain) {
      const sw = hop.sourceId ? sourceWords.get(hop.sourceId) : undefined;
      if (sw) lists.push(sw);
    }
    return lists;
  });
}

function dedupeSorted(list: number[]): void {
  let w = 0;
  for (let r = 0; r < list.length; r++) if (r === 0 || list[r] !== list[r - 1]) list[w++] = list[r]!;
  list.length = w;
}

