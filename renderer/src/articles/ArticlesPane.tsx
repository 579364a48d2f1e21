import { useDeferredValue, useMemo, useRef } from 'react';
import { IMPORT_EXTENSIONS } from '../../../shared/articles/import-formats';
import {
  articleOrder, articleRows, filterRows, outletCounts, rowsInOrder, SHOW_LABELS, SORT_LABELS, sortRows, type ArticleRow, type ArticleShow, type ArticleSortKey,
} from '../../../shared/articles/list';
import { ArticleSearch } from '../../../shared/articles/search';
import type { Casefile } from '../../../shared/model/schema';
import { useStore } from '../lib/store';
import { casefileStore } from '../app/casefile-store';
import { articleFilesOf, importFiles } from '../app/import-files';
import { openDialog, uiStore } from '../app/ui-store';
import { claimGroupsOf } from '../claims/claim-lists';
import { ArticleList } from './ArticleList';
import { flagCountText, flagCounts } from './copy-flags';
import { articlesView, NATURAL_DESCENDING, showCopiesToReview, updateArticlesView } from './articles-view';
import { ImportDialogs } from './ImportDialogs';
import './articles.css';

/** The rows last made, whose unchanged rows the next casefile keeps (the same objects): the list then redraws only the rows that changed. */
let lastRows: ArticleRow[] = [];

function rowsOf(casefile: Casefile): ArticleRow[] {
  const groups = claimGroupsOf(casefile);
  lastRows = articleRows(casefile, (id) => groups.get(id)?.length ?? 0, lastRows);
  return lastRows;
}

export function ArticlesPane({ onImport }: { onImport: () => void }) {
  const { casefile, readOnly } = useStore(casefileStore)!;
  const { articleId } = useStore(uiStore);
  const view = useStore(articlesView);
  const query = useDeferredValue(view.query);

  const rows = useMemo(() => rowsOf(casefile), [casefile]);
  // Sorted by anything but claims, the order changes only with the articles: an edit elsewhere does not sort 2,000 rows again.
  const { articles } = casefile;
  const order = useMemo(() => (view.sort === 'claims' ? null : articleOrder(articles, view.sort, view.descending)), [articles, view.sort, view.descending]);
  const searching = query.trim() !== '';
  const search = useMemo(() => (searching ? new ArticleSearch(Object.values(articles)) : null), [articles, searching]);
  const shown = useMemo(() => {
    const filtered = filterRows(rows, view);
    if (!search) return order ? rowsInOrder(filtered, order) : sortRows(filtered, view.sort, view.descending);
    const byId = new Map(filtered.map((r) => [r.article.id, r]));
    return search.search(query).flatMap((hit) => byId.get(hit.articleId) ?? []);
  }, [rows, view, search, query, order]);
  const outlets = useMemo(() => outletCounts(Object.values(articles)), [articles]);
  const toReview = useMemo(() => flagCounts(Object.values(casefile.copyFlags).filter((f) => f.status === 'open')), [casefile.copyFlags]);

  const folderInput = useRef<HTMLInputElement>(null);
  const chooseFolder = () => folderInput.current?.click();

  return (
    <nav className="pane articles-pane" aria-label="Articles">
      <div className="pane-header articles-header">
        <h2>Articles <span className="count">{shown.length === rows.length ? rows.length : `${shown.length} of ${rows.length}`}</span></h2>
        <div className="import-buttons" role="group" aria-label="Import">
          <button type="button" onClick={onImport} disabled={readOnly} title={`Import files (${IMPORT_EXTENSIONS.join(' ')})`}>Files…</button>
          <button type="button" onClick={chooseFolder} disabled={readOnly} title="Import every article in a folder">Folder…</button>
          <button type="button" onClick={() => openDialog('paste')} disabled={readOnly} title="Paste the text of an article">Paste…</button>
          <button type="button" onClick={() => openDialog('links')} disabled={readOnly} title="Import web pages from their links">Links…</button>
          <button type="button" onClick={() => openDialog('importAnnotations')} disabled={readOnly} title="Bring in highlights from Hypothesis or another W3C Web Annotation tool as claims">Annotations…</button>
        </div>
      </div>
      <input
        ref={folderInput}
        type="file"
        multiple
        hidden
        data-testid="import-folder-input"
        {...{ webkitdirectory: '' }}
        onChange={(e) => {
          const { files, ignored } = articleFilesOf([...(e.target.files ?? [])]);
          e.target.value = '';
          if (files.length) void importFiles(files, { ignored });
        }}
      />
      {rows.length === 0 ? (
        <div className="empty-state">
          <p><strong>No articles yet.</strong></p>
          <p>Import the articles on your story: drop files or a folder here, or</p>
          <p className="empty-actions">
            <button type="button" className="primary" onClick={onImport} disabled={readOnly}>Import articles…</button>
            <button type="button" onClick={chooseFolder} disabled={readOnly}>Import a folder…</button>
            <button type="button" onClick={() => openDialog('paste')} disabled={readOnly}>Paste text…</button>
            <button type="button" onClick={() => openDialog('links')} disabled={readOnly}>Import from links…</button>
          </p>
          <p className="muted">Text, Markdown, web pages (HTML), PDF and Word (DOCX).</p>
        </div>
      ) : (
        <>
          <div className="articles-tools">
            <input
              type="search"
              aria-label="Search articles"
              placeholder="Search titles, outlets, text…"
              value={view.query}
              onChange={(e) => updateArticlesView({ query: e.target.value })}
            />
            <div className="articles-tools-row">
              <label className="compact-field">
                <span>Sort</span>
                <select
                  value={view.sort}
                  disabled={!!search}
                  title={search ? 'Search results are ranked by how well they match' : undefined}
                  onChange={(e) => {
                    const sort = e.target.value as ArticleSortKey;
                    updateArticlesView({ sort, descending: NATURAL_DESCENDING[sort] });
                  }}
                >
                  {Object.entries(SORT_LABELS).map(([key, label]) => <option key={key} value={key}>{label}</option>)}
                </select>
              </label>
              <button
                type="button"
                className="icon-button sort-direction"
                disabled={!!search}
                aria-label={view.descending ? 'Descending; switch to ascending' : 'Ascending; switch to descending'}
                title={view.descending ? 'Descending' : 'Ascending'}
                onClick={() => updateArticlesView({ descending: !view.descending })}
              >
                {view.descending ? '↓' : '↑'}
              </button>
              <label className="compact-field grow">
                <span>Show</span>
                <select
                  value={view.outlet ? `outlet:${view.outlet}` : view.show}
                  onChange={(e) => {
                    const value = e.target.value;
                    if (value.startsWith('outlet:')) updateArticlesView({ show: 'all', outlet: value.slice(7) });
                    else updateArticlesView({ show: value as ArticleShow, outlet: '' });
                  }}
                >
                  {Object.entries(SHOW_LABELS).map(([key, label]) => <option key={key} value={key}>{label}</option>)}
                  {outlets.length > 0 && (
                    <optgroup label="Outlet">
                      {outlets.map(([outlet, n]) => <option key={outlet} value={`outlet:${outlet}`}>{outlet} ({n})</option>)}
                    </optgroup>
                  )}
                </select>
              </label>
            </div>
            {toReview.copies + toReview.sharing > 0 && view.show !== 'copies' && (
              <button type="button" className="review-copies" onClick={showCopiesToReview}>
                {flagCountText(toReview)} to review
              </button>
            )}
          </div>
          {shown.length ? (
            <ArticleList rows={shown} selectedId={articleId} label={search ? 'Search results' : 'Articles'} />
          ) : (
            <div className="empty-state">
              <p>{search ? 'No article matches your search.' : 'No article matches this filter.'}</p>
              <button type="button" onClick={() => updateArticlesView({ show: 'all', outlet: '', query: '' })}>Show all articles</button>
            </div>
          )}
        </>
      )}
      <ImportDialogs />
    </nav>
  );
}
