/**
 * Reduces a DOM subtree to plain text with its paragraphs: block elements
 * become paragraph breaks, <br> a line break, everything else its text.
 * Markup that is not article text (scripts, styles, frames, forms, hidden
 * elements) is dropped, and nothing is ever rendered or run: this only reads
 * text nodes.
 */
import { normaliseText } from '../../../shared/text/normalise';

const SKIPPED = new Set([
  'script', 'style', 'noscript', 'template', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'svg', 'math',
  'canvas', 'video', 'audio', 'picture', 'img', 'head', 'title', 'meta', 'link', 'base', 'button', 'input', 'select',
  'textarea', 'option', 'form', 'dialog',
]);

const BLOCKS = new Set([
  'p', 'div', 'section', 'article', 'main', 'header', 'footer', 'aside', 'nav', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'blockquote', 'pre', 'figure', 'figcaption', 'table', 'thead', 'tbody', 'tfoot',
  'tr', 'caption', 'address', 'hr', 'details', 'summary', 'center', 'body', 'html',
]);

const CELLS = new Set(['td', 'th']);
const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0(?:px|em|rem|%)?\s*(?:;|$))/i;

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

function isHidden(el: Element): boolean {
  return el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true' || HIDDEN_STYLE.test(el.getAttribute('style') ?? '');
}

/** The text of `root`, paragraphs separated by blank lines, normalised. */
export function domToText(root: Node): string {
  const out: string[] = [];
  const breakParagraph = () => out.push('\n\n');
  const walk = (node: Node, pre: boolean) => {
    if (node.nodeType === TEXT_NODE) {
      const text = node.nodeValue ?? '';
      out.push(pre ? text : text.replace(/\s+/g, ' '));
      return;
    }
    if (node.nodeType !== ELEMENT_NODE) return;
    const el = node as Element;
    const tag = el.localName.toLowerCase();
    if (SKIPPED.has(tag) || isHidden(el)) return;
    if (tag === 'br') {
      out.push('\n');
      return;
    }
    const block = BLOCKS.has(tag);
    if (block) breakParagraph();
    else if (CELLS.has(tag)) out.push(' ');
    for (const child of Array.from(el.childNodes)) walk(child, pre || tag === 'pre');
    if (block) breakParagraph();
  };
  walk(root, false);
  return normaliseText(out.join('').replace(/[ \t]*\n\n[\s]*/g, '\n\n'));
}
