import { useState } from 'react';
import { Modal } from '../articles/Modal';
import { notify } from '../app/notices';
import { useStore } from '../lib/store';
import { fileProblemStore, messageOf, openCasefileAt, resolveChangedOnDisk, restoreBackup, type FileProblem } from './file-actions';
import { baseName } from './OpenDialog';

/** Asks the analyst what to do about a casefile that is locked, damaged, read-only or changed on disk. */
export function FileProblemDialog() {
  const problem = useStore(fileProblemStore);
  if (!problem) return null;
  return <ProblemBody key={JSON.stringify(problem)} problem={problem} />;
}

function ProblemBody({ problem }: { problem: FileProblem }) {
  const [busy, setBusy] = useState(false);
  const close = () => fileProblemStore.set(null);
  const act = (task: () => Promise<unknown>) => async () => {
    setBusy(true);
    close();
    try {
      await task();
    } catch (error) {
      notify('error', messageOf(error));
    }
  };

  if (problem.kind === 'changed-on-disk') {
    const name = baseName(problem.path);
    return (
      <Modal title={`${name} was changed by another program`} onClose={() => undefined} className="file-dialog problem-dialog no-dismiss" testId="changed-on-disk-dialog"
        footer={<>
          <button type="button" onClick={act(() => resolveChangedOnDisk(problem.sessionId, 'reload-theirs'))} disabled={busy}>Reload their version</button>
          <button type="button" className="primary" autoFocus onClick={act(() => resolveChangedOnDisk(problem.sessionId, 'keep-mine-as-copy'))} disabled={busy}>Keep mine as a copy</button>
        </>}>
        <p>Someone or something else saved <strong>{problem.path}</strong> while you had it open. Corroborate has not overwritten it and will not save over it until you choose:</p>
        <ul className="problem-choices">
          <li><strong>Reload their version</strong>: show the file as it is now on disk. Your changes since your last save are dropped.</li>
          <li><strong>Keep mine as a copy</strong>: save your version as a new file beside theirs and keep working in it. Their file stays as they left it.</li>
        </ul>
      </Modal>
    );
  }

  const name = baseName(problem.path);
  if (problem.kind === 'locked') {
    return (
      <Modal title={`${name} is already open`} onClose={close} className="file-dialog problem-dialog" testId="locked-dialog"
        footer={<>
          <button type="button" onClick={close}>Cancel</button>
          <button type="button" onClick={act(() => openCasefileAt(problem.path, 'take-over'))} disabled={busy}>Take over</button>
          <button type="button" className="primary" autoFocus onClick={act(() => openCasefileAt(problem.path, 'read-only'))} disabled={busy}>Open read-only</button>
        </>}>
        <p>{problem.message}</p>
        <p className="muted">Only one window can change a casefile at a time. <strong>Open read-only</strong> to look without changing it. <strong>Take over</strong> to work on it here: the other window saves what it has and becomes read-only.</p>
      </Modal>
    );
  }

  if (problem.kind === 'read-only-file') {
    return (
      <Modal title={`${name} cannot be saved`} onClose={close} className="file-dialog problem-dialog" testId="read-only-file-dialog"
        footer={<>
          <button type="button" onClick={close}>Cancel</button>
          <button type="button" className="primary" autoFocus onClick={act(() => openCasefileAt(problem.path, 'read-only'))} disabled={busy}>Open read-only</button>
        </>}>
        <p>{problem.message}</p>
        <p className="muted">Read-only, you can read everything and use Save As to keep a copy you can change.</p>
      </Modal>
    );
  }

  const { backup } = problem;
  return (
    <Modal title={`${name} cannot be opened`} onClose={close} className="file-dialog problem-dialog" testId="damaged-dialog"
      footer={<>
        <button type="button" onClick={close} autoFocus={!backup}>Close</button>
        {backup && (
          <button type="button" className="primary" autoFocus onClick={act(() => restoreBackup(backup))} disabled={busy}>
            Restore the backup of {new Date(backup.savedAt).toLocaleString()}
          </button>
        )}
      </>}>
      <p className="problem-message">{problem.message.replace(/ A backup from .* can be restored\.$/, '')}</p>
      {backup ? (
        <p className="muted">The file itself is left exactly as it is. Restoring opens the backup as a new casefile beside it, so nothing is overwritten.</p>
      ) : (
        <p className="muted">The file is left exactly as it is. There is no backup of it to restore.</p>
      )}
    </Modal>
  );
}
