import { useEffect, useRef, useState } from 'react';
import type { AppInfo, CasefileListing } from '../../../shared/api/contract';
import { Modal } from '../articles/Modal';
import { casefileStore } from '../app/casefile-store';
import { notify } from '../app/notices';
import { api } from '../lib/api';
import { useStore } from '../lib/store';
import { openColleagueFile, reviewStore } from './review-store';

/**
 * Choose a colleague's casefile: one in the workspace folder, a file from
 * anywhere on this computer (as it arrived by email), or on the desktop a
 * native Open dialog. Their file is only read.
 */
export function OpenColleagueDialog({ onClose }: { onClose: () => void }) {
  const mine = useStore(casefileStore)!;
  const { busy } = useStore(reviewStore);
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [listing, setListing] = useState<CasefileListing[] | null>(null);
  const upload = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void api.appInfo({}).then(setInfo);
    void api.listCasefiles({}).then(setListing, () => setListing([]));
  }, []);

  const open = async (source: { path: string } | { file: File }) => {
    if (await openColleagueFile(source)) onClose();
  };
  const chooseNative = async () => {
    try {
      const chosen = await api.chooseCasefilePath({ purpose: 'open' });
      if (chosen.path) await open({ path: chosen.path });
    } catch (error) {
      notify('error', (error as Error).message);
    }
  };
  const others = (listing ?? []).filter((f) => f.path !== mine.path);

  return (
    <Modal title="Compare with a colleague’s casefile" onClose={onClose} className="review-open-dialog" testId="review-open-dialog"
      footer={<button type="button" onClick={onClose}>Cancel</button>}>
      <p className="muted">Their file is opened read-only beside yours and never changed. What you accept is merged into your casefile.</p>
      <div className="review-open-actions">
        <button type="button" className="primary" disabled={busy} onClick={() => upload.current?.click()}>Choose a file…</button>
        {info?.mode === 'desktop' && <button type="button" disabled={busy} onClick={() => void chooseNative()}>Browse this computer…</button>}
        <input ref={upload} type="file" hidden accept=".corroborate,.json,application/json" data-testid="review-upload"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void open({ file });
          }} />
      </div>
      <h3 className="review-open-heading">In the workspace folder</h3>
      {listing === null ? (
        <p className="muted">Loading…</p>
      ) : others.length === 0 ? (
        <p className="muted">No other casefiles here. Use “Choose a file…” for a file a colleague sent you.</p>
      ) : (
        <ul className="file-list">
          {others.map((f) => (
            <li key={f.path}>
              <button type="button" className="file-button" disabled={busy} onClick={() => void open({ path: f.path })}>
                <span className="file-title">{f.title}</span>
                <span className="muted">{f.path} · {new Date(f.modifiedAt).toLocaleString()}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {busy && <p role="status" className="muted">Reading and comparing…</p>}
    </Modal>
  );
}
