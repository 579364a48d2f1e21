/**
 * Which of their propositions is which of mine: the same statement, else the
 * same id (their file began as a copy of mine), else mostly the same member
 * claims.
 */
import type { Casefile } from '../model/schema';
import { normaliseName } from './chains';
import type { PropositionPair } from './types';
import { pushTo } from '../lib/collections';
import { recordLists, type RecordLists } from './lists';

/** Share of members two propositions must have in common (over their union) to be taken as one. */
export const MIN_MEMBER_JACCARD = 0.5;

export function matchPropositions(
  mine: Casefile, theirs: Casefile, theirToMyClaim: Map<string, string>,
  lists: { mine: RecordLists; theirs: RecordLists } = { mine: recordLists(mine), theirs: recordLists(theirs) },
): PropositionPair[] {
  const pairs: PropositionPair[] = [];
  const usedMine = new Set<string>();
  const usedTheirs = new Set<string>();
  const take = (myPropositionId: string, theirPropositionId: string, by: PropositionPair['by']) => {
    pairs.push({ myPropositionId, theirPropositionId, by });
    usedMine.add(myPropositionId);
    usedTheirs.add(theirPropositionId);
  };

  const myByStatement = new Map<string, string[]>();
  const normalise = normaliser();
  for (const p of lists.mine.propositions) {
    const key = normalise(p.statement);
    if (!key) continue;
    pushTo(myByStatement, key, p.id);
  }
  for (const t of lists.theirs.propositions) {
    const candidates = (myByStatement.get(normalise(t.statement)) ?? []).filter((id) => !usedMine.has(id));
    const m = candidates.find((id) => id === t.id) ?? candidates[0];
    if (m) take(m, t.id, 'statement');
  }
  for (const t of lists.theirs.propositions) {
    if (!usedTheirs.has(t.id) && Object.hasOwn(mine.propositions, t.id) && !usedMine.has(t.id)) take(t.id, t.id, 'id');
  }
  for (const c of memberCandidates(mine, lists, theirToMyClaim, usedMine, usedTheirs)) {
    if (!usedMine.has(c.mine) && !usedTheirs.has(c.theirs)) take(c.mine, c.theirs, 'members');
  }
  return pairs;
}

/** `normaliseName`, once per distinct statement: their statements are mostly mine, word for word. */
function normaliser(): (statement: string) => string {
  const known = new Map<string, string>();
  return (statement) => {
    let key = known.get(statement);
    if (key === undefined) known.set(statement, (key = normaliseName(statement)));
    return key;
  };
}

function memberCandidates(mine: Casefile, lists: { mine: RecordLists; theirs: RecordLists }, theirToMyClaim: Map<string, string>, usedMine: Set<string>, usedTheirs: Set<string>) {
  const myPropositionsOfClaim = new Map<string, string[]>();
  for (const p of lists.mine.propositions) {
    if (usedMine.has(p.id)) continue;
    for (const m of p.members) {
      pushTo(myPropositionsOfClaim, m.claimId, p.id);
    }
  }
  const out: { mine: string; theirs: string; jaccard: number }[] = [];
  for (const t of lists.theirs.propositions) {
    if (usedTheirs.has(t.id) || !t.members.length) continue;
    const shared = new Map<string, number>();
    for (const m of t.members) {
      const myClaim = theirToMyClaim.get(m.claimId);
      for (const pid of (myClaim && myPropositionsOfClaim.get(myClaim)) || []) shared.set(pid, (shared.get(pid) ?? 0) + 1);
    }
    for (const [pid, n] of shared) {
      const jaccard = n / (t.members.length + mine.propositions[pid]!.members.length - n);
      if (jaccard >= MIN_MEMBER_JACCARD) out.push({ mine: pid, theirs: t.id, jaccard });
    }
  }
  return out.sort((a, b) => b.jaccard - a.jaccard);
}
