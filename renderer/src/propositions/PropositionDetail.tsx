import { useEffect, useRef, useState } from 'react';
import { computeIndependence, type IndependentRoot, type PropositionIndependence } from '../../../shared/analysis/independence';
import { STANCE_LABELS, STANCE_SYMBOLS, typeSymbol } from '../../../shared/analysis/symbols';
import type { Casefile, Proposition, Stance } from '../../../shared/model/schema';
import { dispatch } from '../app/casefile-store';
import { uiStore } from '../app/ui-store';
import { CommitField } from '../inspector/CommitField';
import { useStore } from '../lib/store';
import { deleteClaimAsking } from '../claims/actions';
import { jumpToClaim, judgeRoots, keepApart, mergeInto, removeProposition, splitOff } from './actions';
import { AssessmentForm } from './AssessmentForm';
import { ClaimSearch } from './ClaimSearch';
import { dropTarget, summaryText } from './PropositionsPanel';
import { propositionUi, selectProposition, statementEdited } from './proposition-ui';
import { SuggestionsList } from './SuggestionsList';

const STANCES: Stance[] = ['supports', 'contradicts', 'mentions'];

export function PropositionDetail({ casefile, proposition, readOnly }: { casefile: Casefile; proposition: Proposition; readOnly: boolean }) {
  const { claimId } = useStore(uiStore);
  const r = computeIndependence(casefile).get(proposition.id)!;
  const [over, setOver] = useState(false);
  const statementRef = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const { editStatement } = useStore(propositionUi);

  // A proposition just made from a claim starts with the claim's words: invite the analyst's own.
  useEffect(() => {
    if (!editStatement) return;
    statementRef.current?.focus();
    statementRef.current?.select();
    statementEdited();
  }, [proposition.id, editStatement]);

  const selected = claimId ? casefile.claims[claimId] ?? null : null;
  return (
    <div className={`propositions-panel proposition-detail${over ? ' drop-over' : ''}`} aria-label="Proposition" data-testid="proposition-detail"
      {...dropTarget(proposition.id, readOnly, setOver)}>
      <div className="pane-header propositions-header">
        <button type="button" className="link-button" onClick={() => selectProposition(null, false)}>← All propositions</button>
        {!readOnly && <button type="button" className="danger small-button" onClick={() => void removeProposition(proposition.id)}>Delete</button>}
      </div>
      <section className="panel-section">
        <label className="field">
          <span className="section-title">Proposition</span>
          <CommitField multiline rows={2} fieldRef={statementRef} value={proposition.statement} disabled={readOnly} maxLength={2_000}
            aria-label="Statement" placeholder="The assertion, in your own words"
            onCommit={(statement) => void dispatch({ type: 'proposition.rename', propositionId: proposition.id, statement })} />
        </label>
        <p className="independence-summary" data-testid="independence-summary"><strong>{summaryText(r)}</strong></p>
        {r.flags.length > 0 && (
          <ul className="flags" data-testid="flags">
            {r.flags.map((f, i) => <li key={i} className={`flag flag-${f.kind}`}>⚠ {f.message}</li>)}
          </ul>
        )}
      </section>
      <RootsSection casefile={casefile} r={r} readOnly={readOnly} />
      <MembersSection casefile={casefile} proposition={proposition} r={r} readOnly={readOnly} />
      <AssessmentForm casefile={casefile} proposition={proposition} r={r} readOnly={readOnly} />
      {!readOnly && (
        <section className="panel-section">
          <h3 className="section-title">Add claims</h3>
          <SuggestionsList casefile={casefile} claim={selected} proposition={proposition} readOnly={readOnly} />
          <ClaimSearch casefile={casefile} proposition={proposition} readOnly={readOnly} />
        </section>
      )}
      {!readOnly && <MergeSection casefile={casefile} proposition={proposition} />}
    </div>
  );
}

function RootsSection({ casefile, r, readOnly }: { casefile: Casefile; r: PropositionIndependence; readOnly: boolean }) {
  const [picked, setPicked] = useState<string[]>([]);
  const pickable = (root: IndependentRoot) => root.sourceIds.length > 0;
  const chosen = r.roots.filter((x) => picked.includes(x.key) && pickable(x));
  const toggle = (key: string) => setPicked((p) => (p.includes(key) ? p.filter((k) => k !== key) : [...p, key].slice(-2)));
  const same = async () => {
    const [a, b] = chosen;
    if (a && b && (await judgeRoots(a.sourceIds[0]!, b.sourceIds[0]!, 'same'))) setPicked([]);
  };
  return (
    <section className="panel-section">
      <h3 className="section-title">Roots</h3>
      <ol className="roots" data-testid="roots">
        {r.roots.map((root) => {
          const type = casefile.taxonomy.find((t) => t.id === root.rootTypeId);
          const side = root.stanceCounts.supports ? '' : root.stanceCounts.contradicts ? ' (denies)' : ' (mentions)';
          return (
            <li key={root.key} className="root">
              {!readOnly && pickable(root) && r.roots.length > 1 && (
                <input type="checkbox" aria-label={`Pick root ${root.label}`} checked={picked.includes(root.key)} onChange={() => toggle(root.key)} />
              )}
              <span className="type-chip" style={{ borderColor: type?.color, background: type ? `${type.color}33` : undefined }} title={type?.label ?? 'Not tagged'}>
                {typeSymbol(type)}
              </span>
              <span className="root-body">
                <bdi className="root-label">{root.label}</bdi>{side}
                <span className="muted small"> · {root.claimIds.length} claim{root.claimIds.length === 1 ? '' : 's'}{root.via.length ? ` · via ${root.via.join(', ')}` : ''}</span>
                {!readOnly && root.sourceIds.length > 1 && (
                  <span className="root-sources small">
                    Counted as one:{' '}
                    {root.sourceIds.map((s) => (
                      <button key={s} type="button" className="link-button" title="Count this source as a root of its own"
                        onClick={() => void keepApart(casefile, s, root.sourceIds.filter((x) => x !== s))}>
                        keep “{casefile.sources[s]?.name ?? s}” apart
                      </button>
                    ))}
                  </span>
                )}
              </span>
            </li>
          );
        })}
      </ol>
      {!readOnly && r.roots.filter(pickable).length > 1 && (
        <p className="root-actions small">
          <button type="button" className="small-button" disabled={chosen.length !== 2} onClick={() => void same()}
            title="Two outlets' anonymous officials may be one person: count them once">
            Same source
          </button>
          <span className="muted"> Pick two roots to count them as one.</span>
        </p>
      )}
    </section>
  );
}

function MembersSection({ casefile, proposition, r, readOnly }: { casefile: Casefile; proposition: Proposition; r: PropositionIndependence; readOnly: boolean }) {
  const [picked, setPicked] = useState<string[]>([]);
  const [splitting, setSplitting] = useState(false);
  const [newStatement, setNewStatement] = useState('');
  const rootOf = new Map(r.roots.flatMap((root) => root.claimIds.map((c) => [c, root.label] as const)));
  const circular = new Set(r.circularClaimIds);
  const members = proposition.members.filter((m) => casefile.claims[m.claimId]);
  const split = () => {
    void splitOff(proposition.id, picked, newStatement.trim() || 'New proposition');
    setPicked([]);
    setSplitting(false);
    setNewStatement('');
  };
  return (
    <section className="panel-section">
      <h3 className="section-title">Appearances <span className="count">{members.length}</span></h3>
      <ul className="members" data-testid="members">
        {members.map((m) => {
          const claim = casefile.claims[m.claimId]!;
          const article = casefile.articles[claim.articleId];
          return (
            <li key={m.claimId} className={`member stance-${m.stance}`}>
              {!readOnly && (
                <input type="checkbox" aria-label="Pick for splitting" checked={picked.includes(m.claimId)}
                  onChange={() => setPicked((p) => (p.includes(m.claimId) ? p.filter((x) => x !== m.claimId) : [...p, m.claimId]))} />
              )}
              <span className="stance-symbol" aria-hidden="true">{STANCE_SYMBOLS[m.stance]}</span>
              <div className="member-body">
                <div className="member-head">
                  <bdi className="member-source" title={article?.title}>{article?.outlet || article?.title || 'Article'}</bdi>
                  <select aria-label="Stance" value={m.stance} disabled={readOnly}
                    onChange={(e) => void dispatch({ type: 'proposition.setStance', propositionId: proposition.id, claimId: m.claimId, stance: e.target.value as Stance })}>
                    {STANCES.map((s) => <option key={s} value={s}>{STANCE_LABELS[s]}</option>)}
                  </select>
                </div>
                <button type="button" className="member-quote" onClick={() => jumpToClaim(m.claimId)} title="Show in the article">
                  <bdi>{claim.quote.exact}</bdi>
                </button>
                <span className="muted small">root: <bdi>{rootOf.get(m.claimId) ?? '—'}</bdi>{circular.has(m.claimId) && <strong className="warn"> · circular</strong>}</span>
                {!readOnly && (
                  <span className="member-actions">
                    <button type="button" className="link-button" onClick={() => void dispatch({ type: 'proposition.removeMember', propositionId: proposition.id, claimId: m.claimId })}>Remove from proposition</button>
                    <button type="button" className="link-button danger-link" onClick={() => deleteClaimAsking(m.claimId)}>Delete claim…</button>
                  </span>
                )}
              </div>
            </li>
          );
        })}
      </ul>
      {!members.length && <p className="muted small">No claims yet: add some below, or drop one here.</p>}
      {!readOnly && picked.length > 0 && (
        splitting ? (
          <div className="split-form">
            <input type="text" autoFocus value={newStatement} onChange={(e) => setNewStatement(e.target.value)} aria-label="Statement of the new proposition"
              placeholder="Statement of the new proposition" onKeyDown={(e) => e.key === 'Enter' && split()} />
            <button type="button" className="primary small-button" onClick={split}>Split off {picked.length}</button>
            <button type="button" className="small-button" onClick={() => setSplitting(false)}>Cancel</button>
          </div>
        ) : (
          <p className="small"><button type="button" className="small-button" onClick={() => setSplitting(true)}>Split {picked.length} into a new proposition…</button></p>
        )
      )}
    </section>
  );
}

function MergeSection({ casefile, proposition }: { casefile: Casefile; proposition: Proposition }) {
  const [target, setTarget] = useState('');
  const others = Object.values(casefile.propositions).filter((p) => p.id !== proposition.id).sort((a, b) => a.statement.localeCompare(b.statement));
  if (!others.length) return null;
  return (
    <section className="panel-section merge-form">
      <h3 className="section-title">Merge</h3>
      <div className="inline-row">
        <select aria-label="Merge this proposition into" value={target} onChange={(e) => setTarget(e.target.value)}>
          <option value="">Merge into…</option>
          {others.map((p) => <option key={p.id} value={p.id}>{p.statement.slice(0, 80)}</option>)}
        </select>
        <button type="button" className="small-button" disabled={!target} onClick={() => void mergeInto(proposition.id, target)}>Merge</button>
      </div>
    </section>
  );
}
