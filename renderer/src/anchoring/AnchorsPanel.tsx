import { useMemo, useState } from 'react';
import type { Casefile, Claim } from '../../../shared/model/schema';
import { casefileStore, dispatch } from '../app/casefile-store';
import { selectClaim, uiStore } from '../app/ui-store';
import { useStore } from '../lib/store';
import { acceptPlace, reattachToSelection } from './actions';
import { ArticleTextActions } from './ArticleTextActions';
import './anchoring.css';

type Scope = 'article' | 'all';

/**
 * After a text edit: the claims that moved (placed on changed words; accept
 * or re-attach them) and the orphans (their words are gone; they keep their
 * original quote until re-attached to a selection or deleted).
 */
export function AnchorsPanel() {
  const { casefile, readOnly } = useStore(casefileStore)!;
  const { articleId } = useStore(uiStore);
  const [scope, setScope] = useState<Scope>('article');
  const effective: Scope = articleId ? scope : 'all';
  const { moved, orphaned } = useMemo(() => needingReview(casefile, effective === 'article' ? articleId : null), [casefile, effective, articleId]);
  const article = articleId ? casefile.articles[articleId] : undefined;

  return (
    <div className="anchors-panel" aria-label="Anchors">
      <div className="pane-header anchors-header">
        <h2>Anchors</h2>
        {article && (
          <div className="anchors-scope" role="group" aria-label="Show claims of">
            <button type="button" aria-pressed={effective === 'article'} onClick={() => setScope('article')}>This article</button>
            <button type="button" aria-pressed={effective === 'all'} onClick={() => setScope('all')}>All articles</button>
          </div>
        )}
      </div>
      {article && (
        <div className="anchors-article">
          <ArticleTextActions articleId={article.id} reviewLink={false} />
        </div>
      )}
      {!moved.length && !orphaned.length ? (
        <div className="empty-state">
          <p><strong>Every claim is in place.</strong></p>
          <p className="muted">After you edit an article’s text or load another version, claims whose words changed or vanished are listed here.</p>
        </div>
      ) : (
        <>
          <section className="anchors-section" aria-labelledby="anchors-moved">
            <div className="anchors-section-head">
              <h3 id="anchors-moved">Moved <span className="count">{moved.length}</span></h3>
              {moved.length > 1 && (
                <button type="button" disabled={readOnly} onClick={() => void acceptPlace(casefile, moved)}>Accept all</button>
              )}
            </div>
            {moved.length ? (
              <p className="muted anchors-hint">Placed on words that changed. Check each, then accept it or select the right passage and re-attach.</p>
            ) : (
              <p className="muted anchors-hint">None.</p>
            )}
            <ul className="anchor-list">
              {moved.map((claim) => (
                <AnchorItem key={claim.id} claim={claim} casefile={casefile} showArticle={effective === 'all'} readOnly={readOnly} />
              ))}
            </ul>
          </section>
          <section className="anchors-section" aria-labelledby="anchors-orphaned">
            <div className="anchors-section-head">
              <h3 id="anchors-orphaned">Orphaned <span className="count">{orphaned.length}</span></h3>
            </div>
            <p className="muted anchors-hint">
              {orphaned.length ? 'Their words are no longer in the text. Select the passage in the reading view and re-attach, or delete the claim.' : 'None.'}
            </p>
            <ul className="anchor-list">
              {orphaned.map((claim) => (
                <AnchorItem key={claim.id} claim={claim} casefile={casefile} showArticle={effective === 'all'} readOnly={readOnly} />
              ))}
            </ul>
          </section>
        </>
      )}
    </div>
  );
}

function AnchorItem({ claim, casefile, showArticle, readOnly }: { claim: Claim; casefile: Casefile; showArticle: boolean; readOnly: boolean }) {
  const article = casefile.articles[claim.articleId];
  const orphan = claim.anchor === 'orphaned';
  const open = () => selectClaim(claim.id, claim.articleId);
  return (
    <li className={`anchor-item anchor-${claim.anchor}`} data-claim-id={claim.id}>
      {showArticle && <p className="anchor-article">{article?.title || 'Unknown article'}</p>}
      <blockquote className="anchor-quote">
        {orphan && <span className="anchor-context">…{oneLine(claim.quote.prefix)}</span>}
        <span className="anchor-exact">{claim.quote.exact}</span>
        {orphan && <span className="anchor-context">{oneLine(claim.quote.suffix)}…</span>}
      </blockquote>
      <div className="anchor-actions">
        <button type="button" onClick={open} title={orphan ? 'Open its article' : 'Show the claim in the reading view'}>
          {orphan ? 'Open article' : 'Show'}
        </button>
        {!orphan && (
          <button type="button" disabled={readOnly} onClick={() => void acceptPlace(casefile, [claim])}
            title="The claim is in the right place: keep it there">Accept</button>
        )}
        <button
          type="button"
          disabled={readOnly}
          // Keeps the reading view's selection when the button is clicked.
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => void reattachToSelection(casefile, claim)}
          title="Attach the claim to the passage selected in the reading view"
        >
          Re-attach to selection
        </button>
        {orphan && (
          <button type="button" className="anchor-delete" disabled={readOnly} onClick={() => void dispatch({ type: 'claim.remove', claimId: claim.id })}
            title="Delete this claim (undo brings it back)">Delete</button>
        )}
      </div>
    </li>
  );
}

/** Context shown around an orphan's quote: paragraph breaks read as spaces. */
function oneLine(context: string): string {
  return context.replace(/\s+/g, ' ');
}

function needingReview(casefile: Casefile, articleId: string | null): { moved: Claim[]; orphaned: Claim[] } {
  const moved: Claim[] = [];
  const orphaned: Claim[] = [];
  for (const claim of Object.values(casefile.claims)) {
    if (articleId && claim.articleId !== articleId) continue;
    if (claim.anchor === 'moved') moved.push(claim);
    else if (claim.anchor === 'orphaned') orphaned.push(claim);
  }
  const order = (a: Claim, b: Claim) => a.articleId.localeCompare(b.articleId) || a.position.start - b.position.start;
  return { moved: moved.sort(order), orphaned: orphaned.sort(order) };
}
