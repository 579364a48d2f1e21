import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { PANE_LIMITS } from '../../../shared/workbench/prefs';
import { useStore } from '../lib/store';
import { prefsStore, setPaneWidth } from './workbench-prefs';

/** Arrow keys move a splitter by this much; with Shift, four times as far. */
const KEY_STEP = 16;

/**
 * The handle between the reading area and a side pane: drag it, or focus it
 * and use the arrow keys (Home / End for the smallest and largest width,
 * Enter to hide the pane). `edge` says which side of the window the pane is on.
 */
export function PaneSplitter({ pane, edge, label, controls, onCollapse }: {
  pane: keyof typeof PANE_LIMITS;
  edge: 'left' | 'right';
  label: string;
  controls: string;
  onCollapse: () => void;
}) {
  const width = useStore(prefsStore)[pane];
  const drag = useRef<{ x: number; width: number } | null>(null);
  // Dragging towards the middle widens a pane on the left and narrows one on the right.
  const sign = edge === 'left' ? 1 : -1;
  const { min, max } = PANE_LIMITS[pane];

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    e.currentTarget.focus();
    drag.current = { x: e.clientX, width: currentWidth(e.currentTarget, edge) ?? width };
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (drag.current) setPaneWidth(pane, drag.current.width + sign * (e.clientX - drag.current.x));
  };
  const onPointerUp = () => {
    drag.current = null;
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const step = (e.shiftKey ? 4 : 1) * KEY_STEP;
    const next = {
      ArrowLeft: width - sign * step,
      ArrowRight: width + sign * step,
      Home: min,
      End: max,
    }[e.key];
    if (next !== undefined) {
      e.preventDefault();
      setPaneWidth(pane, next);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      onCollapse();
    }
  };

  return (
    <div
      className="pane-splitter"
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-controls={controls}
      aria-valuenow={width}
      aria-valuemin={min}
      aria-valuemax={max}
      tabIndex={0}
      title={`${label}: drag, or focus and use the arrow keys (Enter hides the pane)`}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onKeyDown={onKeyDown}
      onDoubleClick={onCollapse}
    />
  );
}

/** The pane's drawn width, which the window may hold below the remembered one. */
function currentWidth(splitter: HTMLElement, edge: 'left' | 'right'): number | undefined {
  const pane = edge === 'left' ? splitter.previousElementSibling : splitter.nextElementSibling;
  return pane instanceof HTMLElement ? Math.round(pane.getBoundingClientRect().width) : undefined;
}
