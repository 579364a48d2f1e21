import { useEffect, useState, type FormEvent } from 'react';
import type { HistoryPoint, HistoryPoints } from '../../../shared/api/team';
import { formatWhen } from '../../../shared/review';
import { Modal } from '../articles/Modal';
import { casefileStore } from '../app/casefile-store';
import { notify } from '../app/notices';
import { api } from '../lib/api';
import { useStore } from '../lib/store';
import { openHistory, reviewStore } from '../review/review-store';
import { teamStore } from './team-store';

const KIND_WORDS: Record<HistoryPoint['kind'], string> = {
  opened: 'taken on opening',
  teammates: 'taken before teammates’ changes',
  interval: 'taken while edits came in',
  closed: 'taken on closing',
  marked: 'marked',
};

/** What the label of a new point says while the dialog is closed and opened again: nothing typed is lost. */
let draftLabel = '';

/** "“Before the briefing” (6 Dec 14:02)" */
export function pointName(point: HistoryPoint): string {
  return `“${point.label}” (${formatWhen(point.at)})`;
}

/**
 * "Compare history points…" in the Review view of a team casefile: the points
 * kept on this computer, a new one marked with a label, and two of them (or
 * one and now) compared by Review, read-only.
 */
export function HistoryButton() {
  const team = useStore(teamStore);
  const [open, setOpen] = useState(false);
  if (!team) return null;
  return (
    <>
      <button type="button" onClick={() => setOpen(true)} title="What changed in this shared casefile between two points in its history, and who did it">
        Compare history points…
      </button>
      {open && <HistoryDialog onClose={() => setOpen(false)} />}
    </>
  );
}

function HistoryDialog({ onClose }: { onClose: () => void }) {
  const opened = useStore(casefileStore)!;
  const team = useStore(teamStore);
  const { busy } = useStore(reviewStore);
  const [history, setHistory] = useState<HistoryPoints | null>(null);
  const [label, setLabel] = useState(draftLabel);
  const [marking, setMarking] = useState(false);
  const [from, setFrom] = useState<string>('');
  const [to, setTo] = useState<string>('now');
  const canMark = !!team && !opened.readOnly;

  const show = (listed: HistoryPoints) => {
    setHistory(listed);
    setFrom((current) => (listed.points.some((p) => p.id === current) ? current : listed.points.at(-1)?.id ?? ''));
  };
  const failed = (error: unknown) => {
    notify('error', (error as Error).message);
    setHistory({ points: [], unreadable: [], retention: '' });
  };
  const sessionId = opened.sessionId;
  useEffect(() => {
    void api.teamHistory({ sessionId }).then(show, failed);
  }, [sessionId]);

  const changeLabel = (value: string) => {
    draftLabel = value;
    setLabel(value);
  };
  const mark = async (e: FormEvent) => {
    e.preventDefault();
    if (!label.trim() || marking) return;
    setMarking(true);
    try {
      const point = await api.markHistoryPoint({ sessionId: opened.sessionId, label: label.trim() });
      changeLabel('');
      notify('info', `Marked ${pointName(point)}.`);
      await api.teamHistory({ sessionId }).then(show, failed);
    } catch (error) {
      notify('error', (error as Error).message);
    } finally {
      setMarking(false);
    }
  };

  const points = history?.points ?? [];
  const byId = new Map(points.map((p) => [p.id, p]));
  const nameOf = (id: string) => (id === 'now' ? 'now' : byId.has(id) ? pointName(byId.get(id)!) : id);
  const compare = async () => {
    if (!from || from === to) return;
    if (await openHistory({ from, to, fromLabel: nameOf(from), toLabel: nameOf(to) })) onClose();
  };
  const newestFirst = [...points].reverse();
  // Two points in one minute: their seconds tell them apart.
  const minutes = new Map<string, number>();
  for (const p of points) minutes.set(formatWhen(p.at), (minutes.get(formatWhen(p.at)) ?? 0) + 1);
  const whenOf = (p: HistoryPoint) => (minutes.get(formatWhen(p.at))! > 1 ? `${formatWhen(p.at)}:${p.at.slice(17, 19)}` : formatWhen(p.at));

  return (
    <Modal title="Compare history points" onClose={onClose} className="history-dialog" testId="history-dialog"
      footer={(
        <>
          <button type="button" onClick={onClose}>Cancel</button>
          <button type="button" className="primary" disabled={!from || from === to || busy} onClick={() => void compare()}>Compare</button>
        </>
      )}>
      <p className="muted">
        Points in this shared casefile’s history, kept on this computer. Compare two, or one with now: Review lists what changed between them and who did it.
        It is read-only: nothing is merged from history (to bring something back, edit or restore it in the casefile as usual).
      </p>

      <form className="history-mark" onSubmit={(e) => void mark(e)}>
        <label>
          <span>Label for a new point</span>
          <input value={label} maxLength={200} placeholder="e.g. Before the 18:00 briefing" disabled={!canMark}
            onChange={(e) => changeLabel(e.target.value)} />
        </label>
        <button type="submit" disabled={!canMark || !label.trim() || marking}>{marking ? 'Marking…' : 'Mark this point'}</button>
      </form>

      <div className="history-choose" role="group" aria-label="Points to compare">
        <label>
          <span>From (earlier)</span>
          <select value={from} onChange={(e) => setFrom(e.target.value)} disabled={!points.length}>
            {!points.length && <option value="">No points yet</option>}
            {newestFirst.map((p) => <option key={p.id} value={p.id}>{pointName(p)}</option>)}
          </select>
        </label>
        <label>
          <span>To (later)</span>
          <select value={to} onChange={(e) => setTo(e.target.value)}>
            <option value="now">Now (the casefile as it is)</option>
            {newestFirst.map((p) => <option key={p.id} value={p.id}>{pointName(p)}</option>)}
          </select>
        </label>
      </div>
      {from && from === to && <p className="muted" role="status">Choose two different points.</p>}

      {history === null ? (
        <p className="muted">Loading…</p>
      ) : points.length === 0 ? (
        <p className="muted">No points yet. The app takes one when the casefile is in step with the team server after opening, and at most every 30 minutes while edits come in; mark one now to compare with later.</p>
      ) : (
        <table className="history-points" data-testid="history-points">
          <caption className="team-sr">History points, newest first</caption>
          <thead>
            <tr><th scope="col">When</th><th scope="col">Point</th><th scope="col">Changed since the point before by</th><th scope="col">Claims</th><th scope="col">Propositions</th></tr>
          </thead>
          <tbody>
            {newestFirst.map((p) => (
              <tr key={p.id} className={p.id === from || p.id === to ? 'chosen' : undefined}>
                <td className="history-when">{whenOf(p)}</td>
                <td><span className="history-label">{p.label}</span> <span className="muted">· {KIND_WORDS[p.kind]}</span></td>
                <td>{p.changedBy.length ? p.changedBy.join(', ') : <span className="muted">—</span>}</td>
                <td className="num">{p.counts.claims}</td>
                <td className="num">{p.counts.propositions}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {history && history.unreadable.length > 0 && (
        <div className="team-left-out" role="note">
          <p>{history.unreadable.length === 1 ? 'One point cannot be read' : `${history.unreadable.length} points cannot be read`} (left as they are, not compared):</p>
          <ul>{history.unreadable.map((u) => <li key={u.id}>{u.problem}</li>)}</ul>
        </div>
      )}
      {history?.retention && <p className="muted history-retention">{history.retention}</p>}
      {busy && <p role="status" className="muted">Reading and comparing…</p>}
    </Modal>
  );
}
