/**
 * Which passages two flagged articles share: runs of words that both texts
 * hold in the same order, found through the same 5-word shingles that copy
 * detection counts, placed as character ranges in each text.
 */
import type { ExcludedRange, SharedPassage } from '../model/schema';
import { SHINGLE_WORDS, shinglesByPosition } from './fingerprint';

/** Shorter runs are stock phrases ("the ministry of defence said"), not passages worth showing. */
export const MIN_PASSAGE_WORDS = 8;
/** The longest passages kept on a flag. */
export const MAX_PASSAGES = 100;

interface Words {
  words: string[];
  starts: number[];
  ends: number[];
}

/** The words of a text outside its page-chrome ranges, with where each lies. */
function wordsOf(text: string, excluded: readonly Pick<ExcludedRange, 'start' | 'end'>[]): Words {
  const out: Words = { words: [], starts: [], ends: [] };
  for (const m of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    const start = m.index;
    if (excluded.some((r) => start >= r.start && start < r.end)) continue;
    out.words.push(m[0].toLowerCase());
    out.starts.push(start);
    out.ends.push(start + m[0].length);
  }
  return out;
}

export interface PassageText {
  text: string;
  excluded?: readonly Pick<ExcludedRange, 'start' | 'end'>[];
}

/** The passages `a` and `b` share, longest first (at most MAX_PASSAGES), each placed in both texts. */
export function sharedPassages(a: PassageText, b: PassageText): SharedPassage[] {
  const wa = wordsOf(a.text, a.excluded ?? []);
  const wb = wordsOf(b.text, b.excluded ?? []);
  const sa = shinglesByPosition(wa.words);
  const sb = shinglesByPosition(wb.words);
  const firstInA = new Map<number, number>();
  sa.forEach((h, i) => {
    if (!firstInA.has(h)) firstInA.set(h, i);
  });
  const found: SharedPassage[] = [];
  for (let i = 0; i < sb.length; ) {
    const j = firstInA.get(sb[i]!);
    if (j === undefined) {
      i++;
      continue;
    }
    let run = 1;
    while (i + run < sb.length && j + run < sa.length && sb[i + run] === sa[j + run]) run++;
    const words = run + SHINGLE_WORDS - 1;
    if (words < MIN_PASSAGE_WORDS) {
      i += run;
      continue;
    }
    found.push({
      a: { start: wa.starts[j]!, end: wa.ends[j + words - 1]! },
      b: { start: wb.starts[i]!, end: wb.ends[i + words - 1]! },
      words,
    });
    i += words;
  }
  return found.sort((x, y) => y.words - x.words || x.b.start - y.b.start).slice(0, MAX_PASSAGES);
}
