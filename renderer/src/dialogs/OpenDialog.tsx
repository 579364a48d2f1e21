import { useEffect, useMemo, useState } from 'react';
import type { CasefileListing } from '../../../shared/api/contract';
import { Modal } from '../articles/Modal';
import { casefileStore } from '../app/casefile-store';
import { api } from '../lib/api';
import { useStore } from '../lib/store';
import { messageOf, openCasefileAt } from './file-actions';

/** Open: the casefiles in the workspace folder and the recent ones, newest first. */
export function OpenDialog({ workspace, onClose }: { workspace: string; onClose: () => void }) {
  const current = useStore(casefileStore);
  const [files, setFiles] = useState<CasefileListing[] | null>(null);
  const [recent, setRecent] = useState<string[]>([]);
  const [filter, setFilter] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  useEffect(() => {
    api.listCasefiles({}).then(setFiles, (e: unknown) => setError(messageOf(e)));
    api.getSettings({}).then((s) => setRecent(s.recent), () => undefined);
  }, []);

  const needle = filter.trim().toLowerCase();
  const shownFiles = useMemo(() => (files ?? []).filter((f) => f.title.toLowerCase().includes(needle)), [files, needle]);
  const shownRecent = recent.filter((p) => p.toLowerCase().includes(needle) && p !== current?.path).slice(0, 5);

  const open = async (path: string) => {
    setBusy(path);
    // A problem (locked, damaged) shows its own dialog in place of this one.
    await openCasefileAt(path);
    onClose();
  };

  return (
    <Modal title="Open a casefile" onClose={onClose} className="file-dialog" testId="open-dialog"
      footer={<button type="button" onClick={onClose}>Cancel</button>}>
      <label className="field">
        <span>Find</span>
        <input type="search" autoFocus value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="Part of the name" />
      </label>
      {shownRecent.length > 0 && (
        <>
          <h3>Recent</h3>
          <ul className="file-rows" aria-label="Recent casefiles">
            {shownRecent.map((p) => (
              <li key={p}>
                <button type="button" className="file-row" disabled={busy !== null} onClick={() => void open(p)}>
                  <span className="file-row-name">{baseName(p)}</span>
                  {/* The folder matters on the desktop, where recent casefiles can be anywhere. */}
                  {p !== `${baseName(p)}.corroborate` && <span className="file-row-meta">{p}</span>}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>In the workspace folder</h3>
      <p className="file-dialog-folder" title={workspace}>{workspace}</p>
      {error && <p className="file-dialog-error" role="alert">{error}</p>}
      {files === null && !error ? (
        <p className="muted">Looking…</p>
      ) : shownFiles.length === 0 ? (
        <p className="muted">{files?.length ? 'No casefile matches.' : 'No casefiles here yet.'}</p>
      ) : (
        <ul className="file-rows" aria-label="Casefiles in the workspace">
          {shownFiles.map((f) => (
            <li key={f.path}>
              <button type="button" className="file-row" disabled={busy !== null} onClick={() => void open(f.path)}
                aria-current={f.path === current?.path ? 'true' : undefined}>
                <span className="file-row-name">{f.title}</span>
                <span className="file-row-meta">
                  {f.path === current?.path ? 'Open now · ' : ''}changed {new Date(f.modifiedAt).toLocaleString()} · {formatSize(f.sizeBytes)}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </Modal>
  );
}

export function baseName(path: string): string {
  return (path.split(/[\\/]/).pop() ?? path).replace(/\.corroborate$/, '');
}

export function formatSize(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 2 ** 20).toFixed(1)} MB`;
}
