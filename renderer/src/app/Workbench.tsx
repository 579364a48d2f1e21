import { Suspense, useEffect, useRef, type DragEvent } from 'react';
import { useStore } from '../lib/store';
import { ArticlesPane } from '../articles/ArticlesPane';
import { ClaimKeys } from '../keyboard/ClaimKeys';
import { casefileStore, closeCasefile, redo, undo } from './casefile-store';
import { onAppAction } from './commands';
import { importDropped, importFiles } from './import-files';
import { TopBar } from './TopBar';
import { ErrorBoundary } from './ErrorBoundary';
import { showMainView, showSidePanel, uiStore } from './ui-store';
import { MAIN_VIEWS, SIDE_PANELS, type WorkbenchArea } from './views';

/** The main frame: casefile bar on top, articles, the main view, the side panel. */
export function Workbench() {
  const opened = useStore(casefileStore)!;
  const { mainView, sidePanel } = useStore(uiStore);
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const offs = [
      onAppAction('undo', () => void undo()),
      onAppAction('redo', () => void redo()),
      onAppAction('import', () => fileInput.current?.click()),
      onAppAction('close', () => void closeCasefile()),
    ];
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      if (!mod || e.altKey || isTextEntry(e.target)) return;
      if (e.key.toLowerCase() === 'z') {
        e.preventDefault();
        void (e.shiftKey ? redo() : undo());
      } else if (e.key.toLowerCase() === 'y') {
        e.preventDefault();
        void redo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      offs.forEach((off) => off());
    };
  }, []);

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    if (e.dataTransfer.items.length && !opened.readOnly) void importDropped(e.dataTransfer);
  };

  const main = MAIN_VIEWS.find((v) => v.id === mainView) ?? MAIN_VIEWS[0]!;
  const side = SIDE_PANELS.find((v) => v.id === sidePanel) ?? SIDE_PANELS[0]!;
  const Main = main.component;
  const Side = side.component;
  return (
    <div className="workbench" onDragOver={(e) => e.preventDefault()} onDrop={onDrop}>
      <TopBar onImport={() => fileInput.current?.click()} />
      <ClaimKeys />
      <input
        ref={fileInput}
        type="file"
        multiple
        hidden
        data-testid="import-input"
        accept=".txt,.md,.html,.htm,.pdf,.docx,text/plain,text/html,application/pdf"
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          if (files.length) void importFiles(files);
        }}
      />
      <div className="panes">
        <ArticlesPane onImport={() => fileInput.current?.click()} />
        <section className="pane main-pane">
          <AreaTabs label="Views" areas={MAIN_VIEWS} current={mainView} onSelect={showMainView} />
          <div className="area-body"><ErrorBoundary key={main.id} area={main.label}><Suspense fallback={<p className="muted loading-view">Loading…</p>}><Main /></Suspense></ErrorBoundary></div>
        </section>
        <section className="pane side-pane">
          <AreaTabs label="Panels" areas={SIDE_PANELS} current={sidePanel} onSelect={showSidePanel} />
          <div className="area-body"><ErrorBoundary key={side.id} area={side.label}><Side /></ErrorBoundary></div>
        </section>
      </div>
    </div>
  );
}

function AreaTabs({ label, areas, current, onSelect }: { label: string; areas: WorkbenchArea[]; current: string; onSelect: (id: string) => void }) {
  if (areas.length < 2) return null;
  return (
    <div className="area-tabs" role="tablist" aria-label={label}>
      {areas.map((a) => (
        <button
          key={a.id}
          type="button"
          role="tab"
          aria-selected={a.id === current}
          className={a.id === current ? 'active' : ''}
          title={a.shortcut ? `${a.label} (${a.shortcut})` : a.label}
          onClick={() => onSelect(a.id)}
        >
          {a.label}
        </button>
      ))}
    </div>
  );
}

export function isTextEntry(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
}
