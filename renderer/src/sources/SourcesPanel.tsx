import { useId, useMemo, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { Casefile, Claim, Source, SourceKind } from '../../../shared/model/schema';
import { SourceKind as SourceKinds } from '../../../shared/model/schema';
import { newId } from '../../../shared/model/ids';
import { casefileStore, dispatch } from '../app/casefile-store';
import { notify } from '../app/notices';
import { showClaim } from '../claims/actions';
import { claimsUi, showSource } from '../claims/claims-ui';
import { VirtualList } from '../claims/VirtualList';
import { CommitField } from '../inspector/CommitField';
import { useStore } from '../lib/store';
import { MAX_SOURCE_NAME, SourcePicker, sourceMatcher } from './SourcePicker';
import './sources.css';
import { memoizeWeak, pushTo } from '../../../shared/lib/collections';
import { shorten } from '../../../shared/text/wording';

const KIND_LABELS: Record<SourceKind, string> = {
  person: 'Person', institution: 'Institution', outlet: 'Outlet', document: 'Document', 'anonymous-group': 'Anonymous group', other: 'Other',
};
const ROW_HEIGHT = 52;

/** The casefile's source registry: every source once, shared by all articles. */
export function SourcesPanel() {
  const { casefile } = useStore(casefileStore)!;
  const { sourceId } = useStore(claimsUi);
  const source = sourceId ? casefile.sources[sourceId] : undefined;
  return source ? <SourceDetail casefile={casefile} source={source} /> : <SourceList casefile={casefile} />;
}

/** Claims whose chains name each source, per state of the casefile's claims. */
const claimsBySource = memoizeWeak((claims: Casefile['claims']): Map<string, Claim[]> => {
  const map = new Map<string, Claim[]>();
  for (const c of Object.values(claims)) {
    for (const id of new Set(c.chain.map((h) => h.sourceId).filter((s): s is string => !!s))) pushTo(map, id, c);
  }
  return map;
});

function SourceList({ casefile }: { casefile: Casefile }) {
  const { readOnly } = useStore(casefileStore)!;
  const [query, setQuery] = useState('');
  const [adding, setAdding] = useState(false);
  const [active, setActive] = useState(-1);
  const listId = useId();
  const counts = claimsBySource(casefile.claims);
  const sorted = useMemo(() => Object.values(casefile.sources).sort((a, b) => a.name.localeCompare(b.name)), [casefile.sources]);
  const shown = useMemo(() => (query.trim() ? sourceMatcher(casefile.sources).search(query, 200).map((m) => m.source) : sorted), [query, casefile.sources, sorted]);

  const onListKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown') setActive((a) => Math.min(shown.length - 1, a + 1));
    else if (e.key === 'ArrowUp') setActive((a) => Math.max(0, a - 1));
    else if (e.key === 'Enter' && shown[active]) showSource(shown[active]!.id);
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  return (
    <div className="sources-panel" aria-label="Sources">
      <div className="pane-header sources-header">
        <h2>Sources <span className="count">{sorted.length}</span></h2>
        {!readOnly && <button type="button" onClick={() => setAdding(true)}>New source</button>}
      </div>
      {adding && <NewSourceForm onDone={() => setAdding(false)} />}
      <div className="sources-controls">
        <input type="search" value={query} maxLength={500} aria-label="Search sources" placeholder="Search names and aliases"
          onChange={(e) => { setQuery(e.target.value); setActive(-1); }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              document.getElementById(listId)?.focus();
              setActive(0);
            } else if (e.key === 'Enter' && shown[0]) showSource(shown[0].id);
          }} />
      </div>
      {shown.length === 0 ? (
        <div className="empty-state">
          <p><strong>{sorted.length ? 'No source matches.' : 'No sources yet.'}</strong></p>
          <p className="muted">Sources are added as you name them in attribution chains, or with New source.</p>
        </div>
      ) : (
        <VirtualList id={listId} count={shown.length} rowHeight={ROW_HEIGHT} activeIndex={active} label="Sources" className="source-list"
          onKeyDown={onListKey} activeDescendant={active >= 0 ? `${listId}-${active}` : undefined}
          renderRow={(i) => {
            const s = shown[i]!;
            const n = counts.get(s.id)?.length ?? 0;
            return (
              <div key={s.id} id={`${listId}-${i}`} role="option" aria-selected={i === active} className={`source-row${i === active ? ' selected' : ''}`}
                onClick={() => showSource(s.id)}>
                <bdi className="source-row-name">{s.name || '(no name)'}</bdi>
                <span className="source-row-meta">
                  {KIND_LABELS[s.kind]}{s.role ? <> · <bdi>{s.role}</bdi></> : null}{s.affiliation ? <> · <bdi>{s.affiliation}</bdi></> : null}
                  <span className="source-row-count">{n} claim{n === 1 ? '' : 's'}</span>
                </span>
              </div>
            );
          }} />
      )}
    </div>
  );
}

function NewSourceForm({ onDone }: { onDone: () => void }) {
  const [name, setName] = useState('');
  const [kind, setKind] = useState<SourceKind>('person');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return notify('error', 'A source needs a name.');
    if (trimmed.length > MAX_SOURCE_NAME) return notify('error', `Source names are limited to ${MAX_SOURCE_NAME.toLocaleString()} characters.`);
    const id = newId('src');
    if (await dispatch({ type: 'source.add', source: { id, name: trimmed, kind, role: '', affiliation: '', aliases: [], notes: '' } })) {
      onDone();
      showSource(id);
    }
  };
  return (
    <form className="new-source" onSubmit={(e) => void submit(e)} onKeyDown={(e) => e.key === 'Escape' && onDone()}>
      <label className="field grow"><span>Name</span>
        <input autoFocus value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. Reuters" />
      </label>
      <label className="field"><span>Kind</span>
        <select value={kind} onChange={(e) => setKind(e.target.value as SourceKind)}>
          {SourceKinds.options.map((k) => <option key={k} value={k}>{KIND_LABELS[k]}</option>)}
        </select>
      </label>
      <div className="new-source-actions">
        <button type="submit" className="primary">Add</button>
        <button type="button" onClick={onDone}>Cancel</button>
      </div>
    </form>
  );
}

function SourceDetail({ casefile, source }: { casefile: Casefile; source: Source }) {
  const { readOnly } = useStore(casefileStore)!;
  const [mergeInto, setMergeInto] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const claims = claimsBySource(casefile.claims).get(source.id) ?? [];
  const update = (patch: Partial<Pick<Source, 'name' | 'kind' | 'role' | 'affiliation' | 'aliases' | 'notes'>>) =>
    void dispatch({ type: 'source.update', sourceId: source.id, patch });
  const target = mergeInto ? casefile.sources[mergeInto] : undefined;

  const merge = async () => {
    if (!target) return;
    if (await dispatch({ type: 'source.merge', fromId: source.id, intoId: target.id })) {
      notify('info', `Merged into “${target.name.slice(0, 80)}”: ${claims.length} claim${claims.length === 1 ? '' : 's'} now point there. Undo with Ctrl+Z.`);
      setMergeInto(null);
      showSource(target.id);
    }
  };
  const remove = async () => {
    if (await dispatch({ type: 'source.remove', sourceId: source.id })) {
      notify('info', 'Source deleted; the hops that named it keep their sourcing type. Undo with Ctrl+Z.');
      showSource(null);
    }
  };

  return (
    <div className="sources-panel source-detail" aria-label="Source" onKeyDown={(e) => {
      if (e.key === 'Escape' && !(e.target as HTMLElement).matches('input, textarea')) showSource(null);
    }}>
      <div className="pane-header sources-header">
        <button type="button" className="link-button" onClick={() => showSource(null)}>← All sources</button>
        <span className="count">{claims.length} claim{claims.length === 1 ? '' : 's'}</span>
      </div>
      <div className="source-form">
        <label className="field"><span>Name</span>
          <CommitField value={source.name} disabled={readOnly} data-testid="source-name"
            onCommit={(name) => {
              if (!name.trim()) notify('error', 'A source needs a name.');
              else if (name.length > MAX_SOURCE_NAME) notify('error', `Source names are limited to ${MAX_SOURCE_NAME.toLocaleString()} characters.`);
              else update({ name: name.trim() });
            }} />
        </label>
        <div className="source-grid">
          <label className="field"><span>Kind</span>
            <select value={source.kind} disabled={readOnly} onChange={(e) => update({ kind: e.target.value as SourceKind })}>
              {SourceKinds.options.map((k) => <option key={k} value={k}>{KIND_LABELS[k]}</option>)}
            </select>
          </label>
          <label className="field"><span>Role</span>
            <CommitField value={source.role} disabled={readOnly} maxLength={MAX_SOURCE_NAME} placeholder="e.g. embassy spokesperson" onCommit={(role) => update({ role })} />
          </label>
        </div>
        <label className="field"><span>Affiliation</span>
          <CommitField value={source.affiliation} disabled={readOnly} maxLength={MAX_SOURCE_NAME} placeholder="e.g. Embassy of China in the U.S." onCommit={(affiliation) => update({ affiliation })} />
        </label>
        <label className="field"><span>Aliases (one per line)</span>
          <CommitField multiline rows={3} value={source.aliases.join('\n')} disabled={readOnly} placeholder={'e.g. the news agency'}
            onCommit={(v) => update({ aliases: [...new Set(v.split('\n').map((a) => a.trim()).filter(Boolean))] })} />
        </label>
        <label className="field"><span>Notes</span>
          <CommitField multiline rows={2} value={source.notes} disabled={readOnly} maxLength={200_000} onCommit={(notes) => update({ notes })} />
        </label>
      </div>

      {!readOnly && (
        <section className="source-section">
          <h3 className="section-title">Merge into another source</h3>
          <p className="muted small">When two entries are one source (“Reuters” and “the news agency”): their chains move to the other, and this name becomes its alias.</p>
          <SourcePicker value={mergeInto} exclude={source.id} label="Merge into" placeholder="Find the source to keep…" onPick={setMergeInto} testId="merge-into" />
          {target && (
            <div className="confirm">
              <p>Merge <strong><bdi>{shorten(source.name, 120)}</bdi></strong> into <strong><bdi>{shorten(target.name, 120)}</bdi></strong>? {claims.length} claim{claims.length === 1 ? '' : 's'} will point to it.</p>
              <button type="button" className="primary" onClick={() => void merge()}>Merge</button>
              <button type="button" onClick={() => setMergeInto(null)}>Cancel</button>
            </div>
          )}
        </section>
      )}

      <section className="source-section">
        <h3 className="section-title">Claims citing this source</h3>
        {claims.length === 0 ? <p className="muted small">No claim names this source yet.</p> : (
          <ul className="source-claims">
            {claims.slice(0, 500).map((c) => {
              const article = casefile.articles[c.articleId];
              return (
                <li key={c.id}>
                  <button type="button" className="source-claim" onClick={() => showClaim(c.id, c.articleId)}>
                    <bdi className="source-claim-quote">{c.quote.exact}</bdi>
                    <span className="muted">{article?.outlet || article?.title || ''}</span>
                  </button>
                </li>
              );
            })}
            {claims.length > 500 && <li className="muted small">…and {claims.length - 500} more (filter the claims panel by this source).</li>}
          </ul>
        )}
      </section>

      {!readOnly && (
        <section className="source-section">
          {confirmDelete ? (
            <div className="confirm">
              <p>Delete this source? The {claims.length} hop{claims.length === 1 ? '' : 's'} naming it keep their sourcing type but lose the name.</p>
              <button type="button" className="danger" onClick={() => void remove()}>Delete source</button>
              <button type="button" onClick={() => setConfirmDelete(false)}>Cancel</button>
            </div>
          ) : <button type="button" className="danger" onClick={() => setConfirmDelete(true)}>Delete source…</button>}
        </section>
      )}
    </div>
  );
}

