import { useEffect, useState, type FormEvent } from 'react';
import type { TeamCasefileListing } from '../../../shared/api/team';
import { Modal } from '../articles/Modal';
import { api } from '../lib/api';
import { openTeamCasefile } from './team-store';

/** Open from team server: a link a teammate sent, or a casefile from the server's list. */
export function OpenTeamDialog({ onClose }: { onClose: () => void }) {
  const [link, setLink] = useState('');
  const [serverUrl, setServerUrl] = useState('');
  const [token, setToken] = useState('');
  const [hasToken, setHasToken] = useState(false);
  const [listing, setListing] = useState<TeamCasefileListing[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void api.getSettings({}).then((s) => {
      if (!s.teamServer) return;
      setServerUrl((u) => u || s.teamServer!.url);
      setHasToken(s.teamServer.hasToken);
    });
  }, []);

  const run = async (task: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await task();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  const tokenArg = () => token.trim() || undefined;
  const openLink = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await openTeamCasefile({ link: link.trim(), token: tokenArg() });
      onClose();
    });
  };
  const list = () => void run(async () => setListing(await api.listTeamCasefiles({ serverUrl: serverUrl.trim() || undefined, token: tokenArg() })));
  const openListed = (c: TeamCasefileListing) => void run(async () => {
    await openTeamCasefile({ serverUrl: serverUrl.trim() || undefined, team: c.team, casefileId: c.casefileId, token: tokenArg() });
    onClose();
  });

  return (
    <Modal title="Open from team server" onClose={onClose} className="file-dialog" testId="open-team-dialog">
      <form onSubmit={openLink} className="file-dialog-form">
        <label className="field">
          <span>Link from a teammate</span>
          <input autoFocus value={link} onChange={(e) => setLink(e.target.value)} placeholder="https://team.example.org/open/desk/cf_…" maxLength={4_000} />
        </label>
        <label className="field">
          <span>Your token</span>
          <input type="password" value={token} onChange={(e) => setToken(e.target.value)} autoComplete="off" maxLength={1_000}
            placeholder={hasToken ? 'The token kept for this server' : 'From your team server’s administrator'} />
        </label>
        <div className="modal-actions">
          <button type="submit" className="primary" disabled={busy || !link.trim()}>Open link</button>
        </div>
      </form>
      <div className="file-dialog-form">
        <label className="field">
          <span>Or choose on a team server</span>
          <span className="inline-form">
            <input value={serverUrl} onChange={(e) => setServerUrl(e.target.value)} placeholder="https://team.example.org" maxLength={2_000} aria-label="Team server" />
            <button type="button" onClick={list} disabled={busy || !serverUrl.trim()}>List casefiles</button>
          </span>
        </label>
        {listing && (listing.length === 0 ? <p className="muted">Nothing is shared with you there yet.</p> : (
          <ul className="file-list" aria-label="Team casefiles">
            {listing.map((c) => (
              <li key={`${c.team}/${c.casefileId}`}>
                <button type="button" className="file-button" onClick={() => openListed(c)} disabled={busy}>
                  <span className="file-title">{c.title || c.casefileId}</span>
                  <span className="muted">{c.team} · {c.role}</span>
                </button>
              </li>
            ))}
          </ul>
        ))}
      </div>
      {error && <p className="file-dialog-error" role="alert">{error}</p>}
      {busy && <p className="muted" role="status">Working…</p>}
    </Modal>
  );
}
