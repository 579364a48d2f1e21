import { useDeferredValue, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { chainSummary, visibleTypes } from '../../../shared/claims/chain';
import { UNTAGGED, type ReviewFilter } from '../../../shared/claims/search-index';
import { UNTAGGED_COLOR } from '../../../shared/claims/profile';
import type { AnchorStatus, Casefile } from '../../../shared/model/schema';
import { casefileStore } from '../app/casefile-store';
import { uiStore } from '../app/ui-store';
import { withKey } from '../keyboard/shortcuts';
import { useStore } from '../lib/store';
import { SourcePicker } from '../sources/SourcePicker';
import { openChainEditor, returnToReading, showClaim } from './actions';
import { claimIndexFor } from './claim-index';
import { claimsUi } from './claims-ui';
import { Swatch } from './SourcingProfile';
import { VirtualList } from './VirtualList';
import './claims.css';
import { shorten } from '../../../shared/text/wording';

const ROW_HEIGHT = 66;

/**
 * Every claim of the article or the casefile, filtered by sourcing type,
 * source, article, proposition, review status and anchor, with a fuzzy search
 * over claim text, notes and source names. Choosing a claim shows it in the article.
 */
export function ClaimsPanel() {
  const { casefile } = useStore(casefileStore)!;
  const { articleId, claimId } = useStore(uiStore);
  const { searchFocus } = useStore(claimsUi);
  const [scope, setScope] = useState<'article' | 'all'>('article');
  const [query, setQuery] = useState('');
  const [typeId, setTypeId] = useState('');
  const [sourceId, setSourceId] = useState<string | null>(null);
  const [filterArticle, setFilterArticle] = useState('');
  const [propositionId, setPropositionId] = useState('');
  const [review, setReview] = useState<ReviewFilter | ''>('');
  const [anchor, setAnchor] = useState<AnchorStatus | ''>('');
  const search = useRef<HTMLInputElement>(null);
  const listId = useId();

  // The index is rebuilt after the casefile changes, off the path of the change itself.
  const deferred = useDeferredValue(casefile);
  const index = claimIndexFor(deferred);
  const effectiveScope = articleId ? scope : 'all';
  const scopedArticle = effectiveScope === 'article' ? articleId : filterArticle || null;
  const result = useMemo(() => index.search({
    query, typeId: typeId || null, sourceId, propositionId: propositionId || null, review: review || null, anchor: anchor || null, articleId: scopedArticle,
  }), [index, query, typeId, sourceId, propositionId, review, anchor, scopedArticle]);
  const scopeTotal = useMemo(() => (effectiveScope === 'article' ? index.search({ articleId }).ids.length : index.size), [index, effectiveScope, articleId]);
  const active = claimId ? result.ids.indexOf(claimId) : -1;

  useEffect(() => {
    if (searchFocus) search.current?.focus();
  }, [searchFocus]);

  const choose = (i: number) => {
    const id = result.ids[i];
    const claim = id ? casefile.claims[id] : undefined;
    if (claim) showClaim(claim.id, claim.articleId);
  };
  const onListKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'j') choose(Math.min(result.ids.length - 1, active + 1));
    else if (e.key === 'ArrowUp' || e.key === 'k') choose(Math.max(0, active - 1));
    else if (e.key === 'Home') choose(0);
    else if (e.key === 'End') choose(result.ids.length - 1);
    else if (e.key === 'Enter' && active >= 0) openChainEditor();
    else if (e.key === 'Escape') returnToReading();
    else return;
    e.preventDefault();
    e.stopPropagation();
  };
  const onSearchKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      document.getElementById(listId)?.focus();
      if (active < 0) choose(0);
    } else if (e.key === 'Escape') {
      e.stopPropagation();
      if (query) setQuery('');
      else returnToReading();
    }
  };
  const filtersOn = [typeId, sourceId, filterArticle, propositionId, review, anchor].filter(Boolean).length;
  const clearFilters = () => {
    setTypeId(''); setSourceId(null); setFilterArticle(''); setPropositionId(''); setReview(''); setAnchor('');
  };

  return (
    <div className="claims-panel" aria-label="Claims">
      <div className="pane-header claims-header">
        <h2>Claims</h2>
        {articleId && (
          <div className="segmented" role="group" aria-label="Show claims of">
            <button type="button" aria-pressed={effectiveScope === 'article'} onClick={() => setScope('article')}>This article</button>
            <button type="button" aria-pressed={effectiveScope === 'all'} onClick={() => setScope('all')}>Casefile</button>
          </div>
        )}
      </div>
      <div className="claims-controls">
        <input ref={search} type="search" value={query} maxLength={500} aria-label="Search claims" data-testid="claims-search"
          placeholder="Search text, notes, sources ( / )" title={withKey('Search claims, notes and source names', 'claimsPanel')}
          onChange={(e) => setQuery(e.target.value)} onKeyDown={onSearchKey} />
        <div className="claims-filters">
          <select aria-label="Sourcing type" value={typeId} onChange={(e) => setTypeId(e.target.value)}>
            <option value="">Any sourcing type</option>
            {visibleTypes(casefile.taxonomy).map((t) => <option key={t.id} value={t.id}>{t.label}</option>)}
            <option value={UNTAGGED}>Not tagged yet</option>
          </select>
          {effectiveScope === 'all' && (
            <select aria-label="Article" value={filterArticle} onChange={(e) => setFilterArticle(e.target.value)}>
              <option value="">Any article</option>
              {articleOptions(casefile).map(([id, label]) => <option key={id} value={id}>{label}</option>)}
            </select>
          )}
          <select aria-label="Proposition" value={propositionId} onChange={(e) => setPropositionId(e.target.value)}>
            <option value="">Any proposition</option>
            {propositionOptions(casefile).map(([id, label]) => <option key={id} value={id}>{label}</option>)}
          </select>
          <select aria-label="Review status" value={review} onChange={(e) => setReview(e.target.value as ReviewFilter | '')}>
            <option value="">Any review status</option>
            <option value="unreviewed">Not reviewed</option>
            <option value="approved">Approved</option>
            <option value="disputed">Disputed</option>
            <option value="needs-work">Needs work</option>
          </select>
          <select aria-label="Anchor" value={anchor} onChange={(e) => setAnchor(e.target.value as AnchorStatus | '')}>
            <option value="">Placed anywhere</option>
            <option value="exact">In place</option>
            <option value="moved">Moved (to review)</option>
            <option value="orphaned">Orphaned</option>
          </select>
          <div className="claims-source-filter">
            <SourcePicker value={sourceId} label="Source" placeholder="Any source" onPick={setSourceId} onClear={() => setSourceId(null)} />
            {sourceId && <button type="button" className="icon-button" aria-label="Any source" onClick={() => setSourceId(null)}>×</button>}
          </div>
        </div>
        <p className="claims-count muted" aria-live="polite" data-testid="claims-count">
          {result.ids.length.toLocaleString()} of {scopeTotal.toLocaleString()} claim{scopeTotal === 1 ? '' : 's'}
          {filtersOn > 0 && <button type="button" className="link-button" onClick={clearFilters}>clear filters</button>}
        </p>
      </div>
      {result.ids.length === 0 ? (
        <div className="empty-state">
          <p><strong>{scopeTotal ? 'No claim matches.' : 'No claims yet.'}</strong></p>
          <p className="muted">{scopeTotal ? 'Try fewer words or filters.' : 'Select words in the article and press C.'}</p>
        </div>
      ) : (
        <VirtualList id={listId} count={result.ids.length} rowHeight={ROW_HEIGHT} activeIndex={active} label="Matching claims" className="claims-list"
          onKeyDown={onListKey} activeDescendant={active >= 0 ? `${listId}-${active}` : undefined} testId="claims-list"
          renderRow={(i) => <ClaimRow key={result.ids[i]} id={`${listId}-${i}`} casefile={casefile} claimId={result.ids[i]!} selected={i === active}
            showArticle={effectiveScope === 'all'} onChoose={() => choose(i)} />} />
      )}
    </div>
  );
}

function ClaimRow({ id, casefile, claimId, selected, showArticle, onChoose }: {
  id: string; casefile: Casefile; claimId: string; selected: boolean; showArticle: boolean; onChoose: () => void;
}) {
  const claim = casefile.claims[claimId];
  if (!claim) return <div className="claim-row" id={id} role="option" aria-selected={false} />;
  const root = claim.chain[claim.chain.length - 1];
  const type = root ? casefile.taxonomy.find((t) => t.id === root.typeId) : undefined;
  const article = casefile.articles[claim.articleId];
  return (
    <div id={id} role="option" aria-selected={selected} className={`claim-row${selected ? ' selected' : ''}${claim.anchor !== 'exact' ? ` ${claim.anchor}` : ''}`}
      onClick={onChoose} title={chainSummary(casefile, claim)}>
      <Swatch color={type?.color ?? UNTAGGED_COLOR} />
      <div className="claim-row-body">
        <bdi className="claim-row-quote">{claim.quote.exact}</bdi>
        <span className="claim-row-meta">
          {claim.anchor !== 'exact' && <strong className="claim-row-anchor">{claim.anchor} · </strong>}
          {type?.label ?? 'Not tagged'}{showArticle && article ? ` · ${article.outlet || article.title}` : ''}
          {claim.chain.length > 0 && <> · <bdi>{chainSummary(casefile, claim)}</bdi></>}
        </span>
      </div>
    </div>
  );
}

const optionCache = new WeakMap<object, [string, string][]>();

function cached(key: object, make: () => [string, string][]): [string, string][] {
  let v = optionCache.get(key);
  if (!v) {
    v = make();
    optionCache.set(key, v);
  }
  return v;
}

function articleOptions(casefile: Casefile): [string, string][] {
  return cached(casefile.articles, () => Object.values(casefile.articles)
    .map((a): [string, string] => [a.id, shorten(`${a.outlet ? `${a.outlet}: ` : ''}${a.title || a.origin.fileName}`, OPTION_CHARS)])
    .sort((a, b) => a[1].localeCompare(b[1])));
}

function propositionOptions(casefile: Casefile): [string, string][] {
  return cached(casefile.propositions, () => Object.values(casefile.propositions)
    .map((p): [string, string] => [p.id, shorten(p.statement, OPTION_CHARS)])
    .sort((a, b) => a[1].localeCompare(b[1])));
}

/** Longest option label in the filters. */
const OPTION_CHARS = 70;
