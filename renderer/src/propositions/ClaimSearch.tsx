import Fuse from 'fuse.js';
import { useDeferredValue, useMemo, useState } from 'react';
import type { Casefile, Claim, Proposition } from '../../../shared/model/schema';
import { addCandidate } from './actions';
import { CANDIDATE_MIME } from './proposition-ui';

interface Entry {
  claim: Claim;
  text: string;
  where: string;
}

const fuses = new WeakMap<Casefile['claims'], Fuse<Entry>>();

function fuseFor(casefile: Casefile): Fuse<Entry> {
  let fuse = fuses.get(casefile.claims);
  if (!fuse) {
    const entries = Object.values(casefile.claims).map((claim) => {
      const a = casefile.articles[claim.articleId];
      return { claim, text: claim.quote.exact, where: `${a?.outlet ?? ''} ${a?.title ?? ''}` };
    });
    fuse = new Fuse(entries, { keys: [{ name: 'text', weight: 0.8 }, { name: 'where', weight: 0.2 }], ignoreLocation: true, threshold: 0.35, minMatchCharLength: 2 });
    fuses.set(casefile.claims, fuse);
  }
  return fuse;
}

/** Finds claims by their words, outlet or article title (fuzzy, Fuse.js) to add to the proposition. */
export function ClaimSearch({ casefile, proposition, readOnly }: { casefile: Casefile; proposition: Proposition; readOnly: boolean }) {
  const [query, setQuery] = useState('');
  const deferred = useDeferredValue(query.trim());
  const results = useMemo(() => {
    if (deferred.length < 2) return [];
    const members = new Set(proposition.members.map((m) => m.claimId));
    return fuseFor(casefile).search(deferred, { limit: 30 }).map((r) => r.item).filter((e) => !members.has(e.claim.id)).slice(0, 12);
  }, [casefile, deferred, proposition.members]);
  return (
    <div className="claim-search">
      <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="Find claims to add (words, outlet, title)" aria-label="Find claims to add" disabled={readOnly} />
      {deferred.length >= 2 && !results.length && <p className="muted small">No claims match.</p>}
      {results.length > 0 && (
        <ul className="search-results" aria-label="Claims found">
          {results.map(({ claim }) => {
            const a = casefile.articles[claim.articleId];
            return (
              <li key={claim.id} draggable onDragStart={(e) => e.dataTransfer.setData(CANDIDATE_MIME, JSON.stringify({ kind: 'claim', claimId: claim.id }))}>
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
