/**
 * Their claims placed on my text, and paired one-to-one with mine by how much
 * their spans overlap.
 */
import { anchorClaim } from '../anchoring/index';
import type { Casefile, Claim } from '../model/schema';
import { overlapShare } from './intervals';
import type { ArticleMatching } from './match-articles';
import type { ClaimPair, Placement } from './types';
import { groupBy } from '../lib/collections';
import { recordOf } from '../model/ids';

/**
 * Where each of their claims sits on my text. On the same text a claim keeps
 * its offsets; on another version it is re-anchored by its quote and context
 * (shared/anchoring); a claim whose article I do not have is an orphan.
 */
export function placeTheirClaims(
  mine: Casefile, theirs: Casefile, articles: ArticleMatching, theirClaims: readonly Claim[] = Object.values(theirs.claims),
): Map<string, Placement> {
  const placements = new Map<string, Placement>();
  for (const claim of theirClaims) {
    const match = articles.byTheirs.get(claim.articleId);
    const article = match && recordOf(mine.articles, match.myArticleId);
    if (!article) {
      placements.set(claim.id, { theirClaimId: claim.id, articleId: null, start: claim.position.start, end: claim.position.end, status: 'orphaned' });
      continue;
    }
    placements.set(claim.id, { theirClaimId: claim.id, articleId: article.id, ...placeOn(claim, article.text, article.textHash) });
  }
  return placements;
}

function placeOn(claim: Claim, text: string, hash: string): Pick<Placement, 'start' | 'end' | 'status'> {
  const { start, end } = claim.position;
  // The common case (the same text, a claim placed on it) needs no search.
  if (claim.textHash === hash && end <= text.length && claim.anchor !== 'orphaned') {
    return { start, end, status: claim.anchor };
  }
  const placed = anchorClaim(claim, text, hash);
  return { start: placed.start, end: placed.end, status: placed.status };
}

interface Span {
  id: string;
  start: number;
  end: number;
}

/**
 * Pairs my claims with theirs, article by article: a pair needs an overlap of
 * at least `minOverlap` of the shorter span; each claim is in at most one
 * pair, the closest (by overlap over union) first.
 */
export function matchClaims(
  mine: Casefile, placements: Map<string, Placement>, minOverlap: number, myClaims: readonly Claim[] = Object.values(mine.claims),
): ClaimPair[] {
  const myByArticle = groupBy(myClaims.map((c) => ({ id: c.id, articleId: c.articleId, start: c.position.start, end: c.position.end })), (s) => s.articleId);
  const theirByArticle = groupBy(
    [...placements.values()].filter((p) => p.articleId !== null && p.status !== 'orphaned').map((p) => ({ id: p.theirClaimId, articleId: p.articleId!, start: p.start, end: p.end })),
    (s) => s.articleId,
  );
  const pairs: ClaimPair[] = [];
  for (const [articleId, theirs] of theirByArticle) {
    const my = myByArticle.get(articleId);
    if (my) pairs.push(...pairArticle(my, theirs, minOverlap));
  }
  return pairs;
}

function pairArticle(mine: Span[], theirs: Span[], minOverlap: number): ClaimPair[] {
  mine.sort((a, b) => a.start - b.start);
  theirs.sort((a, b) => a.start - b.start);
  const candidates: { m: Span; t: Span; overlap: number; closeness: number }[] = [];
  let active: Span[] = [];
  let next = 0;
  for (const m of mine) {
    while (next < theirs.length && theirs[next]!.start < m.end) active.push(theirs[next++]!);
    active = active.filter((t) => t.end > m.start);
    for (const t of active) {
      const overlap = overlapShare(m, t);
      if (overlap > 0 && overlap >= minOverlap) candidates.push({ m, t, overlap, closeness: closeness(m, t) });
    }
  }
  candidates.sort((a, b) => b.closeness - a.closeness || b.overlap - a.overlap);
  const usedMine = new Set<string>();
  const usedTheirs = new Set<string>();
  const pairs: ClaimPair[] = [];
  for (const c of candidates) {
    if (usedMine.has(c.m.id) || usedTheirs.has(c.t.id)) continue;
    usedMine.add(c.m.id);
    usedTheirs.add(c.t.id);
    pairs.push({ myClaimId: c.m.id, theirClaimId: c.t.id, overlap: c.overlap });
  }
  return pairs;
}

/** Intersection over union of two spans. */
function closeness(a: Span, b: Span): number {
  const inter = Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
  const union = Math.max(a.end, b.end) - Math.min(a.start, b.start);
  return union > 0 ? inter / union : 0;
}
