/**
 * An article's metadata as read on import: the page's own metadata first
 * (Open Graph, JSON-LD, <meta>, <time>, front matter, PDF properties), then
 * the text (text-metadata.ts). Each filled field keeps where it was read and
 * how sure the reading is, so the analyst can confirm or correct it.
 */
import { READ_FIELD_NAMES, type ReadFieldName } from '../model/schema';
import { outletNamed, outletOfUrl, type OutletRegistry } from './outlet-registry';
import { citedOutlets } from './outlets';
import { citingLines, readTextMetadata } from './text-metadata';
import type { PageLine } from './page-lines';

export const READ_FIELDS = READ_FIELD_NAMES;
export type ReadField = ReadFieldName;

export interface FieldGuess {
  value: string;
  /** Where the value was read: 'og:title', 'json-ld', 'headline line 3', 'url domain'. */
  origin: string;
  /** 0–1: how often a reading from there is right. */
  confidence: number;
}

/** What a file's own metadata says, field by field, with the name of the tag or property each came from. */
export type PageMetadata = Partial<Record<ReadField, { value: string; origin: string }>>;

export interface ArticleReading {
  fields: Partial<Record<ReadField, FieldGuess>>;
  /** Outlets the article cites or runs copy from ("Source: Reuters", "© Thomson/Reuters"), never its publisher. */
  cited: string[];
  lines: PageLine[];
}

/** How sure a value from each kind of page metadata is. */
const ORIGIN_CONFIDENCE: [RegExp, number][] = [
  [/^json-ld/, 0.95],
  [/^og:|^article:|^twitter:/, 0.9],
  [/^front matter|^analyst/, 0.95],
  [/^meta /, 0.85],
  [/^<h1>|^<time>|^canonical|^markdown heading/, 0.85],
  [/^<title>/, 0.7],
];

export function originConfidence(origin: string): number {
  return ORIGIN_CONFIDENCE.find(([pattern]) => pattern.test(origin))?.[1] ?? 0.75;
}

/** Reads an article: the page's metadata where it has the field, the text where it does not. */
export function readArticle(text: string, page: PageMetadata, registry: OutletRegistry): ArticleReading {
  const fromText = readTextMetadata(text, registry, page.title?.value ?? '');
  const fields: ArticleReading['fields'] = {};
  for (const field of READ_FIELDS) {
    const given = page[field];
    if (given?.value) fields[field] = { value: given.value, origin: given.origin, confidence: originConfidence(given.origin) };
    else if (fromText[field]) fields[field] = fromText[field];
  }
  // A page whose meta author names one of the byline's several authors: the byline, which names them all.
  const textAuthor = fromText.author?.value ?? '';
  if (page.author?.value && textAuthor.includes(page.author.value) && textAuthor !== page.author.value) fields.author = fromText.author;
  const pageDate = page.publishedAt?.value ?? '';
  const textDate = fromText.publishedAt;
  // A page that gives the day only ("meta name=date 2024-09-26") is completed by the time its text prints.
  if (pageDate && !pageDate.includes('T') && textDate?.value.startsWith(`${pageDate}T`)) fields.publishedAt = textDate;

  // An outlet in the author's place ("meta author: Reuters") is a wire credit, not a person.
  const wireAuthor = fields.author ? outletNamed(registry, fields.author.value) : null;
  if (wireAuthor) delete fields.author;

  fields.outlet = resolveOutlet(fields.outlet, fields.url?.value ?? '', fromText.outlet, registry);
  const outlet = fields.outlet?.value ?? '';
  const cited = citedOutlets(citingLines(fromText.lines), registry, outlet);
  if (wireAuthor && wireAuthor.name !== outlet && !cited.includes(wireAuthor.name)) cited.unshift(wireAuthor.name);
  return { fields, cited, lines: fromText.lines };
}

/**
 * The outlet by its registry name: the site's name when the page gives one,
 * else the domain of its web address, else what the text says.
 */
function resolveOutlet(given: FieldGuess | undefined, url: string, fromText: FieldGuess | undefined, registry: OutletRegistry): FieldGuess | undefined {
  if (given) {
    const entry = outletNamed(registry, given.value);
    return entry ? { ...given, value: entry.name } : given;
  }
  const byUrl = url ? outletOfUrl(registry, url) : null;
  if (byUrl) return { value: byUrl.name, origin: 'url domain', confidence: 0.9 };
  return fromText;
}

/** "2024-07-03T04:45-04:00" → the article's date field and its time ("04:45-04:00"). */
export function splitDateTime(value: string): { publishedAt: string; publishedTime: string } {
  const m = /^(\d{4}-\d{2}-\d{2})(?:T(.+))?$/.exec(value);
  return m ? { publishedAt: m[1]!, publishedTime: m[2] ?? '' } : { publishedAt: '', publishedTime: '' };
}
