/**
 * New, Open, Save As, restore and the answers to file problems: the one
 * place the UI opens and moves casefiles. A problem the analyst must decide
 * (locked, damaged, read-only, changed on disk) becomes `fileProblemStore`,
 * which FileProblemDialog shows.
 */
import type { ApiArgs, BackupListing, OpenedCasefile, OpenFailureDetails, QdpxImported } from '../../../shared/api/contract';
import { casefileStore, closeCasefile, settleChanges, showOpened } from '../app/casefile-store';
import { notify } from '../app/notices';
import { api, CLIENT_ID, RemoteError } from '../lib/api';
import { Store } from '../lib/store';

export type FileProblem =
  | { kind: 'locked'; path: string; message: string }
  | { kind: 'read-only-file'; path: string; message: string }
  | { kind: 'damaged'; path: string; message: string; backup: BackupListing | null }
  | { kind: 'changed-on-disk'; sessionId: string; path: string };

export const fileProblemStore = new Store<FileProblem | null>(null);

type OpenMode = 'normal' | 'read-only' | 'take-over';

/** Opens a casefile in this window in place of the current one. False when it did not open (a problem dialog may be showing). */
export async function openCasefileAt(path: string, mode: OpenMode = 'normal'): Promise<boolean> {
  const current = casefileStore.get();
  if (current?.path === path && mode === 'normal' && !current.readOnly) return true;
  let opened: OpenedCasefile;
  try {
    opened = await api.openCasefile({ path, mode, clientId: CLIENT_ID });
  } catch (error) {
    showOpenProblem(path, error);
    return false;
  }
  return switchTo(opened);
}

export async function createCasefile(title: string): Promise<void> {
  await switchTo(await api.createCasefile({ title, clientId: CLIENT_ID }));
}

/** A copy of the shipped sample casefile, saved in the workspace and opened. */
export async function openSampleCasefile(): Promise<void> {
  const opened = await api.openSample({ clientId: CLIENT_ID });
  if (await switchTo(opened)) notify('info', `Opened a copy of the sample casefile, saved as ${opened.path}. The story and everyone in it are fictional.`);
}

/** A new casefile made from a REFI-QDA project (saved in the workspace under its title) and opened. */
export async function importQdpxProject(args: Omit<ApiArgs<'importQdpx'>, 'clientId'>): Promise<QdpxImported> {
  const result = await api.importQdpx({ ...args, clientId: CLIENT_ID });
  await switchTo(result.opened);
  return result;
}

/** Save As: the open casefile moves to `path` and stays open there. Throws RemoteError 'exists' unless `overwrite`. */
export async function saveCasefileAs(path: string, overwrite: boolean): Promise<void> {
  const current = casefileStore.get();
  if (!current) return;
  await settleChanges();
  showOpened(await api.saveCasefileAs({ sessionId: current.sessionId, path, overwrite }));
  notify('info', `Saved as ${path}. You are now working in this file.`);
}

export async function restoreBackup(backup: BackupListing): Promise<void> {
  const opened = await api.restoreBackup({ backupPath: backup.path, clientId: CLIENT_ID });
  if (await switchTo(opened)) notify('info', `Restored the backup of ${new Date(backup.savedAt).toLocaleString()} as ${opened.path}.`);
}

export async function resolveChangedOnDisk(sessionId: string, choice: 'reload-theirs' | 'keep-mine-as-copy'): Promise<void> {
  const opened = await api.resolveChangedOnDisk({ sessionId, choice });
  showOpened(opened);
  notify('info', choice === 'reload-theirs' ? 'Reloaded the version on disk.' : `Your version is saved as ${opened.path}; the other version is untouched.`);
}

/** File ▸ Open: the desktop's native dialog where there is one, else ours. */
export async function chooseAndOpen(showInAppDialog: () => void): Promise<void> {
  const choice = await api.chooseCasefilePath({ purpose: 'open' });
  if (!choice.supported) return showInAppDialog();
  if (choice.path) await openCasefileAt(choice.path);
}

/** File ▸ Save As: the desktop's native dialog (which asks before replacing) where there is one, else ours. */
export async function chooseAndSaveAs(showInAppDialog: () => void): Promise<void> {
  const current = casefileStore.get();
  if (!current) return;
  const choice = await api.chooseCasefilePath({ purpose: 'save', suggestedName: current.casefile.meta.title });
  if (!choice.supported) return showInAppDialog();
  if (!choice.path) return;
  try {
    await saveCasefileAs(choice.path, true);
  } catch (error) {
    notify('error', messageOf(error));
  }
}

async function switchTo(opened: OpenedCasefile): Promise<boolean> {
  // The new casefile is open before the old one closes: if closing fails (a save error), the analyst stays where they were.
  if (casefileStore.get() && !(await closeCasefile())) {
    await api.closeCasefile({ sessionId: opened.sessionId }).catch(() => undefined);
    return false;
  }
  showOpened(opened);
  return true;
}

function showOpenProblem(path: string, error: unknown): void {
  const message = messageOf(error);
  const code = error instanceof RemoteError ? error.code : '';
  const details = (error instanceof RemoteError ? error.body.details : undefined) as OpenFailureDetails | undefined;
  if (code === 'locked') fileProblemStore.set({ kind: 'locked', path, message });
  else if (code === 'no-write-permission') fileProblemStore.set({ kind: 'read-only-file', path, message });
  else if (details && 'backup' in details) fileProblemStore.set({ kind: 'damaged', path, message, backup: details.backup ?? null });
  else notify('error', message);
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
