/**
 * Wires the report builder into the app: the `export` app action (File ▸
 * Export… on the desktop, the Export button, Ctrl+E in a browser tab) opens it
 * while a casefile is open.
 */
import { lazy, Suspense, useEffect, useState } from 'react';
import type { AppInfo } from '../../../shared/api/contract';
import { onAppAction } from '../app/commands';
import { ErrorBoundary } from '../app/ErrorBoundary';
import { openDialog, uiStore } from '../app/ui-store';
import { api } from '../lib/api';
import { useStore } from '../lib/store';
import './export.css';

// Loaded when the dialog first opens: the report builder brings the report writers with it.
const ReportBuilder = lazy(() => import('./ReportBuilder').then((m) => ({ default: m.ReportBuilder })));

export function ExportHost() {
  const { dialog } = useStore(uiStore);
  const [info, setInfo] = useState<AppInfo | null>(null);

  useEffect(() => {
    void api.appInfo({}).then(setInfo, () => undefined);
    const off = onAppAction('export', () => openDialog('export'));
    // The desktop menu's accelerator covers this; a browser tab needs its own.
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'e' && !window.corroborate) {
        e.preventDefault();
        openDialog('export');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => {
      off();
      window.removeEventListener('keydown', onKey);
    };
  }, []);

  if (dialog !== 'export' || !info) return null;
  return (
    <ErrorBoundary area="report builder">
      <Suspense fallback={null}>
        <ReportBuilder info={info} onClose={() => openDialog(null)} />
      </Suspense>
    </ErrorBoundary>
  );
}
