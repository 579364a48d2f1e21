import { useEffect } from 'react';
import type { SaveState } from '../../../shared/api/contract';
import { useStore } from '../lib/store';
import { casefileStore, closeCasefile, redo, undo } from './casefile-store';
import { runAppAction } from './commands';
import { ExportHost } from '../export/ExportHost';
import { AnnotationImportHost } from '../interchange/AnnotationImport';
import { fileLocation } from './file-location';
import { TeamBar } from '../team/TeamBar';
import { TeamConflicts } from '../team/TeamConflicts';

const SAVE_LABELS: Record<SaveState, string> = { saved: 'Saved', saving: 'Saving…', unsaved: 'Unsaved changes', error: 'Not saved' };
const APP_NAME = 'Corroborate';

export function TopBar({ workspace, onImport }: { workspace: string; onImport: () => void }) {
  const opened = useStore(casefileStore)!;
  const { status } = opened;
  const title = opened.casefile.meta.title;
  const { name, folder } = fileLocation(opened.path, workspace);

  // The window title names the file too (the desktop window follows the page title).
  useEffect(() => {
    document.title = `${name} — ${title} — ${APP_NAME}`;
    return () => {
      document.title = APP_NAME;
    };
  }, [name, title]);

  return (
    <header className="topbar">
      <div className="topbar-title">
        <span className="app-name">{APP_NAME}</span>
        <h1 className="topbar-file" data-testid="open-file" title={opened.path}><bdi>{name}</bdi></h1>
        <span className="topbar-folder muted" data-testid="open-folder" title={folder}>in <bdi>{folder}</bdi></span>
        <span className="topbar-casefile" data-testid="casefile-title" title={`Casefile title: ${title}`}><bdi>{title}</bdi></span>
        {opened.commentOnly ? (
          <span className="badge" title="You are a reviewer on this team casefile: you can comment (Review ▸ Comments) but not change it.">Reviewer: comments only</span>
        ) : opened.readOnly && <span className="badge">Read-only</span>}
        <span className={`save-state save-${status.saveState}`} data-testid="save-state" title={status.error ?? undefined}>
          {SAVE_LABELS[status.saveState]}
        </span>
      </div>
      <div className="topbar-actions">
        <TeamBar />
        <button type="button" onClick={onImport} disabled={opened.readOnly}>Import articles…</button>
        <button type="button" onClick={() => void undo()} disabled={!status.canUndo} title={status.undoLabel ? `Undo ${status.undoLabel} (Ctrl+Z)` : 'Undo (Ctrl+Z)'}>Undo</button>
        <button type="button" onClick={() => void redo()} disabled={!status.canRedo} title={status.redoLabel ? `Redo ${status.redoLabel} (Shift+Ctrl+Z)` : 'Redo (Shift+Ctrl+Z)'}>Redo</button>
        <button type="button" onClick={() => runAppAction('open')} title="Open another casefile (Ctrl+O)">Open…</button>
        <button type="button" onClick={() => runAppAction('saveAs')} title="Save this casefile under a new name (Shift+Ctrl+S)">Save As…</button>
        <button type="button" onClick={() => runAppAction('export')} title="Export a report: HTML, PDF, Markdown, CSV or W3C JSON-LD (Ctrl+E)">Export…</button>
        <button type="button" onClick={() => void closeCasefile()}>Close</button>
      </div>
      {status.saveState === 'error' && status.error && <div className="save-error" role="alert">{status.error}</div>}
      <TeamConflicts />
      <ExportHost />
      <AnnotationImportHost />
    </header>
  );
}
