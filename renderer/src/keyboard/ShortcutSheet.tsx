import { useEffect, useRef } from 'react';
import { visibleTypes } from '../../../shared/claims/chain';
import { casefileStore } from '../app/casefile-store';
import { Swatch } from '../claims/SourcingProfile';
import { useStore } from '../lib/store';
import { SHORTCUT_GROUPS, SHORTCUTS } from './shortcuts';

/** Every keyboard shortcut, by task, with the number keys of this casefile's sourcing types. */
export function ShortcutSheet({ onClose }: { onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const taxonomy = useStore(casefileStore)?.casefile.taxonomy ?? [];
  useEffect(() => {
    const el = dialog.current;
    if (el && !el.open) el.showModal();
  }, []);
  return (
    <dialog ref={dialog} className="shortcut-sheet" aria-labelledby="shortcut-sheet-title" onClose={onClose}
      onClick={(e) => e.target === dialog.current && dialog.current?.close()}>
      <div className="shortcut-sheet-head">
        <h2 id="shortcut-sheet-title">Keyboard shortcuts</h2>
        <button type="button" className="icon-button" aria-label="Close" onClick={() => dialog.current?.close()} autoFocus>×</button>
      </div>
      <div className="shortcut-columns">
        {SHORTCUT_GROUPS.map((g) => (
          <section key={g.title}>
            <h3>{g.title}</h3>
            <dl>
              {g.ids.map((id) => (
                <div key={id} className="shortcut-row">
                  <dt>{SHORTCUTS[id].keys.map((k) => <kbd key={k}>{k}</kbd>)}</dt>
                  <dd>{SHORTCUTS[id].label}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
        <section className="shortcut-types">
          <h3>Sourcing types (number keys)</h3>
          <dl>
            {visibleTypes(taxonomy).slice(0, 9).map((t, i) => (
              <div key={t.id} className="shortcut-row">
                <dt><kbd>{i + 1}</kbd></dt>
                <dd><Swatch color={t.color} /> <bdi>{t.label}</bdi></dd>
              </div>
            ))}
          </dl>
        </section>
      </div>
      <p className="muted shortcut-foot">Selecting text is the one step that needs the mouse (or Shift+arrow keys with caret browsing, F7).</p>
    </dialog>
  );
}
