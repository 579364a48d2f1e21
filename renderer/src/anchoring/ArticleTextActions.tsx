import { useMemo, useRef, useState } from 'react';
import { claimsOfArticle } from '../../../shared/model/casefile';
import { casefileStore } from '../app/casefile-store';
import { showSidePanel } from '../app/ui-store';
import { useStore } from '../lib/store';
import { anchorCounts } from './actions';
import { EditTextDialog } from './EditTextDialog';
import './anchoring.css';

/**
 * The article's text actions, for the reading view's header: "Edit text"
 * (which also loads another version from a file) and, when claims need
 * attention after an edit, a link to them in the Anchors panel.
 */
export function ArticleTextActions({ articleId, reviewLink = true }: { articleId: string; reviewLink?: boolean }) {
  const { casefile, readOnly } = useStore(casefileStore)!;
  const [editing, setEditing] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const close = () => {
    setEditing(false);
    editButton.current?.focus();
  };
  const article = casefile.articles[articleId];
  // Only the open dialog needs the claims; computing them on every change slowed claim creation in large casefiles.
  const claims = useMemo(() => (editing ? claimsOfArticle(casefile, articleId) : []), [editing, casefile, articleId]);
  const counts = useMemo(() => anchorCounts(casefile, articleId), [casefile.claims, articleId]); // eslint-disable-line react-hooks/exhaustive-deps -- counts depend on the claims only
  if (!article) return null;
  const attention = counts.moved + counts.orphaned;
  return (
    <div className="article-text-actions">
      <button ref={editButton} type="button" onClick={() => setEditing(true)} disabled={readOnly}
        title="Correct the text or load another version; claims are placed again">
        Edit text…
      </button>
      {reviewLink && attention > 0 && (
        <button type="button" className="anchor-attention" onClick={() => showSidePanel('anchors')}
          title="Show the claims that moved or lost their place in the last text edit">
          {attention} claim{attention === 1 ? '' : 's'} to review
        </button>
      )}
      {editing && <EditTextDialog article={article} claims={claims} onClose={close} />}
    </div>
  );
}
