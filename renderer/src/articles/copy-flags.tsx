import type { CopyFlag } from '../../../shared/model/schema';
import { dispatch } from '../app/casefile-store';

export function percent(similarity: number): string {
  return `${Math.round(similarity * 100)}%`;
}

export const KIND_LABELS: Record<CopyFlag['kind'], string> = {
  'near-duplicate': 'Possible copy',
  'partial-overlap': 'Shares passages',
};

export function flagSummary(flag: Pick<CopyFlag, 'kind' | 'similarity'>): string {
  return flag.kind === 'near-duplicate'
    ? `Possible copy: ${percent(flag.similarity)} of the shorter text is in the other`
    : `Shares passages: ${percent(flag.similarity)} of the shorter text in common`;
}

export function decideFlag(flagId: string, status: CopyFlag['status']): void {
  void dispatch({ type: 'copyFlag.decide', flagId, status });
}

/** The analyst's choices on a copy flag: the same article (copies count once), not a copy, or undo the decision. */
export function CopyFlagActions({ flag, readOnly }: { flag: CopyFlag; readOnly: boolean }) {
  if (flag.status !== 'open') {
    return (
      <span className="flag-decided">
        {flag.status === 'linked' ? 'Linked as copies' : 'Dismissed'}
        {flag.decidedBy ? ` by ${flag.decidedBy}` : ''}
        <button type="button" className="link-button" disabled={readOnly} onClick={() => decideFlag(flag.id, 'open')}>Reopen</button>
      </span>
    );
  }
  return (
    <span className="flag-actions">
      <button type="button" disabled={readOnly} onClick={() => decideFlag(flag.id, 'linked')}
        title="These are copies of one article: they count as one source, never as corroboration">
        Link as copies
      </button>
      <button type="button" disabled={readOnly} onClick={() => decideFlag(flag.id, 'dismissed')} title="Different articles; clear the flag">
        Not a copy
      </button>
    </span>
  );
}
