import { useState, type FormEvent } from 'react';
import { Modal } from '../articles/Modal';
import { createCasefile, messageOf } from './file-actions';

/** New casefile: a title is all it needs; the file name follows from it. */
export function NewCasefileDialog({ workspace, onClose }: { workspace: string; onClose: () => void }) {
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      await createCasefile(title.trim());
      onClose();
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  };
  return (
    <Modal title="New casefile" onClose={onClose} className="file-dialog" testId="new-dialog">
      <form onSubmit={submit} className="file-dialog-form">
        <label className="field">
          <span>Title</span>
          <input autoFocus value={title} maxLength={500} onChange={(e) => setTitle(e.target.value)} placeholder="e.g. Chinese attack drones for Russia" />
        </label>
        <p className="muted">Saved in {workspace}; every change is saved as you work.</p>
        {error && <p className="file-dialog-error" role="alert">{error}</p>}
        <div className="modal-actions">
          <button type="button" onClick={onClose}>Cancel</button>
          <button type="submit" className="primary" disabled={!title.trim() || busy}>Create</button>
        </div>
      </form>
    </Modal>
  );
}
