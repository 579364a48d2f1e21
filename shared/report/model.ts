/**
 * The report model: the part of a casefile a report covers, resolved into
 * plain records (names instead of ids, labels instead of type ids, counts
 * computed). Every output format (HTML, PDF, Markdown, CSV, JSON-LD) is built
 * from this one model, so they always agree.
 */
import type { Article, Casefile, Claim, Hop, ReviewComment, SourceCount, Stance } from '../model/schema';
import { sourceCountText } from '../claims/source-count';
import { COMPACT_ABOVE_CLAIMS, type ReportOptions, type ReportScope, type ReportSections } from './options';
import { groupBy, pushTo } from '../lib/collections';
import { isolateBidi } from '../text/bidi';

export interface ReportHop {
  /** Who the claim is attributed to at this step: the source's name, or a description when unnamed. */
  label: string;
  typeId: string;
  typeLabel: string;
  color: string;
  cue: string;
  hedging: string;
  quoteMode: string;
  sourceCount: SourceCount | null;
  anonymityReasonGiven: boolean | null;
  /** Admiralty grade, e.g. "B2", or "". */
  grade: string;
  note: string;
}

export interface ReportReview {
  status: ReviewComment['status'];
  comment: string;
  by: string;
  at: string;
}

export interface ReportClaim {
  id: string;
  /** Short reference used across the report ("C12"). */
  ref: string;
  articleId: string;
  /** The article's reference in this report ("A2"). */
  articleRef: string;
  articleTitle: string;
  outlet: string;
  publishedAt: string;
  quote: string;
  prefix: string;
  suffix: string;
  start: number;
  end: number;
  anchor: Claim['anchor'];
  /** The article's outlet first, then each hop outward. */
  chain: ReportHop[];
  /** One line: "Kyiv Independent → Bloomberg → European officials familiar with the matter". */
  chainText: string;
  rootTypeLabel: string;
  rootTypeColor: string;
  hedged: boolean;
  notes: string;
  review: ReportReview | null;
  createdBy: string;
  createdAt: string;
  modifiedAt: string;
  /** The detector version when the claim began as an accepted proposal; null when it was marked by hand. */
  proposedBy: string | null;
  propositions: { id: string; ref: string; statement: string; stance: Stance }[];
}

export interface ReportMember {
  claim: ReportClaim;
  stance: Stance;
}

export interface ReportProposition {
  id: string;
  /** "P3". */
  ref: string;
  statement: string;
  members: ReportMember[];
  appearances: number;
  /** Independent roots among the supporting claims; null when the computation is not available. */
  independentRoots: number | null;
  /** The supporting roots, as the analyst reads them ("Kupol reports… (via Reuters)"). */
  roots: string[];
  contradictingRoots: number;
  /** The roots of the contradicting (denying) claims. */
  denials: string[];
  /** Plain-language warnings: "one source, echoed 3 times", "circular chain". */
  flags: string[];
  rating: string | null;
  suggestedRating: string | null;
  /** Why the rating is suggested, in one sentence (shared/analysis/rating.ts). */
  suggestionReason: string | null;
  grade: string;
  assessmentNotes: string;
  review: ReportReview | null;
  supports: number;
  contradicts: number;
  mentions: number;
}

export interface MixEntry {
  typeId: string;
  label: string;
  color: string;
  count: number;
}

export interface ReportCopy {
  articleId: string;
  title: string;
  outlet: string;
  similarity: number;
  kind: 'near-duplicate' | 'partial-overlap';
  status: 'open' | 'linked';
}

export interface ReportArticle {
  id: string;
  /** "A2". */
  ref: string;
  title: string;
  outlet: string;
  author: string;
  publishedAt: string;
  url: string;
  language: string;
  fileName: string;
  format: string;
  notes: string;
  textLength: number;
  textHash: string;
  excludedChars: number;
  claimCount: number;
  mix: MixEntry[];
  copies: ReportCopy[];
  createdBy: string;
  createdAt: string;
}

export interface ReportModel {
  title: string;
  casefileId: string;
  casefileTitle: string;
  analyst: string;
  analysts: string[];
  generatedAt: string;
  generator: string;
  scope: ReportScope;
  scopeLabel: string;
  sections: ReportSections;
  /** Claims as table rows rather than cards. */
  compact: boolean;
  counts: { articles: number; claims: number; propositions: number; sources: number; ungrouped: number };
  /** Sourcing types in the taxonomy order, with an "Untagged" entry last when some claims have no chain. */
  legend: MixEntry[];
  articles: ReportArticle[];
  /** Claims in scope, by article then position. */
  claims: ReportClaim[];
  propositions: ReportProposition[];
  ungrouped: ReportClaim[];
  /** The citation graph as inline SVG markup (built and escaped by shared/analysis), or null. */
  graph: ReportGraph | null;
}

export interface ReportGraph {
  svg: string;
  nodes: number;
  /** Sources left out of the picture to keep it readable. */
  omitted: number;
  /** What the picture shows, for formats that draw it themselves (Markdown). */
  sources: ReportGraphSource[];
  links: ReportGraphLink[];
}

export interface ReportGraphSource {
  label: string;
  /** "Outlet", "Person", "Source not named", … */
  kindLabel: string;
  kind: string;
  /** Claims whose chain ends here. */
  rootOf: number;
}

export interface ReportGraphLink {
  /** Indexes into ReportGraph.sources. */
  from: number;
  to: number;
  kind: 'reports' | 'cites';
  claims: number;
  onCycle: boolean;
}

/** What the independence computation (shared/analysis) tells the report about one proposition. */
export interface PropositionIndependence {
  appearances: number;
  independentRoots: number;
  roots: string[];
  contradictingRoots: number;
  denials: string[];
  flags: string[];
  suggestedRating: string | null;
  suggestionReason: string | null;
}

export interface ReportDeps {
  independence?: (casefile: Casefile, propositionIds: string[]) => Map<string, PropositionIndependence>;
  citationGraph?: (casefile: Casefile, claimIds: string[]) => ReportGraph | null;
  /** ISO time the report is generated at; tests pass a fixed one. */
  now?: string;
  generator?: string;
}

export const UNTAGGED: MixEntry = { typeId: '', label: 'Untagged', color: '#BBBBBB', count: 0 };

/** The options that only change the cover: the live preview applies them to a built model instead of rebuilding it. */
export function coverOf(casefile: Casefile, options: Pick<ReportOptions, 'title' | 'analyst'>): Pick<ReportModel, 'title' | 'analyst'> {
  return { title: options.title.trim() || casefile.meta.title, analyst: options.analyst.trim() };
}

export function buildReportModel(casefile: Casefile, options: ReportOptions, deps: ReportDeps = {}): ReportModel {
  const scoped = selectScope(casefile, options.scope);
  const types = new Map(casefile.taxonomy.map((t) => [t.id, t]));
  const reviews = latestReviews(casefile);

  const articleList = scoped.articleIds.map((id) => casefile.articles[id]!).sort(byDateThenTitle);
  const articleRef = new Map(articleList.map((a, i) => [a.id, `A${i + 1}`]));
  const articleOrder = new Map(articleList.map((a, i) => [a.id, i]));

  const claimList = scoped.claimIds.map((id) => casefile.claims[id]!).sort((a, b) =>
    (articleOrder.get(a.articleId) ?? -1) - (articleOrder.get(b.articleId) ?? -1) || a.position.start - b.position.start,
  );
  const claimsByArticle = groupBy(claimList, (c) => c.articleId);
  const copyFlagsByArticle = new Map<string, Casefile['copyFlags'][string][]>();
  for (const f of Object.values(casefile.copyFlags)) {
    for (const id of [f.articleA, f.articleB]) pushTo(copyFlagsByArticle, id, f);
  }
  const claimById = new Map<string, ReportClaim>();
  let claimNo = 0;
  const reportClaim = (claim: Claim): ReportClaim => {
    let rc = claimById.get(claim.id);
    if (!rc) {
      rc = toReportClaim(casefile, claim, `C${++claimNo}`, articleRef.get(claim.articleId) ?? '', types, reviews);
      claimById.set(claim.id, rc);
    }
    return rc;
  };
  const claims = claimList.map(reportClaim);

  const independence = deps.independence?.(casefile, scoped.propositionIds) ?? new Map<string, PropositionIndependence>();
  const propositions = scoped.propositionIds
    .map((id) => casefile.propositions[id]!)
    .map((p) => {
      const members = p.members
        .filter((m) => casefile.claims[m.claimId])
        .map((m) => ({ claim: reportClaim(casefile.claims[m.claimId]!), stance: m.stance }));
      const ind = independence.get(p.id);
      const grade = `${p.assessment.reliability ?? ''}${p.assessment.credibility ?? ''}`;
      const result: ReportProposition = {
        id: p.id, ref: '', statement: p.statement, members,
        appearances: ind?.appearances ?? members.length,
        independentRoots: ind ? ind.independentRoots : null,
        roots: ind?.roots ?? [], contradictingRoots: ind?.contradictingRoots ?? 0, denials: ind?.denials ?? [], flags: ind?.flags ?? [],
        rating: p.assessment.rating, suggestedRating: ind?.suggestedRating ?? null, suggestionReason: ind?.suggestionReason ?? null, grade,
        assessmentNotes: p.assessment.notes, review: reviews.get(`proposition:${p.id}`) ?? null,
        supports: members.filter((m) => m.stance === 'supports').length,
        contradicts: members.filter((m) => m.stance === 'contradicts').length,
        mentions: members.filter((m) => m.stance === 'mentions').length,
      };
      return result;
    })
    .sort((a, b) => b.appearances - a.appearances || a.statement.localeCompare(b.statement));
  propositions.forEach((p, i) => {
    p.ref = `P${i + 1}`;
    for (const m of p.members) m.claim.propositions.push({ id: p.id, ref: p.ref, statement: p.statement, stance: m.stance });
  });

  const articles = articleList.map((a) =>
    toReportArticle(casefile, a, articleRef.get(a.id)!, claimsByArticle.get(a.id) ?? [], copyFlagsByArticle.get(a.id) ?? [], types, articleRef),
  );
  const legend = legendOf(casefile, articles);
  const now = deps.now ?? new Date().toISOString();

  const model: ReportModel = {
    ...coverOf(casefile, options),
    casefileId: casefile.meta.id,
    casefileTitle: casefile.meta.title,
    analysts: casefile.meta.analysts,
    generatedAt: now,
    generator: deps.generator ?? 'Corroborate',
    scope: options.scope,
    scopeLabel: scopeLabel(casefile, options.scope),
    sections: options.sections,
    compact: options.layout === 'compact' || (options.layout === 'auto' && claims.length > COMPACT_ABOVE_CLAIMS),
    counts: {
      articles: articles.length, claims: claims.length, propositions: propositions.length,
      sources: countSources(casefile, claimList), ungrouped: 0,
    },
    legend,
    articles,
    claims,
    propositions,
    ungrouped: [],
    graph: options.sections.graph && deps.citationGraph ? deps.citationGraph(casefile, graphClaimIds(casefile, scoped)) : null,
  };
  model.ungrouped = claims.filter((c) => c.propositions.length === 0);
  model.counts.ungrouped = model.ungrouped.length;
  return model;
}

/** The graph covers the claims in scope and, for context, every member of the propositions shown. */
function graphClaimIds(casefile: Casefile, scoped: Scoped): string[] {
  const ids = new Set(scoped.claimIds);
  for (const id of scoped.propositionIds) for (const m of casefile.propositions[id]!.members) if (casefile.claims[m.claimId]) ids.add(m.claimId);
  return [...ids];
}

interface Scoped {
  articleIds: string[];
  claimIds: string[];
  propositionIds: string[];
}

/** Which articles, claims and propositions a scope covers. */
export function selectScope(casefile: Casefile, scope: ReportScope): Scoped {
  if (scope.kind === 'casefile') {
    return {
      articleIds: Object.keys(casefile.articles),
      claimIds: Object.keys(casefile.claims).filter((id) => casefile.articles[casefile.claims[id]!.articleId]),
      propositionIds: Object.keys(casefile.propositions),
    };
  }
  if (scope.kind === 'propositions') {
    const propositionIds = [...new Set(scope.propositionIds)].filter((id) => casefile.propositions[id]);
    if (!propositionIds.length) throw new ReportScopeError('None of the chosen propositions exist in this casefile.');
    const claimIds = new Set<string>();
    for (const id of propositionIds) {
      for (const m of casefile.propositions[id]!.members) if (casefile.claims[m.claimId]) claimIds.add(m.claimId);
    }
    const articleIds = new Set([...claimIds].map((id) => casefile.claims[id]!.articleId).filter((id) => casefile.articles[id]));
    return { articleIds: [...articleIds], claimIds: [...claimIds], propositionIds };
  }
  const article = casefile.articles[scope.articleId];
  if (!article) throw new ReportScopeError('The chosen article does not exist in this casefile.');
  const claimIds = Object.values(casefile.claims).filter((c) => c.articleId === article.id).map((c) => c.id);
  const own = new Set(claimIds);
  const propositionIds = Object.values(casefile.propositions)
    .filter((p) => p.members.some((m) => own.has(m.claimId)))
    .map((p) => p.id);
  // The other articles behind those propositions are listed too, so the reader can follow every member claim.
  const articleIds = new Set([article.id]);
  for (const id of propositionIds) {
    for (const m of casefile.propositions[id]!.members) {
      const c = casefile.claims[m.claimId];
      if (c && casefile.articles[c.articleId]) articleIds.add(c.articleId);
    }
  }
  return { articleIds: [...articleIds], claimIds, propositionIds };
}

export class ReportScopeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReportScopeError';
  }
}

function scopeLabel(casefile: Casefile, scope: ReportScope): string {
  if (scope.kind === 'casefile') return 'the whole casefile';
  if (scope.kind === 'propositions') {
    const n = scope.propositionIds.filter((id) => casefile.propositions[id]).length;
    return n === 1 ? 'one chosen proposition' : `${n} chosen propositions`;
  }
  const a = casefile.articles[scope.articleId];
  return a ? `one article: “${isolateBidi(a.title)}”` : 'one article';
}

function byDateThenTitle(a: Article, b: Article): number {
  return (a.publishedAt || '9999').localeCompare(b.publishedAt || '9999') || a.title.localeCompare(b.title) || a.id.localeCompare(b.id);
}

function latestReviews(casefile: Casefile): Map<string, ReportReview> {
  const latest = new Map<string, ReportReview>();
  for (const r of Object.values(casefile.reviews)) {
    const key = `${r.target.kind}:${r.target.id}`;
    const current = latest.get(key);
    if (!current || r.at > current.at) latest.set(key, { status: r.status, comment: r.comment, by: r.by, at: r.at });
  }
  return latest;
}

type TypeIndex = Map<string, Casefile['taxonomy'][number]>;

function toReportHop(casefile: Casefile, hop: Hop, types: TypeIndex): ReportHop {
  const type = types.get(hop.typeId);
  const source = hop.sourceId ? casefile.sources[hop.sourceId] : undefined;
  const typeLabel = type?.label ?? hop.typeId;
  return {
    label: source?.name || `unnamed (${typeLabel.toLowerCase()})`,
    typeId: hop.typeId,
    typeLabel,
    color: type?.color ?? UNTAGGED.color,
    cue: hop.cue,
    hedging: hop.hedging,
    quoteMode: hop.quoteMode ?? '',
    sourceCount: hop.sourceCount,
    anonymityReasonGiven: hop.anonymityReasonGiven,
    grade: `${hop.reliability ?? ''}${hop.credibility ?? ''}`,
    note: hop.note,
  };
}

function toReportClaim(casefile: Casefile, claim: Claim, ref: string, articleRef: string, types: TypeIndex, reviews: Map<string, ReportReview>): ReportClaim {
  const article = casefile.articles[claim.articleId];
  const chain = claim.chain.map((h) => toReportHop(casefile, h, types));
  const root = chain[chain.length - 1];
  const outlet = article?.outlet || 'the article';
  return {
    id: claim.id,
    ref,
    articleId: claim.articleId,
    articleRef,
    articleTitle: article?.title ?? '(article missing)',
    outlet: article?.outlet ?? '',
    publishedAt: article?.publishedAt ?? '',
    quote: claim.quote.exact,
    prefix: claim.quote.prefix,
    suffix: claim.quote.suffix,
    start: claim.position.start,
    end: claim.position.end,
    anchor: claim.anchor,
    chain,
    chainText: [outlet, ...chain.map(hopText)].join(' → '),
    rootTypeLabel: root?.typeLabel ?? UNTAGGED.label,
    rootTypeColor: root?.color ?? UNTAGGED.color,
    hedged: chain.some((h) => h.hedging.trim() !== ''),
    notes: claim.notes,
    review: reviews.get(`claim:${claim.id}`) ?? null,
    createdBy: claim.createdBy,
    createdAt: claim.createdAt,
    modifiedAt: claim.modifiedAt ?? claim.createdAt,
    proposedBy: claim.origin?.detector ?? null,
    propositions: [],
  };
}

/** "European officials familiar with the matter (anonymous, 2 sources)". */
function hopText(hop: ReportHop): string {
  const details = [hop.typeLabel.toLowerCase()];
  if (hop.sourceCount !== null) details.push(sourceCountText(hop.sourceCount));
  return hop.label.startsWith('unnamed (') ? hop.label : `${isolateBidi(hop.label)} (${details.map(isolateBidi).join(', ')})`;
}

/** "Kyiv Independent → Bloomberg (outlet citing outlet) → …", each name isolated; "" for a claim not yet traced. */
export function chainText(c: Pick<ReportClaim, 'outlet' | 'chain'>): string {
  return c.chain.length ? [c.outlet ? isolateBidi(c.outlet) : 'the article', ...c.chain.map(hopText)].join(' → ') : '';
}

function toReportArticle(
  casefile: Casefile,
  article: Article,
  ref: string,
  own: Claim[],
  flags: Casefile['copyFlags'][string][],
  types: TypeIndex,
  refs: Map<string, string>,
): ReportArticle {
  const counts = new Map<string, number>();
  for (const c of own) {
    const root = c.chain[c.chain.length - 1];
    const key = root ? root.typeId : '';
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const mix: MixEntry[] = [];
  for (const t of casefile.taxonomy) {
    const n = counts.get(t.id);
    if (n) mix.push({ typeId: t.id, label: t.label, color: t.color, count: n });
  }
  for (const [typeId, n] of counts) {
    if (typeId && !types.has(typeId)) mix.push({ typeId, label: typeId, color: UNTAGGED.color, count: n });
  }
  if (counts.get('')) mix.push({ ...UNTAGGED, count: counts.get('')! });

  const copies: ReportCopy[] = [];
  for (const f of flags) {
    if (f.status === 'dismissed') continue;
    const other = casefile.articles[f.articleA === article.id ? f.articleB : f.articleA];
    if (!other) continue;
    copies.push({ articleId: other.id, title: other.title, outlet: other.outlet, similarity: f.similarity, kind: f.kind, status: f.status });
  }
  copies.sort((a, b) => (refs.get(a.articleId) ?? a.title).localeCompare(refs.get(b.articleId) ?? b.title, 'en', { numeric: true }));

  return {
    id: article.id,
    ref,
    title: article.title,
    outlet: article.outlet,
    author: article.author,
    publishedAt: article.publishedAt,
    url: article.url,
    language: article.language,
    fileName: article.origin.fileName,
    format: article.origin.format,
    notes: article.notes,
    textLength: article.text.length,
    textHash: article.textHash,
    excludedChars: article.excluded.reduce((n, r) => n + Math.max(0, r.end - r.start), 0),
    claimCount: own.length,
    mix,
    copies,
    createdBy: article.createdBy,
    createdAt: article.createdAt,
  };
}

function legendOf(casefile: Casefile, articles: ReportArticle[]): MixEntry[] {
  const totals = new Map<string, MixEntry>();
  for (const a of articles) {
    for (const m of a.mix) {
      const t = totals.get(m.typeId);
      if (t) t.count += m.count;
      else totals.set(m.typeId, { ...m });
    }
  }
  const order = new Map(casefile.taxonomy.map((t, i) => [t.id, i]));
  return [...totals.values()].sort((a, b) => (order.get(a.typeId) ?? 1e9) - (order.get(b.typeId) ?? 1e9));
}

function countSources(casefile: Casefile, claims: Claim[]): number {
  const ids = new Set<string>();
  for (const c of claims) for (const h of c.chain) if (h.sourceId && casefile.sources[h.sourceId]) ids.add(h.sourceId);
  return ids.size;
}

/** Reference of an article by id, for cross-links ("A2"). */
export function articleRefs(model: ReportModel): Map<string, ReportArticle> {
  return new Map(model.articles.map((a) => [a.id, a]));
}
