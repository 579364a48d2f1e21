import { useState, type FormEvent } from 'react';
import type { ImportFileResult } from '../../../shared/api/contract';
import { useStore } from '../lib/store';
import { casefileStore } from '../app/casefile-store';
import { linksIn } from '../../../shared/articles/links';
import { closeImportSummary, importLinks, importPastedText, importStore, stopImport, type ImportProgress, type ImportSummary } from '../app/import-files';
import { openDialog, selectArticle, showSidePanel, uiStore } from '../app/ui-store';
import { showCopiesToReview } from './articles-view';
import { CopyFlagActions, flagCountText, flagCounts, flagSummary } from './copy-flags';
import { Modal } from './Modal';

const FIELD_NAMES: Record<string, string> = { title: 'title', outlet: 'outlet', author: 'author', publishedAt: 'date', url: 'URL', language: 'language' };

/** The import dialogs: progress while files are read, the summary when they are done, and the paste form. */
export function ImportDialogs() {
  const { progress, summary } = useStore(importStore);
  const { dialog } = useStore(uiStore);
  return (
    <>
      {progress && <ImportProgressDialog progress={progress} />}
      {!progress && summary && <ImportSummaryDialog summary={summary} />}
      {dialog === 'paste' && <PasteDialog onClose={() => openDialog(null)} />}
      {dialog === 'links' && <LinksDialog onClose={() => openDialog(null)} />}
    </>
  );
}

function ImportProgressDialog({ progress: { done, total, label, stopping } }: { progress: ImportProgress }) {
  return (
    <div className="import-progress" role="status" aria-live="polite" data-testid="import-progress">
      <div className="import-progress-card">
        <strong>Importing {done} of {total}</strong>
        <progress max={total} value={done} aria-label="Import progress" />
        <span className="muted import-progress-label">{stopping ? 'Stopping after this file…' : label}</span>
        {total > 1 && (
          <button type="button" className="import-stop" onClick={stopImport} disabled={stopping}>
            {stopping ? 'Stopping…' : 'Stop'}
          </button>
        )}
      </div>
    </div>
  );
}

function count(results: ImportFileResult[], outcome: ImportFileResult['outcome']): number {
  return results.filter((r) => r.outcome === outcome).length;
}

function ImportSummaryDialog({ summary }: { summary: ImportSummary }) {
  const { casefile, readOnly } = useStore(casefileStore)!;
  const { results, ignored } = summary;
  const imported = results.filter((r) => r.outcome === 'imported');
  const duplicates = results.filter((r) => r.outcome === 'duplicate');
  const failed = results.filter((r) => r.outcome === 'failed');
  const stopped = count(results, 'stopped');
  const flagged = imported.flatMap((r) => (r.copies ?? []).map((copy) => ({ result: r, copy })));
  const openArticle = (articleId: string | undefined) => {
    if (!articleId) return;
    selectArticle(articleId);
    showSidePanel('article');
    closeImportSummary();
  };
  const flagFor = (a: string, b: string) => Object.values(casefile.copyFlags).find((f) => (f.articleA === a && f.articleB === b) || (f.articleA === b && f.articleB === a));

  return (
    <Modal
      title={stopped ? 'Import stopped' : 'Import finished'}
      onClose={closeImportSummary}
      className="import-summary"
      testId="import-summary"
      footer={(
        <>
          {flagged.length > 0 && (
            <button type="button" onClick={() => { showCopiesToReview(); closeImportSummary(); }}>Show copies to review</button>
          )}
          <button type="button" className="primary" autoFocus onClick={closeImportSummary}>Done</button>
        </>
      )}
    >
      <p className="summary-counts">
        <span className="count-imported">{count(results, 'imported')} imported</span>
        <span>{count(results, 'duplicate')} skipped as duplicate{count(results, 'duplicate') === 1 ? '' : 's'}</span>
        <span className={failed.length ? 'count-failed' : ''}>{failed.length} failed</span>
        {stopped > 0 && <span className="count-stopped">{stopped} not imported: you stopped the import</span>}
        {flagged.length > 0 && <span className="count-flagged">{flagCountText(flagCounts(flagged.map(({ copy }) => copy)))} flagged</span>}
      </p>

      {failed.length > 0 && (
        <section aria-labelledby="summary-failed">
          <h3 id="summary-failed">Not imported</h3>
          <ul className="summary-list">
            {failed.map((r, i) => (
              <li key={`${r.fileName}-${i}`} className="summary-failed">
                <span className="summary-file">{r.fileName}</span>
                <span className="summary-reason">{r.message}</span>
              </li>
            ))}
          </ul>
        </section>
      )}

      {flagged.length > 0 && (
        <section aria-labelledby="summary-copies">
          <h3 id="summary-copies">Possible copies and shared passages</h3>
          <p className="muted">Copies of one article are one source, never corroboration. Link them, or dismiss the flag if they are different articles.</p>
          <ul className="summary-list">
            {flagged.map(({ result, copy }) => {
              const flag = result.articleId ? flagFor(result.articleId, copy.articleId) : undefined;
              return (
                <li key={`${result.articleId}-${copy.articleId}`}>
                  <span className="summary-file">{result.fileName} and “{copy.title}”</span>
                  <span className={`summary-reason flag-text flag-${copy.kind}`}>{flagSummary(copy)}</span>
                  {flag && <CopyFlagActions flag={flag} readOnly={readOnly} />}
                </li>
              );
            })}
          </ul>
        </section>
      )}

      {imported.length > 0 && (
        <section aria-labelledby="summary-imported">
          <h3 id="summary-imported">Imported</h3>
          <ul className="summary-list">
            {imported.map((r) => (
              <li key={r.articleId}>
                <button type="button" className="link-button summary-title" onClick={() => openArticle(r.articleId)}>{r.title}</button>
                <span className="summary-reason muted">
                  {r.fileName}
                  {r.prefilled?.length ? ` · found: ${r.prefilled.map((f) => FIELD_NAMES[f] ?? f).join(', ')}` : ' · no metadata found'}
                </span>
                {r.message && <span className="summary-reason summary-warning">{r.message}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}

      {duplicates.length > 0 && (
        <section aria-labelledby="summary-duplicates">
          <h3 id="summary-duplicates">Skipped as duplicates</h3>
          <ul className="summary-list">
            {duplicates.map((r, i) => (
              <li key={`${r.fileName}-${i}`}>
                <span className="summary-file">{r.fileName}</span>
                <span className="summary-reason muted">{r.message}</span>
              </li>
            ))}
          </ul>
        </section>
      )}

      {ignored.length > 0 && (
        <section aria-labelledby="summary-ignored">
          <h3 id="summary-ignored">Other files left alone ({ignored.length})</h3>
          <p className="muted">Not articles: {ignored.slice(0, 20).join(', ')}{ignored.length > 20 ? `, and ${ignored.length - 20} more` : ''}.</p>
        </section>
      )}
    </Modal>
  );
}

const EMPTY_META = { title: '', outlet: '', author: '', publishedAt: '', url: '' };

function PasteDialog({ onClose }: { onClose: () => void }) {
  const [text, setText] = useState('');
  const [meta, setMeta] = useState(EMPTY_META);
  const [busy, setBusy] = useState(false);
  const field = (key: keyof typeof EMPTY_META, label: string, type = 'text', placeholder = '') => (
    <label className="field">
      <span>{label}</span>
      <input type={type} value={meta[key]} placeholder={placeholder} onChange={(e) => setMeta((m) => ({ ...m, [key]: e.target.value }))} />
    </label>
  );
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return;
    setBusy(true);
    const typed = Object.fromEntries(Object.entries(meta).filter(([, v]) => v.trim()));
    const result = await importPastedText(text, typed);
    setBusy(false);
    if (result) onClose();
  };
  return (
    <Modal title="Paste an article" onClose={onClose} className="paste-dialog" testId="paste-dialog">
      <form className="paste-form" onSubmit={submit}>
        <label className="field">
          <span>Article text</span>
          <textarea autoFocus required rows={12} value={text} onChange={(e) => setText(e.target.value)} placeholder="Paste the article’s text here." />
        </label>
        <p className="muted">Leave a field blank to have it filled in from the text where possible. Everything can be edited later.</p>
        <div className="paste-meta">
          {field('title', 'Title')}
          {field('outlet', 'Outlet')}
          {field('author', 'Author')}
          {field('publishedAt', 'Published', 'date')}
          {field('url', 'URL', 'url', 'https://')}
        </div>
        <div className="modal-actions">
          <button type="button" onClick={onClose}>Cancel</button>
          <button type="submit" className="primary" disabled={!text.trim() || busy}>{busy ? 'Importing…' : 'Import'}</button>
        </div>
      </form>
    </Modal>
  );
}

/** Links pasted one per line (or dropped here); each page is fetched on the Node side and imported like a saved page. */
function LinksDialog({ onClose }: { onClose: () => void }) {
  const [text, setText] = useState('');
  const links = linksIn(text);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!links.length) return;
    onClose();
    void importLinks(links);
  };
  return (
    <Modal title="Import from links" onClose={onClose} className="links-dialog" testId="links-dialog">
      <form className="paste-form" onSubmit={submit}>
        <label className="field">
          <span>Links, one per line</span>
          <textarea
            autoFocus
            rows={10}
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder={'https://example.org/news/drones-for-russia\nhttps://example.com/2024/07/03/story'}
          />
        </label>
        <p className="muted">
          Each page is fetched by Corroborate (not by this window), kept as a snapshot beside the casefile with the time it was read,
          and imported like a saved web page. Only http and https links are fetched; pages behind a login or paywall are best saved from
          your browser and imported as files.
        </p>
        <div className="modal-actions">
          <span className="muted links-count" aria-live="polite">{links.length === 1 ? '1 link' : `${links.length} links`}</span>
          <button type="button" onClick={onClose}>Cancel</button>
          <button type="submit" className="primary" disabled={!links.length}>Import {links.length || ''}</button>
        </div>
      </form>
    </Modal>
  );
}
