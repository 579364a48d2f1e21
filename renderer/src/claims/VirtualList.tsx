import { useEffect, useRef, useState, type ReactNode } from 'react';

/**
 * A list that draws only the rows in view (fixed row height), so tens of
 * thousands of claims scroll smoothly. `activeIndex` is kept in view.
 */
export function VirtualList({ count, rowHeight, renderRow, activeIndex, label, className, id, onKeyDown, activeDescendant, testId }: {
  count: number;
  rowHeight: number;
  renderRow: (index: number) => ReactNode;
  activeIndex: number;
  label: string;
  className?: string;
  id?: string;
  onKeyDown?: (e: React.KeyboardEvent) => void;
  activeDescendant?: string;
  testId?: string;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 600 });

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const update = () => setView({ top: el.scrollTop, height: el.clientHeight });
    update();
    const observer = new ResizeObserver(update);
    observer.observe(el);
    el.addEventListener('scroll', update, { passive: true });
    return () => {
      observer.disconnect();
      el.removeEventListener('scroll', update);
    };
  }, []);

  useEffect(() => {
    const el = scroller.current;
    if (!el || activeIndex < 0) return;
    const top = activeIndex * rowHeight;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + rowHeight > el.scrollTop + el.clientHeight) el.scrollTop = top + rowHeight - el.clientHeight;
  }, [activeIndex, rowHeight]);

  const first = Math.max(0, Math.floor(view.top / rowHeight) - 5);
  const last = Math.min(count, Math.ceil((view.top + view.height) / rowHeight) + 5);
  const rows: ReactNode[] = [];
  for (let i = first; i < last; i++) rows.push(renderRow(i));
  return (
    <div ref={scroller} className={`virtual-list ${className ?? ''}`} role="listbox" aria-label={label} id={id} tabIndex={0}
      onKeyDown={onKeyDown} aria-activedescendant={activeDescendant} data-testid={testId}>
      <div className="virtual-list-inner" style={{ height: count * rowHeight }}>
        <div className="virtual-list-rows" style={{ transform: `translateY(${first * rowHeight}px)` }}>{rows}</div>
      </div>
    </div>
  );
}
