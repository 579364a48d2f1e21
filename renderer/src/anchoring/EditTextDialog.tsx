import { useEffect, useMemo, useRef, useState } from 'react';
import { reanchorClaims } from '../../../shared/anchoring';
import type { Article, Claim } from '../../../shared/model/schema';
import { textHash } from '../../../shared/text/hash';
import { normaliseText } from '../../../shared/text/normalise';
import { describeCounts, replaceArticleFromFile, saveArticleText, type AnchorCounts } from './actions';
import './anchoring.css';

/** How long typing must pause before the dialog re-checks where the claims would land. */
const PREVIEW_DELAY_MS = 250;

/**
 * Edits an article's text by hand, or replaces it with another version from a
 * file. Before saving, it shows where the article's claims would end up.
 */
export function EditTextDialog({ article, claims, onClose }: { article: Article; claims: Claim[]; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const [draft, setDraft] = useState(article.text);
  const [busy, setBusy] = useState(false);
  const preview = usePreview(draft, claims);
  const normalised = useMemo(() => normaliseText(draft), [draft]);
  const unchanged = normalised === article.text;

  useEffect(() => {
    const el = dialog.current;
    if (el && !el.open) el.showModal();
  }, []);

  const save = async () => {
    setBusy(true);
    const saved = await saveArticleText(article.id, draft);
    setBusy(false);
    if (saved) onClose();
  };

  const replaceFrom = async (file: File) => {
    setBusy(true);
    const done = await replaceArticleFromFile(article.id, file);
    setBusy(false);
    if (done) onClose();
  };

  return (
    <dialog ref={dialog} className="edit-text-dialog" aria-labelledby="edit-text-title" onCancel={(e) => { e.preventDefault(); if (!busy) onClose(); }}>
      <form method="dialog" onSubmit={(e) => { e.preventDefault(); void save(); }}>
        <header className="edit-text-header">
          <h2 id="edit-text-title">Edit text</h2>
          <p className="muted edit-text-article">{article.title || article.origin.fileName}</p>
        </header>
        <p className="edit-text-help">
          Correct the text, or load another version of the article. Claims are placed again on the new text:
          those whose words changed are flagged for review, those whose words are gone are kept as orphans to re-attach.
        </p>
        <label className="field edit-text-field">
          <span>Article text</span>
          <textarea value={draft} onChange={(e) => setDraft(e.target.value)} spellCheck={false} disabled={busy} autoFocus />
        </label>
        <p className="edit-text-preview" role="status" aria-live="polite" data-testid="edit-text-preview">
          {!normalised
            ? 'An article needs some text.'
            : unchanged
              ? 'No changes yet.'
              : preview
                ? `After saving, ${claims.length} claim${claims.length === 1 ? '' : 's'}: ${describeCounts(preview)}.`
                : 'Checking where the claims would land…'}
        </p>
        <footer className="edit-text-actions">
          <button type="button" onClick={() => fileInput.current?.click()} disabled={busy}
            title="Replace the text with another version of the article (text, Markdown, web page, PDF or Word file)">
            Replace from file…
          </button>
          <input
            ref={fileInput}
            type="file"
            hidden
            data-testid="replace-text-input"
            accept=".txt,.md,.html,.htm,.pdf,.docx,text/plain,text/html,application/pdf"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void replaceFrom(file);
            }}
          />
          <span className="grow" />
          <button type="button" onClick={onClose} disabled={busy}>Cancel</button>
          <button type="submit" className="primary" disabled={busy || unchanged || !normalised}>Save text</button>
        </footer>
      </form>
    </dialog>
  );
}

/** Where the claims would land on the draft, recomputed once typing pauses; null while it is out of date. */
function usePreview(draft: string, claims: Claim[]): AnchorCounts | null {
  const [computed, setComputed] = useState<{ draft: string; claims: Claim[]; counts: AnchorCounts } | null>(null);
  useEffect(() => {
    const timer = setTimeout(() => {
      const text = normaliseText(draft);
      const counts = { exact: 0, moved: 0, orphaned: 0 };
      if (text) for (const placed of reanchorClaims(claims, text, textHash(text))) counts[placed.next.anchor]++;
      setComputed({ draft, claims, counts });
    }, PREVIEW_DELAY_MS);
    return () => clearTimeout(timer);
  }, [draft, claims]);
  return computed && computed.draft === draft && computed.claims === claims ? computed.counts : null;
}
