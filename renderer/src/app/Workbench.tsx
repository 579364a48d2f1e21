import { useEffect, useRef, type DragEvent } from 'react';
import { useStore } from '../lib/store';
import { ArticlesPane } from '../articles/ArticlesPane';
import { ReadingView } from '../reading/ReadingView';
import { Inspector } from '../inspector/Inspector';
import { casefileStore, redo, undo } from './casefile-store';
import { importFiles } from './import-files';
import { TopBar } from './TopBar';

/** The main frame: casefile bar on top, articles, reading view, inspector. */
export function Workbench() {
  const opened = useStore(casefileStore)!;
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
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
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    const files = [...e.dataTransfer.files];
    if (files.length && !opened.readOnly) void importFiles(files);
  };

  return (
    <div className="workbench" onDragOver={(e) => e.preventDefault()} onDrop={onDrop}>
      <TopBar onImport={() => fileInput.current?.click()} />
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
        <ReadingView />
        <Inspector />
      </div>
    </div>
  );
}

export function isTextEntry(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
}
