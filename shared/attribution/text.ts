/**
 * Sentences and tokens with their offsets in the article's text (JavaScript
 * string indices), so every span the detector proposes points into the text
 * exactly as it was read.
 */

export interface Span {
  start: number;
  end: number;
}

export interface Token extends Span {
  text: string;
  lower: string;
  /** Inside a quotation (the quote marks themselves are not). */
  quoted: boolean;
  /** An opening or closing quotation mark. */
  quote: 'open' | 'close' | null;
}

export interface Sentence extends Span {
  tokens: Token[];
  /** The first sentence of its line (a headline, a paragraph). */
  lineStart: boolean;
  /** The line has no final punctuation: a headline or a caption. */
  headline: boolean;
}

const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'st', 'sen', 'rep', 'gov', 'gen', 'col', 'lt', 'sgt', 'capt', 'det', 'insp',
  'supt', 'no', 'vs', 'etc', 'jr', 'sr', 'inc', 'ltd', 'co', 'corp', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul',
  'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'mt', 'ft', 'approx', 'dept', 'est', 'fig', 'maj', 'adm', 'cmdr',
  'rev', 'hon', 'pres', 'ave', 'blvd', 'e.g', 'i.e', 'al',
]);

const WORD = /[\p{L}\p{N}](?:[\p{L}\p{N}\p{M}&]|['’.-](?=[\p{L}\p{N}])|(?<=\d),(?=\d{3}))*|['’](?=s\b)s|[^\s\p{L}\p{N}]/gu;
const OPENING = new Set(['“', '‘', '«', '„']);
const CLOSING = new Set(['”', '’', '»']);

/** Splits the text into lines, then sentences; quotations that span sentences stay in one. */
export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  const lineRe = /[^\n\r]+/g;
  for (let line = lineRe.exec(text); line; line = lineRe.exec(text)) {
    const tokens = tokenize(line[0], line.index);
    if (!tokens.length) continue;
    const lastText = tokens[tokens.length - 1]!.text;
    const headline = !/[.!?:;"”’)…]/.test(lastText);
    let from = 0;
    for (let i = 0; i < tokens.length; i++) {
      if (!endsSentence(tokens, i)) continue;
      let end = i;
      while (tokens[end + 1] && (tokens[end + 1]!.quote === 'close' || tokens[end + 1]!.text === ')')) end++;
      pushSentence(sentences, tokens.slice(from, end + 1), from === 0, headline);
      from = end + 1;
      i = end;
    }
    if (from < tokens.length) pushSentence(sentences, tokens.slice(from), from === 0, headline);
  }
  return sentences;
}

/**
 * Longer "sentences" (a table, a list without full stops, hostile input) are cut
 * into pieces: the detector's work per sentence grows with its length squared.
 */
export const MAX_SENTENCE_TOKENS = 250;

function pushSentence(sentences: Sentence[], tokens: Token[], lineStart: boolean, headline: boolean): void {
  for (let i = 0; i < tokens.length; i += MAX_SENTENCE_TOKENS) {
    sentences.push(makeSentence(tokens.slice(i, i + MAX_SENTENCE_TOKENS), lineStart && i === 0, headline));
  }
}

function makeSentence(tokens: Token[], lineStart: boolean, headline: boolean): Sentence {
  return { start: tokens[0]!.start, end: tokens[tokens.length - 1]!.end, tokens, lineStart, headline };
}

function endsSentence(tokens: Token[], i: number): boolean {
  const t = tokens[i]!;
  if (t.text !== '.' && t.text !== '!' && t.text !== '?') return false;
  // Inside a quotation only its last full stop ends the sentence: '… on leaks." The data …'.
  if (t.quoted && tokens[i + 1]?.quote !== 'close') return false;
  let next = i + 1;
  while (tokens[next] && (tokens[next]!.quote === 'close' || tokens[next]!.text === ')')) next++;
  const after = tokens[next];
  if (!after) return false;
  if (!/^[\p{Lu}\p{N}"“‘'(]/u.test(after.text)) return false;
  const prev = tokens[i - 1];
  if (t.text === '.' && prev && prev.end === t.start) {
    const word = prev.lower;
    if (ABBREVIATIONS.has(word) || /^\p{L}$/u.test(prev.text) || /\./.test(word)) return false;
  }
  return true;
}

/** Tokens of one line, with quotation marks paired (straight quotes alternate) when they balance. */
export function tokenize(line: string, offset: number): Token[] {
  const tokens: Token[] = [];
  for (const m of line.matchAll(WORD)) {
    tokens.push({ text: m[0], lower: m[0].toLowerCase(), start: offset + m.index, end: offset + m.index + m[0].length, quoted: false, quote: null });
  }
  markQuotes(tokens);
  return tokens;
}

function markQuotes(tokens: Token[]): void {
  const straight = tokens.filter((t) => t.text === '"');
  const curlyOpen = tokens.filter((t) => t.text === '“').length;
  const curlyClose = tokens.filter((t) => t.text === '”').length;
  // An odd number of straight quotes: pair them from the start and leave the last one open
  // (a quotation running on into the next paragraph, as news style writes it).
  const lastStraight = straight.length % 2 === 1 ? straight[straight.length - 1] : undefined;
  const useStraight = true;
  // One more opening than closing mark: a quotation that runs on into the next paragraph (it stays open to the line's end).
  const useCurly = curlyOpen === curlyClose || (curlyOpen === curlyClose + 1 && lastIndexOfText(tokens, '“') > lastIndexOfText(tokens, '”'));
  let open = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t === lastStraight) {
      // Unpaired, it opens a quotation that runs to the end of the paragraph (and on into the next).
      t.quote = 'open';
      open = true;
      continue;
    }
    if ((t.text === '"' && useStraight) || ((t.text === '“' || t.text === '”') && useCurly)) {
      const opening: boolean = t.text === '“' || (t.text === '"' && !open);
      t.quote = opening ? 'open' : 'close';
      open = opening;
      continue;
    }
    if (OPENING.has(t.text) || CLOSING.has(t.text)) continue;
    t.quoted = open;
  }
  unmarkScareQuotes(tokens);
}

function lastIndexOfText(tokens: Token[], text: string): number {
  for (let i = tokens.length - 1; i >= 0; i--) if (tokens[i]!.text === text) return i;
  return -1;
}

/** Quotation marks around one to three words ("the \"Times\"", "seriously concerning") mark a name or a phrase, not speech. */
function unmarkScareQuotes(tokens: Token[]): void {
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i]!.quote !== 'open') continue;
    let j = i + 1;
    while (j < tokens.length && tokens[j]!.quote !== 'close') j++;
    if (j >= tokens.length) break;
    const words = tokens.slice(i + 1, j).filter((t) => /^[\p{L}\p{N}]/u.test(t.text)).length;
    const punctuated = tokens.slice(i + 1, j).some((t) => /^[.,!?]$/.test(t.text));
    if (words <= 3 && !punctuated) {
      tokens[i]!.quote = null;
      tokens[j]!.quote = null;
      for (let k = i + 1; k < j; k++) tokens[k]!.quoted = false;
    }
    i = j;
  }
}

const OPENING_MARKS = '“"«„';

/** A line (a paragraph) that opens a quotation it does not close: the quotation runs on into the next paragraph. */
function leavesQuoteOpen(line: string): boolean {
  const curly = (line.match(/“/g) ?? []).length - (line.match(/”/g) ?? []).length;
  return curly > 0 || (line.match(/"/g) ?? []).length % 2 === 1;
}

/** The lines of a text as [start, end) offsets, found by binary search (a long text has many). */
export class Lines {
  private readonly starts: number[] = [0];
  constructor(private readonly text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  /** The index of the line holding offset `at`. */
  indexAt(at: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  bounds(index: number): [number, number] {
    const next = this.starts[index + 1];
    return [this.starts[index]!, next === undefined ? this.text.length : next - 1];
  }

  /** The nearest non-blank line before or after line `index`. */
  neighbour(index: number, direction: -1 | 1): number | null {
    for (let i = index + direction; i >= 0 && i < this.starts.length; i += direction) {
      const [start, end] = this.bounds(i);
      if (this.text.slice(start, end).trim()) return i;
    }
    return null;
  }
}

/**
 * News style runs a quotation over paragraphs by opening each paragraph with a
 * quotation mark and closing only the last. A content span at either end of
 * such a quotation is widened over the paragraphs it continues (without the
 * outer quotation marks, like a one-paragraph quotation).
 */
export function widenOverParagraphs(text: string, lines: Lines, content: Span): Span {
  let { start, end } = content;
  for (let guard = 0; guard < 20 && OPENING_MARKS.includes(text[start - 1] ?? ''); guard++) {
    const index = lines.indexAt(start - 1);
    if (text.slice(lines.bounds(index)[0], start - 1).trim()) break;
    const prev = lines.neighbour(index, -1);
    if (prev === null) break;
    const [ps, pe] = lines.bounds(prev);
    const line = text.slice(ps, pe);
    const lead = line.length - line.trimStart().length;
    if (!OPENING_MARKS.includes(line[lead] ?? '') || !leavesQuoteOpen(line)) break;
    start = ps + lead + 1;
  }
  for (let guard = 0; guard < 20 && /^[\s.,!?]*(?:\n|$)/.test(text.slice(end, end + 4)); guard++) {
    const index = lines.indexAt(end);
    const [ls, le] = lines.bounds(index);
    if (text.slice(end, le).replace(/[\s.,!?]/g, '') !== '' || !leavesQuoteOpen(text.slice(ls, le))) break;
    const next = lines.neighbour(index, 1);
    if (next === null) break;
    const [ns, ne] = lines.bounds(next);
    const line = text.slice(ns, ne);
    const lead = line.length - line.trimStart().length;
    if (!OPENING_MARKS.includes(line[lead] ?? '')) break;
    const close = line.search(/”|"(?=[^"]*$)/u);
    end = close > lead ? ns + close : ne;
    if (close > lead && text[end - 1] === ',') end--;
    if (close > lead) break;
  }
  if (OPENING_MARKS.includes(text[start] ?? '') && end !== content.end) start++;
  return { start, end };
}
