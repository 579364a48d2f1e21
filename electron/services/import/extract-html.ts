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
import { parseDate } from '../../../shared/articles/dates';
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
    const text = mainText(doc, meta, shape);
    return { text, meta };
  } finally {
    dom.window.close();
  }
}

function mainText(doc: Document, meta: FileMeta, shape: HtmlShape): string {
  const bodyText = () => domToText(doc.body ?? doc.documentElement);
  const small = shape.depth <= READABILITY_MAX_DEPTH && shape.elements <= READABILITY_MAX_ELEMENTS;
  const parsed = small ? readability(doc) : null;
  if (parsed) {
    meta.title ||= clean(parsed.title);
    meta.author ||= byline(parsed.byline);
    meta.outlet ||= clean(parsed.siteName);
    meta.publishedAt ||= parseDate(parsed.publishedTime ?? '');
  }
  meta.title ||= clean(doc.title);
  const article = parsed?.content ? domToText(parsed.content) : '';
  // Readability can keep too little of short or unusual pages; then the whole body is better than a fragment.
  const body = bodyText();
  return article.length >= Math.min(200, body.length * 0.5) ? article : body;
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
  const metaContent = (selector: string) => clean(doc.querySelector(selector)?.getAttribute('content'));
  const ld = jsonLdArticle(doc);
  const url = webUrl(doc.querySelector('link[rel~="canonical"]')?.getAttribute('href'))
    || webUrl(metaContent('meta[property="og:url"]'))
    || webUrl(text(ld?.url))
    || webUrl(text(ld?.mainEntityOfPage) || text(objectField(ld?.mainEntityOfPage, '@id')));
  return {
    // Without these, Readability's title (the <title> without the site's name) is used.
    title: text(ld?.headline) || metaContent('meta[property="og:title"]') || metaContent('meta[name="twitter:title"]'),
    author: personName(ld?.author) || byline(metaContent('meta[name="author"]')) || byline(nonUrl(metaContent('meta[property="article:author"]'))),
    publishedAt: parseDate(text(ld?.datePublished))
      || parseDate(metaContent('meta[property="article:published_time"]'))
      || parseDate(metaContent('meta[name="date"]') || metaContent('meta[name="pubdate"]') || metaContent('meta[name="dc.date"]') || metaContent('meta[itemprop="datePublished"]'))
      || parseDate(clean(doc.querySelector('time[datetime]')?.getAttribute('datetime'))),
    outlet: metaContent('meta[property="og:site_name"]') || text(objectField(ld?.publisher, 'name')) || metaContent('meta[name="application-name"]'),
    url,
    language: languageTag(text(ld?.inLanguage) || doc.documentElement.getAttribute('lang') || metaContent('meta[http-equiv="content-language" i]')),
  };
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
