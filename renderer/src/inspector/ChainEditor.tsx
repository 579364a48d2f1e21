import { useEffect, useRef, type KeyboardEvent } from 'react';
import { parseSourceCount, SOURCE_COUNT_HELP, sourceCountValue } from '../../../shared/claims/source-count';
import { insertHop, moveHop, newHop, removeHop, typeForDigit, updateHop, visibleTypes } from '../../../shared/claims/chain';
import { SOURCE_COUNT_WORDS, type Casefile, type Claim, type Hop, type SourcingType } from '../../../shared/model/schema';
import { newId } from '../../../shared/model/ids';
import { editChain, returnToReading, setHopSourceByName } from '../claims/actions';
import { claimsUi, focusHop, setPendingHop, showSource, type HopField } from '../claims/claims-ui';
import { Swatch } from '../claims/SourcingProfile';
import { notify } from '../app/notices';
import { showSidePanel } from '../app/ui-store';
import { keysOf, withKey } from '../keyboard/shortcuts';
import { useStore } from '../lib/store';
import { SourcePicker } from '../sources/SourcePicker';
import { CommitField } from './CommitField';

type Field = HopField;
const FIELDS: readonly string[] = ['type', 'source', 'cue', 'hedging'] satisfies HopField[];
/** The words the number-of-sources field suggests. */
const COUNT_WORDS_ID = 'source-count-words';

/**
 * The attribution chain of a claim, hop by hop from the article outward, all
 * editable from the keyboard: Alt+N adds a hop after the current one
 * (Alt+Shift+N before it), Alt+↑/↓ moves it, Alt+Backspace removes it, 1–8 on
 * a type field picks the type, Esc goes back to the article.
 */
export function ChainEditor({ casefile, claim, readOnly }: { casefile: Casefile; claim: Claim; readOnly: boolean }) {
  const ui = useStore(claimsUi);
  const pending = ui.pendingHop?.claimId === claim.id ? ui.pendingHop.index : null;
  const setPending = (index: number | null) => setPendingHop(index === null ? null : { claimId: claim.id, index });
  const focus = ui.focusHop;
  const setFocus = focusHop;
  const root = useRef<HTMLDivElement>(null);
  const chain = claim.chain;
  const article = casefile.articles[claim.articleId];

  const addAt = (index: number, typeId: string) => {
    const hop = newHop(newId('hop'), typeId);
    setPending(null);
    setFocus({ hopId: hop.id, field: 'source' });
    void editChain(claim.id, (c) => insertHop(c, index, hop));
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (readOnly) return;
    const card = (e.target as HTMLElement).closest<HTMLElement>('[data-hop-id]');
    const hopId = card?.dataset.hopId;
    const index = hopId ? chain.findIndex((h) => h.id === hopId) : chain.length - 1;
    const typedIn = (e.target as HTMLElement).dataset.field;
    const field: Field = typedIn && FIELDS.includes(typedIn) ? (typedIn as Field) : 'type';
    if (e.altKey && e.code === 'KeyN') {
      setPending(e.shiftKey ? Math.max(0, index) : index + 1);
    } else if (e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown') && hopId) {
      setFocus({ hopId, field });
      void editChain(claim.id, (c) => moveHop(c, hopId, e.key === 'ArrowUp' ? -1 : 1));
    } else if (e.altKey && (e.key === 'Backspace' || e.key === 'Delete') && hopId) {
      const neighbour = chain[index - 1] ?? chain[index + 1];
      if (neighbour) setFocus({ hopId: neighbour.id, field: 'type' });
      void editChain(claim.id, (c) => removeHop(c, hopId)).then(() => {
        if (!neighbour) root.current?.querySelector<HTMLElement>('.chain-add')?.focus();
      });
    } else if (e.key === 'Escape') {
      if (pending !== null) setPending(null);
      else returnToReading();
    } else return;
    e.preventDefault();
    e.stopPropagation();
  };

  const rows: React.ReactNode[] = chain.map((hop, i) => (
    <HopEditor key={hop.id} hop={hop} index={i} count={chain.length} casefile={casefile} claimId={claim.id} readOnly={readOnly}
      focus={focus?.hopId === hop.id ? focus.field : null} />
  ));
  if (pending !== null) {
    rows.splice(Math.min(pending, rows.length), 0,
      <PendingHop key="pending" taxonomy={casefile.taxonomy} onPick={(typeId) => addAt(pending, typeId)} onCancel={() => setPending(null)} />);
  }

  return (
    <section className="chain-editor" aria-label="Attribution chain" ref={root} onKeyDown={onKeyDown}>
      <h3 className="section-title">Attribution chain</h3>
      <ol className="chain">
        <li className="chain-origin">
          <span className="hop-number" aria-hidden="true">0</span>
          <div><strong>{article?.outlet || 'The article'}</strong> <span className="muted">(the article)</span></div>
        </li>
        {rows}
      </ol>
      {!chain.length && pending === null && (
        <p className="muted chain-empty">No hops yet. Press a number key (1–8) in the article to tag the source type, or add a hop here.</p>
      )}
      <datalist id={COUNT_WORDS_ID}>{SOURCE_COUNT_WORDS.map((w) => <option key={w} value={w} />)}</datalist>
      {!readOnly && (
        <button type="button" className="chain-add" onClick={() => setPending(chain.length)} title={withKey('Add a hop after the last one', 'addHop')}>
          + Add hop <kbd>{keysOf('addHop')}</kbd>
        </button>
      )}
    </section>
  );
}

function PendingHop({ taxonomy, onPick, onCancel }: { taxonomy: readonly SourcingType[]; onPick: (typeId: string) => void; onCancel: () => void }) {
  const select = useRef<HTMLSelectElement>(null);
  useEffect(() => select.current?.focus(), []);
  return (
    <li className="hop pending">
      <span className="hop-number" aria-hidden="true">+</span>
      <div className="hop-body">
        <label className="field">
          <span>Sourcing type of the new hop</span>
          <TypeSelect selectRef={select} taxonomy={taxonomy} value="" onChange={onPick} onBlur={onCancel} />
        </label>
        <p className="muted hop-hint">Press 1–8 or choose; Esc cancels.</p>
      </div>
    </li>
  );
}

function TypeSelect({ taxonomy, value, onChange, selectRef, onBlur, disabled }: {
  taxonomy: readonly SourcingType[]; value: string; onChange: (typeId: string) => void;
  selectRef?: React.Ref<HTMLSelectElement>; onBlur?: () => void; disabled?: boolean;
}) {
  const types = visibleTypes(taxonomy);
  const hiddenCurrent = value && !types.some((t) => t.id === value) ? taxonomy.find((t) => t.id === value) : undefined;
  const onKeyDown = (e: KeyboardEvent<HTMLSelectElement>) => {
    if (!/^[1-9]$/.test(e.key) || e.altKey || e.ctrlKey || e.metaKey) return;
    e.preventDefault();
    e.stopPropagation();
    const type = typeForDigit(taxonomy, Number(e.key));
    if (type) onChange(type.id);
  };
  return (
    <select ref={selectRef} data-field="type" value={value} disabled={disabled} onBlur={onBlur}
      onChange={(e) => e.target.value && onChange(e.target.value)} onKeyDown={onKeyDown} title="Sourcing type (1–8)">
      {!value && <option value="">Choose a sourcing type…</option>}
      {types.map((t, i) => <option key={t.id} value={t.id}>{i + 1} · {t.label}</option>)}
      {hiddenCurrent && <option value={hiddenCurrent.id}>{hiddenCurrent.label} (hidden)</option>}
    </select>
  );
}

const RELIABILITY = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
const RELIABILITY_LABELS: Record<(typeof RELIABILITY)[number], string> = {
  A: 'A · completely reliable', B: 'B · usually reliable', C: 'C · fairly reliable', D: 'D · not usually reliable', E: 'E · unreliable', F: 'F · cannot be judged',
};
const CREDIBILITY_LABELS = ['1 · confirmed', '2 · probably true', '3 · possibly true', '4 · doubtful', '5 · improbable', '6 · cannot be judged'];

function HopEditor({ hop, index, count, casefile, claimId, readOnly, focus }: {
  hop: Hop; index: number; count: number; casefile: Casefile; claimId: string; readOnly: boolean; focus: Field | null;
}) {
  const typeRef = useRef<HTMLSelectElement>(null);
  const sourceRef = useRef<HTMLInputElement>(null);
  const cueRef = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const hedgingRef = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const type = casefile.taxonomy.find((t) => t.id === hop.typeId);
  const source = hop.sourceId ? casefile.sources[hop.sourceId] : undefined;
  const set = (patch: Partial<Omit<Hop, 'id'>>) => void editChain(claimId, (c) => updateHop(c, hop.id, patch));
  const hasDetails = hop.quoteMode !== null || hop.anonymityReasonGiven !== null
    || hop.reliability !== null || hop.credibility !== null || hop.note !== '';

  useEffect(() => {
    if (!focus) return;
    ({ type: typeRef, source: sourceRef, cue: cueRef, hedging: hedgingRef })[focus].current?.focus();
    focusHop(null);
  }, [focus]);


  return (
    <li className="hop" data-hop-id={hop.id} data-testid="hop">
      <span className="hop-number" aria-hidden="true">{index + 1}</span>
      <div className="hop-body">
        <div className="hop-head">
          <Swatch color={type?.color ?? '#999999'} />
          <TypeSelect selectRef={typeRef} taxonomy={casefile.taxonomy} value={hop.typeId} disabled={readOnly}
            onChange={(typeId) => {
              set({ typeId });
              if (!hop.sourceId) sourceRef.current?.focus();
            }} />
          <span className="hop-tools">
            <button type="button" className="icon-button" disabled={readOnly || index === 0} aria-label="Move hop towards the article"
              title={withKey('Move towards the article', 'moveHopUp')} onClick={() => void editChain(claimId, (c) => moveHop(c, hop.id, -1))}>↑</button>
            <button type="button" className="icon-button" disabled={readOnly || index === count - 1} aria-label="Move hop away from the article"
              title={withKey('Move away from the article', 'moveHopDown')} onClick={() => void editChain(claimId, (c) => moveHop(c, hop.id, 1))}>↓</button>
            <button type="button" className="icon-button" disabled={readOnly} aria-label="Remove hop"
              title={withKey('Remove this hop', 'removeHop')} onClick={() => void editChain(claimId, (c) => removeHop(c, hop.id))}>✕</button>
          </span>
        </div>
        <div className="field">
          <span className="field-label-row">
            Source
            {source && <button type="button" className="link-button" onClick={() => { showSource(source.id); showSidePanel('sources'); }}>in registry</button>}
          </span>
          <SourcePicker value={hop.sourceId} label={`Source of hop ${index + 1}`} inputRef={sourceRef} disabled={readOnly} testId="hop-source"
            placeholder="Who? Type to find or create…"
            onPick={(sourceId) => set({ sourceId })}
            onCreate={(name) => void setHopSourceByName(claimId, hop.id, name)} onClear={() => set({ sourceId: null })} />
        </div>
        <div className="hop-grid">
          <label className="field"><span>Cue</span>
            <CommitField fieldRef={cueRef} data-field="cue" value={hop.cue} placeholder="told, according to…" disabled={readOnly} maxLength={20_000} onCommit={(cue) => set({ cue })} />
          </label>
          <label className="field"><span>Hedging</span>
            <CommitField fieldRef={hedgingRef} data-field="hedging" value={hop.hedging} placeholder="allegedly, reportedly…" disabled={readOnly} maxLength={20_000} onCommit={(hedging) => set({ hedging })} />
          </label>
          <label className="field"><span>Number of sources</span>
            <CommitField value={sourceCountValue(hop.sourceCount)} list={COUNT_WORDS_ID} placeholder="2, several…" disabled={readOnly}
              data-field="count" title={`Number of sources: ${SOURCE_COUNT_HELP}`}
              onCommit={(typed) => {
                const sourceCount = parseSourceCount(typed);
                if (sourceCount === undefined) {
                  notify('error', `“${typed.trim()}” is not a number of sources: type ${SOURCE_COUNT_HELP}, or leave it empty. The field keeps what you typed.`);
                  return false;
                }
                set({ sourceCount });
              }} />
          </label>
        </div>
        <details className="hop-details" open={hasDetails || undefined}>
          <summary>Quote, anonymity, grades, note</summary>
          <div className="hop-grid">
            <label className="field"><span>Quote or paraphrase</span>
              <select value={hop.quoteMode ?? ''} disabled={readOnly} onChange={(e) => set({ quoteMode: (e.target.value || null) as Hop['quoteMode'] })}>
                <option value="">Not recorded</option><option value="quote">Direct quote</option><option value="paraphrase">Paraphrase</option>
              </select>
            </label>
            <label className="field"><span>Reason for anonymity given</span>
              <select value={hop.anonymityReasonGiven === null ? '' : hop.anonymityReasonGiven ? 'yes' : 'no'} disabled={readOnly}
                onChange={(e) => set({ anonymityReasonGiven: e.target.value === '' ? null : e.target.value === 'yes' })}>
                <option value="">Not recorded</option><option value="yes">Yes</option><option value="no">No</option>
              </select>
            </label>
            <label className="field"><span>Source reliability</span>
              <select value={hop.reliability ?? ''} disabled={readOnly} onChange={(e) => set({ reliability: (e.target.value || null) as Hop['reliability'] })}>
                <option value="">Not graded</option>
                {RELIABILITY.map((r) => <option key={r} value={r}>{RELIABILITY_LABELS[r]}</option>)}
              </select>
            </label>
            <label className="field"><span>Information credibility</span>
              <select value={hop.credibility ?? ''} disabled={readOnly} onChange={(e) => set({ credibility: e.target.value ? Number(e.target.value) : null })}>
                <option value="">Not graded</option>
                {CREDIBILITY_LABELS.map((label, i) => <option key={label} value={i + 1}>{label}</option>)}
              </select>
            </label>
          </div>
          <label className="field"><span>Note</span>
            <CommitField multiline rows={2} value={hop.note} disabled={readOnly} maxLength={200_000} onCommit={(note) => set({ note })} />
          </label>
        </details>
      </div>
    </li>
  );
}

