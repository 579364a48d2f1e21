import { useMemo, useState, type DragEvent } from 'react';
import { computeIndependence, type PropositionIndependence } from '../../../shared/analysis/independence';
import type { Casefile } from '../../../shared/model/schema';
import { verdictText } from '../../../shared/report/text';
import { casefileStore } from '../app/casefile-store';
import { uiStore } from '../app/ui-store';
import { useStore } from '../lib/store';
import { addCandidate, createFromClaim } from './actions';
import { PropositionDetail } from './PropositionDetail';
import { CANDIDATE_MIME, propositionUi, readCandidate, selectProposition } from './proposition-ui';
import { SuggestionsList } from './SuggestionsList';
import './propositions.css';

/**
 * Side panel "Propositions": the assertions several articles make, each with
 * its appearances and independent roots. Without a proposition chosen it
 * lists them all (drop a claim or passage on one to add it); with one chosen
 * it shows its roots, members, assessment and what could be added.
 */
export function PropositionsPanel() {
  const { casefile, readOnly } = useStore(casefileStore)!;
  const { propositionId } = useStore(propositionUi);
  const proposition = propositionId ? casefile.propositions[propositionId] : undefined;
  if (proposition) return <PropositionDetail casefile={casefile} proposition={proposition} readOnly={readOnly} />;
  return <PropositionList casefile={casefile} readOnly={readOnly} />;
}

export function summaryText(r: PropositionIndependence): string {
  return r.contradictingRoots ? `${verdictText(r)}; denied by ${r.contradictingRoots}` : verdictText(r);
}

/** Handlers that make an element accept a dragged claim or passage for `propositionId`. */
export function dropTarget(propositionId: string, readOnly: boolean, setOver: (over: boolean) => void) {
  const accepts = (e: DragEvent) => !readOnly && e.dataTransfer.types.includes(CANDIDATE_MIME);
  return {
    onDragOver: (e: DragEvent) => {
      if (!accepts(e)) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
      setOver(true);
    },
    onDragLeave: () => setOver(false),
    onDrop: (e: DragEvent) => {
      setOver(false);
      const candidate = accepts(e) ? readCandidate(e.dataTransfer) : null;
      if (!candidate) return;
      // Ours: the workbench must not take it for files to import.
      e.preventDefault();
      e.stopPropagation();
      void addCandidate(propositionId, candidate, 'supports');
    },
  };
}

function PropositionList({ casefile, readOnly }: { casefile: Casefile; readOnly: boolean }) {
  const { claimId } = useStore(uiStore);
  const [filter, setFilter] = useState('');
  const claim = claimId ? casefile.claims[claimId] ?? null : null;
  const independence = computeIndependence(casefile);
  const propositions = useMemo(() => {
    const f = filter.trim().toLowerCase();
    return Object.values(casefile.propositions)
      .filter((p) => !f || p.statement.toLowerCase().includes(f))
      .sort((a, b) => a.statement.localeCompare(b.statement));
  }, [casefile.propositions, filter]);
  const total = Object.keys(casefile.propositions).length;

  return (
    <div className="propositions-panel" aria-label="Propositions">
      <div className="pane-header propositions-header">
        <h2>Propositions <span className="count">{total}</span></h2>
        {!readOnly && (
          <button type="button" className="primary small-button" disabled={!claim} onClick={() => void createFromClaim(claimId)}
            title={claim ? 'A new proposition with the selected claim as its first member' : 'Select a claim first'}>
            New from claim
          </button>
        )}
      </div>
      {total > 0 && (
        <div className="propositions-filter">
          <input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="Filter propositions" aria-label="Filter propositions" />
        </div>
      )}
      {total === 0 ? (
        <div className="empty-state">
          <p><strong>No propositions yet.</strong></p>
          <p className="muted">A proposition is one assertion that several articles make or deny. Select a claim, then press <em>New from claim</em> and put it in your own words.</p>
        </div>
      ) : (
        <ul className={`proposition-list${claim ? ' with-suggestions' : ''}`} data-testid="proposition-list">
          {propositions.map((p) => (
            <PropositionRow key={p.id} id={p.id} statement={p.statement} r={independence.get(p.id)!} readOnly={readOnly}
              hasClaim={!!claim && p.members.some((m) => m.claimId === claim.id)} />
          ))}
          {!propositions.length && <li className="muted small pad">No proposition matches.</li>}
        </ul>
      )}
      {claim && (
        <section className="panel-section">
          <h3 className="section-title">Similar to the selected claim</h3>
          <SuggestionsList casefile={casefile} claim={claim} proposition={null} readOnly={readOnly} />
        </section>
      )}
    </div>
  );
}

function PropositionRow({ id, statement, r, readOnly, hasClaim }: { id: string; statement: string; r: PropositionIndependence; readOnly: boolean; hasClaim: boolean }) {
  const [over, setOver] = useState(false);
  const warn = r.flags.filter((f) => f.kind !== 'untagged');
  return (
    <li className={`proposition-row${over ? ' drop-over' : ''}`} {...dropTarget(id, readOnly, setOver)}>
      <button type="button" className="proposition-button" onClick={() => selectProposition(id)}>
        <bdi className="statement">{statement || '(no statement)'}</bdi>
        <span className="proposition-figures">
          <span className="roots-badge" title={summaryText(r)}>{r.independentRoots}</span>
          <span className="muted small">{summaryText(r)}</span>
          {hasClaim && <span className="badge">has selected claim</span>}
        </span>
        {warn.length > 0 && <span className="flag-line small" title={warn.map((f) => f.message).join('\n')}>⚠ {warn.map((f) => f.message).join(' · ')}</span>}
      </button>
    </li>
  );
}
