import { Store } from '../lib/store';
import { prefsStore, updatePrefs } from './workbench-prefs';

/** What the analyst is looking at: not part of the casefile, never saved in it. */
export interface UiState {
  articleId: string | null;
  claimId: string | null;
  /** Which of MAIN_VIEWS and SIDE_PANELS (app/views.ts) are showing. */
  mainView: string;
  sidePanel: string;
  dialog: null | 'open' | 'new' | 'shortcuts' | 'about' | 'paste' | 'links' | 'saveAs' | 'export' | 'importAnnotations';
}

export const uiStore = new Store<UiState>({ articleId: null, claimId: null, mainView: 'read', sidePanel: 'claim', dialog: null });

export function showMainView(mainView: string): void {
  uiStore.set((s) => ({ ...s, mainView }));
}

/** Shows a side panel, bringing the side pane back if the analyst had hidden it. */
export function showSidePanel(sidePanel: string): void {
  if (prefsStore.get().sideCollapsed) updatePrefs({ sideCollapsed: false });
  uiStore.set((s) => ({ ...s, sidePanel }));
}

export function selectArticle(articleId: string | null): void {
  uiStore.set((s) => ({ ...s, articleId, claimId: null }));
}

export function selectClaim(claimId: string | null, articleId?: string): void {
  uiStore.set((s) => ({ ...s, claimId, articleId: articleId ?? s.articleId }));
}

export function openDialog(dialog: UiState['dialog']): void {
  uiStore.set((s) => ({ ...s, dialog }));
}
