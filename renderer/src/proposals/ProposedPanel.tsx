import { useEffect, useRef } from 'react';
import { isConfident, type Proposal } from '../../../shared/attribution';
import { UNTAGGED_COLOR } from '../../../shared/claims/profile';
import type { Casefile } from '../../../shared/model/schema';
import { plural } from '../../../shared/text/wording';
import { casefileStore } from '../app/casefile-store';
import { uiStore } from '../app/ui-store';
import { Swatch } from '../claims/SourcingProfile';
import { keysOf } from '../keyboard/shortcuts';
import { useStore } from '../lib/store';
import {
  acceptActive, acceptAllConfident, acceptAndEdit, detectCurrentArticle, detectWholeCasefile, nextArticleWithProposals, rejectActive,
} from './actions';
import { detectArticles, detectionStore, stopDetection } from './detection';
import { proposalCounts, proposalsOf, proposalUi, setActiveProposal } from './proposals-ui';
import './proposals.css';

/**
 * The review queue: the current article's proposals, in reading order, each
 * with its sourcing type, chain (new sources marked), hedging, number of
 * sources and confidence. The keys (J/K, A, E, X, [ ] { } S, N) work while
 * this panel is showing beside the article.
 */
export function ProposedPanel() {
  const { casefile, readOnly } = useStore(casefileStore)!;
  const { articleId } = useStore(uiStore);
  const { detected, progress } = useStore(detectionStore);
  const { activeId, spans } = useStore(proposalUi);
  const proposals = proposalsOf(casefile, articleId, detected, spans);
  const counts = proposalCounts(casefile, detected);
  const others = [...counts].filter(([id]) => id !== articleId);
  const otherCount = others.reduce((n, [, count]) => n + count, 0);
  const confident = proposals.filter(isConfident).length;
  const article = articleId ? casefile.articles[articleId] : undefined;
  const read = article ? detected.get(article.id)?.textHash === article.textHash : false;

  useEffect(() => {
    if (proposals.length && !proposals.some((p) => p.id === activeId)) setActiveProposal(proposals[0]!.id);
  }, [proposals, activeId]);
  // An article opened here that the detector has not read (a casefile just opened, an import from before) is read now: a few milliseconds.
  const unread = article && !read && !progress ? article.id : null;
  useEffect(() => {
    if (unread) detectArticles([unread], 'Reading this article for attributions');
  }, [unread]);

  return (
    <div className="proposed-panel" aria-label="Proposed claims">
      <div className="pane-header proposed-header">
        <h2>Proposed</h2>
        <span className="muted proposed-count" data-testid="proposed-count">
          {article ? (read ? plural(proposals.length, 'proposal') : 'not read yet') : 'no article open'}
        </span>
      </div>
      <div className="proposed-controls">
        {progress ? (
          <div className="proposed-progress" role="status" data-testid="detect-progress">
            <span className="proposed-progress-label">{progress.label}: {progress.done.toLocaleString()} of {progress.total.toLocaleString()}</span>
            <progress max={progress.total || undefined} value={progress.done} aria-label="Attribution detection progress" />
            <button type="button" onClick={stopDetection}>Stop</button>
          </div>
        ) : (
          <div className="proposed-find">
            <button type="button" disabled={!article} onClick={detectCurrentArticle}>{read ? 'Find again in this article' : 'Find in this article'}</button>
            <button type="button" onClick={detectWholeCasefile}>Find in the whole casefile ({plural(Object.keys(casefile.articles).length, 'article')})</button>
          </div>
        )}
        <div className="proposed-bulk">
          <button type="button" className="primary" disabled={readOnly || !confident} onClick={() => void acceptAllConfident()}
            title={`Accept every confident proposal of this article in one undoable step (${keysOf('acceptConfident')})`} data-testid="accept-confident">
            Accept all confident ({confident})
          </button>
          {others.length > 0 && (
            <button type="button" className="link-button" onClick={nextArticleWithProposals} title={`Next article with proposals (${keysOf('nextProposedArticle')})`}>
              {plural(otherCount, 'more proposal')} in {plural(others.length, 'other article')} ›
            </button>
          )}
        </div>
      </div>
      {proposals.length === 0 ? (
        <div className="empty-state">
          <p><strong>{!article ? 'Open an article to see its proposals.' : read ? 'Nothing left to review here.' : 'This article has not been read yet.'}</strong></p>
          <p className="muted">
            {read
              ? 'Every attribution found is a claim now, was rejected, or overlaps a claim.'
              : 'Articles are read automatically after import; “Find in this article” reads it now.'}
          </p>
        </div>
      ) : (
        <ol className="proposed-list" aria-label="Proposals in this article" data-testid="proposed-list">
          {proposals.map((p) => (
            <ProposalRow key={p.id} casefile={casefile} proposal={p} active={p.id === activeId} readOnly={readOnly} />
          ))}
        </ol>
      )}
      <p className="proposed-keys muted">
        <kbd>J</kbd>/<kbd>K</kbd> move · <kbd>A</kbd> accept · <kbd>E</kbd> accept and edit · <kbd>X</kbd> reject ·
        {' '}<kbd>[</kbd><kbd>]</kbd> <kbd>{'{'}</kbd><kbd>{'}'}</kbd> span by a word · <kbd>S</kbd> use selection · <kbd>?</kbd> all keys
      </p>
    </div>
  );
}

function ProposalRow({ casefile, proposal, active, readOnly }: { casefile: Casefile; proposal: Proposal; active: boolean; readOnly: boolean }) {
  const ref = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (active) ref.current?.scrollIntoView({ block: 'nearest' });
  }, [active]);
  const type = proposal.typeId ? casefile.taxonomy.find((t) => t.id === proposal.typeId) : undefined;
  const sure = isConfident(proposal);
  return (
    <li ref={ref} className={`proposal-row${active ? ' active' : ''}`} aria-current={active || undefined} data-testid="proposal-row"
      data-proposal-id={proposal.id} onClick={() => setActiveProposal(proposal.id)}>
      <div className="proposal-row-top">
        <span className="proposal-type"><Swatch color={type?.color ?? UNTAGGED_COLOR} /> {type?.label ?? 'No matching type in this casefile'}</span>
        <span className={`proposal-confidence${sure ? ' sure' : ''}`} title="How sure the detector is; confident proposals are taken by “Accept all confident”">
          {sure ? 'confident' : 'check'} {Math.round(proposal.confidence * 100)}%
        </span>
      </div>
      <bdi className="proposal-text">{proposal.text}</bdi>
      <ol className="proposal-chain" aria-label="Attribution chain">
        {proposal.hops.length === 0 && <li className="muted">no source named</li>}
        {proposal.hops.map((h, i) => (
          <li key={i}>
            <bdi>{h.name}</bdi>
            {h.sourceId === null && <span className="proposal-new" title="Not in the source registry: accepting creates this source">new</span>}
          </li>
        ))}
      </ol>
      <p className="proposal-facts">
        <span>“{proposal.cue}”</span>
        {proposal.hedging && <span>hedged: <em>{proposal.hedging}</em></span>}
        {proposal.count && <span>sources: {proposal.count}</span>}
      </p>
      {active && (
        <div className="proposal-actions">
          <button type="button" className="primary" disabled={readOnly} onClick={() => void acceptActive()}>Accept <kbd>A</kbd></button>
          <button type="button" disabled={readOnly} onClick={() => void acceptAndEdit()}>Accept and edit <kbd>E</kbd></button>
          <button type="button" disabled={readOnly} onClick={() => void rejectActive()}>Reject <kbd>X</kbd></button>
        </div>
      )}
    </li>
  );
}

/** "3 proposed" on an article's row in the articles pane (proposalCounts), once the detector has read it. */
export function ProposedBadge({ count }: { count: number }) {
  return count ? <span className="proposed-badge" title="Proposals of the attribution assistant still to review (Proposed panel, P)">{count} proposed</span> : null;
}
