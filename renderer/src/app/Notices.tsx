import { useStore } from '../lib/store';
import { dismiss, noticesStore } from './notices';

/** Messages, newest last, in their own strip at the bottom of the window: they never cover a control. */
export function Notices() {
  const notices = useStore(noticesStore);
  return (
    <div className="notices" aria-live="polite" data-testid="notices">
      {notices.map((n) => (
        <div key={n.id} className={`notice notice-${n.kind}`} role={n.kind === 'error' ? 'alert' : 'status'}
          onClick={n.kind === 'info' ? () => dismiss(n.id) : undefined}
          title={n.kind === 'info' ? 'Closes by itself; click to close now' : undefined}>
          <span>{n.text}</span>
          <button type="button" className="icon-button" aria-label="Dismiss" onClick={(e) => { e.stopPropagation(); dismiss(n.id); }}>×</button>
        </div>
      ))}
    </div>
  );
}
