import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { suggestForClaim, suggestForText, type Suggestion } from '../../../shared/analysis/suggestions';
import type { Casefile, Claim, Proposition, Stance } from '../../../shared/model/schema';
import { addCandidate, jumpToClaim } from './actions';
import { writeCandidate, type Candidate } from './proposition-ui';

const STANCE_KEYS: Record<string, Stance> = { a: 'supports', enter: 'supports', d: 'contradicts', m: 'mentions' };

export function candidateOf(s: Suggestion): Candidate {
  return s.kind === 'claim' ? { kind: 'claim', claimId: s.claimId } : { kind: 'passage', articleId: s.articleId, start: s.start, end: s.end };
}

/**
 * Claims and unclaimed passages in other articles that may say the same as
 * `claim` (or, without one, as the proposition's statement). Arrow keys
 * move; A or Enter adds as supporting, D as contradicting, M as mentioning;
 * O shows it in its article. Items can also be dragged onto a proposition.
 */
export function SuggestionsList({ casefile, claim, proposition, readOnly }: { casefile: Casefile; claim: Claim | null; proposition: Proposition | null; readOnly: boolean }) {
  const [found, setFound] = useState<{ key: string; basisKey: string; items: Suggestion[] } | null>(null);
  const [active, setActive] = useState(0);
  const list = useRef<HTMLUListElement>(null);
  const memberKey = proposition?.members.map((m) => m.claimId).join(',') ?? '';
  const statement = proposition?.statement ?? '';
  const basisKey = claim ? `claim:${claim.id}` : `text:${statement}`;
  const key = `${casefile.meta.modifiedAt}|${basisKey}|${memberKey}`;
  // While new suggestions are computed, the previous ones for the same basis stay (and keep the keyboard focus).
  const items = found && (found.key === key || found.basisKey === basisKey) ? found.items : null;

  // Computed after painting: the first call on a large casefile builds the passage index.
  useEffect(() => {
    const timer = setTimeout(() => {
      const exclude = new Set(memberKey ? memberKey.split(',') : []);
      if (claim) exclude.add(claim.id);
      const result = claim
        ? suggestForClaim(casefile, claim, { limit: 10, excludeClaimIds: exclude })
        : statement ? suggestForText(casefile, statement, { limit: 10, excludeClaimIds: exclude }) : [];
      setFound({ key, basisKey, items: result });
      setActive((a) => Math.min(a, Math.max(0, result.length - 1)));
    }, 0);
    return () => clearTimeout(timer);
  }, [casefile, claim, memberKey, statement, key, basisKey]);

  const add = (s: Suggestion, stance: Stance) => {
    if (!readOnly) void addCandidate(proposition?.id ?? null, candidateOf(s), stance);
  };
  const onKey = (e: KeyboardEvent) => {
    if (!items?.length || e.ctrlKey || e.metaKey || e.altKey) return;
    const key = e.key.toLowerCase();
    if (key === 'arrowdown' || key === 'j') setActive((a) => Math.min(items.length - 1, a + 1));
    else if (key === 'arrowup' || key === 'k') setActive((a) => Math.max(0, a - 1));
    else if (key === 'o') {
      const s = items[active];
      if (s?.kind === 'claim') jumpToClaim(s.claimId);
    } else if (STANCE_KEYS[key] && items[active]) add(items[active], STANCE_KEYS[key]);
    else return;
    e.preventDefault();
    e.stopPropagation();
  };
  useEffect(() => {
    list.current?.querySelector<HTMLElement>(`[data-index="${active}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const basis = claim ? 'the selected claim' : statement ? 'the statement' : null;
  if (!basis) return <p className="muted small">Select a claim to see similar claims and passages in other articles.</p>;
  if (!items) return <p className="muted small" aria-live="polite">Looking for similar passages…</p>;
  if (!items.length) return <p className="muted small">Nothing similar found in the other articles.</p>;
  return (
    <>
      {proposition
        ? <p className="muted small">Similar to {basis}. <kbd>↑</kbd><kbd>↓</kbd> move · <kbd>A</kbd> add · <kbd>D</kbd> as denial · <kbd>M</kbd> as mention · <kbd>O</kbd> show</p>
        : <p className="muted small">Drag one onto a proposition above, or open a proposition to add them with the keyboard.</p>}
      <ul
        ref={list}
        className="suggestions"
        role="listbox"
        tabIndex={0}
        aria-label="Suggested claims and passages"
        aria-activedescendant={`suggestion-${active}`}
        data-testid="suggestions"
        onKeyDown={onKey}
      >
        {items.map((s, i) => {
          const article = casefile.articles[s.articleId];
          return (
            <li
              key={`${s.kind}:${s.articleId}:${s.start}`}
              id={`suggestion-${i}`}
              data-index={i}
              role="option"
              aria-selected={i === active}
              className={`suggestion${i === active ? ' active' : ''}`}
              draggable={!readOnly}
              onDragStart={(e) => writeCandidate(e.dataTransfer, candidateOf(s))}
              onClick={() => setActive(i)}
            >
              <div className="suggestion-head">
                <span className={`kind kind-${s.kind}`}>{s.kind === 'claim' ? 'claim' : 'passage'}</span>
                <bdi className="suggestion-source" title={article?.title}>{article?.outlet || article?.title || 'Article'}</bdi>
                {s.fromCopy && <span className="badge" title="This article is linked as a copy of the claim's article: it counts once.">copy</span>}
                {s.repeats.length > 0 && <span className="muted small" title="The same words appear elsewhere too">+{s.repeats.length} same</span>}
                <span className="score" title="Similarity of the content words (0–100)">{Math.round(s.score * 100)}</span>
              </div>
              <bdi className="suggestion-text">{s.text}</bdi>
              {!readOnly && proposition && (
                <div className="suggestion-actions">
                  <button type="button" className="small-button" onClick={(e) => (e.stopPropagation(), add(s, 'supports'))}>Add</button>
                  <button type="button" className="small-button" onClick={(e) => (e.stopPropagation(), add(s, 'contradicts'))}>As denial</button>
                  {s.kind === 'claim' && <button type="button" className="link-button small" onClick={(e) => (e.stopPropagation(), jumpToClaim(s.claimId))}>Show</button>}
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </>
  );
}
