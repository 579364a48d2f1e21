import { useDeferredValue, useMemo, useState } from 'react';
import { searchPassages } from '../../../shared/analysis/passage-search';
import type { Casefile, Proposition, Stance } from '../../../shared/model/schema';
import { claimFinderFor } from '../claims/claim-index';
import { addCandidate } from './actions';
import { writeCandidate, type Candidate } from './proposition-ui';

const SHOWN = 12;

interface Found {
  key: string;
  candidate: Candidate;
  source: string;
  text: string;
}

/**
 * Finds claims, and sentences nobody has claimed yet, by their words, outlet
 * or article title (typo-tolerant, every word must match) to add to the
 * proposition. Adding a sentence makes it a claim first.
 */
export function ClaimSearch({ casefile, proposition, readOnly }: { casefile: Casefile; proposition: Proposition; readOnly: boolean }) {
  const [query, setQuery] = useState('');
  const deferred = useDeferredValue(query.trim());
  const { claims, passages } = useMemo(() => {
    if (deferred.length < 2) return { claims: [], passages: [] };
    const members = new Set(proposition.members.map((m) => m.claimId));
    const claims: Found[] = [];
    for (const id of claimFinderFor(casefile).search({ query: deferred }).ids) {
      const claim = casefile.claims[id];
      if (!members.has(id) && claim) claims.push({ key: id, candidate: { kind: 'claim', claimId: id }, source: outletOf(casefile, claim.articleId), text: claim.quote.exact });
      if (claims.length === SHOWN) break;
    }
    const passages: Found[] = searchPassages(casefile, deferred, SHOWN).map((p) => ({
      key: `${p.articleId}:${p.start}`, candidate: { kind: 'passage', ...p }, source: outletOf(casefile, p.articleId), text: p.text,
    }));
    return { claims, passages };
  }, [casefile, deferred, proposition.members]);
  const add = (candidate: Candidate, stance: Stance) => void addCandidate(proposition.id, candidate, stance);
  return (
    <div className="claim-search">
      <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="Find claims to add (words, outlet, title)" aria-label="Find claims to add" disabled={readOnly} />
      {deferred.length >= 2 && !claims.length && !passages.length && <p className="muted small">No claims or unclaimed passages match.</p>}
      <FoundList label="Claims found" items={claims} onAdd={add} />
      {passages.length > 0 && <p className="muted small">Passages not yet claimed (adding one makes it a claim):</p>}
      <FoundList label="Passages found" items={passages} onAdd={add} />
    </div>
  );
}

function FoundList({ label, items, onAdd }: { label: string; items: Found[]; onAdd: (c: Candidate, stance: Stance) => void }) {
  if (!items.length) return null;
  return (
    <ul className="search-results" aria-label={label}>
      {items.map((f) => (
        <li key={f.key} draggable onDragStart={(e) => writeCandidate(e.dataTransfer, f.candidate)}>
          <bdi className="suggestion-source">{f.source}</bdi>
          <bdi className="suggestion-text">{f.text}</bdi>
          <span className="suggestion-actions">
            <button type="button" className="small-button" onClick={() => onAdd(f.candidate, 'supports')}>Add</button>
            <button type="button" className="small-button" onClick={() => onAdd(f.candidate, 'contradicts')}>As denial</button>
          </span>
        </li>
      ))}
    </ul>
  );
}

function outletOf(casefile: Casefile, articleId: string): string {
  const a = casefile.articles[articleId];
  return a?.outlet || a?.title || 'Article';
}
