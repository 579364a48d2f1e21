import { Store } from '../lib/store';
import { showSidePanel } from '../app/ui-store';

/** Which proposition the Propositions panel shows in full. Not saved in the casefile. */
export const propositionUi = new Store<{ propositionId: string | null; editStatement: boolean }>({ propositionId: null, editStatement: false });

/** Shows a proposition in the panel; `editStatement` puts the cursor in its statement (a new proposition). */
export function selectProposition(propositionId: string | null, show = true, editStatement = false): void {
  propositionUi.set({ propositionId, editStatement });
  if (show && propositionId) showSidePanel('propositions');
}

export function statementEdited(): void {
  propositionUi.set((s) => ({ ...s, editStatement: false }));
}

/** Drag payload type for a claim or passage dropped onto a proposition. */
export const CANDIDATE_MIME = 'application/x-corroborate-candidate';

export type Candidate =
  | { kind: 'claim'; claimId: string }
  | { kind: 'passage'; articleId: string; start: number; end: number };

/** Starts dragging a claim or passage towards a proposition. */
export function writeCandidate(data: DataTransfer, candidate: Candidate): void {
  data.setData(CANDIDATE_MIME, JSON.stringify(candidate));
  data.effectAllowed = 'copy';
}

export function readCandidate(data: DataTransfer): Candidate | null {
  const raw = data.getData(CANDIDATE_MIME);
  if (!raw) return null;
  try {
    const c = JSON.parse(raw) as Candidate;
    if (c.kind === 'claim' && typeof c.claimId === 'string') return { kind: 'claim', claimId: c.claimId };
    if (c.kind === 'passage' && typeof c.articleId === 'string' && Number.isInteger(c.start) && Number.isInteger(c.end)) {
      return { kind: 'passage', articleId: c.articleId, start: c.start, end: c.end };
    }
  } catch {
    // Not ours: ignore the drop.
  }
  return null;
}
