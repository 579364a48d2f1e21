/**
 * Placing an annotation on a text, as the W3C Web Annotation model describes:
 * by its TextPositionSelector when the text is the one it was made on, else by
 * its TextQuoteSelector, first verbatim and then with a fuzzy match
 * (approx-string-match, Myers' bit-parallel algorithm) scored on quote
 * similarity, prefix and suffix context and distance from the old place.
 */
import { search } from './approx';
import type { AnchorStatus, TextPositionSelector, TextQuoteSelector } from '../model/schema';
import { createSelectors, type Selectors } from './selectors';

/** What an annotation is anchored by: its selectors and the hash of the text they were made on. */
export interface AnchorTarget {
  quote: TextQuoteSelector;
  position: TextPositionSelector;
  textHash: string;
}

export interface AnchorResult {
  /**
   * exact: the same words, in the same context (possibly at new offsets);
   * moved: placed on similar or ambiguous text, to be reviewed by the analyst;
   * orphaned: no acceptable place; start/end are the old position and score
   * that of the best place rejected.
   */
  status: AnchorStatus;
  start: number;
  end: number;
  /** 0–1: how well the place matches the selectors (1 for a position match on the same text). */
  score: number;
}

/** Share of the quote that may differ (insertions, deletions, substitutions) in a fuzzy match. */
export const MAX_ERROR_RATE = 0.4;
/** Lowest combined score a fuzzy place needs; below it the annotation is orphaned. */
export const MIN_SCORE = 0.55;
/** Lowest context similarity for a verbatim quote to count as the same place. */
const SAME_CONTEXT = 0.5;
/** Quotes longer than this are matched verbatim only: a fuzzy search on them costs too much. */
const MAX_FUZZY_QUOTE = 5_000;
/** How far from the old place the first, local fuzzy search looks. */
const NEAR_WINDOW = 2_000;
/**
 * A local fuzzy place this good ends the search; otherwise the whole text is
 * searched. With its context intact on both sides a place reaches it from a
 * quote similarity of about 0.62; with one side intact, from about 0.87.
 */
const GOOD_ENOUGH = 0.75;
const MAX_VERBATIM_CANDIDATES = 500;

const WEIGHT = { quote: 60, prefix: 15, suffix: 15, position: 2 } as const;
const WEIGHT_TOTAL = WEIGHT.quote + WEIGHT.prefix + WEIGHT.suffix + WEIGHT.position;

interface Candidate {
  start: number;
  end: number;
  quote: number;
  context: number;
  score: number;
}

/** Places one annotation on `text` (whose hash is `hash`). Never throws on odd selectors. */
export function anchorClaim(target: AnchorTarget, text: string, hash: string): AnchorResult {
  const { quote, position } = target;
  if (target.textHash === hash && position.end <= text.length && text.slice(position.start, position.end) === quote.exact) {
    return { status: 'exact', start: position.start, end: position.end, score: 1 };
  }
  const orphan: AnchorResult = { status: 'orphaned', start: position.start, end: position.end, score: 0 };
  if (!quote.exact) return orphan;

  const verbatim = bestVerbatim(target, text);
  if (verbatim) return verbatim;
  if (quote.exact.length > MAX_FUZZY_QUOTE) return orphan;

  const best = bestFuzzy(target, text);
  if (!best || best.score < MIN_SCORE) return { ...orphan, score: best?.score ?? 0 };
  return { status: 'moved', start: best.start, end: best.end, score: best.score };
}

/** The selectors of a placed annotation on its new text (orphans keep their old ones). */
export function selectorsAt(text: string, result: AnchorResult): Selectors {
  return createSelectors(text, result.start, result.end);
}

function bestVerbatim(target: AnchorTarget, text: string): AnchorResult | null {
  const exact = target.quote.exact;
  const candidates: Candidate[] = [];
  for (let at = text.indexOf(exact); at !== -1 && candidates.length < MAX_VERBATIM_CANDIDATES; at = text.indexOf(exact, at + 1)) {
    candidates.push(scoreCandidate(target, text, at, at + exact.length, 0));
  }
  if (!candidates.length) return null;
  candidates.sort((a, b) => b.score - a.score);
  const best = candidates[0]!;
  const runnerUp = candidates[1];
  const unambiguous = !runnerUp || runnerUp.context < best.context;
  const status = unambiguous && best.context >= SAME_CONTEXT ? 'exact' : 'moved';
  return { status, start: best.start, end: best.end, score: best.score };
}

function bestFuzzy(target: AnchorTarget, text: string): Candidate | null {
  const exact = target.quote.exact;
  const maxErrors = Math.floor(exact.length * MAX_ERROR_RATE);
  const from = Math.max(0, target.position.start - NEAR_WINDOW);
  const to = Math.min(text.length, target.position.end + NEAR_WINDOW);
  const near = fuzzyIn(target, text, from, to, maxErrors);
  if (near && near.score >= GOOD_ENOUGH) return near;
  if (from === 0 && to === text.length) return near;
  const anywhere = fuzzyIn(target, text, 0, text.length, maxErrors);
  return [near, anywhere].reduce<Candidate | null>((a, b) => (!b ? a : !a || b.score > a.score ? b : a), null);
}

function fuzzyIn(target: AnchorTarget, text: string, from: number, to: number, maxErrors: number): Candidate | null {
  let best: Candidate | null = null;
  for (const m of search(text.slice(from, to), target.quote.exact, maxErrors)) {
    const [start, end] = trimSpan(text, from + m.start, from + m.end);
    if (end <= start) continue;
    const c = scoreCandidate(target, text, start, end, m.errors);
    if (!best || c.score > best.score) best = c;
  }
  return best;
}

function scoreCandidate(target: AnchorTarget, text: string, start: number, end: number, errors: number): Candidate {
  const { prefix, suffix, exact } = target.quote;
  const quote = 1 - errors / exact.length;
  const before = prefix ? similarity(text.slice(Math.max(0, start - prefix.length), start), prefix) : start === 0 ? 1 : 0.5;
  const after = suffix ? similarity(text.slice(end, end + suffix.length), suffix) : end === text.length ? 1 : 0.5;
  const distance = Math.abs(start - target.position.start) / Math.max(1, text.length);
  const near = 1 - Math.min(1, distance);
  const score = (WEIGHT.quote * quote + WEIGHT.prefix * before + WEIGHT.suffix * after + WEIGHT.position * near) / WEIGHT_TOTAL;
  return { start, end, quote, context: Math.max(before, after), score };
}

/** 0–1 similarity of a short context string to the text found in its place. */
function similarity(found: string, expected: string): number {
  if (found === expected) return 1;
  if (!found) return 0;
  const [match] = search(found, expected, expected.length);
  return 1 - Math.min(expected.length, match?.errors ?? expected.length) / expected.length;
}

/** Fuzzy matches may start or end on whitespace the quote did not have. */
function trimSpan(text: string, start: number, end: number): [number, number] {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return [start, end];
}
