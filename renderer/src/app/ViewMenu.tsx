import { useEffect, useRef, useState } from 'react';
import { DENSITY_CHOICES, type WorkbenchPrefs } from '../../../shared/workbench/prefs';
import { useStore } from '../lib/store';
import { prefsStore, resetDensity, updatePrefs } from './workbench-prefs';

const WIDTH_LABELS: Record<number, string> = { 34: 'Narrow', 40: 'Medium narrow', 46: 'Medium', 52: 'Wide', 60: 'Widest' };

type DensityKey = 'fontSize' | 'lineHeight' | 'textWidth';
const FIELDS: { key: DensityKey; label: string; format: (n: number) => string }[] = [
  { key: 'fontSize', label: 'Text size', format: (n) => `${n} px` },
  { key: 'lineHeight', label: 'Line spacing', format: (n) => n.toFixed(2) },
  { key: 'textWidth', label: 'Text width', format: (n) => WIDTH_LABELS[n] ?? `${n} em` },
];

/** "View": the reading density (text size, line spacing, text width), remembered for this analyst. */
export function ViewMenu() {
  const prefs = useStore(prefsStore);
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    window.addEventListener('pointerdown', onPointer);
    return () => window.removeEventListener('pointerdown', onPointer);
  }, [open]);

  return (
    <div className="view-menu" ref={root}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.stopPropagation();
          setOpen(false);
          root.current?.querySelector('button')?.focus();
        }
      }}>
      <button type="button" className="toolbar-toggle" aria-expanded={open} aria-haspopup="dialog" onClick={() => setOpen(!open)}
        title="Reading density: text size, line spacing, text width">
        View ▾
      </button>
      {open && (
        <div className="view-menu-popover" role="dialog" aria-label="Reading density">
          {FIELDS.map((f) => (
            <label key={f.key} className="compact-field">
              <span>{f.label}</span>
              <select value={prefs[f.key]} onChange={(e) => updatePrefs({ [f.key]: Number(e.target.value) } as Partial<WorkbenchPrefs>)}>
                {DENSITY_CHOICES[f.key].map((n) => <option key={n} value={n}>{f.format(n)}</option>)}
              </select>
            </label>
          ))}
          <button type="button" onClick={resetDensity}>Default density</button>
        </div>
      )}
    </div>
  );
}
