/**
 * Importing a REFI-QDA project (.qdpx) from ATLAS.ti, MAXQDA, NVivo or
 * QualCoder into a new casefile: the analyst sees what the project holds,
 * confirms where each code goes (a sourcing type, or kept as a tag) and what
 * will not be carried over, in one dialog.
 */
import { useEffect, useState } from 'react';
import type { QdpxImportPreview } from '../../../shared/api/contract';
import type { CodeTarget } from '../../../shared/interchange/refi-qda/to-casefile';
import { plural } from '../../../shared/text/wording';
import { Modal } from '../articles/Modal';
import { notify } from '../app/notices';
import { api } from '../lib/api';
import { importQdpxProject, messageOf } from './file-actions';

export interface QdpxUpload {
  name: string;
  dataBase64: string;
}

const TAG = 'tag';

export function QdpxImportDialog({ upload, onClose }: { upload: QdpxUpload; onClose: () => void }) {
  const [preview, setPreview] = useState<QdpxImportPreview | null>(null);
  const [targets, setTargets] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api.previewQdpxImport({ upload }).then(
      (p) => {
        setPreview(p);
        setTargets(Object.fromEntries(p.codes.map((c) => [c.guid, c.proposed.kind === 'type' ? c.proposed.typeId : TAG])));
      },
      (e: unknown) => setError(messageOf(e)),
    );
  }, [upload]);

  const run = async () => {
    if (!preview) return;
    setBusy(true);
    try {
      const mapping = Object.entries(targets).map(([code, value]): { code: string; target: CodeTarget } => ({
        code, target: value === TAG ? { kind: 'tag' } : { kind: 'type', typeId: value },
      }));
      const result = await importQdpxProject({ upload, mapping });
      const c = result.counts;
      const lost = result.notCarried.length ? ` Not carried over: ${result.notCarried.join('; ')}.` : '';
      notify('info', `Imported ${upload.name} as a new casefile: ${plural(c.articles, 'article')}, ${plural(c.claims, 'claim')} (${c.typed} with a sourcing type), ${plural(c.propositions, 'proposition')}.${lost}`);
      onClose();
    } catch (e) {
      setError(messageOf(e));
      setBusy(false);
    }
  };

  return (
    <Modal title="Import a REFI-QDA project" onClose={onClose} className="file-dialog qdpx-dialog" testId="qdpx-import-dialog">
      <p>
        <strong>{upload.name}</strong>
        {preview && <> · {preview.projectName || 'untitled project'}{preview.origin && <span className="muted"> (from {preview.origin})</span>}</>}
      </p>
      {!preview && !error && <p className="muted">Reading the project…</p>}
      {preview && (
        <>
          <p>It becomes a new casefile with {plural(preview.articles, 'article')} and {plural(preview.claims, 'claim')} (each text selection is a claim).</p>
          {preview.codes.length > 0 ? (
            <fieldset disabled={busy}>
              <legend>Where each code goes</legend>
              <p className="muted">A code that is a sourcing type gives its claims that type; any other code stays on its claims as a tag (a “Codes:” line in the claim's notes).</p>
              <table className="qdpx-codes">
                <thead><tr><th scope="col">Code</th><th scope="col">Selections</th><th scope="col">Becomes</th></tr></thead>
                <tbody>
                  {preview.codes.map((code) => (
                    <tr key={code.guid}>
                      <td>{code.label}</td>
                      <td className="num">{code.uses}</td>
                      <td>
                        <select aria-label={`Where “${code.label}” goes`} value={targets[code.guid] ?? TAG} onChange={(e) => setTargets((t) => ({ ...t, [code.guid]: e.target.value }))}>
                          <option value={TAG}>Keep as a tag</option>
                          {preview.types.map((t) => <option key={t.id} value={t.id}>Sourcing type: {t.label}</option>)}
                        </select>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </fieldset>
          ) : (
            <p className="muted">The project has no codes to map.</p>
          )}
          <section aria-label="Not carried over">
            <h3>Not carried over</h3>
            {preview.notCarried.length ? (
              <ul className="qdpx-lost">{preview.notCarried.map((line) => <li key={line}>{line}</li>)}</ul>
            ) : (
              <p className="muted">Nothing: everything in the project has a place in the casefile.</p>
            )}
          </section>
        </>
      )}
      {error && <p className="file-dialog-error" role="alert">{error}</p>}
      <div className="modal-actions">
        <button type="button" onClick={onClose}>Cancel</button>
        <button type="button" className="primary" disabled={!preview || busy} onClick={() => void run()}>Import as a new casefile</button>
      </div>
    </Modal>
  );
}
