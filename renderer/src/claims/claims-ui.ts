/** View state of the claims features: not part of the casefile, never saved. */
import { Store } from '../lib/store';

export type HopField = 'type' | 'source' | 'cue' | 'hedging';

export interface ClaimsUiState {
  findOpen: boolean;
  /** A hop being added to a claim's chain, waiting for its sourcing type. */
  pendingHop: { claimId: string; index: number } | null;
  /** The chain editor field that should take the keyboard focus once it is drawn. */
  focusHop: { hopId: string; field: HopField } | null;
  /** Bumped to ask the claims panel to focus its search field. */
  searchFocus: number;
  /** The source shown in the source registry panel. */
  sourceId: string | null;
  /** Bumped when the selected claim should be scrolled into view (chosen by J/K or in a list, not clicked). */
  reveal: number;
  /** A claim deletion waiting for the analyst's yes, with what uses the claim, one line each. */
  confirmDelete: { claimId: string; uses: string[] } | null;
}

export const claimsUi = new Store<ClaimsUiState>({ findOpen: false, pendingHop: null, focusHop: null, searchFocus: 0, sourceId: null, reveal: 0, confirmDelete: null });

export function setFindOpen(findOpen: boolean): void {
  claimsUi.set((s) => ({ ...s, findOpen }));
}

export function setPendingHop(pendingHop: ClaimsUiState['pendingHop']): void {
  claimsUi.set((s) => ({ ...s, pendingHop }));
}

export function focusHop(focus: ClaimsUiState['focusHop']): void {
  claimsUi.set((s) => ({ ...s, focusHop: focus }));
}

export function requestSearchFocus(): void {
  claimsUi.set((s) => ({ ...s, searchFocus: s.searchFocus + 1 }));
}

export function showSource(sourceId: string | null): void {
  claimsUi.set((s) => ({ ...s, sourceId }));
}

export function revealSelectedClaim(): void {
  claimsUi.set((s) => ({ ...s, reveal: s.reveal + 1 }));
}

export function askToDeleteClaim(confirmDelete: ClaimsUiState['confirmDelete']): void {
  claimsUi.set((s) => ({ ...s, confirmDelete }));
}
