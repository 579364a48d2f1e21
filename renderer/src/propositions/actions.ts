/**
 * What the propositions panel, the matrix and the keyboard do to
 * propositions. Every change is one command (or one batch), so one undo
 * takes it back whole.
 */
import { describeDependents, sourceDependents } from '../../../shared/analysis/dependents';
import { newClaimCommand } from '../../../shared/claims/new-claim';
import type { SingleCommand } from '../../../shared/commands/commands';
import { newId } from '../../../shared/model/ids';
import type { Assessment, Casefile, Stance } from '../../../shared/model/schema';
import { casefileStore, dispatch, writableCasefile } from '../app/casefile-store';
import { notify } from '../app/notices';
import { selectClaim, showMainView } from '../app/ui-store';
import { selectProposition, type Candidate } from './proposition-ui';

/** The casefile when it may be changed (see writableCasefile). */
function writable(): Casefile | null {
  return writableCasefile()?.casefile ?? null;
}

/** A first statement from a claim's words; the analyst rewrites it in their own. */
export function draftStatement(quote: string, max = 120): string {
  const one = quote.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1).replace(/\s+\S*$/, '')}…` : one;
}

export async function createFromClaim(claimId: string | null): Promise<string | null> {
  const casefile = writable();
  if (!casefile) return null;
  const claim = claimId ? casefile.claims[claimId] : undefined;
  if (!claim) {
    notify('info', 'Select a claim first (in the article or the claims list), then create a proposition from it.');
    return null;
  }
  const id = newId('prop');
  const ok = await dispatch({
    type: 'batch',
    label: 'New proposition',
    commands: [
      {
        type: 'proposition.add',
        proposition: { id, statement: draftStatement(claim.quote.exact), members: [], assessment: { rating: null, reliability: null, credibility: null, notes: '' } },
      },
      // Added as a member (not in the payload) so it is stamped with the analyst's name and time.
      { type: 'proposition.addMember', propositionId: id, claimId: claim.id, stance: 'supports' },
    ],
  });
  if (!ok) return null;
  selectProposition(id, true, true);
  return id;
}

/** Commands that add a candidate as a member: a passage becomes a claim first (same undo step). */
export function addCandidateCommands(casefile: Casefile, propositionId: string, candidate: Candidate, stance: Stance): SingleCommand[] | string {
  const proposition = casefile.propositions[propositionId];
  if (!proposition) return 'That proposition no longer exists.';
  if (candidate.kind === 'claim') {
    if (!casefile.claims[candidate.claimId]) return 'That claim no longer exists.';
    if (proposition.members.some((m) => m.claimId === candidate.claimId)) return 'That claim is in the proposition already.';
    return [{ type: 'proposition.addMember', propositionId, claimId: candidate.claimId, stance }];
  }
  const article = casefile.articles[candidate.articleId];
  if (!article || candidate.end > article.text.length || candidate.end <= candidate.start) return 'That passage is no longer in its article.';
  const claimId = newId('claim');
  return [newClaimCommand(article, candidate.start, candidate.end, claimId), { type: 'proposition.addMember', propositionId, claimId, stance }];
}

export async function addCandidate(propositionId: string | null, candidate: Candidate, stance: Stance = 'supports'): Promise<boolean> {
  const casefile = writable();
  if (!casefile) return false;
  if (!propositionId) {
    notify('info', 'Choose a proposition first (or create one from the selected claim).');
    return false;
  }
  const commands = addCandidateCommands(casefile, propositionId, candidate, stance);
  if (typeof commands === 'string') {
    notify('info', commands);
    return false;
  }
  const label = candidate.kind === 'passage' ? 'Add passage to proposition' : 'Add claim to proposition';
  return dispatch(commands.length === 1 ? commands[0]! : { type: 'batch', label, commands });
}

export async function splitOff(propositionId: string, claimIds: string[], statement: string): Promise<void> {
  if (!writable() || !claimIds.length) return;
  const newIdValue = newId('prop');
  if (await dispatch({ type: 'proposition.split', propositionId, claimIds, newId: newIdValue, statement })) {
    selectProposition(newIdValue);
    notify('info', `${claimIds.length} claim${claimIds.length === 1 ? '' : 's'} moved to a new proposition. Undo with Ctrl+Z.`);
  }
}

export async function mergeInto(fromId: string, intoId: string): Promise<void> {
  if (!writable()) return;
  if (await dispatch({ type: 'proposition.merge', fromId, intoId })) {
    selectProposition(intoId);
    notify('info', 'Propositions merged. Undo with Ctrl+Z.');
  }
}

export async function removeProposition(propositionId: string): Promise<void> {
  if (!writable()) return;
  if (await dispatch({ type: 'proposition.remove', propositionId })) {
    selectProposition(null, false);
    notify('info', 'Proposition deleted (its claims stay). Undo with Ctrl+Z.');
  }
}

let assessing: Promise<unknown> = Promise.resolve();

/**
 * Changes part of a proposition's assessment. Changes are chained and each
 * reads the assessment as the previous one left it, so quick successive
 * edits (rating, then grade) never undo each other.
 */
export function assess(propositionId: string, patch: Partial<Assessment>): Promise<unknown> {
  if (!writable()) return Promise.resolve();
  assessing = assessing.then(() => {
    const p = casefileStore.get()?.casefile.propositions[propositionId];
    return p ? dispatch({ type: 'proposition.assess', propositionId, assessment: { ...p.assessment, ...patch } }) : undefined;
  });
  return assessing;
}

/** Declares two root sources the same (merged, transitively), distinct, or withdraws the judgement (null). */
export function judgeRoots(sourceA: string, sourceB: string, relation: 'same' | 'distinct' | null): Promise<boolean> {
  if (!writable()) return Promise.resolve(false);
  return dispatch({ type: 'roots.judge', judgementId: newId('judge'), sourceA, sourceB, relation });
}

/**
 * Keeps `sourceId` apart from the other sources of its root: withdraws the
 * 'same' judgements that joined them and declares it distinct from each.
 */
export async function keepApart(casefile: Casefile, sourceId: string, others: string[]): Promise<void> {
  if (!writable()) return;
  const commands: SingleCommand[] = [];
  for (const other of others) {
    const direct = Object.values(casefile.rootJudgements).some(
      (j) => j.relation === 'same' && ((j.sourceA === sourceId && j.sourceB === other) || (j.sourceA === other && j.sourceB === sourceId)),
    );
    commands.push({ type: 'roots.judge', judgementId: newId('judge'), sourceA: sourceId, sourceB: other, relation: direct ? null : 'distinct' });
  }
  for (const j of Object.values(casefile.rootJudgements)) {
    if (j.relation === 'same' && (j.sourceA === sourceId || j.sourceB === sourceId)) {
      commands.push({ type: 'roots.judge', judgementId: newId('judge'), sourceA: j.sourceA, sourceB: j.sourceB, relation: null });
    }
  }
  await dispatch({ type: 'batch', label: 'Keep root sources apart', commands });
}

/** Shows a claim in its article (the Read view). */
export function jumpToClaim(claimId: string): void {
  const claim = casefileStore.get()?.casefile.claims[claimId];
  if (!claim) return;
  selectClaim(claim.id, claim.articleId);
  showMainView('read');
}

/** Asks before deleting a source that chains name, listing the claims and propositions that depend on it. */
export function confirmSourceRemoval(casefile: Casefile, sourceId: string): boolean {
  const lines = describeDependents(casefile, sourceDependents(casefile, sourceId));
  const name = casefile.sources[sourceId]?.name ?? 'this source';
  return !lines.length || window.confirm(`Delete “${name}”?\n\n${lines.join('\n')}\n\nUndo (Ctrl+Z) restores everything.`);
}

