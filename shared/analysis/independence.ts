/**
 * Independent corroboration: for each proposition, how many of its
 * appearances go back to different root sources.
 *
 * A member claim's root is the source of the last hop of its attribution
 * chain; a last hop with no named source (or an untagged claim) is a root of
 * its own. Members count once when:
 * - their roots are the same registry entry, or entries the analyst declared
 *   the same (transitively), or same-named entries not declared distinct;
 * - one member's chain ends at a source that another member's chain passes
 *   through (a relay: "Reuters reported" echoes Reuters' own sources);
 * - they are the same passage in articles linked as copies of one text.
 */
import { foldText, words } from '../claims/tokens';
import type { Casefile, Claim, Proposition, Stance } from '../model/schema';
import { DisjointSet } from './disjoint-set';
import { copyGroups, nameKey, outletSources, sourceIdentity, type SourceIdentity } from './identity';
import { pathCycles } from './cycles';
import { groupBy, memoize, mostCommon, pushTo } from '../lib/collections';
import { jsonEqual } from '../lib/equal';
import { changedIds, changesBetween, touches, type Changes } from '../commands/changes';
import { isolateBidi } from '../text/bidi';
import { recordOf } from '../model/ids';
import { rootTypeId } from '../model/casefile';
import { suggestRating, type SuggestedAssessment } from './rating';

export type StanceCounts = Record<Stance, number>;

export type { SuggestedAssessment } from './rating';

/** One independent root of a proposition: one or more root sources that count as one. */
export interface IndependentRoot {
  /** Stable while the members do not change: "s:<source id>" for a registry source, "c:<claim id>" for an unnamed root. */
  key: string;
  /** The root source(s) as the analyst reads them, e.g. "European officials familiar with the matter". */
  label: string;
  /** Registry entries at the root of the members' chains (several when judged or named the same). */
  sourceIds: string[];
  /** Outlets or sources that relayed this root in some member's chain ("Reuters"). */
  via: string[];
  /** The member claims that go back to this root. */
  claimIds: string[];
  /** Sourcing type of the root hop (the most common among its claims), or null when untagged. */
  rootTypeId: string | null;
  stanceCounts: StanceCounts;
}

export type IndependenceFlagKind = 'single-root' | 'single-article' | 'circular' | 'untagged' | 'judgement-conflict';

export interface IndependenceFlag {
  kind: IndependenceFlagKind;
  /** A sentence for the analyst and for reports, e.g. "one source, echoed 3 times". */
  message: string;
}

export interface PropositionIndependence {
  propositionId: string;
  /** Member claims that exist in the casefile, whatever their stance. */
  appearances: number;
  /** Independent roots among the supporting members: the corroboration figure. */
  independentRoots: number;
  /** Independent roots among the contradicting (denying) members. */
  contradictingRoots: number;
  /** All roots of all members, most supporting claims first. */
  roots: IndependentRoot[];
  /** Exactly one independent root supports the proposition. */
  singleRoot: boolean;
  /** Every member comes from one article (or copies of it). */
  singleArticle: boolean;
  /** Members whose attribution is circular (A cites B cites A), within a chain or across members. */
  circularClaimIds: string[];
  /** Each circle, as labels: ["The Times", "Reuters", "The Times"]. */
  cycles: string[][];
  suggestion: SuggestedAssessment;
  /** Why, in one sentence: what weighed in the recorded sourcing (rating.ts). */
  suggestionReason: string;
  /** `suggestion` as a label of the casefile's assessment scale when it has a matching one. */
  suggestedRating: string;
  stanceCounts: StanceCounts;
  flags: IndependenceFlag[];
}

/** What every proposition's computation shares: built once per casefile (kept across edits that leave its inputs alone). */
export interface IndependenceContext {
  casefile: Casefile;
  identity: SourceIdentity;
  copyGroupOf: (articleId: string) => string;
  outletSourceOf: (articleId: string) => string | undefined;
  typeLabels: Map<string, string>;
  /** Node keys of registry sources ("s:" and the identity group's representative), made once per source. */
  sourceKeys: Map<string, string>;
  /** Names of registry sources ('' for an id not in the registry), read once per source. */
  sourceNames: Map<string, string>;
  /** Node keys of articles' outlets, by article id. */
  outletKeys: Map<string, string>;
}

export function independenceContext(casefile: Casefile): IndependenceContext {
  const outletOf = outletSources(casefile);
  const outletCache = new Map<string, string | undefined>();
  return {
    casefile,
    identity: sourceIdentity(casefile),
    copyGroupOf: copyGroups(casefile),
    outletSourceOf: (articleId) => {
      if (!outletCache.has(articleId)) {
        const article = casefile.articles[articleId];
        outletCache.set(articleId, article ? outletOf(article) : undefined);
      }
      return outletCache.get(articleId);
    },
    typeLabels: new Map(casefile.taxonomy.map((t) => [t.id, t.label])),
    sourceKeys: new Map(),
    sourceNames: new Map(),
    outletKeys: new Map(),
  };
}

/** The casefile fields every proposition's result may read besides its own members: a change computes everything again. */
const WIDE_INPUTS = ['taxonomy', 'assessmentScale'] as const;
/**
 * Fields read through the members' sources and articles: a change computes
 * again the propositions whose members read what it changed.
 */
const SHARED_INPUTS = ['sources', 'rootJudgements', 'articles', 'copyFlags'] as const;

interface Computed {
  casefile: Casefile;
  ctx: IndependenceContext;
  results: Map<string, PropositionIndependence>;
  /**
   * Proposition ids by member claim id, to find the propositions an edited claim belongs to:
   * made by the first update (a full computation does not need it; 40,000 entries cost about 20 ms).
   */
  propositionsOf: Map<string, string[]> | null;
}

const cache = new WeakMap<Casefile, Computed>();

/** The last computation for the whole casefile: the next revision updates it from the changes between them. */
let last: Computed | null = null;

/**
 * Independence of every proposition (or of `propositionIds`), by proposition
 * id. Results for the whole casefile are kept per casefile object (every
 * change makes a new one); for a casefile that descends from the last one
 * computed (shared/commands/changes.ts), only the propositions the changes
 * touched (themselves or their member claims) are computed again.
 */
export function computeIndependence(casefile: Casefile, propositionIds?: readonly string[]): Map<string, PropositionIndependence> {
  if (!propositionIds) {
    let computed = cache.get(casefile);
    if (!computed) {
      computed = (last && updated(last, casefile)) ?? computeAll(casefile);
      cache.set(casefile, computed);
      last = computed;
    }
    return computed.results;
  }
  const cached = cache.get(casefile);
  const ctx = cached ? null : independenceContext(casefile);
  const out = new Map<string, PropositionIndependence>();
  for (const id of propositionIds) {
    const p = recordOf(casefile.propositions, id);
    if (p) out.set(id, cached?.results.get(id) ?? propositionIndependence(ctx!, p));
  }
  return out;
}

function computeAll(casefile: Casefile): Computed {
  const ctx = independenceContext(casefile);
  const results = new Map<string, PropositionIndependence>();
  for (const p of Object.values(casefile.propositions)) results.set(p.id, propositionIndependence(ctx, p));
  return { casefile, ctx, results, propositionsOf: null };
}

function membershipIndex(casefile: Casefile): Map<string, string[]> {
  const propositionsOf = new Map<string, string[]>();
  for (const p of Object.values(casefile.propositions)) for (const m of p.members) pushTo(propositionsOf, m.claimId, p.id);
  return propositionsOf;
}

/** `previous` brought up to `casefile` by recomputing what changed; null when that is not possible or not cheaper. */
function updated(previous: Computed, casefile: Casefile): Computed | null {
  const changes = changesBetween(previous.casefile, casefile);
  if (!changes || touches(changes, WIDE_INPUTS)) return null;
  if (['claims', 'propositions', ...SHARED_INPUTS].some((f) => changes.fields.has(f as keyof Casefile))) return null;
  const shared = sharedInputsChanged(previous.casefile, casefile, changes);
  const ctx = shared ? independenceContext(casefile) : { ...previous.ctx, casefile };
  const changedClaims = new Set(changedIds(changes, 'claims'));
  const changedPropositions = changedIds(changes, 'propositions');
  if (!shared && changedClaims.size + changedPropositions.size === 0) return { ...previous, casefile, ctx };

  const index = (previous.propositionsOf ??= membershipIndex(previous.casefile));
  if (shared) {
    const reading = membersReadingChanges(previous.ctx, ctx, shared, index.keys());
    if (!reading) return null;
    for (const id of reading) changedClaims.add(id);
  }
  const affected = new Set(changedPropositions);
  for (const claimId of changedClaims) for (const id of index.get(claimId) ?? []) affected.add(id);
  const propositionsOf = changedPropositions.size ? new Map(index) : index;
  for (const id of changedPropositions) {
    const before = recordOf(previous.casefile.propositions, id);
    const now = recordOf(casefile.propositions, id);
    for (const m of before?.members ?? []) removeFrom(propositionsOf, m.claimId, id);
    for (const m of now?.members ?? []) propositionsOf.set(m.claimId, [...(propositionsOf.get(m.claimId) ?? []), id]);
  }

  const results = new Map(previous.results);
  for (const id of affected) {
    const p = recordOf(casefile.propositions, id);
    if (p) results.set(id, propositionIndependence(ctx, p));
    else results.delete(id);
  }
  return { casefile, ctx, results, propositionsOf };
}

/** What changed among the shared inputs that results read; null when nothing they read did. */
interface SharedChanges {
  /** Sources added, removed, or with another name, kind or aliases. */
  sources: Set<string>;
  /** Articles added, removed, or with another outlet or title. */
  articles: Set<string>;
}

function sharedInputsChanged(before: Casefile, after: Casefile, changes: Changes): SharedChanges | null {
  const sources = changedWhere(before.sources, after.sources, changedIds(changes, 'sources'),
    (was, now) => was.name !== now.name || was.kind !== now.kind || !jsonEqual(was.aliases, now.aliases));
  const articles = changedWhere(before.articles, after.articles, changedIds(changes, 'articles'),
    (was, now) => was.outlet !== now.outlet || was.title !== now.title);
  const any = sources.size > 0 || articles.size > 0 || touches(changes, ['rootJudgements', 'copyFlags']);
  return any ? { sources, articles } : null;
}

/** Of the records `ids` of a collection: those added, removed, or `differ` between `before` and `after`. */
function changedWhere<T>(before: Record<string, T>, after: Record<string, T>, ids: ReadonlySet<string>, differ: (was: T, now: T) => boolean): Set<string> {
  const changed = new Set<string>();
  for (const id of ids) {
    const was = recordOf(before, id);
    const now = recordOf(after, id);
    if (!was || !now || differ(was, now)) changed.add(id);
  }
  return changed;
}

/**
 * After shared inputs changed (`before` and `after` built on either side of
 * the change): the member claims, of `memberIds`, whose results may read
 * differently. A claim reads a source through each hop (its name, kind and
 * identity group, and the name of the group's representative), and its
 * article: outlet (and the source it maps to), title and group of copies.
 * Null when the contradicted judgements changed, or a source they name:
 * their flags can reach any proposition, so everything is computed again.
 */
function membersReadingChanges(before: IndependenceContext, after: IndependenceContext, changed: SharedChanges, memberIds: Iterable<string>): Set<string> | null {
  if (!sameConflicts(before.identity.conflicts, after.identity.conflicts)) return null;
  if (after.identity.conflicts.some((c) => changed.sources.has(c.sourceA) || changed.sources.has(c.sourceB))) return null;
  const sourceTouched = memoize((sourceId: string) => {
    const was = before.identity.canonical(sourceId);
    const now = after.identity.canonical(sourceId);
    return was !== now || changed.sources.has(sourceId) || changed.sources.has(was) || changed.sources.has(now);
  });
  const articleTouched = memoize((articleId: string) =>
    changed.articles.has(articleId)
    || before.copyGroupOf(articleId) !== after.copyGroupOf(articleId)
    || outletKey(before, articleId) !== outletKey(after, articleId));
  const reading = new Set<string>();
  for (const id of memberIds) {
    const claim = recordOf(after.casefile.claims, id);
    if (claim && (articleTouched(claim.articleId) || claim.chain.some((hop) => hop.sourceId !== null && sourceTouched(hop.sourceId)))) reading.add(id);
  }
  return reading;
}

function sameConflicts(a: SourceIdentity['conflicts'], b: SourceIdentity['conflicts']): boolean {
  return a.length === b.length && a.every((c, i) => c.sourceA === b[i]!.sourceA && c.sourceB === b[i]!.sourceB);
}

/** Removes one `value` from the list under `key`, copying the list (lists may be shared with an earlier result). */
function removeFrom(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (!list) return;
  const rest = list.filter((v) => v !== value);
  if (rest.length) map.set(key, rest);
  else map.delete(key);
}

export interface MemberTrace {
  claim: Claim;
  stance: Stance;
  /** Node keys from the article's outlet outward; the last is the root. */
  path: string[];
  root: string;
  /** The claim's id (for pathCycles) and its article's group of copies. */
  id: string;
  copyGroup: string;
}

/** The node key of an article's outlet: its registry entry when there is one. */
export function outletKey(ctx: IndependenceContext, articleId: string): string {
  let key = ctx.outletKeys.get(articleId);
  if (key === undefined) {
    const sourceId = ctx.outletSourceOf(articleId);
    key = sourceId ? sourceKey(ctx, sourceId) : `o:${nameKey(ctx.casefile.articles[articleId]?.outlet ?? '') || articleId}`;
    ctx.outletKeys.set(articleId, key);
  }
  return key;
}

function sourceKey(ctx: IndependenceContext, sourceId: string): string {
  let key = ctx.sourceKeys.get(sourceId);
  if (key === undefined) ctx.sourceKeys.set(sourceId, (key = `s:${ctx.identity.canonical(sourceId)}`));
  return key;
}

/** Node keys of a claim's attribution path: outlet, then each hop; an unnamed hop is a node of its own. */
export function attributionPath(ctx: IndependenceContext, claim: Claim): string[] {
  const path = [outletKey(ctx, claim.articleId)];
  const { chain } = claim;
  for (let i = 0; i < chain.length; i++) {
    const sourceId = chain[i]!.sourceId;
    path.push(sourceId ? sourceKey(ctx, sourceId) : i === chain.length - 1 ? `c:${claim.id}` : `h:${claim.id}:${i}`);
  }
  if (!claim.chain.length) path.push(`c:${claim.id}`);
  return path;
}

export function propositionIndependence(ctx: IndependenceContext, proposition: Proposition): PropositionIndependence {
  const { casefile } = ctx;
  const traces: MemberTrace[] = [];
  for (const m of proposition.members) {
    const claim = casefile.claims[m.claimId];
    if (!claim) continue;
    const path = attributionPath(ctx, claim);
    traces.push({ claim, stance: m.stance, path, root: path[path.length - 1]!, id: claim.id, copyGroup: ctx.copyGroupOf(claim.articleId) });
  }

  const groups = new DisjointSet();
  const relayed = joinRelays(traces, groups);
  joinCopies(traces, groups);

  const roots = collectRoots(ctx, traces, groups, relayed);
  const stanceCounts = countStances(traces);
  let independentRoots = 0;
  let contradictingRoots = 0;
  for (const r of roots) {
    if (r.stanceCounts.supports > 0) independentRoots++;
    if (r.stanceCounts.contradicts > 0) contradictingRoots++;
  }
  const { circularClaimIds, cycles } = circularity(ctx, traces);
  const singleArticle = traces.length > 0 && traces.every((t) => t.copyGroup === traces[0]!.copyGroup);
  const { suggestion, reason } = suggestRating(casefile, roots);

  const result: PropositionIndependence = {
    propositionId: proposition.id,
    appearances: traces.length,
    independentRoots,
    contradictingRoots,
    roots,
    singleRoot: independentRoots === 1,
    singleArticle,
    circularClaimIds,
    cycles,
    suggestion,
    suggestionReason: reason,
    suggestedRating: scaleLabel(casefile.assessmentScale, suggestion),
    stanceCounts,
    flags: [],
  };
  result.flags = flagsOf(ctx, result, traces);
  return result;
}

/**
 * A member whose chain ends where another member's chain passes through
 * (its article's outlet or an inner hop) echoes that member's root. Joins
 * it with the first such root only: a relay adds no root of its own, and
 * must not fuse the different roots the relayed outlet itself cites.
 */
function joinRelays(traces: MemberTrace[], groups: DisjointSet): Set<string> {
  const relayed = new Set<string>();
  const onwardOf = traces.length <= SMALL ? (root: string) => firstThrough(traces, root) : throughMap(traces);
  for (const t of traces) {
    const onward = onwardOf(t.root);
    if (onward !== undefined && onward !== t.root) {
      groups.union(t.root, onward);
      relayed.add(t.root);
    }
  }
  return relayed;
}

/** Up to this many members, scanning their paths is cheaper than building maps. */
const SMALL = 24;

/** Each node a member's path passes through (before its root) → the root of the first such member. */
function throughMap(traces: readonly MemberTrace[]): (key: string) => string | undefined {
  const throughTo = new Map<string, string>();
  for (const t of traces) {
    for (let i = 0; i < t.path.length - 1; i++) {
      const key = t.path[i]!;
      if (key !== t.root && !throughTo.has(key)) throughTo.set(key, t.root);
    }
  }
  return (key) => throughTo.get(key);
}

/** What `throughMap` gives for `key`, found by scanning. */
export function firstThrough(traces: readonly MemberTrace[], key: string): string | undefined {
  for (const t of traces) {
    if (key === t.root) continue;
    for (let i = 0; i < t.path.length - 1; i++) if (t.path[i] === key) return t.root;
  }
  return undefined;
}

/** The same passage in two articles linked as copies is one appearance of one root. */
function joinCopies(traces: MemberTrace[], groups: DisjointSet): void {
  // Unions give the same sets in any order (the smallest key represents a set): small propositions need no grouping map.
  const lists = traces.length <= SMALL ? [traces] : groupBy(traces, (t) => t.copyGroup).values();
  for (const list of lists) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i]!;
        const b = list[j]!;
        if (a.copyGroup === b.copyGroup && a.claim.articleId !== b.claim.articleId && samePassage(a.claim, b.claim)) groups.union(a.root, b.root);
      }
    }
  }
}

/** Quotes sharing most of their words (Jaccard ≥ 0.5): the analyst marked the same passage in both copies. */
export function samePassage(a: Claim, b: Claim): boolean {
  const wa = new Set(words(a.quote.exact));
  const wb = new Set(words(b.quote.exact));
  if (!wa.size || !wb.size) return foldText(a.quote.exact).trim() === foldText(b.quote.exact).trim();
  let shared = 0;
  for (const w of wa) if (wb.has(w)) shared++;
  return shared / (wa.size + wb.size - shared) >= 0.5;
}

function collectRoots(ctx: IndependenceContext, traces: MemberTrace[], groups: DisjointSet, relayed: Set<string>): IndependentRoot[] {
  const roots: IndependentRoot[] = [];
  for (const [key, members] of groupsOf(traces, groups)) {
    if (members.length === 1) {
      roots.push(singleClaimRoot(ctx, key, members[0]!));
      continue;
    }
    const own = relayed.size ? members.filter((t) => !relayed.has(t.root)) : members;
    const labelled = own.length ? own : members;
    const sourceIds = unique(labelled.map((t) => t.claim.chain[t.claim.chain.length - 1]?.sourceId).filter((s): s is string => !!s));
    const via = relayed.size ? unique(members.filter((t) => relayed.has(t.root)).map((t) => rootLabel(ctx, t))) : [];
    roots.push({
      key,
      label: unique(labelled.map((t) => rootLabel(ctx, t))).join(' = '),
      sourceIds,
      via: via.filter((v) => !sourceIds.some((s) => ctx.casefile.sources[s]?.name === v)),
      claimIds: members.map((t) => t.claim.id),
      rootTypeId: mostCommon(labelled.map((t) => rootTypeId(t.claim))),
      stanceCounts: countStances(members),
    });
  }
  return roots.sort((a, b) => b.stanceCounts.supports - a.stanceCounts.supports || b.claimIds.length - a.claimIds.length || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
}

/**
 * What collectRoots makes of a group of one member (nearly every root), without the lists it needs for several.
 * A relayed root is joined with the root it relays, a member's, so a group of one relays nothing.
 */
function singleClaimRoot(ctx: IndependenceContext, key: string, t: MemberTrace): IndependentRoot {
  const sourceId = t.claim.chain[t.claim.chain.length - 1]?.sourceId;
  return {
    key,
    label: rootLabel(ctx, t),
    sourceIds: sourceId ? [sourceId] : [],
    via: [],
    claimIds: [t.claim.id],
    rootTypeId: rootTypeId(t.claim),
    stanceCounts: countStances([t]),
  };
}

/** Members by their group's representative, in order of first appearance (groupBy, without a map for a few members). */
function groupsOf(traces: readonly MemberTrace[], groups: DisjointSet): [string, MemberTrace[]][] | Map<string, MemberTrace[]> {
  if (traces.length > SMALL) return groupBy(traces, (t) => groups.find(t.root));
  const out: [string, MemberTrace[]][] = [];
  for (const t of traces) {
    const key = groups.find(t.root);
    const group = out.find((g) => g[0] === key);
    if (group) group[1].push(t);
    else out.push([key, [t]]);
  }
  return out;
}

/** The root as its own chain names it (not the identity group's representative). */
function rootLabel(ctx: IndependenceContext, t: MemberTrace): string {
  const sourceId = t.claim.chain[t.claim.chain.length - 1]?.sourceId;
  return (sourceId && sourceName(ctx, sourceId)) || keyLabel(ctx, t.root, t.claim);
}

function sourceName(ctx: IndependenceContext, sourceId: string): string {
  let name = ctx.sourceNames.get(sourceId);
  if (name === undefined) ctx.sourceNames.set(sourceId, (name = recordOf(ctx.casefile.sources, sourceId)?.name ?? ''));
  return name;
}

/** How a node key reads: a source's name, an outlet's name, or the type of an unnamed hop and where it appears. */
export function keyLabel(ctx: IndependenceContext, key: string, claim?: Claim): string {
  const { casefile } = ctx;
  if (key.startsWith('s:')) return recordOf(casefile.sources, key.slice(2))?.name ?? 'Unknown source';
  if (key.startsWith('o:')) return (claim && casefile.articles[claim.articleId]?.outlet) || key.slice(2);
  const claimId = key.split(':')[1]!;
  const owner = recordOf(casefile.claims, claimId) ?? claim;
  const outlet = owner ? casefile.articles[owner.articleId]?.outlet || 'its article' : 'its article';
  const hopIndex = key.startsWith('h:') ? Number(key.split(':')[2]) : (owner?.chain.length ?? 0) - 1;
  const typeId = owner?.chain[hopIndex]?.typeId;
  const type = typeId ? ctx.typeLabels.get(typeId) ?? typeId : null;
  return type ? `${type}, not named (${outlet})` : `Not tagged yet (${outlet})`;
}

function circularity(ctx: IndependenceContext, traces: MemberTrace[]): { circularClaimIds: string[]; cycles: string[][] } {
  const found = pathCycles(traces);
  if (!found.cycles.length) return { circularClaimIds: found.claimIds, cycles: [] };
  const claimById = new Map(traces.map((t) => [t.claim.id, t.claim]));
  return {
    circularClaimIds: found.claimIds,
    cycles: found.cycles.map((c) => c.keys.map((k) => keyLabel(ctx, k, claimById.get(c.claimIds[0]!)))),
  };
}

/** The casefile's own label for a suggestion (matched by name), or the suggestion itself. */
export function scaleLabel(scale: readonly string[], suggestion: SuggestedAssessment): string {
  let labels = scaleLabels.get(scale);
  if (!labels) scaleLabels.set(scale, (labels = new Map()));
  let label = labels.get(suggestion);
  if (label === undefined) {
    const want = nameKey(suggestion);
    labels.set(suggestion, (label = scale.find((l) => nameKey(l) === want) ?? suggestion));
  }
  return label;
}

/** Labels found per assessment scale (the scale is replaced, never changed, when the analyst edits it). */
const scaleLabels = new WeakMap<readonly string[], Map<SuggestedAssessment, string>>();

function flagsOf(ctx: IndependenceContext, r: PropositionIndependence, traces: MemberTrace[]): IndependenceFlag[] {
  const flags: IndependenceFlag[] = [];
  const supporting = r.stanceCounts.supports;
  if (r.singleRoot && supporting > 1) flags.push({ kind: 'single-root', message: `one source, echoed ${supporting} times` });
  else if (r.singleRoot) flags.push({ kind: 'single-root', message: 'one source, one appearance' });
  if (r.singleArticle) {
    const title = ctx.casefile.articles[traces[0]!.claim.articleId]?.title ?? 'one article';
    flags.push({ kind: 'single-article', message: `all claims come from one article (${isolateBidi(title)})` });
  }
  for (const cycle of r.cycles) flags.push({ kind: 'circular', message: `circular attribution: ${cycle.map(isolateBidi).join(' → ')}` });
  const untagged = traces.filter((t) => !t.claim.chain.length).length;
  if (untagged) flags.push({ kind: 'untagged', message: `${untagged} claim${untagged === 1 ? '' : 's'} not tagged yet: each counts as a root of its own` });
  for (const c of ctx.identity.conflicts) {
    if (r.roots.some((root) => root.sourceIds.includes(c.sourceA) || root.sourceIds.includes(c.sourceB))) {
      const name = (id: string) => ctx.casefile.sources[id]?.name ?? id;
      flags.push({ kind: 'judgement-conflict', message: `${isolateBidi(name(c.sourceA))} and ${isolateBidi(name(c.sourceB))} are declared distinct, but other judgements make them the same` });
    }
  }
  return flags;
}

function countStances(traces: readonly { stance: Stance }[]): StanceCounts {
  const counts: StanceCounts = { supports: 0, contradicts: 0, mentions: 0 };
  for (const t of traces) counts[t.stance]++;
  return counts;
}

function unique<T>(list: readonly T[]): T[] {
  if (list.length > SMALL) return [...new Set(list)];
  const out: T[] = [];
  for (const x of list) if (!out.includes(x)) out.push(x);
  return out;
}

