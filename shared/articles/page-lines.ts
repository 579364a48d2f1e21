/**
 * What each line of an imported page is: masthead, section label, headline,
 * byline, date line, photo caption, site furniture, body text, or the page's
 * tail (author box, related articles, tags). The metadata reader
 * (text-metadata.ts) and the page-chrome proposals (chrome.ts) both read
 * pages through this one reading.
 */
import { firstDate, isMonthName, parseDateTime } from './dates';
import { mastheadOf, mentionsIn } from './outlets';
import type { OutletRegistry } from './outlet-registry';

export type LineRole = 'masthead' | 'section' | 'headline' | 'byline' | 'date' | 'caption' | 'furniture' | 'tail' | 'body';

export interface PageLine {
  /** Offsets into the text, without the line's surrounding spaces. */
  start: number;
  end: number;
  text: string;
  role: LineRole;
  /** Why a non-body role was given, in words an analyst reads ("share prompt", "photo credit"). */
  reason: string;
}

/** Site furniture, whole lines. Each entry: what it is, and the lines it matches. */
const FURNITURE: [string, RegExp][] = [
  ['navigation', /^(?:skip to (?:main )?content|skip next section.*|menu|search|home|news feed|latest|video|audio|live tv|watch tv live|live|news|opinion|more|show more|load more|read more|back to top|avatar|comments|leave a comment|\d+ comments?)$/i],
  ['editing link', /^(?:edit post|edit this (?:post|page|article))$/i],
  ['label', /^(?:featured|exclusive|breaking|sponsored|advertisement|ad feedback|analysis|explainer|members public|\d+ members on board)$/i],
  ['reading time', /^\d+\s*(?:-\s*)?(?:min(?:ute)?s?) read$/i],
  ['audio note', /^(?:this audio is created with ai assistance|listen to (?:this )?article.*)$/i],
  ['share or save prompt', /^(?:share(?: this article| on .+)?|save|gift this article|copy link|print|copy\/paste the article video embed link below:?|share this article:? .*)$/i],
  ['subscribe prompt', /^(?:subscribe.*|sign up.*|newsletter|get the latest .*newsletter|join us on .+|follow .+ on (?:x|twitter|telegram|facebook|instagram|youtube|google news).*|support .+ on patreon!?|send us your feedback|fund independent journalism.*|support the guardian|save articles to read later.*|have a confidential tip.*|before it['’]s here, it['’]s on the bloomberg terminal)$/i],
  ['cookie banner', /^(?:.*\buse cookies\b.*|accept(?: all)?(?: cookies)?|accept and close|manage (?:preferences|cookies)|cookie settings)$/i],
  ['related articles', /^(?:read (?:also|more)(?: on [^:]{1,40})?:.*|see also:?.*|related(?: stories| articles| topics| coverage)?:?|more on this story|more from .+|explore more on these topics|recommended|most read|top stories)$/i],
  ['tags', /^(?:tags?:.*|topics?:.*|filed under:.*|read more about:.*)$/i],
  ['page furniture', /^(?:page \d+ of \d+|a version of this article appears in print .*|views: \d+|reuse this content|why you can trust \w+|our standards:.*|if you notice an error.*|all rights reserved\.?)$/i],
  ['copyright notice', /^(?:©|\(c\)\s|copyright\b).*/i],
  ['editor credit', /^(?:editor|edited by|editing by)\s*:\s*.+$/i],
  ['web address', /^https?:\/\/\S+$/],
  ['site name', /^[·•|]\s*(?:[a-z0-9-]+\.)+[a-z]{2,}$/i],
];
/** Markers after which the rest of the page is its tail (author box, related articles), never article text. */
const TAIL_MARKER = /^(?:avatar|read more|related(?: stories| articles| topics)?:?|more on this story|explore more on these topics|comments|latest|read also:?|show more|leave a comment|tags?:.*|filed under:.*|read more about:.*)$/i;
const CAPTION = /^(?:photo(?:graph)?s?\s*(?:for illustrative purposes)?\s*[:.].*|illustrative (?:purposes only|image|photo)\s*[:.].*|getty images|.*\((?:photo(?: by)?\s*)?[^()]*(?:via getty images|\/afp|\/reuters|\/ap)\)\.?|.*\bphotograph: .+)$/i;
/** All-caps photo credits: "SPUTNIK/GRIGORY SYSOYEV/KREMLIN VIA REUTERS". */
const CAPS_CREDIT = /^[\p{Lu}\p{N} .'’-]+(?:\/[\p{Lu}\p{N} .'’-]+)+$/u;
const BYLINE = /^(?:by|von|par|por|di|door)\s+(.+)$/i;
const AUTHOR_LINE = /^(?:author|authors|written by|words by|reporter)\s*:\s*(.+)$/i;
const POSTED_BY = /^(?:[Pp]osted|[Pp]ublished)(?: on)? .+? by ([\p{Lu}][\p{L}'’.-]+(?: [\p{Lu}][\p{L}'’.-]+){1,3})$/u;
/** Words that may stand around a printed date without making the line text: "Updated 4:45 PM EDT, Wed". */
const DATE_FILLER = /^(?:published|posted|updated|first|last|on|at|date|time|am|pm|a\.m\.|p\.m\.|utc|gmt|edt|est|bst|cet|cest|eet|eest|msk|jst|kst|z|views|of|and|the|ago|hours?|minutes?|news|world|politics|business|sport|economy|novinite\.com|mon|tue|wed|thu|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday|\d+(?:st|nd|rd|th)?|[+-]\d+(?::\d+)?)$/i;
/** A short line asking to subscribe or sign up, wherever the words stand ("Thanks for reading! Subscribe for free…"). */
const SUBSCRIBE_ANYWHERE = /\b(?:subscribe|sign up)\b.*\b(?:free|newsletter|posts|updates|inbox)\b/i;
/** Lines that credit a wire or a source: article text, kept for attribution ("Source: Reuters"). */
const CREDIT_LINE = /^(?:source|sources)\s*:/i;
const PROMOTION = /\b(?:support(?:ing)? (?:us|the|our)\b|is an independent news source|is the place where|consider supporting|chose to be part of|members? of .+ community|in English$)/i;
/** Where each author filed from, as the FT prints it: "Max Seddon in Riga and Joe Leahy in Beijing". */
const BYLINE_PLACE = /\s+in\s+\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+)?(?=\s+(?:and|&)\s+|\s*,|\s*$)/gu;
const NAME_WORD = /^[\p{Lu}][\p{L}'’.-]*$/u;
const HEAD_LINES = 16;
/** Furniture and captions are short; a longer line is read as article text without trying every pattern. */
const FURNITURE_MAX_CHARS = 400;
const TITLE_MAX_CHARS = 200;

interface RawLine {
  start: number;
  end: number;
  text: string;
}

export function splitLines(text: string): RawLine[] {
  const lines: RawLine[] = [];
  let at = 0;
  for (const raw of text.split('\n')) {
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (trimmed) lines.push({ start: at + lead, end: at + lead + trimmed.length, text: trimmed });
    at += raw.length + 1;
  }
  return lines;
}

function wordCount(line: string): number {
  return line.split(/\s+/).filter(Boolean).length;
}

export function furnitureOf(line: string): string {
  if (line.length > FURNITURE_MAX_CHARS) return '';
  for (const [reason, pattern] of FURNITURE) if (pattern.test(line)) return reason;
  if (SUBSCRIBE_ANYWHERE.test(line) && wordCount(line) <= 15) return 'subscribe prompt';
  if (CAPTION.test(line) || CAPS_CREDIT.test(line)) return 'photo caption or credit';
  return '';
}

/** A line that is a printed date and little else ("Published: 7:30pm, 26 Sep 2024", "World | September 26, 2024, Thursday // 11:37"). */
export function isDateLine(line: string): boolean {
  if (line.length > 90 || !parseDateTime(line)) return false;
  const rest = line.replace(/\b\d{4}-\d{2}-\d{2}[T ]?[\d:.]*(?:Z|[+-]\d{2}:?\d{2})?/g, ' ').split(/[\s,|/·•()–—:-]+/).filter(Boolean);
  const words = rest.filter((w) => !DATE_FILLER.test(w) && !isMonthName(w) && !/^[\d:.]+(?:am|pm)?$/i.test(w));
  return words.length <= 2;
}

/** Names in a byline's text: "Oleh Pavliuk, Roman Petrenko", "JOHN LEICESTER and KEN MORITSUGU", "Jane Roe, 5 September 2024". */
export function bylineNames(text: string): string[] {
  const date = firstDate(text);
  const head = (date ? text.slice(0, date.index) : text).replace(BYLINE_PLACE, '').split(/\s+[—–|•·]\s+|\s+\d{1,2}[:.]\d{2}\b/)[0]!;
  const names: string[] = [];
  for (const part of head.split(/\s*,\s*|\s+(?:and|&|und|et|y)\s+/i)) {
    const words = part.trim().split(/\s+/).filter(Boolean);
    while (words.length && /^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?$/i.test(words.at(-1)!)) words.pop();
    if (words.length < 2 || words.length > 4 || !words.every((w) => NAME_WORD.test(w) || /^(?:de|van|von|der|al|bin|da|di|le|la)$/.test(w))) {
      if (names.length) break;
      continue;
    }
    names.push(words.map(titleCase).join(' '));
  }
  return names;
}

/** "LEICESTER" → "Leicester"; names already in mixed case stay as written. */
function titleCase(word: string): string {
  return word === word.toUpperCase() && word.length > 1 ? word[0] + word.slice(1).toLowerCase() : word;
}

/** The authors a byline-like line names, or null when the line is not a byline. */
export function readBylineLine(line: string, registry: OutletRegistry): string[] | null {
  if (line.length > 160) return null;
  const by = BYLINE.exec(line) ?? AUTHOR_LINE.exec(line);
  const posted = POSTED_BY.exec(line);
  if (posted) return [posted[1]!];
  const body = by ? by[1]! : line;
  const names = bylineNames(body).filter((n) => !mastheadOf(n, registry) && !/\bstaff$/i.test(n));
  if (by) return names;
  // Several names and nothing else: "Oleh Pavliuk, Roman Petrenko".
  const words = body.replace(BYLINE_PLACE, '').split(/[\s,]+/).filter((w) => w && w !== 'and' && w !== '&');
  if (names.length >= 2 && names.join(' ').split(/\s+/).length === words.length) return names;
  // A line without "By": names, then a date or an outlet ("Oleh Pavliuk, Roman Petrenko — Saturday, …", "Laura Gozzi, BBC News").
  const rest = body.replace(/^[^—–|]*?(?=\s[—–|]\s|\s*,\s*[^,]*$)/, '');
  const datedOrCredited = isDateLine(rest.replace(/^\s*[—–|,]\s*/, '')) || !!mastheadOf(rest.replace(/^\s*[—–|,]\s*/, ''), registry);
  return names.length && datedOrCredited && line.length < 100 ? names : null;
}

/** A line made of a person's name only ("Daniel Boffey"), as pages print the author above the date. */
function isBareName(line: string): boolean {
  const words = line.split(/\s+/);
  return words.length >= 2 && words.length <= 3 && words.every((w) => NAME_WORD.test(w)) && !/[.:!?]$/.test(line);
}

/** The site talking about itself: "25,000 people chose to be part of the Kyiv Independent community", "Meduza in English". */
function isSitePromotion(line: string, registry: OutletRegistry): boolean {
  return PROMOTION.test(line) && mentionsIn(line, registry).length > 0;
}

function looksLikeBody(line: string): boolean {
  const n = wordCount(line);
  return (n >= 12 && /[.!?:"”’)]$/.test(line)) || n >= 25;
}

function isTitleLike(line: string): boolean {
  const n = wordCount(line);
  return n >= 3 && n <= 30 && line.length <= TITLE_MAX_CHARS && !/^(?:source|sources|editor|via)\s*:/i.test(line);
}

/** Reads the role of every line of `text`; `title` is a headline already known (from the page's metadata). */
export function readPageLines(text: string, registry: OutletRegistry, title = ''): PageLine[] {
  const raw = splitLines(text);
  const lines: PageLine[] = raw.map((l) => ({ ...l, role: 'body', reason: '' }));
  const set = (line: PageLine, role: LineRole, reason: string) => {
    line.role = role;
    line.reason = reason;
  };
  lines.forEach((line, i) => {
    const t = stripScraperDate(line.text);
    const furniture = furnitureOf(t);
    if (furniture) set(line, furniture === 'photo caption or credit' ? 'caption' : 'furniture', furniture);
    else if (i < 10 && mastheadOf(t, registry)) set(line, 'masthead', 'masthead');
    else if (i < HEAD_LINES && isSitePromotion(t, registry)) set(line, 'furniture', 'site promotion');
  });
  const printedTwice = (i: number) => lines.some((o, j) => j !== i && sameText(o.text, lines[i]!.text));
  const firstBody = lines.findIndex((l, i) => l.role === 'body' && looksLikeBody(stripScraperDate(l.text)) && !printedTwice(i) && !/(?:\.\.\.|…)$/.test(l.text));
  const headEnd = Math.min(firstBody < 0 ? lines.length : firstBody, HEAD_LINES);

  lines.forEach((line, i) => {
    if (line.role !== 'body' || (i > headEnd + 2 && i < lines.length - 6)) return;
    const t = stripScraperDate(line.text);
    if (readBylineLine(t, registry)) return set(line, 'byline', 'byline');
    if (isDateLine(t)) return set(line, 'date', 'date line');
    if (i < headEnd && isBareName(t) && (isDateLine(lines[i + 1]?.text ?? '') || isDateLine(lines[i - 1]?.text ?? ''))) set(line, 'byline', 'byline');
  });

  markHeadline(lines, headEnd, title, registry);
  markDuplicates(lines);
  const headline = lines.findIndex((l) => l.role === 'headline');
  for (let i = 0; i < headEnd; i++) {
    const line = lines[i]!;
    if (line.role !== 'body' || CREDIT_LINE.test(line.text)) continue;
    if (wordCount(line.text) <= 4 && !/[.!?]$/.test(line.text)) set(line, 'section', 'section label or tagline');
    else if (i < headline && mentionsIn(line.text, registry).length) set(line, 'furniture', 'site banner');
  }
  markTail(lines, registry);
  return lines;
}

/** Scraping tools put "date 2024-07-03" before the page's first line. */
export function stripScraperDate(line: string): string {
  return line.replace(/^date\s*:?\s*\d{4}-\d{2}-\d{2}\b\s*/i, '');
}

/**
 * The headline: the page's known title where the text prints it; else the
 * head line that looks most like one (printed twice, standing right above
 * the byline or date, not naming the site itself).
 */
function markHeadline(lines: PageLine[], headEnd: number, title: string, registry: OutletRegistry): void {
  const known = title && lines.findIndex((l) => l.role === 'body' && sameText(stripScraperDate(l.text), title));
  if (known !== '' && known >= 0) lines[known]!.role = 'headline';
  // The page's metadata gave the headline: a line that is not it is no headline.
  if (title) return;
  let best = -1;
  let bestScore = -Infinity;
  for (let i = 0; i < Math.max(headEnd, 1) && i < lines.length; i++) {
    const line = lines[i]!;
    const t = stripScraperDate(line.text);
    if (line.role !== 'body' || !isTitleLike(t)) continue;
    let score = 0;
    if (lines.some((o, j) => j !== i && sameText(stripScraperDate(o.text), t))) score += 3;
    if (lines.slice(i + 1, i + 4).some((o) => o.role === 'byline' || o.role === 'date')) score += 2;
    if (wordCount(t) >= 6) score += 1;
    if (wordCount(t) <= 3) score -= 1;
    if (/[.]$/.test(t)) score -= 1;
    if (mentionsIn(t, registry).some((m) => lines.slice(0, 10).some((o) => o.role === 'masthead' && mastheadOf(o.text, registry)?.name === m.entry.name))) score -= 3;
    if (/\b(?:launches|subscribe|support|podcast|newsletter|youtube)\b/i.test(t) && /^(?:the )?[\p{Lu}]/u.test(t) && mentionsIn(t, registry).length) score -= 3;
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  }
  if (best >= 0 && bestScore > -2) lines[best]!.role = 'headline';
}

function sameText(a: string, b: string): boolean {
  const norm = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  return norm(a) === norm(b);
}

/** A second copy of the headline, and teasers cut with "..." that repeat the start of another line. */
function markDuplicates(lines: PageLine[]): void {
  const headline = lines.find((l) => l.role === 'headline');
  for (const line of lines) {
    if (line === headline || line.role !== 'body') continue;
    if (headline && sameText(line.text, stripScraperDate(headline.text))) {
      line.role = 'furniture';
      line.reason = 'headline printed again';
    } else if (/(?:\.\.\.|…)$/.test(line.text)) {
      const stem = line.text.replace(/(?:\.\.\.|…)$/, '').trim();
      if (stem.length > 20 && lines.some((o) => o !== line && o.text.startsWith(stem))) {
        line.role = 'furniture';
        line.reason = 'teaser of a paragraph';
      }
    }
  }
}

/**
 * The page's tail: from a marker such as "Read also:" or "Avatar" in the last
 * part of the page, or an author box ("… is a news editor at the Kyiv
 * Independent"), every line after it is page chrome.
 */
function markTail(lines: PageLine[], registry: OutletRegistry): void {
  const from = Math.floor(lines.length * 0.5);
  for (let i = from; i < lines.length; i++) {
    const t = lines[i]!.text;
    const authorBox = /^[\p{Lu}][\p{L}'’-]+ [\p{Lu}][\p{L}'’-]+ is an? [^.]*\b(?:editor|reporter|correspondent|journalist|writer)\b/u.test(t);
    if (isSitePromotion(t, registry) && lines[i]!.role === 'body') {
      lines[i]!.role = 'furniture';
      lines[i]!.reason = 'site promotion';
    }
    const gluedBox = t.length <= 80 && mentionsIn(t, registry).some((m) => m.index === 0 && /^\p{Lu}/u.test(t.slice(m.length)));
    if (!TAIL_MARKER.test(t) && !authorBox && !gluedBox && !/^author:/i.test(t)) continue;
    // "Read also: <headline>" is chrome on its own line; a bare marker starts the tail.
    if (/^read also:\s*\S/i.test(t) && i < lines.length - 1 && !lines.slice(i + 1).every((l) => l.role !== 'body' || wordCount(l.text) < 12)) continue;
    for (let j = i; j < lines.length; j++) {
      if (lines[j]!.role === 'body' || lines[j]!.role === 'section') {
        lines[j]!.role = 'tail';
        lines[j]!.reason = j === i ? 'author box or related articles' : 'after the end of the article';
      }
    }
    const before = lines[i - 1];
    if (before && before.role === 'body' && isTitleLike(before.text) && !/[.!?"”]$/.test(before.text)) {
      before.role = 'tail';
      before.reason = 'related article headline';
    }
    return;
  }
}
