/**
 * Proposals of the attribution assistant, in the casefile's own terms: from an
 * article's attributions (detectAttributions), the claims the analyst may
 * accept: span and selectors, the casefile's sourcing type, hedging, number of
 * sources and the chain from the article outward, each hop matched to the
 * source registry (exactly, never fuzzily) or proposed as a new source.
 *
 * Proposals are derived data: never saved, rebuilt whenever the article, its
 * claims, the registry or the rejections change.
 */
import { sourceKey } from '../claims/source-match';
import { parseSourceCount } from '../claims/source-count';
import { newClaimCommand } from '../claims/new-claim';
import { newHop } from '../claims/chain';
import type { CommandOf, SingleCommand } from '../commands/commands';
import type { Article, Casefile, Hop, SourceCount, SourceKind as RegistryKind, SourcingType } from '../model/schema';
import { recordOf } from '../model/ids';
import { DEFAULT_TAXONOMY } from '../model/taxonomy';
import { typeNamed } from '../taxonomy/named';
import { textHash } from '../text/hash';
import { shorten } from '../text/wording';
import { splitSentences } from './text';
import { registryKind, registryOf, type Registry } from './registry-match';
import type { Attribution, ChainHop, Span } from './types';

/** One hop of a proposed chain, from the article outward. */
export interface ProposedHop {
  /** The name as the article gives it (the antecedent, for "he" or "the spokesperson"). */
  name: string;
  kind: RegistryKind;
  /** The registry's source of exactly this name or alias; null: a new source would be created. */
  sourceId: string | null;
  /** The casefile's sourcing type of this hop; null when the casefile has no such type. */
  typeId: string | null;
}

export interface Proposal {
  /** Stable: derived from the article id and the text first proposed (see proposalId). */
  id: string;
  articleId: string;
  start: number;
  end: number;
  /** The proposed claim's text. */
  text: string;
  /** The lexical anchor as written ("said", "according to"). */
  cue: string;
  /** The casefile's sourcing type of the root; null when the casefile has no type for it. */
  typeId: string | null;
  hedging: string | null;
  /** The number of sources as written ("two", "at least four"). */
  count: string | null;
  hops: ProposedHop[];
  /** Which hop the cue introduces (the source the sentence names). */
  cueHop: number;
  /** 0–1: how sure the detector is; see CONFIDENT. */
  confidence: number;
}

/** Proposals at or above this confidence are taken by "Accept all confident". */
export const CONFIDENT = 0.75;

export function isConfident(proposal: Proposal): boolean {
  return proposal.confidence >= CONFIDENT && proposal.typeId !== null;
}

/** The id of a proposal of `text` in article `articleId`: the same text in the same article always has the same id. */
export function proposalId(articleId: string, text: string): string {
  return `prop_${textHash(`${articleId}\n${text}`).slice(0, 24)}`;
}

type CasefileView = Pick<Casefile, 'articles' | 'claims' | 'sources' | 'taxonomy' | 'rejectedProposals'>;

/**
 * The proposals for an article from its attributions, in reading order:
 * one per span; none that overlaps a claim, touches page chrome or was rejected.
 */
export function buildProposals(casefile: CasefileView, articleId: string, attributions: readonly Attribution[]): Proposal[] {
  const article = recordOf(casefile.articles, articleId);
  if (!article) return [];
  const registry = registryOf(casefile.sources);
  const types = typeMapper(casefile.taxonomy);
  const rejected = casefile.rejectedProposals;
  const bySpan = new Map<string, Proposal>();
  for (const { attribution, span } of candidates(casefile, article, attributions)) {
    const proposal = toProposal(article, attribution, span, registry, types);
    if (rejected && recordOf(rejected, proposal.id)) continue;
    const key = `${span.start}:${span.end}`;
    const rival = bySpan.get(key);
    if (!rival || better(proposal, rival)) bySpan.set(key, proposal);
  }
  return [...bySpan.values()].sort((a, b) => a.start - b.start || a.end - b.end);
}

/**
 * How many proposals buildProposals would return, without building them (no
 * registry look-ups; ids are computed only when the article has rejections):
 * for the counts of thousands of articles.
 */
export function countProposals(casefile: CasefileView, articleId: string, attributions: readonly Attribution[]): number {
  const article = recordOf(casefile.articles, articleId);
  if (!article) return 0;
  const rejected = casefile.rejectedProposals ?? {};
  const rejections = Object.values(rejected).some((r) => r.articleId === articleId);
  const spans = new Set<string>();
  for (const { span } of candidates(casefile, article, attributions)) {
    if (rejections && recordOf(rejected, proposalId(articleId, article.text.slice(span.start, span.end)))) continue;
    spans.add(`${span.start}:${span.end}`);
  }
  return spans.size;
}

/** The attributions whose claim span overlaps no claim and no page chrome, with that span. */
function candidates(casefile: CasefileView, article: Article, attributions: readonly Attribution[]): { attribution: Attribution; span: Span }[] {
  const taken = claimedSpans(casefile, article);
  const sentences = lazySentences(article.text);
  const out: { attribution: Attribution; span: Span }[] = [];
  for (const attribution of attributions) {
    const span = claimSpan(article.text, attribution, sentences);
    if (span && !overlapsAny(span, taken) && !overlapsAny(span, article.excluded)) out.push({ attribution, span });
  }
  return out;
}

/** Of two attributions of the same span, the surer one; the longer chain when equally sure. */
function better(a: Proposal, b: Proposal): boolean {
  return a.confidence !== b.confidence ? a.confidence > b.confidence : a.hops.length > b.hops.length;
}

function toProposal(article: Article, a: Attribution, span: Span, registry: Registry, types: (id: string) => string | null): Proposal {
  const text = article.text.slice(span.start, span.end);
  const rootType = types(a.type);
  const hops = chainFromArticle(article, a.chain).map((hop, i, all): ProposedHop => ({
    name: hop.name,
    kind: registryKind(hop.kind),
    sourceId: registry.exactly(hop.name)?.id ?? null,
    typeId: i === all.length - 1 ? rootType : relayType(hop, rootType, types),
  }));
  const sourceSpan = a.resolvedSource ?? a.source;
  const named = sourceSpan ? hops.findIndex((h) => sourceKey(h.name) === sourceKey(article.text.slice(sourceSpan.start, sourceSpan.end))) : -1;
  return {
    id: proposalId(article.id, text),
    articleId: article.id,
    start: span.start,
    end: span.end,
    text,
    cue: article.text.slice(a.cue.start, a.cue.end),
    typeId: rootType,
    hedging: a.hedging,
    count: a.count,
    hops,
    cueHop: named >= 0 ? named : Math.max(0, hops.length - 1),
    confidence: confidenceOf(a, rootType, hops.length),
  };
}

/** The detector's chain without a first hop that is the article's own outlet ("told Reuters" in a Reuters article). */
function chainFromArticle(article: Article, chain: readonly ChainHop[]): ChainHop[] {
  const own = sourceKey(article.outlet);
  const named = chain.filter((h) => sourceKey(h.name) !== '');
  return own && named.length > 1 && sourceKey(named[0]!.name) === own ? named.slice(1) : named;
}

/** The type of a hop that passes the claim on: an outlet relays, a document is a document; anything else is typed like the root. */
function relayType(hop: ChainHop, rootType: string | null, types: (id: string) => string | null): string | null {
  if (hop.kind === 'outlet') return types('outlet-citing-outlet') ?? rootType;
  if (hop.kind === 'document') return types('document') ?? rootType;
  return rootType;
}

const PATTERN_CONFIDENCE: Record<Attribution['pattern'], number> = {
  'according-to': 0.9,
  'subject-verb': 0.85,
  'content-first': 0.85,
  inverted: 0.8,
  parenthetical: 0.75,
  coordinated: 0.7,
  participle: 0.7,
  passive: 0.7,
  headline: 0.6,
};

const PRONOUN = /^(?:he|she|they|it|we|i)$/i;

/** How sure the proposal is: by the pattern that found it, less for what the detector could not settle. */
function confidenceOf(a: Attribution, typeId: string | null, hops: number): number {
  if (typeId === null) return 0;
  let c = PATTERN_CONFIDENCE[a.pattern] ?? 0.6;
  if (!a.content) c -= 0.2;
  if (!hops && a.type !== 'unattributed') c -= 0.15;
  if (a.source && !a.resolvedSource && a.chain.length === 0) c -= 0.1;
  if (a.chain.some((h) => PRONOUN.test(h.name.trim()))) c -= 0.2;
  if (a.content && a.content.end - a.content.start > 700) c -= 0.1;
  return Math.max(0, Math.min(1, Math.round(c * 100) / 100));
}

/**
 * The casefile's type for one of the detector's type ids: the type with that
 * id, else the type named like the default type of that id ("Anonymous"),
 * else none. Never a type the casefile does not have.
 */
function typeMapper(taxonomy: readonly SourcingType[]): (detectorType: string) => string | null {
  return (detectorType) => {
    if (taxonomy.some((t) => t.id === detectorType)) return detectorType;
    const label = DEFAULT_TAXONOMY.find((t) => t.id === detectorType)?.label;
    if (!label) return null;
    return typeNamed(label, taxonomy)?.id ?? null;
  };
}

/** The claim span: the attributed content, else the sentence of the cue; trimmed of white space. */
function claimSpan(text: string, a: Attribution, sentences: () => Span[]): Span | null {
  const raw = a.content ?? sentences().find((s) => s.start <= a.cue.start && a.cue.start < s.end) ?? null;
  if (!raw) return null;
  let { start, end } = raw;
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return end > start ? { start, end } : null;
}

function lazySentences(text: string): () => Span[] {
  let sentences: Span[] | null = null;
  return () => (sentences ??= splitSentences(text));
}

/** Spans of the article's claims placed on its current text (orphans have no place). */
function claimedSpans(casefile: CasefileView, article: Article): Span[] {
  const spans: Span[] = [];
  for (const claim of Object.values(casefile.claims)) {
    if (claim.articleId === article.id && claim.anchor !== 'orphaned' && claim.textHash === article.textHash) spans.push(claim.position);
  }
  return spans;
}

function overlapsAny(span: Span, ranges: readonly Span[]): boolean {
  return ranges.some((r) => r.start < span.end && r.end > span.start);
}

/** The proposal over another span of its article (the analyst widened, narrowed or reselected it); it keeps its id. */
export function withSpan(article: Article, proposal: Proposal, start: number, end: number): Proposal | null {
  let s = Math.max(0, Math.min(start, end));
  let e = Math.min(article.text.length, Math.max(start, end));
  while (s < e && /\s/.test(article.text[s]!)) s++;
  while (e > s && /\s/.test(article.text[e - 1]!)) e--;
  if (e <= s || overlapsAny({ start: s, end: e }, article.excluded)) return null;
  return { ...proposal, start: s, end: e, text: article.text.slice(s, e) };
}

/**
 * The span with one edge moved by a word: `edge` 'end' and +1 takes in the
 * next word, -1 gives back the last one; 'start' and -1 takes in the word
 * before, +1 gives back the first one. Never shorter than one word.
 */
export function moveSpanEdge(text: string, span: Span, edge: 'start' | 'end', delta: 1 | -1): Span {
  const WORD = /\S+/g;
  const words: Span[] = [];
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) words.push({ start: m.index, end: m.index + m[0].length });
  if (edge === 'end') {
    if (delta > 0) {
      const next = words.find((w) => w.end > span.end);
      return next ? { start: span.start, end: next.end } : span;
    }
    const inside = words.filter((w) => w.start >= span.start && w.end < span.end);
    const last = inside[inside.length - 1];
    return last ? { start: span.start, end: last.end } : span;
  }
  if (delta < 0) {
    const before = words.filter((w) => w.start < span.start);
    const prev = before[before.length - 1];
    return prev ? { start: prev.start, end: span.end } : span;
  }
  const second = words.find((w) => w.start > span.start && w.start < span.end);
  return second ? { start: second.start, end: span.end } : span;
}

/** The number of sources a hop records, from the words the article uses; null when they are not a count the format holds. */
function sourceCountOf(count: string | null): SourceCount | null {
  return count ? parseSourceCount(count) ?? null : null;
}

export interface Accepting {
  proposal: Proposal;
  claimId: string;
}

/**
 * The one undoable step that accepts proposals: a new source for each hop the
 * registry does not hold (one per name, shared across the proposals), then
 * each claim with its chain and its origin (the detector version).
 */
export function acceptProposalsCommand(
  casefile: Pick<Casefile, 'articles' | 'sources'>, accepting: readonly Accepting[], detector: string, newId: (prefix: string) => string,
): CommandOf<'batch'> {
  const registry = registryOf(casefile.sources);
  const created = new Map<string, string>();
  const commands: SingleCommand[] = [];
  const sourceFor = (hop: ProposedHop): string => {
    if (hop.sourceId && recordOf(casefile.sources, hop.sourceId)) return hop.sourceId;
    const existing = registry.exactly(hop.name);
    if (existing) return existing.id;
    const key = sourceKey(hop.name);
    let id = created.get(key);
    if (!id) {
      id = newId('src');
      created.set(key, id);
      commands.push({ type: 'source.add', source: { id, name: hop.name.trim(), kind: hop.kind, role: '', affiliation: '', aliases: [], notes: '' } });
    }
    return id;
  };
  for (const { proposal, claimId } of accepting) {
    const article = recordOf(casefile.articles, proposal.articleId);
    if (!article) continue;
    const add = newClaimCommand(article, proposal.start, proposal.end, claimId);
    add.claim.chain = proposedChain(proposal, sourceFor, newId);
    add.claim.origin = { kind: 'proposal', detector };
    commands.push(add);
  }
  const label = accepting.length === 1
    ? `Accept proposal “${shorten(accepting[0]!.proposal.text, 40)}”`
    : `Accept ${accepting.length} proposals`;
  return { type: 'batch', label, commands };
}

function proposedChain(proposal: Proposal, sourceFor: (hop: ProposedHop) => string, newId: (prefix: string) => string): Hop[] {
  if (proposal.typeId === null) return [];
  const last = proposal.hops.length - 1;
  const chain = proposal.hops.map((hop, i): Hop => {
    const h = newHop(newId('hop'), hop.typeId ?? proposal.typeId!, sourceFor(hop));
    if (i === proposal.cueHop) h.cue = proposal.cue;
    if (i === last) {
      h.hedging = proposal.hedging ?? '';
      h.sourceCount = sourceCountOf(proposal.count);
      if (proposal.count && h.sourceCount === null) h.note = `Number of sources as written: ${proposal.count}`;
    }
    return h;
  });
  // A root with no source named ("stated as fact") still gets its type.
  if (!chain.length) chain.push({ ...newHop(newId('hop'), proposal.typeId), cue: proposal.cue, hedging: proposal.hedging ?? '' });
  return chain;
}

/** Remembers a rejected proposal: the same text in the same article is not proposed again. */
export function rejectProposalCommand(proposal: Proposal): CommandOf<'proposal.reject'> {
  return { type: 'proposal.reject', rejection: { id: proposal.id, articleId: proposal.articleId, text: proposal.text.slice(0, 200_000) } };
}
