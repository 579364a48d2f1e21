import { useMemo } from 'react';
import type { Article, Claim } from '../../../shared/model/schema';
import type { Difference, Placement } from '../../../shared/review';

/** Longest excerpt shown; a longer paragraph is cut around the difference. */
const MAX_EXCERPT = 900;
const AROUND = 300;

interface Segment {
  start: number;
  end: number;
  mine: boolean;
  theirs: boolean;
  focus: boolean;
}

/**
 * The passage of my article around a difference, with both analysts' claims
 * marked: mine underlined, theirs (placed on my text) dashed, the difference
 * itself outlined. The text is shown as text, never as markup.
 */
export function DifferenceContext({ article, difference, myClaims, theirPlacements, legend }: {
  article: Article;
  difference: Difference;
  myClaims: Claim[];
  theirPlacements: Placement[];
  /** Other words for the legend (a history comparison shows only the later point's claims). */
  legend?: { theirs: string };
}) {
  const span = difference.span!;
  const excerpt = useMemo(() => excerptWindow(article.text, span.start, span.end), [article.text, span.start, span.end]);
  const segments = useMemo(
    () => segment(excerpt, span, myClaims.map((c) => c.position), theirPlacements.filter((p) => p.status !== 'orphaned')),
    [excerpt, span, myClaims, theirPlacements],
  );
  return (
    <div className="review-context" aria-label="The passage in your article">
      <p className="review-context-text">
        {excerpt.start > 0 && <span className="muted">… </span>}
        {segments.map((s) => {
          const text = article.text.slice(s.start, s.end);
          if (!s.mine && !s.theirs && !s.focus) return <span key={s.start}>{text}</span>;
          const cls = ['span-mark', s.mine ? 'span-mine' : '', s.theirs ? 'span-theirs' : '', s.focus ? 'span-focus' : ''].filter(Boolean).join(' ');
          return <mark key={s.start} className={cls}>{text}</mark>;
        })}
        {excerpt.end < article.text.length && <span className="muted"> …</span>}
      </p>
      <p className="review-legend" aria-hidden="true">
        {legend ? <span className="span-mark span-theirs">{legend.theirs}</span> : <><span className="span-mark span-mine">your claims</span> <span className="span-mark span-theirs">their claims</span></>}{' '}
        <span className="span-mark span-focus">this difference</span>
      </p>
    </div>
  );
}

function excerptWindow(text: string, start: number, end: number): { start: number; end: number } {
  let from = text.lastIndexOf('\n', Math.max(0, start - 1)) + 1;
  let to = text.indexOf('\n', end);
  if (to === -1) to = text.length;
  if (to - from > MAX_EXCERPT) {
    from = Math.max(from, start - AROUND);
    to = Math.min(to, Math.max(end + AROUND, from + MAX_EXCERPT));
  }
  return { start: from, end: Math.max(to, end) };
}

function segment(win: { start: number; end: number }, focus: { start: number; end: number }, mine: { start: number; end: number }[], theirs: { start: number; end: number }[]): Segment[] {
  const inWindow = (r: { start: number; end: number }) => r.end > win.start && r.start < win.end;
  const m = mine.filter(inWindow);
  const t = theirs.filter(inWindow);
  const cuts = new Set([win.start, win.end, focus.start, focus.end]);
  for (const r of [...m, ...t]) {
    cuts.add(Math.max(win.start, r.start));
    cuts.add(Math.min(win.end, r.end));
  }
  const points = [...cuts].filter((p) => p >= win.start && p <= win.end).sort((a, b) => a - b);
  const out: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    const covers = (r: { start: number; end: number }) => r.start <= start && r.end >= end;
    out.push({ start, end, mine: m.some(covers), theirs: t.some(covers), focus: covers(focus) });
  }
  return out;
}
