/**
 * What the import read about an article, for the analyst to check: under each
 * filled field, where it came from and how sure the reading is, with one
 * button that confirms it (or saves the correction typed above it); and the
 * lines proposed as page chrome, accepted all at once or one by one with the
 * keyboard (↑/↓ to move, A or Enter to accept, R or Delete to reject); and
 * the outlet's entry in the registry, to correct.
 */
import { useState, type KeyboardEvent } from 'react';
import { outletNamed, outletRegistry } from '../../../shared/articles/outlet-registry';
import { OutletKind as OutletKinds, type Article, type OutletEntry, type OutletKind, type ReadFieldName } from '../../../shared/model/schema';
import { dispatch } from '../app/casefile-store';

/** Below this, a reading is shown as a guess to check. */
const SURE = 0.8;

/** The origin of a field read on import, and its confirm-or-correct button; nothing for fields typed by hand. */
export function FieldReading({ article, field, value, readOnly }: { article: Article; field: ReadFieldName; value: string; readOnly: boolean }) {
  const origin = article.metaOrigins?.[field];
  const current = field === 'publishedAt' ? [article.publishedAt, article.publishedTime].filter(Boolean).join('T') : article[field];
  const edited = value.trim() !== (field === 'publishedAt' ? article.publishedAt : article[field]);
  if (!origin && !edited) return null;
  const confirm = () => {
    // A date typed in the date box keeps the time read on import when the day is unchanged.
    const next = field === 'publishedAt' && !edited ? current : value.trim();
    void dispatch({ type: 'article.confirmField', articleId: article.id, field, value: next });
  };
  const label = FIELD_LABELS[field];
  if (origin?.confirmed && !edited) {
    return <p className="field-origin confirmed" data-field={field}>{origin.origin === 'analyst' ? 'Corrected' : 'Confirmed'} by the analyst{origin.origin !== 'analyst' ? ` (read from ${origin.origin})` : ''}</p>;
  }
  return (
    <p className={`field-origin${origin && origin.confidence < SURE ? ' unsure' : ''}`} data-field={field}>
      {origin && !edited && <span>Read from {origin.origin} · {Math.round(origin.confidence * 100)} % sure</span>}
      {edited && <span>Changed here</span>}
      {!readOnly && (
        <button type="button" className="confirm-field" onClick={confirm} title={`${edited ? 'Save the corrected' : 'Confirm the'} ${label}`}>
          {edited ? 'Save correction' : 'Confirm'}
        </button>
      )}
    </p>
  );
}

const OUTLET_KINDS = OutletKinds.options;

const FIELD_LABELS: Record<ReadFieldName, string> = { title: 'title', outlet: 'outlet', author: 'author', publishedAt: 'date', url: 'URL' };

/** The lines proposed as page chrome on import, to accept all or review one by one. */
export function ChromeProposals({ article, readOnly }: { article: Article; readOnly: boolean }) {
  const proposals = article.chromeProposals ?? [];
  const [active, setActive] = useState(0);
  if (!proposals.length) return null;
  const at = Math.min(active, proposals.length - 1);
  const decide = (acceptIds: string[], rejectIds: string[]) => void dispatch({ type: 'article.decideChrome', articleId: article.id, acceptIds, rejectIds });
  const onKey = (e: KeyboardEvent<HTMLUListElement>) => {
    const p = proposals[at]!;
    const keys: Record<string, () => void> = {
      ArrowDown: () => setActive(Math.min(at + 1, proposals.length - 1)),
      ArrowUp: () => setActive(Math.max(at - 1, 0)),
      Home: () => setActive(0),
      End: () => setActive(proposals.length - 1),
      a: () => decide([p.id], []),
      Enter: () => decide([p.id], []),
      r: () => decide([], [p.id]),
      Delete: () => decide([], [p.id]),
    };
    const run = readOnly && !e.key.startsWith('Arrow') ? undefined : keys[e.key];
    if (!run) return;
    e.preventDefault();
    run();
  };
  return (
    <section className="details-section chrome-proposals" aria-labelledby="details-chrome">
      <h3 id="details-chrome">Page chrome proposed ({proposals.length})</h3>
      <p className="muted">Lines that look like site furniture rather than article. Accepted lines are left out of analysis and reports; the text keeps them.</p>
      {!readOnly && (
        <div className="details-actions">
          <button type="button" className="primary" onClick={() => decide(proposals.map((p) => p.id), [])}>Accept all</button>
          <button type="button" onClick={() => decide([], proposals.map((p) => p.id))}>Reject all</button>
        </div>
      )}
      <ul className="chrome-list" role="listbox" tabIndex={0} aria-label="Proposed page chrome: ↑/↓ to move, A or Enter to accept, R or Delete to reject"
        aria-activedescendant={`chrome-${proposals[at]!.id}`} onKeyDown={onKey}>
        {proposals.map((p, i) => (
          <li key={p.id} id={`chrome-${p.id}`} role="option" aria-selected={i === at} className={i === at ? 'active' : ''} onClick={() => setActive(i)}>
            <span className="chrome-line">{article.text.slice(p.start, p.end)}</span>
            <span className="chrome-reason">{p.reason} · {Math.round(p.confidence * 100)} %</span>
            {!readOnly && (
              <span className="chrome-buttons">
                <button type="button" tabIndex={-1} onClick={() => decide([p.id], [])} aria-label="Accept as page chrome">Accept</button>
                <button type="button" tabIndex={-1} onClick={() => decide([], [p.id])} aria-label="Keep as article text">Reject</button>
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The outlet's registry entry (shipped, or the casefile's own), and a form to correct its kind, domains and aliases. */
export function OutletEntryEditor({ outlet, entries, readOnly }: { outlet: string; entries: OutletEntry[]; readOnly: boolean }) {
  const entry = outlet ? outletNamed(outletRegistry(entries), outlet) : null;
  const [editing, setEditing] = useState<OutletEntry | null>(null);
  if (!outlet) return null;
  if (!editing) {
    return (
      <p className="field-origin outlet-entry" data-testid="outlet-entry">
        <span>{entry ? `Registry: ${entry.name} · ${entry.kind}${entry.domains.length ? ` · ${entry.domains.join(', ')}` : ''}` : 'Not in the outlet registry'}</span>
        {!readOnly && <button type="button" onClick={() => setEditing(entry ? { ...entry } : { name: outlet, kind: 'newspaper', domains: [], aliases: [] })}>{entry ? 'Edit outlet' : 'Add to registry'}</button>}
      </p>
    );
  }
  const list = (text: string) => text.split(',').map((x) => x.trim()).filter(Boolean);
  const save = async () => {
    if (await dispatch({ type: 'outlet.set', outlet: { ...editing, domains: editing.domains.map((d) => d.toLowerCase().replace(/^www\./, '')) } })) setEditing(null);
  };
  return (
    <div className="outlet-editor" role="group" aria-label="Outlet registry entry">
      <label className="field"><span>Kind</span>
        <select value={editing.kind} onChange={(e) => setEditing({ ...editing, kind: e.target.value as OutletKind })}>
          {OUTLET_KINDS.map((k) => <option key={k} value={k}>{k}</option>)}
        </select>
      </label>
      <label className="field"><span>Web domains (comma-separated)</span>
        <input value={editing.domains.join(', ')} onChange={(e) => setEditing({ ...editing, domains: list(e.target.value) })} placeholder="example.com" />
      </label>
      <label className="field"><span>Other names (comma-separated)</span>
        <input value={editing.aliases.join(', ')} onChange={(e) => setEditing({ ...editing, aliases: list(e.target.value) })} />
      </label>
      <div className="details-actions">
        <button type="button" className="primary" onClick={() => void save()}>Save outlet</button>
        <button type="button" onClick={() => setEditing(null)}>Cancel</button>
      </div>
    </div>
  );
}
