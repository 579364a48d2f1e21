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

/** A publication date as printed, with its time and time zone when the page gives them. */
export interface DateTime {
  /** YYYY-MM-DD */
  date: string;
  /** HH:MM (24 h), or '' when no time is printed. */
  time: string;
  /** "+03:00", or '' when no zone is printed (the time is then the page's local time). */
  offset: string;
}

/** Time zones newsrooms print, as UTC offsets in hours. Ambiguous ones (IST, CST in Asia) are left out on purpose. */
const ZONES: Record<string, number> = {
  utc: 0, gmt: 0, z: 0, bst: 1, cet: 1, cest: 2, eet: 2, eest: 3, msk: 3, edt: -4, est: -5, cdt: -5, pdt: -7, pst: -8, jst: 9, kst: 9, hkt: 8,
};
const TIME = /(?<![\d.:/])(\d{1,2})[:.](\d{2})(?::\d{2}(?:\.\d+)?)?(?![\d.]*\d{4})\s*(a\.?m\.?|p\.?m\.?)?(?![\p{L}\d])/iu;
const ZONE = /^\s*,?\s*(?:\(?\s*(UTC|GMT|Z|BST|CET|CEST|EET|EEST|MSK|EDT|EST|CDT|PDT|PST|JST|KST|HKT)\b\s*([+-]\d{1,2}(?::?\d{2})?)?\)?|([+-]\d{2}):?(\d{2})\b|Z\b)/;
const ISO_DATE_TIME = /\b(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?/;
/** "26/09/2024": read only when the day cannot be a month (> 12), the way European sites print it. */
const SLASHED = /\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/;
/** How far from the date a printed time may stand ("4:45 PM EDT, Wed September 25, 2024"). */
const TIME_REACH = 48;

/** The first date in `text` with the time printed next to it, or null when there is no unambiguous date. */
export function parseDateTime(text: string): DateTime | null {
  const iso = ISO_DATE_TIME.exec(text);
  const found = firstDate(text) ?? slashedDate(text);
  if (iso && (!found || iso.index <= found.index)) {
    const date = isoDate(+iso[1]!, +iso[2]!, +iso[3]!);
    if (date) return { date, time: `${iso[4]}:${iso[5]}`, offset: offsetOf(iso[6] ?? '') };
  }
  if (!found) return null;
  const before = text.slice(Math.max(0, found.index - TIME_REACH), found.index);
  const after = text.slice(found.index + found.length, found.index + found.length + TIME_REACH);
  const time = timeIn(after) ?? timeIn(before, true);
  return { date: found.iso, time: time?.time ?? '', offset: time?.offset ?? '' };
}

/** A DateTime as one ISO 8601 string: "2024-07-03", "2024-07-03T04:45", "2024-07-03T04:45+03:00". */
export function formatDateTime(d: DateTime): string {
  return d.time ? `${d.date}T${d.time}${d.offset}` : d.date;
}

function slashedDate(text: string): { iso: string; index: number; length: number } | null {
  const m = SLASHED.exec(text);
  if (!m || +m[1]! <= 12) return null;
  const iso = isoDate(+m[3]!, +m[2]!, +m[1]!);
  return iso ? { iso, index: m.index, length: m[0].length } : null;
}

function timeIn(text: string, last = false): { time: string; offset: string } | null {
  const matches = [...text.matchAll(new RegExp(TIME.source, 'giu'))];
  const m = last ? matches.at(-1) : matches[0];
  if (!m) return null;
  let hour = +m[1]!;
  const minute = +m[2]!;
  const half = m[3]?.toLowerCase().replace(/\./g, '');
  if (half === 'pm' && hour < 12) hour += 12;
  if (half === 'am' && hour === 12) hour = 0;
  if (hour > 23 || minute > 59) return null;
  const zone = ZONE.exec(text.slice(m.index + m[0].length));
  return { time: `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`, offset: zone ? zoneOffset(zone) : '' };
}

function zoneOffset(m: RegExpExecArray): string {
  if (m[3]) return `${m[3]}:${m[4]}`;
  if (!m[1]) return '+00:00';
  const base = ZONES[m[1].toLowerCase()] ?? 0;
  const extra = m[2] ? /^([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(m[2]) : null;
  const minutes = base * 60 + (extra ? (extra[1] === '-' ? -1 : 1) * (+extra[2]! * 60 + +(extra[3] ?? 0)) : 0);
  return hoursOffset(minutes);
}

function offsetOf(raw: string): string {
  if (!raw) return '';
  if (raw === 'Z') return '+00:00';
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(raw);
  return m ? `${m[1]}${m[2]}:${m[3]}` : '';
}

function hoursOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
