import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { SourcingType } from '../../../shared/model/schema';
import {
  addType, MAX_LABEL, mergeImportedTaxonomy, moveType, removeType, taxonomyFromCsv, taxonomyProblems, taxonomyToCsv, typeUsage, updateType,
} from '../../../shared/taxonomy';
import { casefileStore, dispatch } from '../app/casefile-store';
import { notify } from '../app/notices';
import { fileSlug, offerDownload } from '../lib/download';
import { useStore } from '../lib/store';
import './taxonomy.css';

const MAX_CSV_BYTES = 1024 * 1024;

interface ImportReport {
  fileName: string;
  errors: string[];
  notes: string[];
}

/**
 * The casefile's sourcing types: rename, recolour, reorder, add, hide, and
 * CSV import/export. Edits collect in a draft and are saved as one undoable step.
 */
export function TaxonomyPanel() {
  const { casefile, readOnly } = useStore(casefileStore)!;
  const [draft, setDraft] = useState<SourcingType[] | null>(null);
  const [newLabel, setNewLabel] = useState('');
  const [report, setReport] = useState<ImportReport | null>(null);
  const csvInput = useRef<HTMLInputElement>(null);
  const reportBox = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Braces matter: newer browsers return a promise from scrollIntoView, which React would call as a cleanup.
    reportBox.current?.scrollIntoView({ block: 'nearest' });
  }, [report]);
  const usage = useMemo(() => typeUsage(casefile), [casefile]);
  const types = draft ?? casefile.taxonomy;
  const dirty = draft !== null && JSON.stringify(draft) !== JSON.stringify(casefile.taxonomy);
  const problems = useMemo(() => (dirty ? taxonomyProblems(types, usage) : []), [dirty, types, usage]);
  const edit = (next: SourcingType[]) => setDraft(next);

  let visibleNumber = 0;
  const keyOf = (t: SourcingType) => (t.hidden ? null : ++visibleNumber);

  const save = async () => {
    if (await dispatch({ type: 'taxonomy.set', types: types.map((t) => ({ ...t, label: t.label.trim() })) })) {
      setDraft(null);
      setReport(null);
      notify('info', 'Sourcing types saved.');
    }
  };

  const add = (e: FormEvent) => {
    e.preventDefault();
    const label = newLabel.trim();
    if (!label) return;
    edit(addType(types, label));
    setNewLabel('');
  };

  const importCsv = async (file: File) => {
    if (file.size > MAX_CSV_BYTES) {
      setReport({ fileName: file.name, errors: ['The file is larger than 1 MB; a taxonomy CSV is a few lines.'], notes: [] });
      return;
    }
    const result = taxonomyFromCsv(await file.text());
    if (!result.ok) {
      setReport({ fileName: file.name, errors: result.errors, notes: [] });
      return;
    }
    const merged = mergeImportedTaxonomy(casefile.taxonomy, result.types, usage);
    const notes = [...result.warnings];
    for (const t of merged.kept) notes.push(`Kept “${t.label}” (hidden): ${usage.get(t.id)} claims still use it.`);
    notes.push(`Read ${result.types.length} types. Check them, then save.`);
    setReport({ fileName: file.name, errors: [], notes });
    edit(merged.types);
  };

  const exportCsv = () => {
    offerDownload(new Blob([taxonomyToCsv(types)], { type: 'text/csv;charset=utf-8' }), `${fileSlug(casefile.meta.title)}-sourcing-types.csv`);
  };

  return (
    <div className="taxonomy-panel" aria-label="Sourcing types">
      <div className="pane-header taxonomy-header">
        <h2>Sourcing types</h2>
        <div className="taxonomy-csv">
          <button type="button" onClick={exportCsv} title="Download the sourcing types as a CSV file (id, label, color, description, hidden)">Export CSV</button>
          <button type="button" onClick={() => csvInput.current?.click()} disabled={readOnly} title="Load sourcing types from a CSV file">Import CSV…</button>
          <input ref={csvInput} type="file" hidden accept=".csv,text/csv" data-testid="taxonomy-csv-input"
            onChange={(e) => { const f = e.target.files?.[0]; e.target.value = ''; if (f) void importCsv(f); }} />
        </div>
      </div>
      <p className="muted taxonomy-hint">Number keys tag a claim with the visible types in this order. A type in use can be hidden but not removed.</p>

      {report && (
        <div ref={reportBox} className={`taxonomy-report${report.errors.length ? ' has-errors' : ''}`} role={report.errors.length ? 'alert' : 'status'}>
          <p><strong>{report.errors.length ? `${report.fileName} was not imported:` : `${report.fileName}:`}</strong></p>
          <ul>{[...report.errors, ...report.notes].map((m, i) => <li key={i}>{m}</li>)}</ul>
          <button type="button" className="taxonomy-report-close" onClick={() => setReport(null)} aria-label="Dismiss">×</button>
        </div>
      )}

      <ol className="type-list">
        {types.map((t, i) => {
          const used = usage.get(t.id) ?? 0;
          const key = keyOf(t);
          const name = t.label.trim() || 'this type';
          return (
            <li key={t.id} className={`type-row${t.hidden ? ' is-hidden' : ''}`} data-type-id={t.id}>
              <div className="type-line">
                <span className="type-key" title={key && key <= 9 ? `Key ${key}` : 'Hidden types have no key'}>{key && key <= 9 ? key : '–'}</span>
                <input type="color" className="type-color" value={t.color.toLowerCase()} disabled={readOnly} aria-label={`Colour of ${name}`}
                  onChange={(e) => edit(updateType(types, t.id, { color: e.target.value.toUpperCase() }))} />
                <input className="type-label grow" value={t.label} maxLength={MAX_LABEL} disabled={readOnly} aria-label={`Label of ${name}`}
                  onChange={(e) => edit(updateType(types, t.id, { label: e.target.value }))} />
                <button type="button" className="type-move" disabled={readOnly || i === 0} aria-label={`Move ${name} up`} title="Move up"
                  onClick={() => edit(moveType(types, t.id, -1))}>↑</button>
                <button type="button" className="type-move" disabled={readOnly || i === types.length - 1} aria-label={`Move ${name} down`} title="Move down"
                  onClick={() => edit(moveType(types, t.id, 1))}>↓</button>
              </div>
              <input className="type-description" value={t.description} placeholder="Description (a hint for tagging)" maxLength={2_000}
                disabled={readOnly} aria-label={`Description of ${name}`}
                onChange={(e) => edit(updateType(types, t.id, { description: e.target.value }))} />
              <div className="type-line type-meta">
                <label className="type-hide" title="Hidden types keep their claims but are not offered for tagging">
                  <input type="checkbox" checked={t.hidden} disabled={readOnly}
                    onChange={(e) => edit(updateType(types, t.id, { hidden: e.target.checked }))} />
                  Hidden
                </label>
                <span className="grow" />
                {used ? (
                  <span className="type-used" title="A type in use cannot be removed; hide it instead">Used by {used} claim{used === 1 ? '' : 's'}</span>
                ) : (
                  <button type="button" className="type-remove" disabled={readOnly} aria-label={`Remove ${name}`} title="Remove this unused type"
                    onClick={() => edit(removeType(types, t.id))}>Remove</button>
                )}
              </div>
            </li>
          );
        })}
      </ol>

      <form className="type-add" onSubmit={add}>
        <input value={newLabel} onChange={(e) => setNewLabel(e.target.value)} placeholder="New type, e.g. State media" maxLength={MAX_LABEL}
          aria-label="New type label" disabled={readOnly} className="grow" />
        <button type="submit" disabled={readOnly || !newLabel.trim()}>Add type</button>
      </form>

      {dirty && (
        <div className="taxonomy-save">
          {problems.length > 0 && <ul className="taxonomy-problems" role="alert">{problems.map((p) => <li key={p}>{p}</li>)}</ul>}
          <div className="taxonomy-save-actions">
            <button type="button" onClick={() => { setDraft(null); setReport(null); }}>Discard</button>
            <button type="button" className="primary" disabled={readOnly || problems.length > 0} onClick={() => void save()}>Save changes</button>
          </div>
        </div>
      )}
    </div>
  );
}
