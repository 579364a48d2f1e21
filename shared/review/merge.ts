/**
 * Turns the differences an analyst accepted into one batch command on my
 * casefile (one undo step). What comes from their file keeps its provenance:
 * who annotated it and when (claim.import, proposition.import, source.import,
 * review.set carry it as it is).
 */
import { createSelectors } from '../anchoring/index';
import type { CommandOf, SingleCommand } from '../commands/commands';
import type { Casefile, Claim, Hop, Proposition, ReviewComment, Source, SourcingType } from '../model/schema';
import { sameSource, sourceNames } from './chains';
import { DIFFERENCE_KINDS, type Comparison, type Difference, type DifferenceKind } from './types';
import { pushTo } from '../lib/collections';
import { plural } from '../text/wording';
import { recordOf } from '../model/ids';
import { describeLastChange, lastAuthor, type Authorship } from './authorship';

export interface MergeSummary {
  /** Differences carried out, by kind. */
  byKind: Record<DifferenceKind, number>;
  applied: number;
  createdPropositions: number;
  importedSources: number;
  addedTypes: number;
  /** Accepted keys that were not carried out, and why. */
  skipped: { key: string; reason: string }[];
  /** The summary in plain sentences. */
  lines: string[];
}

export interface MergePlan {
  /** null when nothing is to change. */
  command: CommandOf<'batch'> | null;
  summary: MergeSummary;
}

type MakeId = (prefix: string) => string;

export function planMerge(mine: Casefile, theirs: Casefile, comparison: Comparison, acceptKeys: readonly string[], makeId: MakeId): MergePlan {
  const byKey = new Map(comparison.differences.map((d) => [d.key, d]));
  const planner = new Planner(mine, theirs, comparison, makeId);
  const skipped: MergeSummary['skipped'] = [];
  const byKind = Object.fromEntries(DIFFERENCE_KINDS.map((k) => [k, 0])) as Record<DifferenceKind, number>;
  const acceptedList: Difference[] = [];
  for (const key of new Set(acceptKeys)) {
    const d = byKey.get(key);
    if (!d) skipped.push({ key, reason: 'no longer differs' });
    else if (!d.mergeable) skipped.push({ key, reason: 'cannot be merged: it has no place in my text' });
    else {
      planner.accept(d);
      byKind[d.kind]++;
      acceptedList.push(d);
    }
  }
  const commands = planner.commands();
  const applied = Object.values(byKind).reduce((s, n) => s + n, 0);
  const summary: MergeSummary = {
    byKind, applied, skipped,
    createdPropositions: planner.createdPropositions.size,
    importedSources: planner.importedSources.size,
    addedTypes: planner.addedTypes.size,
    lines: [],
  };
  summary.lines = summaryLines(summary, acceptedList);
  const label = `Merge ${applied} change${applied === 1 ? '' : 's'} from ${colleagueName(comparison)}`;
  return { command: commands.length ? { type: 'batch', label, commands } : null, summary };
}

/**
 * Whose file it is, for labels: the analysts it lists that mine does not (a
 * colleague's copy of my casefile lists me too), else its title. Who made
 * each change is told per record (authorship.ts), never from this.
 */
export function colleagueName(comparison: Comparison): string {
  return comparison.colleague.newAnalysts.join(', ') || comparison.colleague.title || 'their casefile';
}

class Planner {
  readonly claimUpserts = new Map<string, Claim>();
  readonly removals = new Set<string>();
  readonly propositionUpserts = new Map<string, Proposition>();
  readonly reviews: ReviewComment[] = [];
  readonly createdPropositions = new Map<string, string>();
  readonly importedSources = new Map<string, Source>();
  readonly addedTypes = new Map<string, SourcingType>();
  private readonly sourceMap = new Map<string, string>();
  private readonly myPropOfTheirs: Map<string, string>;
  private readonly placements: Map<string, Comparison['placements'][number]>;
  private readonly takenIds = new Set<string>();
  private mySourcesByName: Map<string, string> | null = null;
  private theirMembershipIndex: Map<string, { p: Proposition; member: Proposition['members'][number] }[]> | null = null;

  constructor(
    private readonly mine: Casefile,
    private readonly theirs: Casefile,
    comparison: Comparison,
    private readonly makeId: MakeId,
  ) {
    this.myPropOfTheirs = new Map(comparison.propositionPairs.map((p) => [p.theirPropositionId, p.myPropositionId]));
    this.placements = new Map(comparison.placements.map((p) => [p.theirClaimId, p]));
  }

  accept(d: Difference): void {
    switch (d.kind) {
      case 'claim-only-theirs': return this.importClaim(d.theirClaimId!);
      case 'claim-only-mine': return void this.removals.add(d.myClaimId!);
      case 'sourcing-type':
      case 'chain': return this.takeChain(d);
      case 'notes': return this.takeNotes(d);
      case 'proposition-membership': return this.takeMembership(d);
      case 'stance': return this.takeStance(d);
      case 'assessment': return this.takeAssessment(d);
      case 'review': return this.takeReview(d);
      case 'orphan': return;
    }
  }

  commands(): SingleCommand[] {
    const out: SingleCommand[] = [];
    if (this.addedTypes.size) out.push({ type: 'taxonomy.set', types: [...this.mine.taxonomy, ...this.addedTypes.values()] });
    for (const source of this.importedSources.values()) out.push({ type: 'source.import', source });
    for (const claim of this.claimUpserts.values()) out.push({ type: 'claim.import', claim });
    for (const proposition of this.propositionUpserts.values()) out.push({ type: 'proposition.import', proposition });
    for (const review of this.reviews) out.push({ type: 'review.set', review });
    for (const claimId of this.removals) out.push({ type: 'claim.remove', claimId });
    return out;
  }

  private importClaim(theirClaimId: string): void {
    const t = this.theirs.claims[theirClaimId]!;
    const placed = this.placements.get(theirClaimId)!;
    const article = this.mine.articles[placed.articleId!]!;
    const id = this.freeId(t.id, this.mine.claims, 'c');
    const { quote, position } = createSelectors(article.text, placed.start, placed.end);
    this.claimUpserts.set(id, {
      ...t, id, articleId: article.id, quote, position, textHash: article.textHash,
      anchor: placed.status === 'moved' ? 'moved' : 'exact', chain: this.mapChain(t.chain),
    });
    // The claim comes with its place in their propositions.
    for (const { p, member } of this.theirMemberships().get(t.id) ?? []) {
      this.propositionFor(p).members.push({ ...member, claimId: id });
    }
  }

  private takeChain(d: Difference): void {
    const t = this.theirs.claims[d.theirClaimId!]!;
    const claim = this.myClaim(d.myClaimId!);
    claim.chain = this.mapChain(t.chain);
    claim.chainProvenance = t.chainProvenance ?? { createdBy: t.createdBy, createdAt: t.createdAt, modifiedBy: t.modifiedBy, modifiedAt: t.modifiedAt };
    stampFrom(claim, t);
  }

  private takeNotes(d: Difference): void {
    const t = this.theirs.claims[d.theirClaimId!]!;
    const claim = this.myClaim(d.myClaimId!);
    claim.notes = t.notes;
    stampFrom(claim, t);
  }

  private takeMembership(d: Difference): void {
    const myClaimId = d.myClaimId!;
    const theirP = d.theirPropositionId ? recordOf(this.theirs.propositions, d.theirPropositionId) : undefined;
    const theirMember = theirP?.members.find((m) => m.claimId === d.theirClaimId);
    if (theirMember) {
      const p = d.myPropositionId ? this.myProposition(d.myPropositionId) : this.propositionFor(theirP!);
      if (!p.members.some((m) => m.claimId === myClaimId)) p.members.push({ ...theirMember, claimId: myClaimId });
      stampFrom(p, theirP!);
    } else if (d.myPropositionId) {
      const p = this.myProposition(d.myPropositionId);
      p.members = p.members.filter((m) => m.claimId !== myClaimId);
      if (theirP) stampFrom(p, theirP);
    }
  }

  private takeStance(d: Difference): void {
    const theirP = this.theirs.propositions[d.theirPropositionId!]!;
    const theirMember = theirP.members.find((m) => m.claimId === d.theirClaimId)!;
    const p = this.myProposition(d.myPropositionId!);
    const member = p.members.find((m) => m.claimId === d.myClaimId)!;
    Object.assign(member, { ...theirMember, claimId: member.claimId });
    stampFrom(p, theirP);
  }

  private takeAssessment(d: Difference): void {
    const tp = this.theirs.propositions[d.theirPropositionId!]!;
    const p = this.myProposition(d.myPropositionId!);
    p.assessment = { ...tp.assessment };
    stampFrom(p, tp);
  }

  private takeReview(d: Difference): void {
    const r = this.theirs.reviews[d.theirReviewId!]!;
    const target = r.target.kind === 'claim' ? { kind: 'claim' as const, id: d.myClaimId! } : { kind: 'proposition' as const, id: d.myPropositionId! };
    this.reviews.push({ ...r, id: this.freeId(r.id, this.mine.reviews, 'rv'), target });
  }

  /** A working copy of my claim, changed by later accepts too. */
  private myClaim(id: string): Claim {
    let claim = this.claimUpserts.get(id);
    if (!claim) {
      const c = this.mine.claims[id]!;
      claim = { ...c, chain: c.chain.map((h) => ({ ...h })) };
      this.claimUpserts.set(id, claim);
    }
    return claim;
  }

  private myProposition(id: string): Proposition {
    let p = this.propositionUpserts.get(id);
    if (!p) {
      const mp = this.mine.propositions[id]!;
      p = { ...mp, members: mp.members.map((m) => ({ ...m })), assessment: { ...mp.assessment } };
      this.propositionUpserts.set(id, p);
    }
    return p;
  }

  /** My counterpart of their proposition, created from theirs (with its provenance) when I have none. */
  private propositionFor(theirP: Proposition): Proposition {
    const mineId = this.myPropOfTheirs.get(theirP.id) ?? this.createdPropositions.get(theirP.id);
    if (mineId) return this.myProposition(mineId);
    const id = this.freeId(theirP.id, this.mine.propositions, 'p');
    const p: Proposition = { ...theirP, id, members: [], assessment: { ...theirP.assessment } };
    this.createdPropositions.set(theirP.id, id);
    this.propositionUpserts.set(id, p);
    return p;
  }

  private mapChain(chain: readonly Hop[]): Hop[] {
    return chain.map((h) => {
      this.needType(h.typeId);
      return { ...h, sourceId: h.sourceId === null ? null : this.mapSource(h.sourceId) };
    });
  }

  private needType(typeId: string): void {
    if (this.mine.taxonomy.some((t) => t.id === typeId) || this.addedTypes.has(typeId)) return;
    const theirs = this.theirs.taxonomy.find((t) => t.id === typeId);
    this.addedTypes.set(typeId, theirs ?? { id: typeId, label: typeId, color: '#999999', description: '', hidden: false });
  }

  /** My source for theirs: the same by name or alias, else theirs imported. */
  private mapSource(theirSourceId: string): string {
    const known = this.sourceMap.get(theirSourceId);
    if (known) return known;
    const s = this.theirs.sources[theirSourceId]!;
    const sameId = recordOf(this.mine.sources, s.id);
    let id = sameId && sameSource(sameId, s) ? s.id : undefined;
    if (!id) {
      for (const name of sourceNames(s)) {
        id = this.sourcesByName().get(name);
        if (id) break;
      }
    }
    if (!id) {
      id = this.freeId(s.id, this.mine.sources, 's');
      this.importedSources.set(id, { ...s, id });
    }
    this.sourceMap.set(theirSourceId, id);
    return id;
  }

  private theirMemberships() {
    if (!this.theirMembershipIndex) {
      this.theirMembershipIndex = new Map();
      for (const p of Object.values(this.theirs.propositions)) {
        for (const member of p.members) pushTo(this.theirMembershipIndex, member.claimId, { p, member });
      }
    }
    return this.theirMembershipIndex;
  }

  private sourcesByName(): Map<string, string> {
    if (!this.mySourcesByName) {
      this.mySourcesByName = new Map();
      for (const s of Object.values(this.mine.sources)) {
        for (const name of sourceNames(s)) if (!this.mySourcesByName.has(name)) this.mySourcesByName.set(name, s.id);
      }
    }
    return this.mySourcesByName;
  }

  /** Their id when it is free in my casefile, else a new one. */
  private freeId(preferred: string, existing: Record<string, unknown>, prefix: string): string {
    const id = Object.hasOwn(existing, preferred) || this.takenIds.has(preferred) ? this.makeId(prefix) : preferred;
    this.takenIds.add(id);
    return id;
  }
}

function stampFrom(target: { modifiedBy?: string; modifiedAt?: string }, from: { createdBy: string; createdAt: string; modifiedBy?: string; modifiedAt?: string }): void {
  target.modifiedBy = from.modifiedBy ?? from.createdBy;
  target.modifiedAt = from.modifiedAt ?? from.createdAt;
}

function summaryLines(s: MergeSummary, accepted: readonly Difference[]): string[] {
  const k = s.byKind;
  const lines: string[] = [];
  const credit = (...kinds: DifferenceKind[]) => creditText(accepted.filter((d) => kinds.includes(d.kind)));
  if (k['claim-only-theirs']) lines.push(`${plural(k['claim-only-theirs'], 'claim', 'claims')} added from theirs, with their sourcing${credit('claim-only-theirs')}`);
  if (k['claim-only-mine']) lines.push(`${plural(k['claim-only-mine'], 'claim', 'claims')} of mine removed`);
  const chains = k['sourcing-type'] + k.chain;
  if (chains) lines.push(`${plural(chains, 'attribution chain', 'attribution chains')} replaced by theirs, ${k['sourcing-type']} with another sourcing type${credit('sourcing-type', 'chain')}`);
  if (k['proposition-membership']) lines.push(`${plural(k['proposition-membership'], 'proposition membership', 'proposition memberships')} changed${credit('proposition-membership')}`);
  if (k.stance) lines.push(`${plural(k.stance, 'stance', 'stances')} changed${credit('stance')}`);
  if (k.assessment) lines.push(`${plural(k.assessment, 'assessment', 'assessments')} taken from theirs${credit('assessment')}`);
  if (k.notes) lines.push(`${plural(k.notes, 'note', 'notes')} taken from theirs${credit('notes')}`);
  if (k.review) lines.push(`${plural(k.review, 'review comment', 'review comments')} added${credit('review')}`);
  if (s.createdPropositions) lines.push(`${plural(s.createdPropositions, 'proposition', 'propositions')} created from theirs`);
  if (s.importedSources) lines.push(`${plural(s.importedSources, 'source', 'sources')} added to the registry`);
  if (s.addedTypes) lines.push(`${plural(s.addedTypes, 'sourcing type', 'sourcing types')} added`);
  if (s.skipped.length) lines.push(`${plural(s.skipped.length, 'accepted difference', 'accepted differences')} left as they were (no longer different, or no place in my text)`);
  if (!lines.length) lines.push('Nothing to merge.');
  return lines;
}

/**
 * Whose work came in, from each record's own authorship: " (stance changed by
 * Bo Li, 3 Dec 14:02)" for one, " (by Bo Li ×2, Ann Ek)" for several.
 */
function creditText(list: readonly Difference[]): string {
  const authored = list.map((d) => d.theirsBy).filter((a): a is Authorship => a !== null);
  if (!authored.length) return '';
  if (authored.length === 1) return ` (${describeLastChange(authored[0]!)})`;
  const counts = new Map<string, number>();
  for (const a of authored) {
    const { by } = lastAuthor(a);
    counts.set(by, (counts.get(by) ?? 0) + 1);
  }
  return ` (by ${[...counts].map(([by, n]) => (n > 1 ? `${by} ×${n}` : by)).join(', ')})`;
}
