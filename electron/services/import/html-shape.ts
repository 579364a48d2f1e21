/**
 * A quick pass over a page's tags, before jsdom builds its tree: how many
 * elements it has and how deep they nest. A page over the limits is refused
 * before any DOM exists (jsdom, Readability and our own text walk recurse on
 * the tree and score every element).
 *
 * Only tags are read, not text. Nesting follows the browser's main rules:
 * void elements never nest, an end tag closes what was opened after its
 * element, and a new paragraph, list item or table cell closes the open one.
 * Where this differs from a browser it errs towards counting deeper.
 */
import { limitReason, MAX_HTML_DEPTH, MAX_HTML_ELEMENTS } from './limits';
import { ImportFailure } from './types';

const VOID = new Set(['area', 'base', 'basefont', 'bgsound', 'br', 'col', 'embed', 'frame', 'hr', 'img', 'input', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
/** Elements whose content is text up to their end tag. */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript', 'plaintext']);
/** Elements that end an open <p> (unless a table cell or the like stands between). */
const CLOSES_P = new Set([
  'address', 'article', 'aside', 'blockquote', 'center', 'details', 'dialog', 'dir', 'div', 'dl', 'fieldset', 'figcaption', 'figure',
  'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section',
  'summary', 'ul', 'li', 'dd', 'dt',
]);
/** Elements an implied end does not reach past. */
const FENCES = new Set(['html', 'table', 'td', 'th', 'caption', 'button', 'object', 'marquee', 'applet', 'template', 'svg', 'math']);
/** Start tags that end an open element of the listed names. */
const CLOSES_PEER: Record<string, string[]> = {
  li: ['li'], dt: ['dt', 'dd'], dd: ['dt', 'dd'], option: ['option'], tr: ['tr', 'td', 'th'], td: ['td', 'th'], th: ['td', 'th'],
};

export interface HtmlShape {
  elements: number;
  depth: number;
}

/** Refuses a page with too many elements or too deep a nesting, naming the limit; else gives its shape. */
export function checkHtmlShape(html: string): HtmlShape {
  const shape = htmlShape(html, { depth: MAX_HTML_DEPTH, elements: MAX_HTML_ELEMENTS });
  if (shape.depth > MAX_HTML_DEPTH) throw new ImportFailure(limitReason.depth(shape.depth));
  if (shape.elements > MAX_HTML_ELEMENTS) throw new ImportFailure(limitReason.elements(shape.elements));
  return shape;
}

/**
 * Counts elements and the deepest nesting. With `stopAbove`, the count goes
 * on past a limit only to report a figure (up to ten times the limit), so
 * a hostile page costs no more than a page ten times the limit.
 */
export function htmlShape(html: string, stopAbove?: HtmlShape): HtmlShape {
  const open = new OpenElements();
  let elements = 0;
  let depth = 0;
  let at = 0;
  while (at < html.length) {
    const lt = html.indexOf('<', at);
    if (lt < 0) break;
    const next = html.charCodeAt(lt + 1);
    if (html.startsWith('<!--', lt)) {
      at = endOf(html, '-->', lt + 4);
    } else if (next === 33 /* ! */ || next === 63 /* ? */) {
      at = endOf(html, '>', lt + 2);
    } else if (next === 47 /* / */) {
      const tag = readTag(html, lt + 2);
      if (tag.name) open.close(tag.name);
      at = tag.end;
    } else if (isLetter(next)) {
      const tag = readTag(html, lt + 1);
      at = tag.end;
      elements++;
      if (VOID.has(tag.name) || (tag.selfClosing && open.inForeignContent())) continue;
      open.push(tag.name);
      depth = Math.max(depth, open.depth());
      if (RAW_TEXT.has(tag.name) && !open.inForeignContent()) {
        at = rawTextEnd(html, tag.name, at);
        open.close(tag.name);
      }
      if (stopAbove && (depth > stopAbove.depth * 10 || elements > stopAbove.elements * 10)) break;
    } else {
      at = lt + 1;
    }
  }
  return { elements, depth };
}

/** The stack of open elements, with counts so that an end tag for nothing open costs nothing. */
class OpenElements {
  private readonly names: string[] = [];
  private readonly openCount = new Map<string, number>();

  depth(): number {
    return this.names.length;
  }

  inForeignContent(): boolean {
    return this.count('svg') + this.count('math') > 0;
  }

  push(name: string): void {
    if (CLOSES_P.has(name) && this.count('p')) this.closeImplied(['p']);
    const peers = CLOSES_PEER[name];
    if (peers) this.closeImplied(peers);
    this.names.push(name);
    this.openCount.set(name, this.count(name) + 1);
  }

  /** An end tag: pops up to and including the element, if one is open. */
  close(name: string): void {
    if (!this.count(name)) return;
    while (this.names.length) if (this.pop() === name) return;
  }

  /** Closes the nearest open element among `names`, unless a fence stands between. */
  private closeImplied(names: string[]): void {
    for (let i = this.names.length - 1; i >= 0; i--) {
      const name = this.names[i]!;
      if (names.includes(name)) {
        while (this.names.length > i) this.pop();
        return;
      }
      if (FENCES.has(name)) return;
    }
  }

  private pop(): string {
    const name = this.names.pop()!;
    this.openCount.set(name, this.count(name) - 1);
    return name;
  }

  private count(name: string): number {
    return this.openCount.get(name) ?? 0;
  }
}

function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/**
 * A tag's lower-cased name and where it ends (after its '>'). As in a browser,
 * a quote opens a quoted value only right after an attribute's '='.
 */
function readTag(html: string, from: number): { name: string; end: number; selfClosing: boolean } {
  let i = from;
  while (i < html.length && !NAME_END.test(html[i]!)) i++;
  const name = html.slice(from, i).toLowerCase();
  let afterEquals = false;
  for (; i < html.length; i++) {
    const c = html[i]!;
    if (c === '>') return { name, end: i + 1, selfClosing: html[i - 1] === '/' };
    if (afterEquals && (c === '"' || c === "'")) {
      const close = html.indexOf(c, i + 1);
      if (close < 0) break;
      i = close;
      afterEquals = false;
    } else if (c === '=') {
      afterEquals = true;
    } else if (!WHITESPACE.test(c)) {
      afterEquals = false;
    }
  }
  return { name, end: html.length, selfClosing: false };
}

const NAME_END = /[\s/>]/;
const WHITESPACE = /\s/;

function endOf(html: string, marker: string, from: number): number {
  const found = html.indexOf(marker, from);
  return found < 0 ? html.length : found + marker.length;
}

/** Where the text of a <script>, <style>… ends: at its end tag, whatever its case. */
function rawTextEnd(html: string, name: string, from: number): number {
  if (name === 'plaintext') return html.length;
  const pattern = new RegExp(`</${name}[\\s/>]`, 'ig');
  pattern.lastIndex = from;
  const match = pattern.exec(html);
  return match ? match.index : html.length;
}
