import { useEffect, useState, type FormEvent } from 'react';
import type { TeamStatus } from '../../../shared/api/team';
import { Modal } from '../articles/Modal';
import { notify } from '../app/notices';
import { api } from '../lib/api';
import { shareCasefile } from './team-store';

/** Share…: publishes the open casefile to a team on a team server, then shows the link teammates open. */
export function ShareDialog({ onClose }: { onClose: () => void }) {
  const [serverUrl, setServerUrl] = useState('');
  const [token, setToken] = useState('');
  const [hasToken, setHasToken] = useState(false);
  const [team, setTeam] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [shared, setShared] = useState<TeamStatus | null>(null);

  useEffect(() => {
    void api.getSettings({}).then((s) => {
      if (!s.teamServer) return;
      setServerUrl((u) => u || s.teamServer!.url);
      setHasToken(s.teamServer.hasToken);
    });
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setShared(await shareCasefile(serverUrl.trim(), token.trim(), team.trim()));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  if (shared) {
    return (
      <Modal title="Casefile shared" onClose={onClose} className="file-dialog" testId="share-dialog">
        <p>Your teammates open it with <strong>Open from team server</strong>, with this link and their own token:</p>
        <p className="team-link"><input readOnly value={shared.link} aria-label="Link to the team casefile" data-testid="team-link" onFocus={(e) => e.target.select()} /></p>
        <p className="muted">Everything you change is sent to the team as you work; without a connection it waits here and goes when the connection returns.</p>
        <div className="modal-actions">
          <button type="button" onClick={() => void navigator.clipboard?.writeText(shared.link).then(() => notify('info', 'Link copied.'), () => undefined)}>Copy link</button>
          <button type="button" className="primary" autoFocus onClick={onClose}>Done</button>
        </div>
      </Modal>
    );
  }
  return (
    <Modal title="Share with your team" onClose={onClose} className="file-dialog" testId="share-dialog">
      <form onSubmit={(e) => void submit(e)} className="file-dialog-form">
        <label className="field">
          <span>Team server</span>
          <input autoFocus value={serverUrl} onChange={(e) => setServerUrl(e.target.value)} placeholder="https://team.example.org" required maxLength={2_000} />
        </label>
        <label className="field">
          <span>Your token</span>
          <input type="password" value={token} onChange={(e) => setToken(e.target.value)} autoComplete="off" maxLength={1_000}
            placeholder={hasToken ? 'The token kept for this server' : 'From your team server’s administrator'} required={!hasToken} />
        </label>
        <label className="field">
          <span>Team</span>
          <input value={team} onChange={(e) => setTeam(e.target.value)} placeholder="e.g. desk" required pattern="[a-z0-9][a-z0-9\-]{0,63}" title="Lower-case letters, digits and dashes" />
        </label>
        <p className="muted">The casefile stays on this computer, saved as now; the team server keeps the shared copy. The token is kept in this app’s settings.</p>
        {error && <p className="file-dialog-error" role="alert">{error}</p>}
        <div className="modal-actions">
          <button type="button" onClick={onClose}>Cancel</button>
          <button type="submit" className="primary" disabled={busy}>{busy ? 'Sharing…' : 'Share'}</button>
        </div>
      </form>
    </Modal>
  );
}
