/**
 * Metadata read from an article's text, as an analyst reads a page: the
 * headline is the line that looks like one near the top and is not
 * furniture; the outlet comes from the masthead, a "· novinite.com" line or
 * the site talking about itself, never from an outlet the text cites; the
 * byline gives one or several authors; the date is the one printed in the
 * head (with its time and zone). Dates of events in the body are never taken
 * for the publication date.
 *
 * Every field comes with where it was read and how sure the reading is.
 */
import { formatDateTime, parseDateTime } from './dates';
import { outletFromLines } from './outlets';
import { readBylineLine, readPageLines, stripScraperDate, type PageLine } from './page-lines';
import type { OutletRegistry } from './outlet-registry';
import type { FieldGuess } from './reading';

export interface TextMetadata {
  title?: FieldGuess;
  author?: FieldGuess;
  /** "2024-07-03", or with the printed time "2024-07-03T04:45" / "2024-07-03T04:45-04:00". */
  publishedAt?: FieldGuess;
  outlet?: FieldGuess;
  url?: FieldGuess;
  lines: PageLine[];
}

const HEAD_LINES = 40;
const FIRST_SENTENCE_MAX = 160;
const URL_LINE = /^https?:\/\/\S+$/;

/** Reads the text's metadata; `title` is a headline the page's metadata already gave, used to find the headline line. */
export function readTextMetadata(text: string, registry: OutletRegistry, title = ''): TextMetadata {
  const lines = readPageLines(text, registry, title);
  const where = (l: PageLine) => `line ${lines.indexOf(l) + 1}`;
  const out: TextMetadata = { lines };

  const headline = lines.find((l) => l.role === 'headline');
  if (headline) out.title = { value: headlineText(headline, lines), origin: `headline ${where(headline)}`, confidence: 0.8 };
  else if (lines[0]) out.title = { value: firstSentence(lines[0].text), origin: 'first sentence (no headline found)', confidence: 0.3 };

  const head = lines.slice(0, HEAD_LINES);
  const bylines = head.filter((l) => l.role === 'byline');
  for (const line of bylines) {
    const names = readBylineLine(stripScraperDate(line.text), registry);
    if (names?.length) {
      out.author = { value: names.join(', '), origin: `byline ${where(line)}`, confidence: 0.8 };
      break;
    }
  }
  if (!out.author) {
    const bare = bylines.find((l) => !readBylineLine(l.text, registry));
    if (bare) out.author = { value: bare.text, origin: `name above the date, ${where(bare)}`, confidence: 0.6 };
  }

  out.publishedAt = publicationDate(lines, head);
  const outlet = outletFromLines(lines.map((l) => l.text), registry);
  if (outlet) out.outlet = { value: outlet.name, origin: outlet.origin, confidence: outlet.confidence };
  const url = lines.find((l) => URL_LINE.test(l.text));
  if (url) out.url = { value: url.text, origin: `web address ${where(url)}`, confidence: 0.7 };
  return out;
}

/** Lines where a citation counts: article text, the headline and the copyright notice (a wire credit), not captions or related links. */
export function citingLines(lines: readonly PageLine[]): string[] {
  return lines.filter((l) => l.role === 'body' || l.role === 'headline' || l.role === 'byline' || l.reason === 'copyright notice').map((l) => l.text);
}

/**
 * The date printed in the head: a byline's or a date line's, preferring one
 * with a time; the scraper's "date 2024-07-03" only when nothing else says so.
 */
const UPDATED = /^\W*(?:last\s+)?(?:updated|modified)\b/i;

function publicationDate(lines: PageLine[], head: PageLine[]): FieldGuess | undefined {
  const candidates: FieldGuess[] = [];
  const updated: FieldGuess[] = [];
  for (const line of head) {
    if (line.role !== 'byline' && line.role !== 'date') continue;
    const read = parseDateTime(stripScraperDate(line.text));
    if (!read) continue;
    const guess = { value: formatDateTime(read), origin: `${line.role === 'byline' ? 'byline' : 'date line'} line ${lines.indexOf(line) + 1}`, confidence: read.time ? 0.9 : 0.8 };
    // "Updated …" is when the page last changed, not when it was published: it counts only when nothing else gives a date.
    if (UPDATED.test(line.text)) updated.push(guess);
    else candidates.push(guess);
  }
  const scraped = /^date\s*:?\s*(\d{4}-\d{2}-\d{2})\b/i.exec(lines[0]?.text ?? '');
  if (!candidates.length) candidates.push(...updated);
  const best = candidates.find((c) => c.value.includes('T')) ?? candidates[0];
  if (best && (!scraped || best.value.startsWith(scraped[1]!))) return best;
  if (scraped) return { value: scraped[1]!, origin: 'date before line 1', confidence: 0.7 };
  return best;
}

/** The headline as printed; a page that prints it twice with a full stop (as some aggregators do) loses the stop. */
function headlineText(headline: PageLine, lines: readonly PageLine[]): string {
  const text = stripScraperDate(headline.text);
  return lines.some((l) => l !== headline && l.text === headline.text) ? text.replace(/\.$/, '') : text;
}

function firstSentence(paragraph: string): string {
  const sentence = /^.+?[.!?](?=\s|$)/.exec(paragraph)?.[0] ?? paragraph;
  if (sentence.length <= FIRST_SENTENCE_MAX) return sentence;
  const cut = sentence.slice(0, FIRST_SENTENCE_MAX);
  return `${cut.slice(0, cut.lastIndexOf(' ') > 80 ? cut.lastIndexOf(' ') : FIRST_SENTENCE_MAX)}…`;
}
