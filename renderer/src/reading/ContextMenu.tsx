import { useEffect, useRef, type KeyboardEvent } from 'react';
import { visibleTypes } from '../../../shared/claims/chain';
import { casefileStore } from '../app/casefile-store';
import { selectClaim } from '../app/ui-store';
import { createClaimFromSelection, deleteSelectedClaim, openChainEditor, setRootTypeByDigit, toggleChromeForSelection } from '../claims/actions';
import { keysOf } from '../keyboard/shortcuts';
import { useStore } from '../lib/store';

export interface MenuAt {
  x: number;
  y: number;
  /** The claim under the pointer, if any. */
  claimId: string | null;
  /** Whether text of the article is selected. */
  hasSelection: boolean;
}

interface Item {
  label: string;
  keys: string;
  run: () => void;
}

/** The reading view's right-click menu: claim and page-chrome actions, with their keys. */
export function ContextMenu({ at, onClose }: { at: MenuAt; onClose: () => void }) {
  const { casefile, readOnly } = useStore(casefileStore)!;
  const menu = useRef<HTMLDivElement>(null);
  const items: Item[] = [];
  if (at.hasSelection && !readOnly) {
    items.push({ label: 'Create claim', keys: keysOf('createClaim'), run: () => void createClaimFromSelection() });
    items.push({ label: 'Mark / unmark page chrome', keys: keysOf('markChrome'), run: () => void toggleChromeForSelection() });
  }
  if (at.hasSelection) {
    items.push({ label: 'Copy', keys: '', run: () => void navigator.clipboard?.writeText(window.getSelection()?.toString() ?? '') });
  }
  const claim = at.claimId ? casefile.claims[at.claimId] : undefined;
  if (claim) {
    const select = () => selectClaim(claim.id, claim.articleId);
    items.push({ label: 'Edit attribution chain', keys: keysOf('openChain'), run: () => { select(); openChainEditor(); } });
    if (!readOnly) {
      visibleTypes(casefile.taxonomy).slice(0, 9).forEach((t, i) => {
        items.push({ label: `Sourcing: ${t.label}`, keys: String(i + 1), run: () => { select(); setRootTypeByDigit(i + 1); } });
      });
      items.push({ label: 'Delete claim', keys: keysOf('deleteClaim'), run: () => { select(); deleteSelectedClaim(); } });
    }
  }

  useEffect(() => {
    menu.current?.querySelector<HTMLButtonElement>('button')?.focus();
    const away = (e: PointerEvent) => {
      if (!menu.current?.contains(e.target as Node)) onClose();
    };
    window.addEventListener('pointerdown', away, true);
    return () => window.removeEventListener('pointerdown', away, true);
  }, [onClose]);

  if (!items.length) {
    return (
      <div ref={menu} className="context-menu" role="menu" style={{ left: at.x, top: at.y }} onKeyDown={(e) => e.key === 'Escape' && onClose()}>
        <p className="context-menu-hint">Select text to create a claim, or right-click a highlight.</p>
        <button type="button" role="menuitem" onClick={onClose}>Close</button>
      </div>
    );
  }

  const onKeyDown = (e: KeyboardEvent) => {
    const buttons = [...(menu.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'Escape') onClose();
    else if (e.key === 'ArrowDown') buttons[(at + 1) % buttons.length]?.focus();
    else if (e.key === 'ArrowUp') buttons[(at - 1 + buttons.length) % buttons.length]?.focus();
    else return;
    e.preventDefault();
    e.stopPropagation();
  };
  const top = Math.min(at.y, window.innerHeight - 32 * items.length - 16);
  const left = Math.min(at.x, window.innerWidth - 280);
  return (
    <div ref={menu} className="context-menu" role="menu" aria-label="Claim actions" style={{ left, top: Math.max(8, top) }} onKeyDown={onKeyDown}>
      {items.map((item) => (
        <button key={item.label} type="button" role="menuitem" onMouseDown={(e) => e.preventDefault()}
          onClick={() => { onClose(); item.run(); }}>
          <span>{item.label}</span>{item.keys && <kbd>{item.keys}</kbd>}
        </button>
      ))}
    </div>
  );
}
