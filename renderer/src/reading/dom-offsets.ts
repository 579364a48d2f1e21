/**
 * Between article text offsets and the reading view's DOM. The text is drawn
 * as `<p data-start>` paragraphs, each holding one text node, inside
 * `.reading-text[data-article-id]`; the line breaks between paragraphs are not
 * in the DOM, so an offset in them maps to the nearest paragraph edge.
 */

export const TEXT_SELECTOR = '.reading-text[data-article-id]';

interface Paragraph {
  start: number;
  end: number;
  node: Text;
}

/** The paragraphs of a rendered article, in order, with their text nodes. */
export function paragraphsOf(container: HTMLElement): Paragraph[] {
  const out: Paragraph[] = [];
  for (const el of container.children) {
    const p = el as HTMLElement;
    const node = p.firstChild;
    if (!(node instanceof Text) || p.dataset.start === undefined) continue;
    const start = Number(p.dataset.start);
    out.push({ start, end: start + node.length, node });
  }
  return out;
}

/** A DOM point for a text offset; `side` says which paragraph edge an offset between paragraphs takes. */
export function domPoint(paragraphs: Paragraph[], offset: number, side: 'start' | 'end'): { node: Text; offset: number } | null {
  if (!paragraphs.length) return null;
  let lo = 0;
  let hi = paragraphs.length - 1;
  // The last paragraph starting at or before `offset`.
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (paragraphs[mid]!.start <= offset) lo = mid;
    else hi = mid - 1;
  }
  const p = paragraphs[lo]!;
  if (offset < p.start) return { node: p.node, offset: 0 };
  if (offset <= p.end) return { node: p.node, offset: offset - p.start };
  const next = paragraphs[lo + 1];
  if (side === 'start' && next) return { node: next.node, offset: 0 };
  return { node: p.node, offset: p.end - p.start };
}

/** A range over [start, end) of the text, or null when nothing of it is drawn. */
export function staticRange(paragraphs: Paragraph[], start: number, end: number): StaticRange | null {
  const a = domPoint(paragraphs, start, 'start');
  const b = domPoint(paragraphs, end, 'end');
  if (!a || !b) return null;
  if (a.node === b.node && a.offset >= b.offset) return null;
  if (a.node !== b.node && a.node.compareDocumentPosition(b.node) & Node.DOCUMENT_POSITION_PRECEDING) return null;
  return new StaticRange({ startContainer: a.node, startOffset: a.offset, endContainer: b.node, endOffset: b.offset });
}

export function liveRange(paragraphs: Paragraph[], start: number, end: number): Range | null {
  const r = staticRange(paragraphs, start, end);
  if (!r) return null;
  const range = document.createRange();
  range.setStart(r.startContainer, r.startOffset);
  range.setEnd(r.endContainer, r.endOffset);
  return range;
}

/** The text offset of a DOM point (a selection boundary), clamped to the article when it lies outside. */
export function textOffset(container: HTMLElement, node: Node, offset: number, textLength: number): number {
  if (!container.contains(node)) {
    const before = node.compareDocumentPosition(container) & Node.DOCUMENT_POSITION_FOLLOWING;
    return before ? 0 : textLength;
  }
  if (node === container) {
    const child = container.children[offset] as HTMLElement | undefined;
    return child?.dataset.start !== undefined ? Number(child.dataset.start) : textLength;
  }
  const p = (node instanceof Element ? node : node.parentElement)?.closest<HTMLElement>('[data-start]');
  if (!p) return 0;
  const start = Number(p.dataset.start);
  if (node instanceof Text) return start + offset;
  return start + (offset > 0 ? (p.textContent ?? '').length : 0);
}

export type ReadSelection = { ok: true; articleId: string; start: number; end: number } | { ok: false; message: string };

/** The reading view's current selection as text offsets (untrimmed; see checkClaimSpan). */
export function readSelection(textOf: (articleId: string) => string | undefined): ReadSelection {
  const container = document.querySelector<HTMLElement>(TEXT_SELECTOR);
  const selection = window.getSelection();
  if (!container || !selection || selection.rangeCount === 0 || selection.isCollapsed) {
    return { ok: false, message: 'Select the words of the claim in the article first, then press C.' };
  }
  const range = selection.getRangeAt(0);
  if (!range.intersectsNode(container)) return { ok: false, message: 'Select text inside the article.' };
  const articleId = container.dataset.articleId!;
  const text = textOf(articleId);
  if (text === undefined) return { ok: false, message: 'That article is no longer in the casefile.' };
  const start = textOffset(container, range.startContainer, range.startOffset, text.length);
  const end = textOffset(container, range.endContainer, range.endOffset, text.length);
  return { ok: true, articleId, start, end };
}

/**
 * The text offset of the character under a screen point, or null when the
 * point is not over text (the margin, the gap after a line's end).
 */
export function offsetAtPoint(container: HTMLElement, x: number, y: number): number | null {
  const caret = caretAt(x, y);
  if (!caret || !(caret.node instanceof Text) || !container.contains(caret.node)) return null;
  const p = caret.node.parentElement?.closest<HTMLElement>('[data-start]');
  if (!p) return null;
  // The caret falls before or after the character the pointer is on: test both.
  for (const i of [caret.offset, caret.offset - 1]) {
    if (i < 0 || i >= caret.node.length) continue;
    const r = document.createRange();
    r.setStart(caret.node, i);
    r.setEnd(caret.node, i + 1);
    for (const rect of r.getClientRects()) {
      if (x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom) return Number(p.dataset.start) + i;
    }
  }
  return null;
}

function caretAt(x: number, y: number): { node: Node; offset: number } | null {
  if (document.caretPositionFromPoint) {
    const pos = document.caretPositionFromPoint(x, y);
    return pos ? { node: pos.offsetNode, offset: pos.offset } : null;
  }
  const range = document.caretRangeFromPoint?.(x, y);
  return range ? { node: range.startContainer, offset: range.startOffset } : null;
}

/** Scrolls the reading view so `range` sits a third down from the top, unless it is in view already. */
export function scrollRangeIntoView(container: HTMLElement, range: Range): void {
  const scroller = container.closest<HTMLElement>('.area-body') ?? document.scrollingElement as HTMLElement;
  const rect = range.getBoundingClientRect();
  const view = scroller.getBoundingClientRect();
  const margin = 80;
  if (rect.top >= view.top + margin && rect.bottom <= view.bottom - margin / 2) return;
  scroller.scrollTop += rect.top - view.top - Math.max(margin, view.height / 3);
}
