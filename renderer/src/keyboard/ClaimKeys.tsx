import { useEffect } from 'react';
import { onAppAction } from '../app/commands';
import { openDialog, selectClaim, showMainView, showSidePanel, uiStore } from '../app/ui-store';
import {
  createClaimFromSelection, deleteSelectedClaim, openChainEditor, selectAdjacentClaim, setRootTypeByDigit, toggleChromeForSelection,
} from '../claims/actions';
import { claimsUi, requestSearchFocus, setFindOpen } from '../claims/claims-ui';
import { useStore } from '../lib/store';
import { ConfirmClaimDeletion } from '../claims/ConfirmClaimDeletion';
import { ShortcutSheet } from './ShortcutSheet';
import { showProposals } from '../proposals/actions';
import { handleProposalKey } from '../proposals/keys';
import './keyboard.css';

function openFind(): void {
  showMainView('read');
  setFindOpen(true);
}

/** Where typing goes into a field, keys are text, not shortcuts. */
function isEditable(el: HTMLElement | null): boolean {
  return !!el && (el.matches('input, textarea, select') || el.isContentEditable);
}

/** Controls that Enter and Space activate themselves. */
function isControl(el: HTMLElement | null): boolean {
  return !!el && !!el.closest('button, a[href], summary, [role="option"], [role="listbox"], [role="menuitem"], [role="tab"]');
}

function onKeyDown(e: KeyboardEvent): void {
  if (e.defaultPrevented) return;
  const target = e.target instanceof HTMLElement ? e.target : null;
  const mod = e.ctrlKey || e.metaKey;
  if (mod && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'f') {
    e.preventDefault();
    openFind();
    return;
  }
  if (mod || e.altKey || isEditable(target)) return;
  if (document.querySelector('dialog[open]')) return;
  if (handle(e.key, target, e.shiftKey)) e.preventDefault();
}

/** Carries out the shortcut of `key`; false when the key means nothing here. */
function handle(key: string, target: HTMLElement | null, shift: boolean): boolean {
  switch (key) {
    case '?': openDialog('shortcuts'); return true;
    case 'p': case 'P': showProposals(); return true;
    case '/': showSidePanel('claims'); requestSearchFocus(); return true;
    case 'r': case 'R': showSidePanel('sources'); return true;
  }
  // The claim keys act on the article being read, never on claims out of sight behind another view.
  const { mainView, sidePanel } = uiStore.get();
  if (mainView !== 'read') return false;
  // Beside the Proposed panel, J/K, A, E, X and the span keys work the review queue.
  if (sidePanel === 'proposed' && (!isControl(target) || !/^(Enter| )$/.test(key)) && handleProposalKey(key, shift)) return true;
  return handleClaimKey(key, target);
}

function handleClaimKey(key: string, target: HTMLElement | null): boolean {
  if (/^[1-9]$/.test(key)) {
    setRootTypeByDigit(Number(key));
    return true;
  }
  switch (key) {
    case 'c': case 'C': void createClaimFromSelection(); return true;
    case 'x': case 'X': void toggleChromeForSelection(); return true;
    case 'j': case 'J': selectAdjacentClaim(1); return true;
    case 'k': case 'K': selectAdjacentClaim(-1); return true;
    case 'ArrowDown': case 'ArrowUp':
      if (isControl(target)) return false;
      selectAdjacentClaim(key === 'ArrowDown' ? 1 : -1);
      return true;
    case 'Enter':
      if (isControl(target)) return false;
      openChainEditor();
      return true;
    case 'Delete': case 'Backspace':
      if (isControl(target) && key === 'Backspace') return false;
      deleteSelectedClaim();
      return true;
    case 'Escape':
      if (claimsUi.get().findOpen) setFindOpen(false);
      else if (uiStore.get().claimId) selectClaim(null);
      else return false;
      return true;
    default: return false;
  }
}

/** The claim shortcuts of the workbench, the find and shortcuts actions, the shortcut sheet and the claim deletion question. */
export function ClaimKeys() {
  const { dialog } = useStore(uiStore);
  useEffect(() => {
    const offs = [onAppAction('find', openFind), onAppAction('shortcuts', () => openDialog('shortcuts'))];
    window.addEventListener('keydown', onKeyDown);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      offs.forEach((off) => off());
    };
  }, []);
  return <>{dialog === 'shortcuts' && <ShortcutSheet onClose={() => openDialog(null)} />}<ConfirmClaimDeletion /></>;
}
