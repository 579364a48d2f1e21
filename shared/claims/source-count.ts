/**
 * The number of sources behind a hop, as the article gives it: a whole number
 * ("two officials") or a word ("several", "multiple"). One reading of what an
 * analyst types, and one wording used by the editor, every export and review.
 */
import { SOURCE_COUNT_WORDS, type SourceCount } from '../model/schema';

const NUMBER_WORDS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];
export const MAX_SOURCE_COUNT = 100_000;

/** What the field accepts, for its hint and its error message. */
export const SOURCE_COUNT_HELP = `a whole number from 1 to ${MAX_SOURCE_COUNT.toLocaleString('en')}, or ${SOURCE_COUNT_WORDS.map((w) => `“${w}”`).join(', ')}`;

/**
 * A number of sources as typed: null when empty (not recorded), undefined when
 * it is neither a count nor one of the words. "2", "two" and " Several " are read.
 */
export function parseSourceCount(typed: string): SourceCount | null | undefined {
  const text = typed.trim().toLowerCase().replace(/\s+/g, ' ');
  if (!text) return null;
  const word = SOURCE_COUNT_WORDS.find((w) => w === text);
  if (word) return word;
  const spelled = NUMBER_WORDS.indexOf(text);
  if (spelled >= 0) return spelled + 1;
  if (!/^\d[\d,]*$/.test(text)) return undefined;
  const n = Number(text.replace(/,/g, ''));
  return Number.isInteger(n) && n >= 1 && n <= MAX_SOURCE_COUNT ? n : undefined;
}

/** The value as the field shows it: "2", "several", "" when not recorded. */
export function sourceCountValue(count: SourceCount | null): string {
  return count === null ? '' : String(count);
}

/** The value in a sentence: "1 source", "2 sources", "several sources", "an unknown number of sources"; "" when not recorded. */
export function sourceCountText(count: SourceCount | null): string {
  if (count === null) return '';
  if (typeof count === 'number') return `${count.toLocaleString('en')} ${count === 1 ? 'source' : 'sources'}`;
  return count === 'unknown' ? 'an unknown number of sources' : `${count} sources`;
}
