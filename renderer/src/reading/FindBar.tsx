import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Article } from '../../../shared/model/schema';
import { setFindOpen } from '../claims/claims-ui';
import { withKey } from '../keyboard/shortcuts';
import { liveRange, paragraphsOf, scrollRangeIntoView } from './dom-offsets';
import { LAYER, paintLayers, type Span } from './highlights';

const MAX_MATCHES = 5_000;

/** Where `query` occurs in the article (ignoring case), page chrome left out. */
export function findMatches(article: Article, query: string): Span[] {
  if (!query.trim()) return [];
  const re = new RegExp(query.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'giu');
  const out: Span[] = [];
  for (const m of article.text.matchAll(re)) {
    const start = m.index;
    const end = start + m[0].length;
    if (!m[0] || article.excluded.some((r) => r.start < end && r.end > start)) continue;
    out.push({ start, end });
    if (out.length >= MAX_MATCHES) break;
  }
  return out;
}

/** Find in article: every match highlighted, the current one brighter and scrolled to. */
export function FindBar({ article, containerRef }: { article: Article; containerRef: React.RefObject<HTMLDivElement | null> }) {
  const input = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState('');
  const [current, setCurrent] = useState(0);
  const matches = useMemo(() => findMatches(article, query), [article, query]);
  const at = matches.length ? Math.min(current, matches.length - 1) : -1;

  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);
  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const hit = matches[at];
    paintLayers(container, new Map([[LAYER.find, matches], [LAYER.findCurrent, hit ? [hit] : []]]));
    if (hit) {
      const range = liveRange(paragraphsOf(container), hit.start, hit.end);
      if (range) scrollRangeIntoView(container, range);
    }
  }, [containerRef, matches, at]);
  useEffect(() => () => {
    CSS.highlights.delete(LAYER.find);
    CSS.highlights.delete(LAYER.findCurrent);
  }, []);

  const step = (delta: number) => {
    if (matches.length) setCurrent((at + delta + matches.length) % matches.length);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === 'F3') step(e.shiftKey ? -1 : 1);
    else if (e.key === 'Escape') setFindOpen(false);
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  return (
    <div className="find-bar" role="search" onKeyDown={onKeyDown}>
      <input ref={input} type="search" aria-label="Find in article" placeholder="Find in article" value={query} maxLength={1_000}
        onChange={(e) => { setQuery(e.target.value); setCurrent(0); }} />
      <span className="find-count" aria-live="polite" data-testid="find-count">
        {query.trim() ? (matches.length ? `${at + 1} of ${matches.length}${matches.length >= MAX_MATCHES ? '+' : ''}` : 'No matches') : ''}
      </span>
      <button type="button" onClick={() => step(-1)} disabled={!matches.length} title="Previous match (Shift+Enter)">↑</button>
      <button type="button" onClick={() => step(1)} disabled={!matches.length} title={withKey('Next match', 'findNext')}>↓</button>
      <button type="button" className="icon-button" onClick={() => setFindOpen(false)} aria-label="Close find" title="Close (Esc)">×</button>
    </div>
  );
}
