/**
 * Passages: the sentences of an article's text, outside its page chrome,
 * with their offsets. Suggestions offer passages nobody has made a claim of yet.
 */
import type { ExcludedRange } from '../model/schema';

export interface Span {
  start: number;
  end: number;
}

/** Shorter than this is a heading or a fragment ("Comments", "Read more"), not a passage. */
const MIN_PASSAGE_CHARS = 25;
/** Abbreviations whose full stop does not end a sentence ("U.S. Ambassador", "Dec. 31"). */
const ABBREVIATION = /(?:^|[\s(])(?:[A-Z]|[A-Z]\.[A-Z]|U\.S|U\.K|U\.N|Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Sen|Rep|Gov|St|No|vs|etc|Inc|Ltd|Co|Corp|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.$/;
const SENTENCE_END = /[.!?]+["'”’)\]]*(?=\s+["'“‘([]?[\p{Lu}\p{N}])/gu;

/** The sentences of `text`, left out where they touch page chrome. */
export function splitPassages(text: string, excluded: readonly Pick<ExcludedRange, 'start' | 'end'>[] = []): Span[] {
  const out: Span[] = [];
  for (const block of articleBlocks(text, excluded)) {
    for (const line of lines(text, block)) sentences(text, line, out);
  }
  return out;
}

const REPORTED_CLAUSE = /\bthat\s+/g;

/**
 * The reported clauses of a sentence: what follows "that" in "a report
 * claiming that Russia has established…". Indexed beside the whole sentence,
 * so the assertion is not drowned by who reported it.
 */
export function reportedClauses(text: string, sentence: Span): Span[] {
  const slice = text.slice(sentence.start, sentence.end);
  const out: Span[] = [];
  REPORTED_CLAUSE.lastIndex = 0;
  for (let m = REPORTED_CLAUSE.exec(slice); m; m = REPORTED_CLAUSE.exec(slice)) {
    const start = sentence.start + m.index + m[0].length;
    if (m.index > 0 && sentence.end - start >= MIN_PASSAGE_CHARS) out.push({ start, end: sentence.end });
  }
  return out;
}

/** The stretches of text between page-chrome ranges. */
function articleBlocks(text: string, excluded: readonly Pick<ExcludedRange, 'start' | 'end'>[]): Span[] {
  const blocks: Span[] = [];
  let at = 0;
  for (const r of [...excluded].sort((a, b) => a.start - b.start)) {
    if (r.start > at) blocks.push({ start: at, end: r.start });
    at = Math.max(at, r.end);
  }
  if (at < text.length) blocks.push({ start: at, end: text.length });
  return blocks;
}

function lines(text: string, block: Span): Span[] {
  const out: Span[] = [];
  let start = block.start;
  for (let i = block.start; i <= block.end; i++) {
    if (i === block.end || text[i] === '\n') {
      if (i > start) out.push({ start, end: i });
      start = i + 1;
    }
  }
  return out;
}

function sentences(text: string, line: Span, out: Span[]): void {
  const slice = text.slice(line.start, line.end);
  let from = 0;
  SENTENCE_END.lastIndex = 0;
  for (let m = SENTENCE_END.exec(slice); m; m = SENTENCE_END.exec(slice)) {
    const end = m.index + m[0].length;
    if (m[0].startsWith('.') && m[0].length === 1 && ABBREVIATION.test(slice.slice(Math.max(from, m.index - 6), m.index + 1))) continue;
    push(line.start + from, line.start + end, text, out);
    from = end;
  }
  push(line.start + from, line.end, text, out);
}

function push(start: number, end: number, text: string, out: Span[]): void {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  if (end - start >= MIN_PASSAGE_CHARS) out.push({ start, end });
}
