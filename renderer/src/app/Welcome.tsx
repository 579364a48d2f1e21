import { useEffect, useState, type FormEvent } from 'react';
import type { AppInfo, CasefileListing, Settings } from '../../../shared/api/contract';
import { api } from '../lib/api';
import { createCasefile, openCasefileAt, openSampleCasefile } from '../dialogs/file-actions';
import { notify } from './notices';
import { runAppAction } from './commands';
import { teamDialogStore } from '../team/team-store';

/** The first screen: start a casefile or open one. */
export function Welcome({ info, settings }: { info: AppInfo; settings: Settings }) {
  const [title, setTitle] = useState('');
  const [listing, setListing] = useState<CasefileListing[]>([]);

  useEffect(() => {
    void api.listCasefiles({}).then(setListing, () => setListing([]));
  }, []);

  const create = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await createCasefile(title.trim());
    } catch (error) {
      notify('error', (error as Error).message);
    }
  };
  const open = (path: string) => openCasefileAt(path);
  const openSample = async () => {
    try {
      await openSampleCasefile();
    } catch (error) {
      notify('error', (error as Error).message);
    }
  };

  return (
    <div className="welcome">
      <div className="welcome-grid">
        <section className="card">
          <h1>Start a casefile</h1>
          <p>A casefile holds one investigation: the articles on a story, the claims in them, who each claim comes from, and what is independently corroborated.</p>
          <form onSubmit={create} className="inline-form">
            <label className="field grow">
              <span>Title</span>
              <input value={title} onChange={(e) => setTitle(e.target.value)} placeholder="e.g. Chinese attack drones for Russia" maxLength={500} />
            </label>
            <button type="submit" className="primary" disabled={!title.trim()}>Create casefile</button>
          </form>
          <ol className="steps">
            <li><strong>Import</strong> the articles: text, web pages, PDFs, Word files.</li>
            <li><strong>Highlight</strong> each claim and press 1–8 for how it is sourced.</li>
            <li><strong>Trace</strong> each attribution chain back to its root source.</li>
            <li><strong>Link</strong> claims into propositions and see what is independently corroborated.</li>
          </ol>
          <div className="sample-offer">
            <button type="button" onClick={() => void openSample()}>Open the sample casefile</button>
            <span className="muted">Five short articles on a fictional story, already annotated: claims, chains, an echo, a denial and “7 appearances, 3 independent roots”.</span>
          </div>
          <div className="sample-offer">
            <button type="button" onClick={() => runAppAction('importProject')}>Import a REFI-QDA project (.qdpx)…</button>
            <span className="muted">A project from ATLAS.ti, MAXQDA, NVivo or QualCoder becomes a new casefile: its texts are the articles, its coded passages the claims.</span>
          </div>
        </section>
        <section className="card">
          <h2>Open a casefile</h2>
          <p className="muted">In {info.workspace}</p>
          <p><button type="button" onClick={() => teamDialogStore.set('open')}>Open from team server…</button></p>
          {listing.length === 0 ? (
            <p className="empty">No casefiles here yet.</p>
          ) : (
            <ul className="file-list" aria-label="Casefiles">
              {listing.map((f) => (
                <li key={f.path}>
                  <button type="button" className="file-button" onClick={() => void open(f.path)}>
                    <span className="file-title">{f.title}</span>
                    <span className="muted">{new Date(f.modifiedAt).toLocaleString()} · {(f.sizeBytes / 1024).toFixed(0)} KB</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
          {settings.recent.length > 0 && (
            <>
              <h3>Recent</h3>
              <ul className="file-list" aria-label="Recent casefiles">
                {settings.recent.map((p) => (
                  <li key={p}><button type="button" className="file-button" onClick={() => void open(p)}>{p}</button></li>
                ))}
              </ul>
            </>
          )}
        </section>
      </div>
    </div>
  );
}
