import { useDeferredValue, useMemo, useState } from 'react';
import type { Casefile, Proposition } from '../../../shared/model/schema';
import { claimFinderFor } from '../claims/claim-index';
import { addCandidate } from './actions';
import { writeCandidate } from './proposition-ui';

const SHOWN = 12;

/** Finds claims by their words, outlet or article title (typo-tolerant, every word must match) to add to the proposition. */
export function ClaimSearch({ casefile, proposition, readOnly }: { casefile: Casefile; proposition: Proposition; readOnly: boolean }) {
  const [query, setQuery] = useState('');
  const deferred = useDeferredValue(query.trim());
  const results = useMemo(() => {
    if (deferred.length < 2) return [];
    const members = new Set(proposition.members.map((m) => m.claimId));
    const found: string[] = [];
    for (const id of claimFinderFor(casefile).search({ query: deferred }).ids) {
      if (!members.has(id) && casefile.claims[id]) found.push(id);
      if (found.length === SHOWN) break;
    }
    return found.map((id) => casefile.claims[id]!);
  }, [casefile, deferred, proposition.members]);
  return (
    <div className="claim-search">
      <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="Find claims to add (words, outlet, title)" aria-label="Find claims to add" disabled={readOnly} />
      {deferred.length >= 2 && !results.length && <p className="muted small">No claims match.</p>}
      {results.length > 0 && (
        <ul className="search-results" aria-label="Claims found">
          {results.map((claim) => {
            const a = casefile.articles[claim.articleId];
            return (
              <li key={claim.id} draggable onDragStart={(e) => writeCandidate(e.dataTransfer, { kind: 'claim', claimId: claim.id })}>
                <bdi className="suggestion-source">{a?.outlet || a?.title}</bdi>
                <bdi className="suggestion-text">{claim.quote.exact}</bdi>
                <span className="suggestion-actions">
                  <button type="button" className="small-button" onClick={() => void addCandidate(proposition.id, { kind: 'claim', claimId: claim.id }, 'supports')}>Add</button>
                  <button type="button" className="small-button" onClick={() => void addCandidate(proposition.id, { kind: 'claim', claimId: claim.id }, 'contradicts')}>As denial</button>
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
