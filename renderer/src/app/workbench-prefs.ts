/**
 * The analyst's workbench layout and reading density, as shown now. Loaded
 * with the settings; every change is shown at once and remembered on the
 * Node side shortly after (settings, per analyst), so the desktop app and
 * browser mode behave alike.
 */
import { clampPaneWidth, DEFAULT_PREFS, readPrefs, type PANE_LIMITS, type WorkbenchPrefs } from '../../../shared/workbench/prefs';
import { api } from '../lib/api';
import { Store } from '../lib/store';
import { notify } from './notices';

export const prefsStore = new Store<WorkbenchPrefs>(readPrefs(DEFAULT_PREFS));

/** A drag produces many sizes a second; only the last one of a pause is written. */
const SAVE_DELAY_MS = 400;
let pending: ReturnType<typeof setTimeout> | null = null;

/** Shows the preferences loaded with the settings (no save). */
export function showPrefs(prefs: WorkbenchPrefs): void {
  prefsStore.set(prefs);
}

export function updatePrefs(change: Partial<WorkbenchPrefs>): void {
  prefsStore.set((p) => readPrefs({ ...p, ...change }));
  if (pending) clearTimeout(pending);
  pending = setTimeout(savePrefs, SAVE_DELAY_MS);
}

function savePrefs(): void {
  if (pending) clearTimeout(pending);
  pending = null;
  api.setWorkbenchPrefs({ prefs: prefsStore.get() }).catch((error: unknown) => {
    notify('error', `Your layout could not be remembered: ${error instanceof Error ? error.message : String(error)}`);
  });
}

// A change made just before the window closes or reloads is sent at once rather than lost.
window.addEventListener('pagehide', () => {
  if (pending) savePrefs();
});

export function setPaneWidth(pane: keyof typeof PANE_LIMITS, width: number): void {
  updatePrefs({ [pane]: clampPaneWidth(pane, width) });
}

export function resetDensity(): void {
  updatePrefs({ fontSize: DEFAULT_PREFS.fontSize, lineHeight: DEFAULT_PREFS.lineHeight, textWidth: DEFAULT_PREFS.textWidth });
}
