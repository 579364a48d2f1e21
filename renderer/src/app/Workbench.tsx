import { Suspense, useEffect, useRef, type CSSProperties, type DragEvent } from 'react';
import type { AppInfo } from '../../../shared/api/contract';
import type { WorkbenchPrefs } from '../../../shared/workbench/prefs';
import { useStore } from '../lib/store';
import { ArticlesPane } from '../articles/ArticlesPane';
import { ClaimKeys } from '../keyboard/ClaimKeys';
import { casefileStore, closeCasefile, redo, undo } from './casefile-store';
import { onAppAction } from './commands';
import { importDropped, importFiles } from './import-files';
import { PaneSplitter } from './PaneSplitter';
import { TopBar } from './TopBar';
import { ErrorBoundary } from './ErrorBoundary';
import { showMainView, showSidePanel, uiStore } from './ui-store';
import { ViewMenu } from './ViewMenu';
import { MAIN_VIEWS, SIDE_PANELS, type WorkbenchArea } from './views';
import { prefsStore, updatePrefs } from './workbench-prefs';
import './workbench.css';

/**
 * The main frame: casefile bar on top, then three panes: articles, the main
 * view, the side panel. The side panes can be resized and hidden; the sizes
 * and the reading density are the analyst's own (workbench-prefs.ts).
 */
export function Workbench({ info }: { info: AppInfo }) {
  const opened = useStore(casefileStore)!;
  const { mainView, sidePanel } = useStore(uiStore);
  const prefs = useStore(prefsStore);
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
    <div className="workbench" style={densityStyle(prefs)} onDragOver={(e) => e.preventDefault()} onDrop={onDrop}>
      <TopBar workspace={info.workspace} onImport={() => fileInput.current?.click()} />
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
      <div className="panes" style={{ gridTemplateColumns: paneColumns(prefs) }}>
        {prefs.articlesCollapsed && <PaneRail label="Articles" onShow={toggleArticles} />}
        <div className="pane-slot" id="articles-pane" hidden={prefs.articlesCollapsed}>
          <ArticlesPane onImport={() => fileInput.current?.click()} />
        </div>
        {!prefs.articlesCollapsed && (
          <PaneSplitter pane="articlesWidth" edge="left" label="Articles pane width" controls="articles-pane" onCollapse={toggleArticles} />
        )}
        <section className="pane main-pane">
          <div className="main-tabs">
            <PaneToggle name="articles pane" controls="articles-pane" collapsed={prefs.articlesCollapsed} onToggle={toggleArticles} glyphs={['»', '«']} />
            <AreaTabs label="Views" areas={MAIN_VIEWS} current={mainView} onSelect={showMainView} />
            <ViewMenu />
            <PaneToggle name="side panel" controls="side-pane" collapsed={prefs.sideCollapsed} onToggle={toggleSide} glyphs={['«', '»']} />
          </div>
          <div className="area-body"><ErrorBoundary key={main.id} area={main.label}><Suspense fallback={<p className="muted loading-view">Loading…</p>}><Main /></Suspense></ErrorBoundary></div>
        </section>
        {!prefs.sideCollapsed && (
          <PaneSplitter pane="sideWidth" edge="right" label="Side panel width" controls="side-pane" onCollapse={toggleSide} />
        )}
        <section className="pane side-pane" id="side-pane" hidden={prefs.sideCollapsed}>
          <AreaTabs label="Panels" areas={SIDE_PANELS} current={sidePanel} onSelect={showSidePanel} />
          <div className="area-body"><ErrorBoundary key={side.id} area={side.label}><Side /></ErrorBoundary></div>
        </section>
        {prefs.sideCollapsed && <PaneRail label="Panels" onShow={toggleSide} />}
      </div>
    </div>
  );
}

const toggleArticles = () => updatePrefs({ articlesCollapsed: !prefsStore.get().articlesCollapsed });
const toggleSide = () => updatePrefs({ sideCollapsed: !prefsStore.get().sideCollapsed });

/** Column sizes: a hidden pane leaves a thin rail; a narrow window holds the side panes below their remembered width. */
function paneColumns(prefs: WorkbenchPrefs): string {
  const articles = prefs.articlesCollapsed ? 'var(--rail-width)' : `min(${prefs.articlesWidth}px, 28vw) var(--splitter-width)`;
  const side = prefs.sideCollapsed ? 'var(--rail-width)' : `var(--splitter-width) min(${prefs.sideWidth}px, 42vw)`;
  return `${articles} minmax(0, 1fr) ${side}`;
}

function densityStyle(prefs: WorkbenchPrefs): CSSProperties {
  return {
    '--reading-size': `${prefs.fontSize}px`,
    '--reading-leading': String(prefs.lineHeight),
    // The width is counted in em of the reading text; the article header lines up with it.
    '--reading-width': `${prefs.textWidth * prefs.fontSize}px`,
  } as CSSProperties;
}

function PaneToggle({ name, controls, collapsed, onToggle, glyphs }: {
  name: string; controls: string; collapsed: boolean; onToggle: () => void; glyphs: [string, string];
}) {
  const label = `${collapsed ? 'Show' : 'Hide'} the ${name}`;
  return (
    <button type="button" className="toolbar-toggle pane-toggle" aria-label={label} title={label} aria-expanded={!collapsed} aria-controls={controls} onClick={onToggle}>
      {collapsed ? glyphs[0] : glyphs[1]}
    </button>
  );
}

/** What is left of a hidden pane: a strip with its name that brings it back. */
function PaneRail({ label, onShow }: { label: string; onShow: () => void }) {
  return (
    <button type="button" className="pane-rail" onClick={onShow} title={`Show ${label.toLowerCase()}`} aria-label={`Show ${label.toLowerCase()}`}>
      <span>{label}</span>
    </button>
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
