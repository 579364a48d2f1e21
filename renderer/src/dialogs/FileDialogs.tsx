import { useEffect, useRef, useState } from 'react';
import type { AppInfo } from '../../../shared/api/contract';
import { casefileStore } from '../app/casefile-store';
import { onAppAction } from '../app/commands';
import { notify } from '../app/notices';
import { openDialog, uiStore } from '../app/ui-store';
import { bridge } from '../lib/api';
import { useStore } from '../lib/store';
import { chooseAndOpen, chooseAndSaveAs, fileProblemStore, messageOf } from './file-actions';
import { FileProblemDialog } from './FileProblemDialog';
import { NewCasefileDialog } from './NewCasefileDialog';
import { OpenDialog } from './OpenDialog';
import { SaveAsDialog } from './SaveAsDialog';
import { QdpxImportDialog, type QdpxUpload } from './QdpxImportDialog';
import { toBase64 } from '../app/import-files';
import { OpenTeamDialog } from '../team/OpenTeamDialog';
import { ShareDialog } from '../team/ShareDialog';
import { teamDialogStore } from '../team/team-store';
import './dialogs.css';

/**
 * The file dialogs and the app actions behind them (File ▸ New, Open,
 * Save As in the desktop menu, the buttons, and in browser mode Ctrl+O and
 * Shift+Ctrl+S), a new casefile from a REFI-QDA project (File menu and the
 * welcome screen), plus the question when a casefile changes on disk.
 */
export function FileDialogs({ info }: { info: AppInfo }) {
  const { dialog } = useStore(uiStore);
  const teamDialog = useStore(teamDialogStore);
  const closeTeamDialog = () => teamDialogStore.set(null);
  const close = () => openDialog(null);
  const [qdpx, setQdpx] = useState<QdpxUpload | null>(null);
  const qdpxInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const report = (task: Promise<void>) => void task.catch((e: unknown) => notify('error', messageOf(e)));
    const offs = [
      onAppAction('new', () => openDialog('new')),
      onAppAction('open', () => report(chooseAndOpen(() => openDialog('open')))),
      onAppAction('saveAs', () => report(chooseAndSaveAs(() => openDialog('saveAs')))),
      onAppAction('importProject', () => qdpxInput.current?.click()),
      bridge.on('changedOnDisk', ({ sessionId, path }) => {
        if (casefileStore.get()?.sessionId === sessionId) fileProblemStore.set({ kind: 'changed-on-disk', sessionId, path });
      }),
    ];
    // Another window taking the casefile over turns this one read-only: say so once.
    let last = casefileStore.get();
    offs.push(casefileStore.subscribe(() => {
      const now = casefileStore.get();
      if (now && last && now.sessionId === last.sessionId && now.readOnly && !last.readOnly && !now.commentOnly) {
        notify('error', now.status.error ?? 'Another window took this casefile over: this window is now read-only.');
      }
      last = now;
    }));
    return () => offs.forEach((off) => off());
  }, []);

  useEffect(() => {
    // The desktop menu's accelerators cover these; a browser tab needs its own (Ctrl+N stays the browser's).
    if (info.mode !== 'web') return;
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      const key = e.key.toLowerCase();
      if (key === 'o' && !e.shiftKey) {
        e.preventDefault();
        void chooseAndOpen(() => openDialog('open'));
      } else if (key === 's' && e.shiftKey && casefileStore.get()) {
        e.preventDefault();
        void chooseAndSaveAs(() => openDialog('saveAs'));
      }
    };
    // Everything is saved on the Node side within a second; only a failed save is worth a "leave page?" question.
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (casefileStore.get()?.status.saveState === 'error') e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('beforeunload', onBeforeUnload);
    };
  }, [info.mode]);

  return (
    <>
      {dialog === 'open' && <OpenDialog workspace={info.workspace} onClose={close} />}
      {dialog === 'new' && <NewCasefileDialog workspace={info.workspace} onClose={close} />}
      {dialog === 'saveAs' && casefileStore.get() && <SaveAsDialog workspace={info.workspace} onClose={close} />}
      {teamDialog === 'share' && casefileStore.get() && <ShareDialog onClose={closeTeamDialog} />}
      {teamDialog === 'open' && <OpenTeamDialog onClose={closeTeamDialog} />}
      <FileProblemDialog />
      <input
        ref={qdpxInput} type="file" accept=".qdpx" hidden data-testid="qdpx-file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void toBase64(file).then((dataBase64) => setQdpx({ name: file.name, dataBase64 }));
        }}
      />
      {qdpx && <QdpxImportDialog upload={qdpx} onClose={() => setQdpx(null)} />}
    </>
  );
}
