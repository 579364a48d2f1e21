/**
 * File ▸ Export…: the report builder. The analyst picks what the report
 * covers, which sections, the cover's title and name, and the format, and
 * sees a live preview. The export itself runs on the Node side (exportReport)
 * with progress and a Cancel button; the file comes back as a download or is
 * saved in the workspace's exports folder (browser mode).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { AppInfo } from '../../../shared/api/contract';
import type { Casefile } from '../../../shared/model/schema';
import {
  COMPACT_ABOVE_CLAIMS, FORMAT_INFO, REPORT_FORMATS, REPORT_SECTIONS, SECTION_LABELS, type ReportFormat, type ReportOptions, type ReportScope, type ReportSections,
} from '../../../shared/report/options';
import { ReportScopeError, selectScope } from '../../../shared/report/model';
import { checkRated, ClaimReviewRefused, propositionIdsOfScope, propositionsToReview } from '../../../shared/interchange/claimreview';
import { CommitField } from '../inspector/CommitField';
import { Modal } from '../articles/Modal';
import { casefileStore, dispatch } from '../app/casefile-store';
import { notify } from '../app/notices';
import { api, bridge, RemoteError } from '../lib/api';
import { offerDownload } from '../lib/download';
import { useStore } from '../lib/store';
import { StalePreview, type Preview } from './preview';
import { releasePreviews, requestPreview } from './preview-client';

const FORMAT_NOTES: Record<ReportFormat, string> = {
  html: 'One file that opens in any browser and prints well. Charts and the graph are inside.',
  pdf: 'Pages with numbers, for e-mail and print.',
  md: 'Plain text with headings and tables, for wikis and tickets.',
  csv: 'One row per claim, for Excel or LibreOffice. Sections do not apply.',
  jsonld: 'W3C Web Annotations, for other annotation tools. Sections do not apply.',
  claimreview: 'One schema.org ClaimReview per rated proposition, for your fact-check pages and search engines. Sections do not apply.',
  qdpx: 'The whole casefile as a project for ATLAS.ti, MAXQDA, NVivo or QualCoder. Sections do not apply.',
};

type ScopeKind = ReportScope['kind'];
interface Progress {
  label: string;
  done: number;
  total: number;
}

/** Above this many claims a PDF runs to thousands of pages: the builder says so, and points to HTML. */
const LONG_PDF_CLAIMS = 5_000;

const ALL_SECTIONS: ReportSections = { summary: true, propositions: true, ungrouped: true, graph: true, appendix: true };

export function ReportBuilder({ info, onClose }: { info: AppInfo; onClose: () => void }) {
  const opened = useStore(casefileStore)!;
  const casefile = opened.casefile;
  const [title, setTitle] = useState('');
  const [analyst, setAnalyst] = useState('');
  const [scopeKind, setScopeKind] = useState<ScopeKind>('casefile');
  const [chosenPropositions, setChosenPropositions] = useState<string[]>([]);
  const [articleId, setArticleId] = useState('');
  const [sections, setSections] = useState<ReportSections>(ALL_SECTIONS);
  const [format, setFormat] = useState<ReportFormat>('html');
  const [layout, setLayout] = useState<ReportOptions['layout']>('auto');
  const [destination, setDestination] = useState<'download' | 'workspace'>('download');
  const [progress, setProgress] = useState<Progress | null>(null);
  const jobRef = useRef<string | null>(null);
  /** What became of the last export while the builder stays open (a cancel); cleared by the next one. */
  const [outcome, setOutcome] = useState<string | null>(null);

  useEffect(() => {
    void api.getSettings({}).then((s) => setAnalyst((current) => current || s.analystName), () => undefined);
  }, []);

  const scope = useMemo<ReportScope | null>(() => {
    if (scopeKind === 'propositions') return chosenPropositions.length ? { kind: 'propositions', propositionIds: chosenPropositions } : null;
    if (scopeKind === 'article') return articleId && casefile.articles[articleId] ? { kind: 'article', articleId } : null;
    return { kind: 'casefile' };
  }, [scopeKind, chosenPropositions, articleId, casefile]);
  const options = useMemo<ReportOptions | null>(
    () => (scope ? { scope, sections, title: title.trim(), analyst: analyst.trim(), layout } : null),
    [scope, sections, title, analyst, layout],
  );
  const noSection = !REPORT_SECTIONS.some((s) => sections[s]);
  const sectionsApply = format !== 'csv' && format !== 'jsonld' && format !== 'claimreview';
  const unrated = useMemo(() => (format === 'claimreview' && scope ? claimReviewProblem(casefile, scope) : null), [format, scope, casefile]);
  const problem = !scope
    ? scopeKind === 'propositions' ? 'Choose at least one proposition.' : 'Choose an article.'
    : sectionsApply && noSection ? 'Choose at least one section.' : unrated;

  const preview = usePreview(casefile, options, format);
  const claimsInScope = useMemo(() => (scope ? selectScope(casefile, scope).claimIds.length : 0), [casefile, scope]);
  const running = progress !== null;

  async function runExport() {
    if (!options || problem) return;
    const jobId = crypto.randomUUID();
    jobRef.current = jobId;
    setOutcome(null);
    setProgress({ label: 'Starting', done: 0, total: 0 });
    const off = bridge.on('progress', (p) => {
      if (p.task === `export:${jobId}` && jobRef.current === jobId && p.label !== 'Finished') setProgress({ label: p.label, done: p.done, total: p.total });
    });
    try {
      const result = await api.exportReport({ sessionId: opened.sessionId, jobId, format, options, destination });
      if (result.dataBase64 !== null) {
        downloadBase64(result.fileName, result.mimeType, result.dataBase64);
        notify('info', `Exported ${result.fileName}.`);
      } else {
        notify('info', `Saved ${result.savedPath} in the workspace folder.`);
      }
      onClose();
    } catch (error) {
      if (error instanceof RemoteError && error.code === 'cancelled') setOutcome('Export cancelled: no file was written.');
      else notify('error', `The export failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      off();
      jobRef.current = null;
      setProgress(null);
    }
  }

  function cancelExport() {
    if (jobRef.current) void api.cancelExport({ jobId: jobRef.current });
  }

  const footer = (
    <>
      {running ? (
        <div className="export-progress" role="status" aria-live="polite">
          <span>{progress.label}…</span>
          <progress max={progress.total || undefined} value={progress.total ? progress.done : undefined} aria-label="Export progress" />
        </div>
      ) : problem ? (
        <span className="export-problem" role="alert">{problem}</span>
      ) : (
        <span className="export-outcome" role="status">{outcome}</span>
      )}
      {running ? (
        <button type="button" onClick={cancelExport}>Cancel export</button>
      ) : (
        <>
          <button type="button" onClick={onClose}>Close</button>
          <button type="button" className="primary" onClick={() => void runExport()} disabled={!!problem}>Export {format === 'claimreview' ? 'ClaimReview' : FORMAT_INFO[format].extension.slice(1).toUpperCase()}</button>
        </>
      )}
    </>
  );

  return (
    <Modal title="Export a report" onClose={running ? cancelExport : onClose} className="report-builder" testId="report-builder" footer={footer}>
      <div className="report-builder-grid">
        <form className="report-options" onSubmit={(e) => e.preventDefault()} aria-label="Report options">
          <fieldset disabled={running}>
            <legend>Cover</legend>
            <label className="field">
              <span>Title</span>
              <input value={title} onChange={(e) => setTitle(e.target.value)} placeholder={casefile.meta.title} maxLength={500} />
            </label>
            <label className="field">
              <span>Prepared by</span>
              <input value={analyst} onChange={(e) => setAnalyst(e.target.value)} maxLength={200} />
            </label>
          </fieldset>

          <fieldset disabled={running}>
            <legend>What the report covers</legend>
            <Radio name="scope" value="casefile" current={scopeKind} onChange={setScopeKind}>
              The whole casefile <span className="muted">({count(casefile, 'articles')} articles, {count(casefile, 'claims')} claims)</span>
            </Radio>
            <Radio name="scope" value="propositions" current={scopeKind} onChange={setScopeKind} disabled={!count(casefile, 'propositions')}>
              Chosen propositions
            </Radio>
            {scopeKind === 'propositions' && <PropositionPicker casefile={casefile} chosen={chosenPropositions} onChange={setChosenPropositions} />}
            <Radio name="scope" value="article" current={scopeKind} onChange={setScopeKind} disabled={!count(casefile, 'articles')}>
              One article
            </Radio>
            {scopeKind === 'article' && (
              <label className="field nested">
                <span>Article</span>
                <select value={articleId} onChange={(e) => setArticleId(e.target.value)}>
                  <option value="">Choose an article…</option>
                  {Object.values(casefile.articles).map((a) => (
                    <option key={a.id} value={a.id}>{`${a.outlet ? `${a.outlet} — ` : ''}${a.title}`.slice(0, 140)}</option>
                  ))}
                </select>
              </label>
            )}
          </fieldset>

          <fieldset disabled={running || !sectionsApply}>
            <legend>Sections</legend>
            {REPORT_SECTIONS.map((s) => (
              <label key={s} className="check">
                <input type="checkbox" checked={sections[s]} onChange={(e) => setSections({ ...sections, [s]: e.target.checked })} />
                {SECTION_LABELS[s]}
              </label>
            ))}
          </fieldset>

          <fieldset disabled={running || !sectionsApply}>
            <legend>Claims shown as</legend>
            <Radio name="layout" value="auto" current={layout} onChange={setLayout}>
              Automatic <span className="muted">(cards; table rows above {COMPACT_ABOVE_CLAIMS.toLocaleString('en')} claims)</span>
            </Radio>
            <Radio name="layout" value="detailed" current={layout} onChange={setLayout}>Cards with every detail</Radio>
            <Radio name="layout" value="compact" current={layout} onChange={setLayout}>Compact table rows</Radio>
          </fieldset>

          <fieldset disabled={running}>
            <legend>Format</legend>
            {REPORT_FORMATS.map((f) => (
              <Radio key={f} name="format" value={f} current={format} onChange={setFormat}>
                {FORMAT_INFO[f].label}
                <small className="muted">{FORMAT_NOTES[f]}</small>
              </Radio>
            ))}
            {format === 'pdf' && claimsInScope > LONG_PDF_CLAIMS && (
              <p className="format-hint" role="note">
                A PDF of {claimsInScope.toLocaleString('en')} claims runs to thousands of pages and takes minutes to print; you can follow and stop it.
                The HTML report has the same content, is written in seconds, and a browser prints it the same way.
              </p>
            )}
          </fieldset>

          {format === 'claimreview' && <PublisherFields casefile={casefile} disabled={running || opened.readOnly} />}

          {info.mode === 'web' && (
            <fieldset disabled={running}>
              <legend>Where</legend>
              <Radio name="destination" value="download" current={destination} onChange={setDestination}>Download it</Radio>
              <Radio name="destination" value="workspace" current={destination} onChange={setDestination}>
                Save it in the workspace <span className="muted">(exports folder)</span>
              </Radio>
            </fieldset>
          )}
        </form>

        <section className="report-preview" aria-label="Preview">
          <header>
            <h3>Preview</h3>
            <span className="muted">{preview.state === 'building' || (!preview.value && !preview.error) ? 'Updating…' : preview.value?.cut ? 'The first part of the report' : 'The whole report'}</span>
          </header>
          {preview.error && <p className="export-problem" role="alert">{preview.error}</p>}
          {preview.value?.kind === 'html' && (
            // No scripts, no same-origin access, no navigation: the preview is untrusted casefile content.
            <iframe title="Report preview" sandbox="" srcDoc={preview.value.content} data-testid="report-preview" />
          )}
          {preview.value?.kind === 'text' && <pre className="text-preview" data-testid="report-preview-text">{preview.value.content}</pre>}
          {preview.value?.kind === 'table' && <CsvTable rows={preview.value.rows ?? []} />}
        </section>
      </div>
    </Modal>
  );
}

/** Why a ClaimReview of this scope cannot be exported (an unrated proposition), or null. */
function claimReviewProblem(casefile: Casefile, scope: ReportScope): string | null {
  try {
    checkRated(casefile, propositionsToReview(casefile, propositionIdsOfScope(casefile, scope)));
    return null;
  } catch (error) {
    if (error instanceof ClaimReviewRefused || error instanceof ReportScopeError) return error.message;
    throw error;
  }
}

/** The organisation named as author of every ClaimReview: set once for the casefile (one undo step). */
function PublisherFields({ casefile, disabled }: { casefile: Casefile; disabled: boolean }) {
  const publisher = casefile.meta.publisher ?? { name: '', url: '' };
  const save = (patch: Partial<typeof publisher>) => {
    const next = { ...publisher, ...patch };
    if (next.name === publisher.name && next.url === publisher.url) return;
    void dispatch({ type: 'casefile.setPublisher', publisher: next.name.trim() ? next : null });
  };
  return (
    <fieldset disabled={disabled} data-testid="claimreview-publisher">
      <legend>Fact-check published by</legend>
      <label className="field">
        <span>Organisation (the author of every ClaimReview in this casefile)</span>
        <CommitField value={publisher.name} maxLength={500} placeholder="e.g. Desk Check" onCommit={(name) => save({ name })} />
      </label>
      <label className="field">
        <span>Its web address</span>
        <CommitField value={publisher.url} maxLength={2_000} placeholder="https://" onCommit={(url) => save({ url })} />
      </label>
      <small className="muted">Each review’s own address is set with the proposition’s assessment. Search engines want both.</small>
    </fieldset>
  );
}

function CsvTable({ rows }: { rows: string[][] }) {
  const [header, ...body] = rows;
  return (
    <div className="csv-preview" data-testid="report-preview-table">
      <table>
        <thead><tr>{header?.map((h, i) => <th key={i} scope="col">{h}</th>)}</tr></thead>
        <tbody>
          {body.map((row, r) => (
            <tr key={r}>{row.map((cell, c) => <td key={c} title={cell.length > 80 ? cell : undefined}>{cell.length > 80 ? `${cell.slice(0, 79)}…` : cell}</td>)}</tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function count(casefile: Casefile, what: 'articles' | 'claims' | 'propositions'): number {
  return Object.keys(casefile[what]).length;
}

function Radio<T extends string>({ name, value, current, onChange, disabled, children }: {
  name: string;
  value: T;
  current: T;
  onChange: (value: T) => void;
  disabled?: boolean;
  children: React.ReactNode;
}) {
  return (
    <label className={`radio${disabled ? ' disabled' : ''}`}>
      <input type="radio" name={name} value={value} checked={current === value} disabled={disabled} onChange={() => onChange(value)} />
      <span>{children}</span>
    </label>
  );
}

function PropositionPicker({ casefile, chosen, onChange }: { casefile: Casefile; chosen: string[]; onChange: (ids: string[]) => void }) {
  const [filter, setFilter] = useState('');
  const all = useMemo(() => Object.values(casefile.propositions).sort((a, b) => a.statement.localeCompare(b.statement)), [casefile]);
  const shown = useMemo(() => {
    const f = filter.trim().toLowerCase();
    return (f ? all.filter((p) => p.statement.toLowerCase().includes(f)) : all).slice(0, 300);
  }, [all, filter]);
  const set = new Set(chosen);
  return (
    <div className="proposition-picker nested">
      <input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="Filter propositions" aria-label="Filter propositions" />
      <ul>
        {shown.map((p) => (
          <li key={p.id}>
            <label className="check">
              <input
                type="checkbox"
                checked={set.has(p.id)}
                onChange={(e) => onChange(e.target.checked ? [...chosen, p.id] : chosen.filter((id) => id !== p.id))}
              />
              <span>{p.statement} <span className="muted">({p.members.length})</span></span>
            </label>
          </li>
        ))}
      </ul>
      <p className="muted">{chosen.length} chosen{shown.length < all.length ? ` · showing ${shown.length} of ${all.length}` : ''}</p>
    </div>
  );
}

/** Rebuilds the preview a moment after the options stop changing; a newer build makes an older one give up. */
function usePreview(casefile: Casefile, options: ReportOptions | null, format: ReportFormat) {
  const [state, setState] = useState<{ state: 'idle' | 'building'; value: Preview | null; error: string | null }>({ state: 'idle', value: null, error: null });
  const generation = useRef(0);
  useEffect(() => {
    if (!options) return;
    const mine = ++generation.current;
    const stale = () => generation.current !== mine;
    const timer = setTimeout(() => {
      setState((s) => ({ ...s, state: 'building' }));
      requestPreview(casefile, options, format, stale).then(
        (value) => !stale() && setState({ state: 'idle', value, error: null }),
        (error: unknown) => {
          if (error instanceof StalePreview || stale()) return;
          setState({ state: 'idle', value: null, error: `The preview could not be built: ${error instanceof Error ? error.message : String(error)}` });
        },
      );
    }, 250);
    return () => clearTimeout(timer);
  }, [casefile, options, format]);
  useEffect(() => releasePreviews, []);
  return state;
}

function downloadBase64(fileName: string, mimeType: string, dataBase64: string): void {
  offerDownload(new Blob([Uint8Array.from(atob(dataBase64), (c) => c.charCodeAt(0))], { type: mimeType }), fileName);
}
