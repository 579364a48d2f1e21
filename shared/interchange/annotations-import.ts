/**
 * Annotations brought in from other tools, placed on the open casefile's
 * articles as claims.
 *
 * - Which article: the one whose web address is the annotation's target
 *   source (or, for this app's own export, whose id its IRI names); else the
 *   articles whose text holds the quote.
 * - Where: the same anchoring as edited text (shared/anchoring): exact,
 *   moved (placed on similar or ambiguous text, flagged for review) or
 *   orphaned (a matching article but no place: kept as an orphaned claim).
 *   An annotation with no matching article at all is listed, never dropped
 *   silently.
 * - Tags become the claim's sourcing type or stay as tags (a line in its
 *   notes), as the analyst's mapping says; comments become notes.
 * - The annotation's author and dates become the claim's provenance.
 */
import { anchorClaim, createSelectors, type AnchorResult } from '../anchoring';
import type { Command, SingleCommand } from '../commands/commands';
import type { AnchorStatus, Article, Casefile, Claim, Hop, SourcingType } from '../model/schema';
import { recordOf } from '../model/ids';
import { webAddress } from '../report/jsonld';
import { typeNamed } from '../taxonomy/named';
import type { IncomingAnnotation } from './annotations-read';

/** What one tag becomes: the root sourcing type of the claim, a tag kept in its notes, or nothing. */
export type TagChoice = { kind: 'type'; typeId: string } | { kind: 'tag' } | { kind: 'ignore' };
/** Tag → choice; a Map, so a tag called "__proto__" or "constructor" is just a tag. */
export type TagMapping = ReadonlyMap<string, TagChoice>;

/** Line of an imported claim's notes that keeps its tags. */
export const TAGS_LINE = 'Tags: ';

/** Every tag of the annotations with how many annotations carry it, most used first. */
export function tagCounts(annotations: readonly IncomingAnnotation[]): { tag: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const a of annotations) for (const t of a.tags) counts.set(t, (counts.get(t) ?? 0) + 1);
  return [...counts].map(([tag, count]) => ({ tag, count })).sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag));
}

/** The mapping the dialog proposes: a tag that names a sourcing type becomes it, any other stays a tag. */
export function proposeMapping(annotations: readonly IncomingAnnotation[], taxonomy: readonly SourcingType[]): Map<string, TagChoice> {
  const mapping = new Map<string, TagChoice>();
  for (const { tag } of tagCounts(annotations)) {
    const type = typeNamed(tag, taxonomy);
    mapping.set(tag, type ? { kind: 'type', typeId: type.id } : { kind: 'tag' });
  }
  return mapping;
}

export interface PlacedAnnotation {
  ref: string;
  claimId: string;
  articleId: string;
  status: AnchorStatus;
}

export interface UnplacedAnnotation {
  ref: string;
  quote: string;
  source: string | null;
  reason: string;
}

export interface AnnotationImportPlan {
  /** One batch: undone in one step. Null when nothing is to be added. */
  command: Command | null;
  placed: PlacedAnnotation[];
  /** No article of the casefile matches: not imported, listed for the analyst. */
  unplaced: UnplacedAnnotation[];
  /** The same article and span as a claim of the casefile or an earlier annotation of the file: not added twice. */
  duplicates: string[];
  counts: { exact: number; moved: number; orphaned: number; unplaced: number; duplicates: number };
}

export interface ImportContext {
  /** Importing analyst and time: provenance for annotations that carry none. */
  analyst: string;
  now: string;
  newId: (prefix: string) => string;
}

/** Web addresses compared without fragment, case of scheme and host, or a trailing slash. */
function addressKey(address: string): string | null {
  const normal = webAddress(address);
  if (!normal) return null;
  const u = new URL(normal);
  u.hash = '';
  return u.href.replace(/\/$/, '');
}

/** This app's export names articles without a web address urn:corroborate:<casefile>:article:<id>. */
function ownArticleId(source: string): string | null {
  const m = /^urn:corroborate:[^:]*:article:([^:]+)$/.exec(source);
  if (!m) return null;
  try {
    return decodeURIComponent(m[1]!);
  } catch {
    return null;
  }
}

class ArticleFinder {
  private readonly byAddress = new Map<string, Article[]>();
  constructor(private readonly casefile: Casefile) {
    for (const article of Object.values(casefile.articles)) {
      const key = addressKey(article.url);
      if (!key) continue;
      const list = this.byAddress.get(key);
      if (list) list.push(article);
      else this.byAddress.set(key, [article]);
    }
  }
  /** The articles the annotation's source names. */
  bySource(source: string | null): Article[] {
    if (!source) return [];
    const own = ownArticleId(source);
    if (own) {
      const article = recordOf(this.casefile.articles, own);
      return article ? [article] : [];
    }
    const key = addressKey(source);
    return key ? this.byAddress.get(key) ?? [] : [];
  }
  /** The articles whose text holds the quote word for word. */
  byQuote(exact: string): Article[] {
    if (!exact) return [];
    return Object.values(this.casefile.articles).filter((a) => a.text.includes(exact));
  }
}

const RANK: Record<AnchorStatus, number> = { exact: 2, moved: 1, orphaned: 0 };

interface Placement {
  article: Article;
  result: AnchorResult;
}

function spanKey(articleId: string, start: number, end: number): string {
  return `${articleId}\u0000${start}\u0000${end}`;
}

/**
 * The best place among the candidate articles. Two copies of one text give
 * equal places: the first not already taken by an earlier annotation (or a
 * claim of the casefile) wins, so two annotations of the same words on the
 * two copies land one on each.
 */
function bestPlace(annotation: IncomingAnnotation, candidates: readonly Article[], taken: ReadonlySet<string>): Placement | null {
  const placements: Placement[] = [];
  for (const article of candidates) {
    placements.push({ article, result: placeOn(annotation, article) });
  }
  if (!placements.length) return null;
  placements.sort((a, b) => RANK[b.result.status] - RANK[a.result.status] || b.result.score - a.result.score);
  const best = placements[0]!;
  const equal = placements.filter((p) => RANK[p.result.status] === RANK[best.result.status] && p.result.score === best.result.score);
  return equal.find((p) => !taken.has(spanKey(p.article.id, p.result.start, p.result.end))) ?? best;
}

/** Anchors the annotation on one article: by quote (with the position as a hint), or by position alone when it has no quote. */
function placeOn(annotation: IncomingAnnotation, article: Article): AnchorResult {
  const { quote, position } = annotation;
  const hint = position ?? { start: 0, end: 0 };
  if (!quote) {
    const fits = position && position.end <= article.text.length;
    // A position with no quote cannot be checked: placed, but for the analyst to review.
    return fits ? { status: 'moved', start: position.start, end: position.end, score: 0.5 } : { status: 'orphaned', start: hint.start, end: hint.end, score: 0 };
  }
  return anchorClaim(
    {
      quote: { type: 'TextQuoteSelector', exact: quote.exact, prefix: quote.prefix.slice(-1_000), suffix: quote.suffix.slice(0, 1_000) },
      position: { type: 'TextPositionSelector', start: hint.start, end: hint.end },
      // No text of ours was hashed when it was made: the position is only a hint.
      textHash: '',
    },
    article.text,
    article.textHash,
  );
}

/** The chain and notes of the claim an annotation becomes, by the tag mapping. */
function claimContent(annotation: IncomingAnnotation, casefile: Casefile, mapping: TagMapping, newId: ImportContext['newId']): { chain: Hop[]; notes: string } {
  const typeIds: string[] = [];
  const classified = annotation.classifiedAs !== null ? typeNamed(annotation.classifiedAs, casefile.taxonomy) : undefined;
  if (classified) typeIds.push(classified.id);
  const kept: string[] = [];
  for (const tag of annotation.tags) {
    const choice = mapping.get(tag) ?? { kind: 'tag' };
    if (choice.kind === 'type' && casefile.taxonomy.some((t) => t.id === choice.typeId)) typeIds.push(choice.typeId);
    else if (choice.kind !== 'ignore') kept.push(tag);
  }
  // One root type per claim: further type tags stay as tags, so nothing is lost.
  const [root, ...others] = [...new Set(typeIds)];
  for (const id of others) kept.push(casefile.taxonomy.find((t) => t.id === id)!.label);
  const chain: Hop[] = root
    ? [{ id: newId('hop'), sourceId: null, typeId: root, cue: '', hedging: '', quoteMode: null, sourceCount: null, anonymityReasonGiven: null, reliability: null, credibility: null, note: '' }]
    : [];
  const notes = [...annotation.comments, ...(kept.length ? [`${TAGS_LINE}${kept.join(', ')}`] : [])].join('\n\n').slice(0, 200_000);
  return { chain, notes };
}

/** Selectors of an orphan: its own quote, and a position kept inside the article (the casefile requires it). */
function orphanAnchor(annotation: IncomingAnnotation, article: Article): Pick<Claim, 'quote' | 'position'> {
  const length = article.text.length;
  const wanted = annotation.position ?? { start: 0, end: annotation.quote?.exact.length ?? 1 };
  const start = Math.min(wanted.start, Math.max(0, length - 1));
  const end = Math.min(Math.max(wanted.end, start + 1), length);
  const quote = annotation.quote;
  return {
    quote: quote
      ? { type: 'TextQuoteSelector', exact: quote.exact, prefix: quote.prefix.slice(-1_000), suffix: quote.suffix.slice(0, 1_000) }
      : createSelectors(article.text, start, end).quote,
    position: { type: 'TextPositionSelector', start, end },
  };
}

function provenance(annotation: IncomingAnnotation, context: ImportContext): Pick<Claim, 'createdBy' | 'createdAt' | 'modifiedBy' | 'modifiedAt'> {
  const createdBy = annotation.creator.trim().slice(0, 20_000) || context.analyst;
  const createdAt = annotation.created ?? context.now;
  const changed = annotation.modified && annotation.modified !== createdAt;
  return { createdBy, createdAt, ...(changed ? { modifiedBy: createdBy, modifiedAt: annotation.modified! } : {}) };
}

/**
 * Places every annotation and makes the batch of `claim.import` commands that
 * adds them (applied through applyCommand like any change; one undo step).
 */
export function planAnnotationImport(casefile: Casefile, annotations: readonly IncomingAnnotation[], mapping: TagMapping, context: ImportContext, label = 'Import annotations'): AnnotationImportPlan {
  const finder = new ArticleFinder(casefile);
  const taken = new Set(Object.values(casefile.claims).map((c) => spanKey(c.articleId, c.position.start, c.position.end)));
  const commands: SingleCommand[] = [];
  const placed: PlacedAnnotation[] = [];
  const unplaced: UnplacedAnnotation[] = [];
  const duplicates: string[] = [];

  for (const annotation of annotations) {
    const named = finder.bySource(annotation.source);
    let place = bestPlace(annotation, named, taken);
    if (!place || place.result.status === 'orphaned') {
      const elsewhere = bestPlace(annotation, finder.byQuote(annotation.quote?.exact ?? '').filter((a) => !named.includes(a)), taken);
      if (elsewhere && elsewhere.result.status !== 'orphaned') place = elsewhere;
    }
    if (!place) {
      unplaced.push({
        ref: annotation.ref, quote: annotation.quote?.exact ?? '', source: annotation.source,
        reason: annotation.source ? 'no article of the casefile has this address or these words' : 'no article of the casefile has these words',
      });
      continue;
    }
    const { article, result } = place;
    const key = spanKey(article.id, result.start, result.end);
    if (result.status !== 'orphaned' && taken.has(key)) {
      duplicates.push(annotation.ref);
      continue;
    }
    taken.add(key);
    const id = context.newId('claim');
    const anchored = result.status === 'orphaned' ? orphanAnchor(annotation, article) : createSelectors(article.text, result.start, result.end);
    const { chain, notes } = claimContent(annotation, casefile, mapping, context.newId);
    const made = provenance(annotation, context);
    const claim: Claim = {
      id, articleId: article.id, ...anchored, textHash: article.textHash, anchor: result.status, chain, notes, ...made,
      ...(chain.length ? { chainProvenance: { createdBy: made.createdBy, createdAt: made.createdAt } } : {}),
    };
    commands.push({ type: 'claim.import', claim });
    placed.push({ ref: annotation.ref, claimId: id, articleId: article.id, status: result.status });
  }

  const count = (status: AnchorStatus) => placed.filter((p) => p.status === status).length;
  return {
    command: commands.length ? { type: 'batch', label, commands } : null,
    placed, unplaced, duplicates,
    counts: { exact: count('exact'), moved: count('moved'), orphaned: count('orphaned'), unplaced: unplaced.length, duplicates: duplicates.length },
  };
}
