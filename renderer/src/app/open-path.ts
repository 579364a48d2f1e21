/**
 * Casefiles the operating system hands to the running desktop app (a
 * double-click on a .corroborate file, `corroborate file.corroborate` while
 * the app runs, File ▸ Open Recent): open them in this window.
 */
import { api, bridge, CLIENT_ID } from '../lib/api';
import { casefileStore, closeCasefile, showOpened } from './casefile-store';
import { notify } from './notices';

export async function openPathFromOs(path: string): Promise<void> {
  const current = casefileStore.get();
  if (current?.path === path) return;
  // Open the new casefile first, so a file that cannot be opened leaves the current one on screen.
  let opened;
  try {
    opened = await api.openCasefile({ path, mode: 'normal', clientId: CLIENT_ID });
  } catch (error) {
    notify('error', `Could not open ${path}: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  if (!(await closeCasefile())) {
    await api.closeCasefile({ sessionId: opened.sessionId }).catch(() => undefined);
    return;
  }
  showOpened(opened);
}

bridge.on('openPath', ({ path }) => void openPathFromOs(path));
