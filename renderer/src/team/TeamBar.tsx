import { useState } from 'react';
import type { TeamStatus } from '../../../shared/api/team';
import { casefileStore } from '../app/casefile-store';
import { notify } from '../app/notices';
import { useStore } from '../lib/store';
import { connectionLabel, leaveTeam, setOnline, teamDialogStore, teamStore } from './team-store';
import './team.css';

/**
 * The top bar's team part: Share… for a casefile that is not shared; for a
 * team casefile, the connection (connected; offline with N changes waiting;
 * reconnecting; refused with the reason), who is online and what each reads,
 * and the link's actions.
 */
export function TeamBar() {
  const team = useStore(teamStore);
  const opened = useStore(casefileStore);
  if (!opened) return null;
  if (!team) {
    return (
      <button type="button" onClick={() => teamDialogStore.set('share')} disabled={opened.readOnly} title="Share this casefile with your team on a team server">
        Share…
      </button>
    );
  }
  return (
    <div className="team-bar" data-testid="team-bar">
      <ConnectionState team={team} />
      <Presence team={team} />
      <TeamMenu team={team} />
    </div>
  );
}

function ConnectionState({ team }: { team: TeamStatus }) {
  return (
    <span className={`team-connection team-${team.connection}`} data-testid="team-connection" role="status" title={`${team.team} on ${team.serverUrl}`}>
      <span className="team-dot" aria-hidden="true" />
      {connectionLabel(team)}
      {team.problems.length > 0 && (
        <span className="team-left-out" title={team.problems.join('\n')}> · {team.problems.length} received and left out (Team ▾)</span>
      )}
    </span>
  );
}

function Presence({ team }: { team: TeamStatus }) {
  const { casefile } = useStore(casefileStore)!;
  if (team.connection !== 'connected') return null;
  if (team.online.length === 0) return <span className="team-online muted" data-testid="team-online">Only you online</span>;
  return (
    <ul className="team-online" data-testid="team-online" aria-label="Teammates online">
      {team.online.map((p) => {
        const article = p.articleId ? casefile.articles[p.articleId]?.title : undefined;
        const reading = article ? `reading “${article}”` : 'online';
        return (
          <li key={p.analystId} className="team-person" title={`${p.name}: ${reading}`}>
            <span className="team-initials" aria-hidden="true">{initials(p.name)}</span>
            <span className="team-sr">{p.name}, {reading}</span>
          </li>
        );
      })}
    </ul>
  );
}

function TeamMenu({ team }: { team: TeamStatus }) {
  const [open, setOpen] = useState(false);
  const copyLink = async () => {
    await navigator.clipboard?.writeText(team.link).then(() => notify('info', 'Link copied: teammates open it with Open from team server.'), () => notify('info', team.link));
  };
  const leave = async () => {
    if (!window.confirm('Stop sharing this casefile here? It stays on this computer as a normal casefile; teammates keep their copies.')) return;
    await leaveTeam().catch((e: unknown) => notify('error', e instanceof Error ? e.message : String(e)));
  };
  const offline = team.connection === 'offline';
  return (
    <div className="team-menu">
      <button type="button" aria-expanded={open} aria-haspopup="true" onClick={() => setOpen(!open)} title="Team casefile">Team ▾</button>
      {open && (
        <div className="team-popover" role="group" aria-label="Team casefile" onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
          <p><strong>{team.team}</strong> on {team.serverUrl}, as {team.analystName} ({team.role})</p>
          <p className="team-link"><code>{team.link}</code> <button type="button" className="link-button" autoFocus onClick={() => void copyLink()}>Copy link</button></p>
          {team.role === 'reviewer' && <p className="muted">You are a reviewer here: you can comment (Review ▸ Comments) but not change claims.</p>}
          {team.problems.length > 0 && (
            <details>
              <summary>{team.problems.length} thing{team.problems.length === 1 ? '' : 's'} received and left out</summary>
              <ul className="team-problems">{team.problems.map((p) => <li key={p}>{p}</li>)}</ul>
            </details>
          )}
          <div className="modal-actions">
            <button type="button" onClick={() => { setOpen(false); void setOnline(offline); }}>{offline ? 'Connect' : 'Work offline'}</button>
            <button type="button" className="danger" onClick={() => void leave()}>Leave team…</button>
          </div>
        </div>
      )}
    </div>
  );
}

function initials(name: string): string {
  return name.split(/\s+/).filter(Boolean).slice(0, 2).map((w) => w[0]!.toUpperCase()).join('');
}
