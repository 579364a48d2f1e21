import { Store } from '../lib/store';

/** What the analyst is looking at: not part of the casefile, never saved in it. */
export interface UiState {
  articleId: string | null;
  claimId: string | null;
  dialog: null | 'open' | 'new' | 'shortcuts' | 'about' | 'paste' | 'saveAs';
}

export const uiStore = new Store<UiState>({ articleId: null, claimId: null, dialog: null });

export function selectArticle(articleId: string | null): void {
  uiStore.set((s) => ({ ...s, articleId, claimId: null }));
}

export function selectClaim(claimId: string | null, articleId?: string): void {
  uiStore.set((s) => ({ ...s, claimId, articleId: articleId ?? s.articleId }));
}

export function openDialog(dialog: UiState['dialog']): void {
  uiStore.set((s) => ({ ...s, dialog }));
}
