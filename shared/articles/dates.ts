/**
 * Publication dates as written by publishers, turned into ISO dates
 * (YYYY-MM-DD). Only unambiguous forms are read: "3/7/2024" could be March or
 * July, so it gives nothing rather than a guess.
 */

const MONTHS: Record<string, number> = {
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8,
  september: 9, october: 10, november: 11, december: 12,
  jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};
const MONTH = '(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\\.?';

const ISO = /\b(\d{4})-(\d{2})-(\d{2})(?![\d])/;
const MONTH_DAY_YEAR = new RegExp(`\\b${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, 'i');
const DAY_MONTH_YEAR = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH},?\\s+(\\d{4})\\b`, 'i');
const DOTTED = /\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b/;

export function isoDate(year: number, month: number, day: number): string {
  if (year < 1800 || year > 2200 || month < 1 || month > 12 || day < 1) return '';
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return '';
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The first unambiguous date in `text`, as YYYY-MM-DD, or '' when there is none. */
export function parseDate(text: string): string {
  return firstDate(text)?.iso ?? '';
}

/** Like `parseDate`, with where the date was found. */
export function firstDate(text: string): { iso: string; index: number; length: number } | null {
  const found: { iso: string; index: number; length: number }[] = [];
  const iso = ISO.exec(text);
  if (iso) found.push({ iso: isoDate(+iso[1]!, +iso[2]!, +iso[3]!), index: iso.index, length: iso[0].length });
  const mdy = MONTH_DAY_YEAR.exec(text);
  if (mdy) found.push({ iso: isoDate(+mdy[3]!, monthNumber(mdy[1]!), +mdy[2]!), index: mdy.index, length: mdy[0].length });
  const dmy = DAY_MONTH_YEAR.exec(text);
  if (dmy) found.push({ iso: isoDate(+dmy[3]!, monthNumber(dmy[2]!), +dmy[1]!), index: dmy.index, length: dmy[0].length });
  const dotted = DOTTED.exec(text);
  if (dotted) found.push({ iso: isoDate(+dotted[3]!, +dotted[2]!, +dotted[1]!), index: dotted.index, length: dotted[0].length });
  return found.filter((f) => f.iso).sort((a, b) => a.index - b.index)[0] ?? null;
}

function monthNumber(name: string): number {
  return MONTHS[name.toLowerCase().replace('.', '')] ?? 0;
}

/** Month names, so that a byline reader can tell "Dmytro Basmat July 3" apart into a name and a date. */
export function isMonthName(word: string): boolean {
  return Object.hasOwn(MONTHS, word.toLowerCase().replace('.', ''));
}
