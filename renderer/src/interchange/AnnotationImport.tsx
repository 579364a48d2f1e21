/**
 * File ▸ Import Annotations… (and the articles pane's "Annotations…" button):
 * a W3C Web Annotation or Hypothesis file read here in the window
 * (shared/interchange), one dialog to confirm what each tag becomes, then
 * one batch command through the reducer (one undo step), and what happened
 * to every annotation: anchored, moved, orphaned, not placed, skipped.
 */
import { useEffect, useMemo, useState } from 'react';
import {
  planAnnotationImport, proposeMapping, tagCounts, type AnnotationImportPlan, type TagChoice,
} from '../../../shared/interchange/annotations-import';
import { AnnotationFileError, MAX_ANNOTATION_FILE_CHARS, readAnnotationFile, type ReadAnnotations } from '../../../shared/interchange/annotations-read';
import { newId } from '../../../shared/model/ids';
import { plural } from '../../../shared/text/wording';
import { Modal } from '../articles/Modal';
import { casefileStore, dispatch } from '../app/casefile-store';
import { onAppAction } from '../app/commands';
import { notify } from '../app/notices';
import { openDialog, uiStore } from '../app/ui-store';
import { api } from '../lib/api';
import { useStore } from '../lib/store';
import './interchange.css';

interface Chosen {
  fileName: string;
  read: ReadAnnotations;
}

export function AnnotationImportHost() {
  const { dialog } = useStore(uiStore);
  useEffect(() => onAppAction('importAnnotations', () => openDialog('importAnnotations')), []);
  if (dialog !== 'importAnnotations') return null;
  return <AnnotationImportDialog onClose={() => openDialog(null)} />;
}

function AnnotationImportDialog({ onClose }: { onClose: () => void }) {
  const opened = useStore(casefileStore);
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<{ plan: AnnotationImportPlan; read: ReadAnnotations; fileName: string } | null>(null);
  if (!opened) return null;

  async function choose(file: File | undefined) {
    setError(null);
    setChosen(null);
    if (!file) return;
    try {
      if (file.size > MAX_ANNOTATION_FILE_CHARS) throw new AnnotationFileError(`${file.name} is too large to be an annotation export.`);
      setChosen({ fileName: file.name, read: readAnnotationFile(await file.text()) });
    } catch (e) {
      setError(e instanceof AnnotationFileError ? `${file.name}: ${e.message}` : `${file.name} could not be read: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  if (result) return <ImportResult {...result} onClose={onClose} />;
  return (
    <Modal title="Import annotations" onClose={onClose} className="annotation-import" testId="annotation-import">
      <p>
        A W3C Web Annotation file (Hypothesis, Recogito, this app’s JSON-LD export) or the JSON of a Hypothesis API search.
        Each annotation becomes a claim on the article with its address, or else on the article that holds its words.
      </p>
      <label className="field">
        <span>Annotation file</span>
        <input type="file" accept=".json,.jsonld,application/json,application/ld+json" aria-label="Annotation file" data-testid="annotation-file-input"
          onChange={(e) => void choose(e.target.files?.[0])} disabled={opened.readOnly} />
      </label>
      {opened.readOnly && <p className="export-problem" role="alert">This casefile is open read-only.</p>}
      {error && <p className="export-problem" role="alert">{error}</p>}
      {chosen && (
        <MappingStep
          chosen={chosen}
          onImport={(mapping) => void runImport(chosen, mapping).then((plan) => plan && setResult({ plan, read: chosen.read, fileName: chosen.fileName }))}
        />
      )}
    </Modal>
  );
}

/** Places the annotations on the casefile as it is now and applies them as one command; null if the command was refused. */
async function runImport(chosen: Chosen, mapping: Map<string, TagChoice>): Promise<AnnotationImportPlan | null> {
  // Annotations that name no author are credited to the analyst at the keyboard.
  const analyst = await api.getSettings({}).then((s) => s.analystName, () => '');
  const current = casefileStore.get();
  if (!current) return null;
  const plan = planAnnotationImport(current.casefile, chosen.read.annotations, mapping,
    { analyst, now: new Date().toISOString(), newId }, `Import annotations from ${chosen.fileName}`);
  if (plan.command) {
    if (!(await dispatch(plan.command))) return null;
    notify('info', `Imported ${plural(plan.placed.length, 'annotation')} as claims. Undo with Ctrl+Z.`);
  }
  return plan;
}

/** Each list of problems shows this many; a count stands for the rest. */
const LISTED = 500;

const CHOICE_TAG = 'tag';
const CHOICE_IGNORE = 'ignore';

function MappingStep({ chosen, onImport }: { chosen: Chosen; onImport: (mapping: Map<string, TagChoice>) => void }) {
  const casefile = useStore(casefileStore)!.casefile;
  const tags = useMemo(() => tagCounts(chosen.read.annotations), [chosen]);
  const [mapping, setMapping] = useState(() => proposeMapping(chosen.read.annotations, casefile.taxonomy));
  const { annotations, skipped, format } = chosen.read;
  const valueOf = (choice: TagChoice | undefined) => (!choice || choice.kind === 'tag' ? CHOICE_TAG : choice.kind === 'ignore' ? CHOICE_IGNORE : `type:${choice.typeId}`);
  const set = (tag: string, value: string) => {
    const next = new Map(mapping);
    next.set(tag, value === CHOICE_TAG ? { kind: 'tag' } : value === CHOICE_IGNORE ? { kind: 'ignore' } : { kind: 'type', typeId: value.slice(5) });
    setMapping(next);
  };
  return (
    <section className="annotation-mapping" aria-label="Tags and what they become">
      <p data-testid="annotation-file-summary">
        <strong>{format}</strong>: {plural(annotations.length, 'annotation')} on text{skipped.length ? `, ${skipped.length} skipped${annotations.length ? ' (listed after the import)' : ''}` : ''}.
      </p>
      {!annotations.length && skipped.length > 0 && (
        <ul className="import-problems" role="alert">
          {skipped.slice(0, LISTED).map((x, i) => <li key={i}>Skipped <bdi>{x.ref}</bdi>: {x.reason}</li>)}
        </ul>
      )}
      {tags.length ? (
        <>
          <p className="muted">What each tag becomes. A sourcing type sets the claim’s type (the first one, if several); a kept tag goes into the claim’s notes.</p>
          <div className="tag-mapping-scroll">
            <table className="tag-mapping" data-testid="tag-mapping">
              <thead><tr><th scope="col">Tag</th><th scope="col">Annotations</th><th scope="col">Becomes</th></tr></thead>
              <tbody>
                {tags.map(({ tag, count }) => (
                  <tr key={tag}>
                    <td><bdi>{tag}</bdi></td>
                    <td className="num">{count}</td>
                    <td>
                      <select value={valueOf(mapping.get(tag))} onChange={(e) => set(tag, e.target.value)} aria-label={`What “${tag}” becomes`}>
                        <optgroup label="Sourcing type">
                          {casefile.taxonomy.filter((t) => !t.hidden).map((t) => <option key={t.id} value={`type:${t.id}`}>{t.label}</option>)}
                        </optgroup>
                        <option value={CHOICE_TAG}>Keep as a tag (in the notes)</option>
                        <option value={CHOICE_IGNORE}>Leave out</option>
                      </select>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : <p className="muted">The annotations carry no tags.</p>}
      <div className="modal-actions">
        <button type="button" className="primary" onClick={() => onImport(mapping)} disabled={!annotations.length}>
          Import {plural(annotations.length, 'annotation')}
        </button>
      </div>
    </section>
  );
}

function ImportResult({ plan, read, fileName, onClose }: { plan: AnnotationImportPlan; read: ReadAnnotations; fileName: string; onClose: () => void }) {
  const { exact, moved, orphaned, unplaced, duplicates } = plan.counts;
  const orphans = plan.placed.filter((p) => p.status === 'orphaned');
  return (
    <Modal title="Annotations imported" onClose={onClose} className="annotation-import" testId="annotation-import-result"
      footer={<button type="button" className="primary" onClick={onClose}>Close</button>}>
      <p>From <bdi>{fileName}</bdi>:</p>
      <ul className="import-counts" data-testid="annotation-import-counts">
        <li><strong>{exact}</strong> anchored exactly</li>
        <li><strong>{moved}</strong> moved: placed on similar words, flagged for you to check</li>
        <li><strong>{orphaned}</strong> orphaned: on their article, but their words are not in it</li>
        <li><strong>{unplaced}</strong> not placed: no article of this casefile matches</li>
        {duplicates > 0 && <li><strong>{duplicates}</strong> duplicates: the same article and words as another claim, not added twice</li>}
        {read.skipped.length > 0 && <li><strong>{read.skipped.length}</strong> skipped</li>}
      </ul>
      {(plan.unplaced.length > 0 || orphans.length > 0 || read.skipped.length > 0) && (
        <ul className="import-problems" data-testid="annotation-import-problems">
          {plan.unplaced.slice(0, LISTED).map((u, i) => <li key={`u${i}`}>Not placed: “<bdi>{u.quote}</bdi>” ({u.reason})</li>)}
          {plan.unplaced.length > LISTED && <li>…and {plan.unplaced.length - LISTED} more not placed</li>}
          {orphans.slice(0, LISTED).map((o, i) => <li key={`o${i}`}>Orphaned on {o.articleId}: <bdi>{o.ref}</bdi></li>)}
          {orphans.length > LISTED && <li>…and {orphans.length - LISTED} more orphaned</li>}
          {read.skipped.slice(0, LISTED).map((s, i) => <li key={`s${i}`}>Skipped <bdi>{s.ref}</bdi>: {s.reason}</li>)}
          {read.skipped.length > LISTED && <li>…and {read.skipped.length - LISTED} more skipped</li>}
        </ul>
      )}
    </Modal>
  );
}
