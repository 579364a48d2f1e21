import { useState, type FormEvent } from 'react';
import { Modal } from '../articles/Modal';
import { casefileStore } from '../app/casefile-store';
import { RemoteError } from '../lib/api';
import { useStore } from '../lib/store';
import { messageOf, saveCasefileAs } from './file-actions';
import { baseName } from './OpenDialog';

const EXTENSION = '.corroborate';

/** Save As in browser mode: a new file name in the workspace folder. The casefile moves there and stays open. */
export function SaveAsDialog({ workspace, onClose }: { workspace: string; onClose: () => void }) {
  const current = useStore(casefileStore);
  const [name, setName] = useState(() => `${baseName(current?.path ?? 'casefile')} copy`);
  const [error, setError] = useState<string | null>(null);
  const [confirmReplace, setConfirmReplace] = useState(false);
  const [busy, setBusy] = useState(false);
  const fileName = `${name.trim().replace(/\.corroborate$/i, '')}${EXTENSION}`;
  const invalid = !name.trim() || /[\\/:*?"<>|]/.test(name) || name.trim().startsWith('.');

  const save = async (overwrite: boolean) => {
    setBusy(true);
    setError(null);
    try {
      await saveCasefileAs(fileName, overwrite);
      onClose();
    } catch (err) {
      if (err instanceof RemoteError && err.code === 'exists') setConfirmReplace(true);
      else setError(messageOf(err));
      setBusy(false);
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save(false);
  };

  return (
    <Modal title="Save casefile as" onClose={onClose} className="file-dialog" testId="save-as-dialog">
      <form onSubmit={submit} className="file-dialog-form">
        <label className="field">
          <span>File name</span>
          <span className="file-name-input">
            <input autoFocus value={name} maxLength={200} onChange={(e) => { setName(e.target.value); setConfirmReplace(false); }} />
            <span className="muted">{EXTENSION}</span>
          </span>
        </label>
        <p className="muted">In {workspace}. From now on you work in the new file; the old one keeps what was saved so far.</p>
        {invalid && name.trim() && <p className="file-dialog-error" role="alert">A file name cannot contain \ / : * ? &quot; &lt; &gt; | or start with a dot.</p>}
        {confirmReplace && (
          <div className="file-dialog-warning" role="alert">
            <p>{fileName} already exists. Replace it? Its current version is kept as a backup.</p>
            <button type="button" className="danger" onClick={() => void save(true)} disabled={busy}>Replace</button>
          </div>
        )}
        {error && <p className="file-dialog-error" role="alert">{error}</p>}
        <div className="modal-actions">
          <button type="button" onClick={onClose}>Cancel</button>
          <button type="submit" className="primary" disabled={invalid || busy}>Save</button>
        </div>
      </form>
    </Modal>
  );
}
