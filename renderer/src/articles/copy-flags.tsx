import type { CopyFlag, SharedPassage } from '../../../shared/model/schema';
import { dispatch } from '../app/casefile-store';

export function percent(similarity: number): string {
  return `${Math.round(similarity * 100)}%`;
}

export const KIND_LABELS: Record<CopyFlag['kind'], string> = {
  'near-duplicate': 'Possible copy',
  'partial-overlap': 'Shares passages',
};

export function flagSummary(flag: Pick<CopyFlag, 'kind' | 'similarity' | 'passages'>): string {
  return flag.kind === 'near-duplicate'
    ? `Possible copy: ${percent(flag.similarity)} of the shorter text is in the other`
    : `Shares passages: ${percent(flag.similarity)} of the shorter text in common${passageCount(flag.passages ?? [])}`;
}

function passageCount(passages: SharedPassage[]): string {
  if (!passages.length) return '';
  const longest = Math.max(...passages.map((p) => p.words));
  return passages.length === 1 ? ` (one passage of ${longest} words)` : ` (${passages.length} passages, the longest ${longest} words)`;
}

/** Counts open flags by kind, for "N possible copies and M pairs sharing passages". */
export function flagCounts(flags: Pick<CopyFlag, 'kind'>[]): { copies: number; sharing: number } {
  const copies = flags.filter((f) => f.kind === 'near-duplicate').length;
  return { copies, sharing: flags.length - copies };
}

export function flagCountText({ copies, sharing }: { copies: number; sharing: number }): string {
  const parts = [
    copies ? `${copies} possible cop${copies === 1 ? 'y' : 'ies'}` : '',
    sharing ? `${sharing} pair${sharing === 1 ? '' : 's'} sharing passages` : '',
  ];
  return parts.filter(Boolean).join(' and ');
}

const PASSAGES_SHOWN = 5;
const SNIPPET_CHARS = 140;

/** The passages a flag's two articles share, as they read in `text` (the article on the side `side`). */
export function SharedPassageList({ passages, text, side }: { passages: SharedPassage[]; text: string; side: 'a' | 'b' }) {
  if (!passages.length) return null;
  const shown = [...passages].sort((x, y) => x[side].start - y[side].start).slice(0, PASSAGES_SHOWN);
  return (
    <ol className="shared-passages" aria-label="Shared passages">
      {shown.map((p) => {
        const quote = text.slice(p[side].start, p[side].end);
        return (
          <li key={`${p.a.start}-${p.b.start}`}>
            <q>{quote.length > SNIPPET_CHARS ? `${quote.slice(0, SNIPPET_CHARS)}…` : quote}</q> <span className="muted">{p.words} words</span>
          </li>
        );
      })}
      {passages.length > shown.length && <li className="muted">and {passages.length - shown.length} more</li>}
    </ol>
  );
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
