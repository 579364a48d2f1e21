/**
 * The analyst's text selection in the reading view, as offsets into the
 * article's text. The reading view renders paragraphs carrying `data-start`
 * (their offset in the text) inside `.reading-text[data-article-id]`; the
 * offset of a point is its paragraph's start plus the length of the text
 * before it in that paragraph, so highlight markup inside does not matter.
 */
export interface TextSelection {
  articleId: string;
  start: number;
  end: number;
}

export type SelectionRead = { ok: true; selection: TextSelection } | { ok: false; reason: string };

export function readReadingSelection(text: (articleId: string) => string | undefined): SelectionRead {
  const selection = window.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) {
    return { ok: false, reason: 'Select the passage in the reading view first.' };
  }
  const range = selection.getRangeAt(0);
  const startParagraph = paragraphOf(range.startContainer);
  const endParagraph = paragraphOf(range.endContainer);
  const container = startParagraph?.closest<HTMLElement>('.reading-text[data-article-id]');
  if (!startParagraph || !endParagraph || !container || !container.contains(endParagraph)) {
    return { ok: false, reason: 'Select the passage inside the article text.' };
  }
  if (startParagraph !== endParagraph) return { ok: false, reason: 'Select text within one paragraph.' };
  const articleId = container.dataset.articleId!;
  const full = text(articleId);
  if (full === undefined) return { ok: false, reason: 'That article is no longer in the casefile.' };
  let start = offsetIn(startParagraph, range.startContainer, range.startOffset);
  let end = offsetIn(endParagraph, range.endContainer, range.endOffset);
  while (start < end && /\s/.test(full[start]!)) start++;
  while (end > start && /\s/.test(full[end - 1]!)) end--;
  if (end <= start || end > full.length) return { ok: false, reason: 'The selection holds no text.' };
  return { ok: true, selection: { articleId, start, end } };
}

function paragraphOf(node: Node): HTMLElement | null {
  const element = node instanceof HTMLElement ? node : node.parentElement;
  return element?.closest<HTMLElement>('[data-start]') ?? null;
}

function offsetIn(paragraph: HTMLElement, node: Node, offset: number): number {
  const before = document.createRange();
  before.setStart(paragraph, 0);
  before.setEnd(node, offset);
  return Number(paragraph.dataset.start) + before.toString().length;
}
