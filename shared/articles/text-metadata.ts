/**
 * Metadata read from the opening lines of a plain text: the forms scraped or
 * copied articles carry ("date 2024-07-03", "by Dmytro Basmat July 3, 2024
 * 4:45 AM", "Author: ..."). Only the head of the text is read, so dates of
 * events in the body are never mistaken for the publication date.
 */
import { isMonthName, parseDate } from './dates';
import { inferOutlet } from './outlets';

export interface TextMetadata {
  title: string;
  author: string;
  publishedAt: string;
  outlet: string;
}

const HEAD_LINES = 40;
const TITLE_MAX_CHARS = 200;
const DATE_PREFIX = /^date\s*:?\s*(\d{4}-\d{2}-\d{2})\b\s*/i;
const BYLINE = /^(?:by|von|par|por|di|door)\s+(.+)$/i;
const AUTHOR_LINE = /^(?:author|authors|written by|words by|reporter)\s*:\s*(.+)$/i;
const DATE_LINE = /^(?:published|posted|first published|date)\s*(?:on|:)?\s*(.+)$/i;
/** Page furniture that is never a headline. */
const CHROME_LINE = /^(?:skip to (?:main )?content|menu|search|home|subscribe|sign in|log in|share|advertisement|news feed|read more|show more|comments|latest|video|avatar|\d+ min read|read also:?|photo:.*|listen to this article.*)$/i;
const NAME_WORD = /^[\p{Lu}][\p{L}'’.-]*$/u;
const NAME_JOINERS = new Set(['and', '&', 'de', 'van', 'von', 'der', 'al', 'bin', 'da', 'di', 'le', 'la', 'y']);
const WEEKDAYS = /^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?$/i;

export function inferTextMetadata(text: string): TextMetadata {
  const head = headLines(text);
  const byline = head.map(readByline).find((b) => b !== null) ?? null;
  return {
    title: inferTitle(head, text),
    author: byline?.author || authorLine(head),
    publishedAt: leadingDate(text) || byline?.date || dateLine(head),
    outlet: inferOutlet(text),
  };
}

function headLines(text: string): string[] {
  return text.split('\n', HEAD_LINES * 3).map((l) => l.trim()).filter(Boolean).slice(0, HEAD_LINES);
}

function leadingDate(text: string): string {
  const m = DATE_PREFIX.exec(text.trimStart());
  return m ? parseDate(m[1]!) : '';
}

/** "by Dmytro Basmat July 3, 2024 4:45 AM 2 min read" → author and date. */
export function readByline(line: string): { author: string; date: string } | null {
  const m = BYLINE.exec(line);
  if (!m) return null;
  const author = leadingName(m[1]!);
  if (!author) return null;
  return { author, date: parseDate(m[1]!) };
}

/** The run of capitalised words at the start of `text`, stopping at a date or a comma. */
function leadingName(text: string): string {
  const words: string[] = [];
  for (const raw of text.split(/\s+/)) {
    const endsClause = /[,;|·•–—]$/.test(raw);
    const word = raw.replace(/[,;|·•–—]+$/, '');
    if (!word || isMonthName(word) || WEEKDAYS.test(word) || /\d/.test(word)) break;
    if (!NAME_WORD.test(word) && !NAME_JOINERS.has(word.toLowerCase())) break;
    words.push(word);
    if (endsClause || words.length >= 8) break;
  }
  while (words.length && NAME_JOINERS.has(words.at(-1)!.toLowerCase())) words.pop();
  return words.length >= 2 ? words.join(' ') : '';
}

function authorLine(head: string[]): string {
  for (const line of head) {
    const m = AUTHOR_LINE.exec(line);
    const name = m ? leadingName(m[1]!) : '';
    if (name) return name;
  }
  return '';
}

function dateLine(head: string[]): string {
  for (const line of head) {
    const m = DATE_LINE.exec(line);
    const date = m ? parseDate(m[1]!) : '';
    if (date) return date;
  }
  return '';
}

function words(line: string): number {
  return line.split(/\s+/).filter(Boolean).length;
}

function isTitleLike(line: string): boolean {
  const n = words(line);
  return n >= 4 && n <= 30 && line.length <= TITLE_MAX_CHARS && !CHROME_LINE.test(line) && !BYLINE.test(line) && !AUTHOR_LINE.test(line);
}

/**
 * The headline: a line the page repeats near its top (scraped pages print the
 * headline twice), else the first headline-like line, else the first sentence.
 */
function inferTitle(head: string[], text: string): string {
  const lines = head.map((l) => l.replace(DATE_PREFIX, '').trim()).filter((l) => l && !CHROME_LINE.test(l));
  const early = lines.slice(0, 15);
  const repeated = early.find((l) => isTitleLike(l) && lines.indexOf(l) !== lines.lastIndexOf(l));
  if (repeated) return repeated.replace(/\.$/, '');
  const first = lines[0];
  if (first && isTitleLike(first) && !/[.:;]$/.test(first)) return first;
  return firstSentence(lines[0] ?? text);
}

function firstSentence(paragraph: string): string {
  const sentence = /^.+?[.!?](?=\s|$)/.exec(paragraph)?.[0] ?? paragraph;
  if (sentence.length <= 160) return sentence;
  const cut = sentence.slice(0, 160);
  return `${cut.slice(0, cut.lastIndexOf(' ') > 80 ? cut.lastIndexOf(' ') : 160)}…`;
}
