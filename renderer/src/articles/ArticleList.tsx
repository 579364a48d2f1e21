import { memo, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { ArticleRow } from '../../../shared/articles/list';
import type { Claim, SourcingType } from '../../../shared/model/schema';
import { casefileStore } from '../app/casefile-store';
import { selectArticle } from '../app/ui-store';
import { claimsOf } from '../claims/claim-lists';
import { SourcingProfile } from '../claims/SourcingProfile';
import { useStore } from '../lib/store';
import { detectionStore } from '../proposals/detection';
import { ProposedBadge } from '../proposals/ProposedPanel';
import { proposalCounts } from '../proposals/proposals-ui';
import { KIND_LABELS, percent } from './copy-flags';

/** Rows have a fixed height so that only the visible ones are drawn, however many articles there are. */
export const ROW_HEIGHT = 92;
const OVERSCAN = 6;

/** The articles as a list box: click or arrow keys select, only rows in view are in the DOM. */
export function ArticleList({ rows, selectedId, label }: { rows: ArticleRow[]; selectedId: string | null; label: string }) {
  const scroller = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState({ top: 0, height: 800 });
  const selectedIndex = rows.findIndex((r) => r.article.id === selectedId);
  const { casefile } = useStore(casefileStore)!;
  const proposed = proposalCounts(casefile, useStore(detectionStore).detected);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    // The observer reports the first size straight away, and every resize after.
    const update = () => setViewport({ top: el.scrollTop, height: el.clientHeight || 800 });
    const observer = new ResizeObserver(update);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // Keep the selected article in view when it changes (arrow keys, import, a link from elsewhere).
  // Decided from the scroll position the list already knows: reading it from the element would make
  // the browser lay out the article just opened there and then, before its highlights are drawn.
  useEffect(() => {
    const el = scroller.current;
    if (!el || selectedIndex < 0) return;
    const top = selectedIndex * ROW_HEIGHT;
    const { top: scrollTop, height } = viewport;
    if (top < scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT > scrollTop + height) el.scrollTop = top + ROW_HEIGHT - height;
    // Only when the selection changes: scrolling by hand must not pull the list back to it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selectedIndex]);

  const first = Math.max(0, Math.floor(viewport.top / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((viewport.top + viewport.height) / ROW_HEIGHT) + OVERSCAN);

  const onKeyDown = (e: KeyboardEvent) => {
    const step = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10 }[e.key];
    const jump = e.key === 'Home' ? 0 : e.key === 'End' ? rows.length - 1 : null;
    if (step === undefined && jump === null) return;
    e.preventDefault();
    const next = jump ?? Math.min(rows.length - 1, Math.max(0, (selectedIndex < 0 ? -1 : selectedIndex) + step!));
    const row = rows[next];
    if (row) selectArticle(row.article.id);
  };

  return (
    <div
      ref={scroller}
      className="article-scroller"
      role="listbox"
      aria-label={label}
      aria-activedescendant={selectedIndex >= 0 ? `article-row-${selectedIndex}` : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
      onScroll={(e) => setViewport({ top: e.currentTarget.scrollTop, height: e.currentTarget.clientHeight })}
    >
      <div className="article-rows" style={{ height: rows.length * ROW_HEIGHT }}>
        {rows.slice(first, last).map((row, i) => (
          <Row
            key={row.article.id}
            row={row}
            index={first + i}
            selected={row.article.id === selectedId}
            articleClaims={claimsOf(casefile, row.article.id)}
            taxonomy={casefile.taxonomy}
            proposed={proposed.get(row.article.id) ?? 0}
          />
        ))}
      </div>
    </div>
  );
}

interface RowProps {
  row: ArticleRow;
  index: number;
  selected: boolean;
  /** The article's claims, for its sourcing bar: the same list until they change (claimGroupsOf). */
  articleClaims: readonly Claim[];
  taxonomy: readonly SourcingType[];
  /** Proposals still to review in the article. */
  proposed: number;
}

/** Drawn again only when one of its props changes: a claim added redraws its article's row, not every row in view. */
const Row = memo(function Row({ row, index, selected, articleClaims, taxonomy, proposed }: RowProps) {
  const { article, claims, openFlags, linkedFlags } = row;
  const flag = openFlags[0];
  const title = article.title || article.origin.fileName;
  return (
    <div
      id={`article-row-${index}`}
      role="option"
      aria-selected={selected}
      className={`article-row${selected ? ' selected' : ''}`}
      style={{ top: index * ROW_HEIGHT, height: ROW_HEIGHT }}
      data-article-id={article.id}
      onClick={() => selectArticle(article.id)}
    >
      <span className="article-row-meta">
        <bdi className="article-row-outlet" title={article.outlet || undefined}>{article.outlet || 'Unknown outlet'}</bdi>
        <span className="article-row-date">{article.publishedAt || 'no date'}</span>
      </span>
      <bdi className="article-row-title" title={title}>{title}</bdi>
      <span className="article-row-foot">
        <span className="article-row-count">{claims} claim{claims === 1 ? '' : 's'}</span>
        {flag && (
          <span className={`flag-badge flag-${flag.kind}`} title={`${openFlags.length} flag${openFlags.length === 1 ? '' : 's'} to review`}>
            {KIND_LABELS[flag.kind]} {percent(flag.similarity)}{openFlags.length > 1 ? ` +${openFlags.length - 1}` : ''}
          </span>
        )}
        {!flag && linkedFlags.length > 0 && <span className="flag-badge flag-linked">Copy linked</span>}
        <ProposedBadge count={proposed} />
        {claims > 0 && <SourcingProfile claims={articleClaims} taxonomy={taxonomy} compact />}
      </span>
    </div>
  );
});
