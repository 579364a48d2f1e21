/**
 * Web pages: the article's main content via Mozilla Readability (the whole
 * body's text for pages too big for it; limits.ts), and its
 * metadata from the page head (Open Graph, article:published_time, JSON-LD
 * NewsArticle, <link rel=canonical>, <html lang>).
 *
 * The page is parsed by jsdom with scripts off and no resource loading, so
 * nothing in it runs or fetches anything; only its text nodes are read.
 */
import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';
import { formatDateTime, parseDateTime } from '../../../shared/articles/dates';
import { outletNamed, outletRegistry } from '../../../shared/articles/outlet-registry';
import { isDateLine } from '../../../shared/articles/page-lines';
import type { ReadField } from '../../../shared/articles/reading';
import { decodeText } from '../../../shared/text/decode';
import { checkHtmlShape, type HtmlShape } from './html-shape';
import { domToText } from './html-text';
import { READABILITY_MAX_DEPTH, READABILITY_MAX_ELEMENTS } from './limits';
import { ImportFailure, type Extracted, type FileMeta } from './types';

const ARTICLE_TYPES = /^(?:NewsArticle|Article|ReportageNewsArticle|AnalysisNewsArticle|BlogPosting|OpinionNewsArticle|Report|WebPage)$/;

export function extractHtml(bytes: Uint8Array): Extracted {
  const decoded = decodeText(bytes);
  if (!decoded.ok) throw new ImportFailure(decoded.reason);
  const shape = checkHtmlShape(decoded.text);
  // Pages that are not UTF-8 go to jsdom as bytes, so that it honours their <meta charset>.
  const source = decoded.encoding === 'windows-1252' ? Buffer.from(bytes) : decoded.text;
  const dom = new JSDOM(source, { contentType: 'text/html', url: 'https://imported.invalid/', virtualConsole: new VirtualConsole() });
  try {
    const doc = dom.window.document;
    const meta = pageMetadata(doc);
    const { text, body } = mainText(doc, shape);
    completeTime(meta, body);
    return { text, meta };
  } finally {
    dom.window.close();
  }
}

function mainText(doc: Document, shape: HtmlShape): { text: string; body: string } {
  const bodyText = () => domToText(doc.body ?? doc.documentElement);
  const small = shape.depth <= READABILITY_MAX_DEPTH && shape.elements <= READABILITY_MAX_ELEMENTS;
  const parsed = small ? readability(doc) : null;
  const article = parsed?.content ? domToText(parsed.content) : '';
  // Readability can keep too little of short or unusual pages; then the whole body is better than a fragment.
  const body = bodyText();
  return { text: article.length >= Math.min(200, body.length * 0.5) ? article : body, body };
}

/** How far into the page's text a printed time for the metadata's date is looked for. */
const TIME_SEARCH_LINES = 60;

/** A metadata date without a time ("meta name=date 2024-09-26") gets the time the page prints for that day, even outside the article's main text. */
function completeTime(meta: FileMeta, body: string): void {
  const date = meta.publishedAt ?? '';
  if (!date || date.includes('T')) return;
  for (const line of body.split('\n', TIME_SEARCH_LINES)) {
    if (!isDateLine(line.trim())) continue;
    const read = parseDateTime(line);
    if (read?.date === date && read.time) {
      meta.publishedAt = formatDateTime(read);
      meta.origins = { ...meta.origins, publishedAt: `${meta.origins?.publishedAt ?? 'page metadata'}, time printed on the page` };
      return;
    }
  }
}

/** Readability's reading of a copy of the page (it edits the document it reads); null when it finds no article. */
function readability(doc: Document): ReturnType<Readability<Node>['parse']> {
  try {
    return new Readability<Node>(doc.cloneNode(true) as Document, { serializer: (node) => node, maxElemsToParse: READABILITY_MAX_ELEMENTS }).parse();
  } catch {
    return null;
  }
}

interface JsonLdArticle {
  headline?: unknown;
  name?: unknown;
  author?: unknown;
  datePublished?: unknown;
  publisher?: unknown;
  url?: unknown;
  mainEntityOfPage?: unknown;
  inLanguage?: unknown;
}

function pageMetadata(doc: Document): FileMeta {
  const meta: FileMeta = { origins: {} };
  const put = (field: ReadField, value: string, origin: string) => {
    if (value && !meta[field]) {
      meta[field] = value;
      meta.origins![field] = origin;
    }
  };
  const metaContent = (selector: string) => clean(doc.querySelector(selector)?.getAttribute('content'));
  const ld = jsonLdArticle(doc);
  put('url', webUrl(doc.querySelector('link[rel~="canonical"]')?.getAttribute('href')), 'canonical link');
  put('url', webUrl(metaContent('meta[property="og:url"]')), 'og:url');
  put('url', webUrl(text(ld?.url)) || webUrl(text(ld?.mainEntityOfPage) || text(objectField(ld?.mainEntityOfPage, '@id'))), 'json-ld url');

  put('outlet', metaContent('meta[property="og:site_name"]'), 'og:site_name');
  put('outlet', text(objectField(ld?.publisher, 'name')), 'json-ld publisher');
  put('outlet', metaContent('meta[name="application-name"]'), 'meta application-name');

  const siteNames = [meta.outlet ?? ''].filter(Boolean);
  const h1 = clean(doc.querySelector('h1')?.textContent);
  for (const [value, origin] of [
    [text(ld?.headline), 'json-ld headline'],
    [metaContent('meta[property="og:title"]'), 'og:title'],
    [metaContent('meta[name="twitter:title"]'), 'twitter:title'],
  ] as const) put('title', headlineOf(value, h1, siteNames), origin);
  put('title', h1, '<h1>');
  const titleTag = clean(doc.title);
  put('title', headlineOf(titleTag, h1, siteNames), '<title>');
  put('outlet', titleSuffix(titleTag, meta.title ?? ''), '<title> suffix');

  put('author', personName(ld?.author), 'json-ld author');
  put('author', byline(metaContent('meta[name="author"]')), 'meta author');
  put('author', byline(nonUrl(metaContent('meta[property="article:author"]'))), 'article:author');

  const dates: [string, string][] = [
    [text(ld?.datePublished), 'json-ld datePublished'],
    [metaContent('meta[property="article:published_time"]'), 'article:published_time'],
    [metaContent('meta[itemprop="datePublished"]'), 'meta datePublished'],
    [metaContent('meta[name="date"]') || metaContent('meta[name="pubdate"]') || metaContent('meta[name="dc.date"]'), 'meta date'],
    [clean(doc.querySelector('time[datetime]')?.getAttribute('datetime')), '<time datetime>'],
  ];
  for (const [value, origin] of dates) {
    const read = parseDateTime(value);
    if (read) put('publishedAt', formatDateTime(read), origin);
  }
  meta.language = languageTag(text(ld?.inLanguage) || doc.documentElement.getAttribute('lang') || metaContent('meta[http-equiv="content-language" i]'));
  return meta;
}

const TITLE_SEPARATOR = /\s+[|–—-]\s+/;

/**
 * The headline in a page title: the <h1> when the title starts with it, else
 * the title without the site's name and what follows it ("… – DW –
 * 10/04/2024"). A cited outlet ending a headline ("… – The Times") stays.
 */
function headlineOf(title: string, h1: string, siteNames: string[]): string {
  if (!title) return '';
  if (h1 && title.toLowerCase().startsWith(h1.toLowerCase())) return h1;
  const parts = title.split(TITLE_SEPARATOR);
  const registry = outletRegistry();
  const own = new Set(siteNames.map((n) => outletNamed(registry, n)?.name ?? n.toLowerCase()));
  const siteAt = parts.findIndex((p, i) => i > 0 && own.has(outletNamed(registry, p)?.name ?? p.toLowerCase()));
  return siteAt > 0 ? parts.slice(0, siteAt).join(' – ') : title;
}

/** "Headline | Ukrainska Pravda" → "Ukrainska Pravda", when what comes before the bar is the headline. */
function titleSuffix(title: string, headline: string): string {
  if (!headline || !title.startsWith(headline)) return '';
  const rest = title.slice(headline.length);
  const m = /^\s+[|–—-]\s+(.+)$/.exec(rest);
  return m ? m[1]!.split(TITLE_SEPARATOR).at(-1)!.trim() : '';
}

/** The first JSON-LD object on the page that describes an article (inside @graph and arrays too). */
function jsonLdArticle(doc: Document): JsonLdArticle | null {
  for (const script of Array.from(doc.querySelectorAll('script[type="application/ld+json"]'))) {
    let data: unknown;
    try {
      data = JSON.parse(script.textContent ?? '');
    } catch {
      continue;
    }
    const found = findArticle(data, 0);
    if (found) return found;
  }
  return null;
}

function findArticle(data: unknown, depth: number): JsonLdArticle | null {
  if (depth > 4 || !data || typeof data !== 'object') return null;
  if (Array.isArray(data)) {
    for (const item of data) {
      const found = findArticle(item, depth + 1);
      if (found) return found;
    }
    return null;
  }
  const record = data as Record<string, unknown>;
  const types = ([] as unknown[]).concat(record['@type'] ?? []);
  if (types.some((t) => typeof t === 'string' && ARTICLE_TYPES.test(t)) && (record.headline || record.datePublished)) return record as JsonLdArticle;
  return findArticle(record['@graph'], depth + 1);
}

function objectField(value: unknown, field: string): unknown {
  const first = Array.isArray(value) ? value[0] : value;
  return first && typeof first === 'object' ? (first as Record<string, unknown>)[field] : undefined;
}

function personName(value: unknown): string {
  const people = Array.isArray(value) ? value : value ? [value] : [];
  const names = people.map((p) => (typeof p === 'string' ? nonUrl(p) : text(objectField(p, 'name')))).filter(Boolean);
  return names.slice(0, 6).join(', ');
}

function text(value: unknown): string {
  return typeof value === 'string' ? clean(value) : '';
}

function clean(value: string | null | undefined): string {
  return (value ?? '').replace(/\s+/g, ' ').trim().slice(0, 2_000);
}

/** "By Jane Roe" → "Jane Roe". */
function byline(value: string | null | undefined): string {
  return clean(value).replace(/^by\s+/i, '');
}

function nonUrl(value: string): string {
  return /^https?:\/\//i.test(value) ? '' : value;
}

/** Only web links are kept: a canonical "javascript:" or "data:" URL is not a URL of the article. */
function webUrl(value: string | null | undefined): string {
  try {
    const url = new URL(clean(value));
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : '';
  } catch {
    return '';
  }
}

function languageTag(value: string | null): string {
  const m = /^([a-z]{2,3})(?:[-_]|$)/i.exec(clean(value));
  return m ? m[1]!.toLowerCase() : '';
}
