/**
 * Every difference between my casefile and theirs, as a flat list an analyst
 * steps through: claims only one of us marked, matched claims sourced
 * differently, different proposition membership or stance, assessments,
 * notes, their review comments, and their claims that found no place on my text.
 */
import { rootTypeId } from '../model/casefile';
import type { Assessment, Casefile, Claim, Proposition, PropositionMember, ReviewComment } from '../model/schema';
import { chainDifferences, describeChain } from './chains';
import type { ArticleMatching } from './match-articles';
import { DIFFERENCE_KINDS, type ClaimPair, type Difference, type DifferenceKind, type Placement, type PropositionPair } from './types';
import { pushTo } from '../lib/collections';
import { recordOf } from '../model/ids';
import type { RecordLists } from './lists';
import {
  assessmentAuthorship, chainAuthorship, claimAuthorship, commentAuthorship, memberAuthorship, propositionAuthorship,
} from './authorship';

export interface DifferenceInput {
  mine: Casefile;
  theirs: Casefile;
  lists: { mine: RecordLists; theirs: RecordLists };
  articles: ArticleMatching;
  placements: Map<string, Placement>;
  pairs: ClaimPair[];
  /** Their claim id → mine, of `pairs`. */
  theirToMy: Map<string, string>;
  propositionPairs: PropositionPair[];
}

export function findDifferences(input: DifferenceInput): Difference[] {
  const ctx = new Context(input);
  const out: Difference[] = [];
  out.push(...unmatchedClaims(ctx));
  for (const pair of input.pairs) pairDifferences(ctx, pair, out);
  out.push(...assessmentDifferences(ctx));
  out.push(...reviewDifferences(ctx));
  return sortDifferences(input.mine, out);
}

/** Lookups shared by the difference finders. */
class Context {
  readonly mine: Casefile;
  readonly theirs: Casefile;
  readonly theirToMy: Map<string, string>;
  readonly myToTheir: Map<string, string>;
  readonly theirPropToMy: Map<string, string>;
  readonly myPropToTheir: Map<string, string>;
  readonly myMemberships: Map<string, Membership[]>;
  readonly theirMemberships: Map<string, Membership[]>;

  constructor(readonly input: DifferenceInput) {
    this.mine = input.mine;
    this.theirs = input.theirs;
    this.theirToMy = input.theirToMy;
    this.myToTheir = new Map();
    for (const p of input.pairs) this.myToTheir.set(p.myClaimId, p.theirClaimId);
    this.theirPropToMy = new Map(input.propositionPairs.map((p) => [p.theirPropositionId, p.myPropositionId]));
    this.myPropToTheir = new Map(input.propositionPairs.map((p) => [p.myPropositionId, p.theirPropositionId]));
    this.myMemberships = membershipIndex(input.lists.mine.propositions, (p) => p.id);
    this.theirMemberships = membershipIndex(input.lists.theirs.propositions, (p) => this.theirPropToMy.get(p.id) ?? `theirs:${p.id}`);
  }

  placement(theirClaimId: string): Placement {
    return this.input.placements.get(theirClaimId)!;
  }
}

/** A claim's place in a proposition; `key` pairs it across the two casefiles (my proposition's id, if it has a counterpart). */
interface Membership {
  p: Proposition;
  m: PropositionMember;
  key: string;
}

function membershipIndex(propositions: readonly Proposition[], keyOf: (p: Proposition) => string): Map<string, Membership[]> {
  const index = new Map<string, Membership[]>();
  for (const p of propositions) {
    const key = keyOf(p);
    for (const m of p.members) pushTo(index, m.claimId, { p, m, key });
  }
  return index;
}

function blank(kind: DifferenceKind, key: string): Difference {
  return {
    key, kind, articleId: null, theirArticleId: null, span: null, quote: '', myClaimId: null, theirClaimId: null,
    myPropositionId: null, theirPropositionId: null, statement: '', mine: '', theirs: '', details: [],
    mineBy: null, theirsBy: null, mergeable: kind !== 'orphan', theirReviewId: null,
  };
}

function mySide(claim: Claim): Pick<Difference, 'articleId' | 'span' | 'quote' | 'myClaimId'> {
  return { articleId: claim.articleId, span: { start: claim.position.start, end: claim.position.end }, quote: claim.quote.exact, myClaimId: claim.id };
}

function unmatchedClaims(ctx: Context): Difference[] {
  const out: Difference[] = [];
  const theirArticleOf = new Map(ctx.input.articles.matched.map((m) => [m.myArticleId, m.theirArticleId]));
  for (const claim of ctx.input.lists.mine.claims) {
    const theirArticleId = theirArticleOf.get(claim.articleId);
    if (!theirArticleId || ctx.myToTheir.has(claim.id)) continue;
    out.push({
      ...blank('claim-only-mine', `only-mine:${claim.id}`), ...mySide(claim), theirArticleId,
      mine: describeChain(ctx.mine, claim), theirs: 'Not marked as a claim', mineBy: claimAuthorship(claim),
    });
  }
  for (const claim of ctx.input.lists.theirs.claims) {
    if (ctx.theirToMy.has(claim.id)) continue;
    const placed = ctx.placement(claim.id);
    if (!placed.articleId) continue; // their article is not in mine: counted, not listed claim by claim
    const article = ctx.mine.articles[placed.articleId]!;
    const orphan = placed.status === 'orphaned';
    out.push({
      ...blank(orphan ? 'orphan' : 'claim-only-theirs', `${orphan ? 'orphan' : 'only-theirs'}:${claim.id}`),
      articleId: placed.articleId, theirArticleId: claim.articleId, theirClaimId: claim.id,
      span: orphan ? null : { start: placed.start, end: placed.end },
      quote: orphan ? claim.quote.exact : article.text.slice(placed.start, placed.end),
      mine: orphan ? 'These words are not in my version of the article' : 'Not marked as a claim',
      theirs: describeChain(ctx.theirs, claim),
      details: placed.status === 'moved' ? ['placed on a changed passage of my text: check the words'] : [],
      theirsBy: claimAuthorship(claim),
    });
  }
  return out;
}

/** Appends the differences of one matched claim pair to `out` (most pairs have none: nothing is built for them). */
function pairDifferences(ctx: Context, pair: ClaimPair, out: Difference[]): void {
  const m = ctx.mine.claims[pair.myClaimId]!;
  const t = ctx.theirs.claims[pair.theirClaimId]!;
  const chainDiff = chainDifferences(ctx.mine, m, ctx.theirs, t);
  const notesDiffer = m.notes !== t.notes && m.notes.trim() !== t.notes.trim();
  if (!chainDiff.length && !notesDiffer && sameMemberships(ctx, m, t)) return;
  const base = { ...mySide(m), theirClaimId: t.id, theirArticleId: t.articleId };
  if (chainDiff.length) {
    const kind = rootTypeId(m) !== rootTypeId(t) ? 'sourcing-type' : 'chain';
    out.push({
      ...blank(kind, `${kind === 'chain' ? 'chain' : 'type'}:${m.id}:${t.id}`), ...base,
      mine: describeChain(ctx.mine, m), theirs: describeChain(ctx.theirs, t), details: chainDiff,
      mineBy: chainAuthorship(m), theirsBy: chainAuthorship(t),
    });
  }
  if (notesDiffer) {
    out.push({
      ...blank('notes', `notes:${m.id}:${t.id}`), ...base, mine: m.notes.trim() || '(no notes)', theirs: t.notes.trim() || '(no notes)',
      mineBy: claimAuthorship(m), theirsBy: claimAuthorship(t),
    });
  }
  out.push(...membershipDifferences(ctx, m, t, base));
}

/**
 * The common case, checked without building anything: each proposition either claim is in
 * pairs with one the other is in, with the same stance (membershipDifferences would find nothing).
 */
function sameMemberships(ctx: Context, m: Claim, t: Claim): boolean {
  const mine = ctx.myMemberships.get(m.id) ?? NO_MEMBERSHIPS;
  const theirs = ctx.theirMemberships.get(t.id) ?? NO_MEMBERSHIPS;
  if (mine.length !== theirs.length) return false;
  for (const mx of mine) {
    const tx = theirs.find((x) => x.key === mx.key);
    if (!tx || tx.m.stance !== mx.m.stance) return false;
  }
  for (const tx of theirs) {
    if (!mine.some((mx) => mx.key === tx.key)) return false;
  }
  return true;
}

const NO_MEMBERSHIPS: readonly Membership[] = [];

function membershipDifferences(ctx: Context, m: Claim, t: Claim, base: Partial<Difference>): Difference[] {
  const mine = ctx.myMemberships.get(m.id) ?? [];
  const theirs = ctx.theirMemberships.get(t.id) ?? [];
  if (!mine.length && !theirs.length) return [];
  const out: Difference[] = [];
  // A claim is in a handful of propositions at most: pairing them by scanning is cheaper than maps.
  const sides: [Membership | undefined, Membership | undefined][] = [];
  for (const mx of mine) sides.push([mx, theirs.find((tx) => tx.key === mx.key)]);
  for (const tx of theirs) {
    if (!mine.some((mx) => mx.key === tx.key)) sides.push([undefined, tx]);
  }
  for (const [mx, tx] of sides) {
    const myPropositionId = mx?.p.id ?? null;
    const theirPropositionId = tx?.p.id ?? (mx ? ctx.myPropToTheir.get(mx.p.id) ?? null : null);
    const statement = mx?.p.statement ?? tx!.p.statement;
    const ids = { ...base, myPropositionId, theirPropositionId, statement };
    const keyTail = `${m.id}:${t.id}:${myPropositionId ?? ''}:${theirPropositionId ?? ''}`;
    if (mx && tx) {
      if (mx.m.stance !== tx.m.stance) {
        out.push({
          ...blank('stance', `stance:${keyTail}`), ...ids, mine: mx.m.stance, theirs: tx.m.stance,
          mineBy: memberAuthorship(mx.m, 'stance'), theirsBy: memberAuthorship(tx.m, 'stance'),
        });
      }
      continue;
    }
    const theirP = theirPropositionId ? recordOf(ctx.theirs.propositions, theirPropositionId) : undefined;
    const myP = myPropositionId ? recordOf(ctx.mine.propositions, myPropositionId) : undefined;
    out.push({
      ...blank('proposition-membership', `member:${keyTail}`), ...ids,
      mine: mx ? `In it (${mx.m.stance})` : 'Not in it',
      theirs: tx ? `In it (${tx.m.stance})` : theirP ? 'Not in it' : 'They have no such proposition',
      details: !mx && !myPropositionId ? ['the proposition is not in mine: accepting creates it'] : [],
      // The side without the membership can only say who last changed its proposition (e.g. removed the claim).
      mineBy: mx ? memberAuthorship(mx.m, 'membership') : myP ? propositionAuthorship(myP) : null,
      theirsBy: tx ? memberAuthorship(tx.m, 'membership') : theirP ? propositionAuthorship(theirP) : null,
    });
  }
  return out;
}

function assessmentDifferences(ctx: Context): Difference[] {
  const out: Difference[] = [];
  for (const pair of ctx.input.propositionPairs) {
    const mp = ctx.mine.propositions[pair.myPropositionId]!;
    const tp = ctx.theirs.propositions[pair.theirPropositionId]!;
    const details = assessmentFieldDifferences(mp.assessment, tp.assessment);
    if (!details.length) continue;
    out.push({
      ...blank('assessment', `assessment:${mp.id}:${tp.id}`), myPropositionId: mp.id, theirPropositionId: tp.id, statement: mp.statement,
      mine: describeAssessment(mp.assessment), theirs: describeAssessment(tp.assessment), details,
      mineBy: assessmentAuthorship(mp), theirsBy: assessmentAuthorship(tp),
    });
  }
  return out;
}

function assessmentFieldDifferences(a: Assessment, b: Assessment): string[] {
  const out: string[] = [];
  if ((a.rating ?? '') !== (b.rating ?? '')) out.push(`rating: ${a.rating ?? '(none)'} / ${b.rating ?? '(none)'}`);
  const ga = grade(a);
  const gb = grade(b);
  if (ga !== gb) out.push(`grade: ${ga || '(none)'} / ${gb || '(none)'}`);
  if (a.notes.trim() !== b.notes.trim()) out.push('notes differ');
  return out;
}

function grade(a: Assessment): string {
  return `${a.reliability ?? ''}${a.credibility ?? ''}`;
}

export function describeAssessment(a: Assessment): string {
  const parts = [a.rating ?? 'not rated'];
  if (grade(a)) parts.push(`grade ${grade(a)}`);
  if (a.notes.trim()) parts.push(`notes: ${a.notes.trim()}`);
  return parts.join(' · ');
}

function reviewDifferences(ctx: Context): Difference[] {
  const out: Difference[] = [];
  const known = new Set(Object.values(ctx.mine.reviews).map(reviewIdentity));
  for (const r of Object.values(ctx.theirs.reviews)) {
    if (Object.hasOwn(ctx.mine.reviews, r.id)) continue;
    const target = mapReviewTarget(ctx, r);
    if (!target || known.has(reviewIdentity({ ...r, target }))) continue;
    const base = { ...blank('review', `review:${r.id}`), theirReviewId: r.id, theirsBy: commentAuthorship(r.by, r.at), theirs: `${r.status}: ${r.comment}` };
    if (target.kind === 'claim') {
      const claim = ctx.mine.claims[target.id]!;
      out.push({ ...base, ...mySide(claim), theirClaimId: r.target.id, mine: 'No such comment' });
    } else {
      const p = ctx.mine.propositions[target.id]!;
      out.push({ ...base, myPropositionId: p.id, theirPropositionId: r.target.id, statement: p.statement, mine: 'No such comment' });
    }
  }
  return out;
}

/** Where their review comment lands in my casefile, if its target has a counterpart. */
export function mapReviewTarget(ctx: { theirToMy: Map<string, string>; theirPropToMy: Map<string, string> }, r: ReviewComment): ReviewComment['target'] | null {
  const id = r.target.kind === 'claim' ? ctx.theirToMy.get(r.target.id) : ctx.theirPropToMy.get(r.target.id);
  return id ? { kind: r.target.kind, id } : null;
}

function reviewIdentity(r: ReviewComment): string {
  return `${r.target.kind}:${r.target.id}:${r.by}:${r.at}`;
}

function sortDifferences(mine: Casefile, list: Difference[]): Difference[] {
  const articleOrder = new Map(
    Object.values(mine.articles)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.origin.fileName.localeCompare(b.origin.fileName))
      .map((a, i) => [a.id, i]),
  );
  const kindOrder = new Map(DIFFERENCE_KINDS.map((k, i) => [k, i]));
  const rank = (d: Difference) => (d.articleId === null ? Number.MAX_SAFE_INTEGER : articleOrder.get(d.articleId) ?? Number.MAX_SAFE_INTEGER - 1);
  return list.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (a.span?.start ?? 0) - (b.span?.start ?? 0) ||
      kindOrder.get(a.kind)! - kindOrder.get(b.kind)! ||
      a.statement.localeCompare(b.statement) ||
      a.key.localeCompare(b.key),
  );
}
