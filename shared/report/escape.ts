/**
 * Everything in a casefile may be hostile: article titles, quotes, notes,
 * source names, analyst names. These helpers are the one place where such
 * text is made safe for each output format.
 */
import { balanceBidi, isolateBidi } from '../text/bidi';

/** A fragment of HTML that this module built or escaped; anything else is escaped when interpolated. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and (double- or single-quoted) attribute values. */
export function escapeHtml(text: string): string {
  return NEEDS_ESCAPE.test(text) ? text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]!) : text;
}
const NEEDS_ESCAPE = /[&<>"']/;

export type HtmlValue = SafeHtml | string | number | null | undefined | false | readonly HtmlValue[];

/** How a plain string becomes markup where it stands between elements (an attribute value is only escaped). */
type ContentOf = (text: string) => string;

/**
 * In HTML a string is escaped and set in <bdi>: whatever directional
 * characters or right-to-left letters it holds, it reads in its own direction
 * and cannot reorder the report's words around it (see shared/text/bidi.ts).
 */
const htmlContent: ContentOf = (text) => `<bdi>${escapeHtml(balanceBidi(text))}</bdi>`;
/** SVG has no <bdi>: its text is isolated with the plain-text FSI…PDI. */
const svgContent: ContentOf = (text) => escapeHtml(isolateBidi(text));

function markupOf(value: HtmlValue, content: ContentOf | null): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map((v) => markupOf(v, content)).join('');
  if (typeof value === 'number') return String(value);
  const text = String(value);
  return content && text ? content(text) : escapeHtml(text);
}

/** For each gap of a template: true when it sits inside a tag (an attribute value), false between elements. */
const gapsInTag = new WeakMap<TemplateStringsArray, boolean[]>();

function inTagGaps(strings: TemplateStringsArray): boolean[] {
  let gaps = gapsInTag.get(strings);
  if (gaps) return gaps;
  gaps = [];
  let inTag = false;
  for (const literal of strings.slice(0, -1)) {
    const lt = literal.lastIndexOf('<');
    const gt = literal.lastIndexOf('>');
    if (lt !== gt) inTag = lt > gt;
    gaps.push(inTag);
  }
  gapsInTag.set(strings, gaps);
  return gaps;
}

function markupTag(content: ContentOf) {
  return (strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml => {
    const inTag = inTagGaps(strings);
    let out = strings[0]!;
    for (let i = 0; i < values.length; i++) out += markupOf(values[i]!, inTag[i] ? null : content) + strings[i + 1]!;
    return new SafeHtml(out);
  };
}

/**
 * Tagged template for HTML: the literal parts are trusted markup, every
 * interpolated value is escaped unless it is already SafeHtml (built by this
 * tag); a string between elements is also isolated in <bdi>.
 */
export const html = markupTag(htmlContent);

/** The same for inline SVG, whose strings are isolated with FSI…PDI. */
export const svg = markupTag(svgContent);

/** Joins fragments (escaping plain strings and isolating them in <bdi>) into one SafeHtml. */
export function joinHtml(values: readonly HtmlValue[], separator = ''): SafeHtml {
  return new SafeHtml(values.map((v) => markupOf(v, htmlContent)).join(separator));
}

/**
 * Escapes text for inline Markdown (a paragraph, a heading, a table cell):
 * line breaks become spaces; characters that start emphasis, links, images,
 * code, HTML, tables or autolinks are neutralised, so the text renders as
 * itself in any CommonMark or GitHub renderer. It is bidi-isolated too
 * (isolateBidi), so it cannot reorder the words around it.
 */
export function escapeMarkdown(text: string): string {
  const escaped = text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\`*_{}[\]#+!|~^$]/g, '\\$&')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    // GitHub turns bare URLs, www. names and e-mail addresses into links.
    .replace(/:\/\//g, '\\://')
    .replace(/\b(www)\./gi, '$1\\.')
    .replace(/@/g, '\\@')
    // A line that starts with a list, heading or rule marker would change the structure.
    .replace(/^([-=])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2');
  return isolateBidi(escaped);
}

/** Escapes a multi-line text as Markdown paragraphs, each line escaped on its own. */
export function escapeMarkdownBlock(text: string): string[] {
  return text
    .split(/\n+/)
    .map((line) => escapeMarkdown(line))
    .filter((line) => line.length > 0);
}

/**
 * Cells that a spreadsheet would take as a formula (=, +, -, @, or a leading
 * tab or carriage return) get a leading apostrophe. Passed to papaparse's
 * `escapeFormulae`; its built-in pattern misses cells that contain a line
 * break, so the pattern here is anchored at the start only.
 */
export const CSV_FORMULA_START = /^[=+\-@\t\r]/;

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

/**
 * A file name made from untrusted text (a casefile title): no path separators,
 * no characters Windows, macOS or Linux refuse, no control or bidi-override
 * characters (which can disguise an extension), no leading dots, bounded length.
 */
export function safeFileName(base: string, extension: string, fallback = 'report'): string {
  let name = base
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
    .replace(/[<>:"/\\|?*]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s-]+/, '')
    .replace(/[.\s]+$/, '');
  name = [...name].slice(0, 100).join('').trim();
  if (!name || WINDOWS_RESERVED.test(name)) name = fallback;
  return `${name}${extension}`;
}
