import type { Casefile, Claim } from '../model/schema';
import { computeAgreement } from './agreement';
import { findDifferences } from './differences';
import { matchArticles } from './match-articles';
import { matchClaims, placeTheirClaims } from './match-claims';
import { matchPropositions } from './propositions';
import { recordLists } from './lists';
import { DEFAULT_MIN_OVERLAP, DIFFERENCE_KINDS, type CompareOptions, type Comparison, type DifferenceKind } from './types';

/** Compares my casefile with a colleague's. Neither is changed. */
export function compareCasefiles(mine: Casefile, theirs: Casefile, options: Partial<CompareOptions> = {}): Comparison {
  const opts: CompareOptions = { minOverlap: clampOverlap(options.minOverlap ?? DEFAULT_MIN_OVERLAP) };
  const lists = { mine: recordLists(mine), theirs: recordLists(theirs) };
  const articles = matchArticles(mine, theirs);
  const placements = placeTheirClaims(mine, theirs, articles, lists.theirs.claims);
  const pairs = matchClaims(mine, placements, opts.minOverlap, lists.mine.claims);
  const theirToMy = new Map(pairs.map((p) => [p.theirClaimId, p.myClaimId]));
  const propositionPairs = matchPropositions(mine, theirs, theirToMy, lists);
  const differences = findDifferences({ mine, theirs, lists, articles, placements, pairs, theirToMy, propositionPairs });
  const myCounts = articles.onlyMine.length ? claimCounts(lists.mine.claims) : new Map<string, number>();
  const theirCounts = articles.onlyTheirs.length ? claimCounts(lists.theirs.claims) : new Map<string, number>();
  const counts = Object.fromEntries(DIFFERENCE_KINDS.map((k) => [k, 0])) as Record<DifferenceKind, number>;
  for (const d of differences) counts[d.kind]++;
  return {
    options: opts,
    colleague: {
      title: theirs.meta.title,
      analysts: theirs.meta.analysts,
      newAnalysts: theirs.meta.analysts.filter((name) => !mine.meta.analysts.includes(name)),
      casefileId: theirs.meta.id,
      sameCasefile: theirs.meta.id === mine.meta.id,
    },
    articles: {
      matched: articles.matched,
      onlyTheirs: articles.onlyTheirs.map((id) => ({ theirArticleId: id, title: theirs.articles[id]!.title, claims: theirCounts.get(id) ?? 0 })),
      onlyMine: articles.onlyMine.map((id) => ({ articleId: id, title: mine.articles[id]!.title, claims: myCounts.get(id) ?? 0 })),
    },
    pairs,
    propositionPairs,
    placements: [...placements.values()],
    differences,
    agreement: computeAgreement({ mine, theirs, lists, articles, placements, pairs }),
    counts,
  };
}

function claimCounts(claims: readonly Claim[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const c of claims) counts.set(c.articleId, (counts.get(c.articleId) ?? 0) + 1);
  return counts;
}

function clampOverlap(v: number): number {
  return Number.isFinite(v) ? Math.min(1, Math.max(0.01, v)) : DEFAULT_MIN_OVERLAP;
}
