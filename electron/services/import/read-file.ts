/**
 * Everything that reads one file, from its bytes to an article's text and
 * metadata, its hash and its copy-detection fingerprint: the work that runs
 * in the read worker (read-worker.ts), away from the API.
 */
import type { ImportFormat } from '../../../shared/articles/import-formats';
import { detectLanguage } from '../../../shared/articles/language';
import { chromeFromLines, type ChromeCandidate } from '../../../shared/articles/chrome';
import { outletRegistry } from '../../../shared/articles/outlet-registry';
import { readArticle, READ_FIELDS, splitDateTime, type PageMetadata } from '../../../shared/articles/reading';
import { fingerprint, type Fingerprint } from '../../../shared/copies/fingerprint';
import type { Article, FieldOrigin, OutletEntry, ReadFieldName } from '../../../shared/model/schema';
import { textHash } from '../../../shared/text/hash';
import { normaliseText } from '../../../shared/text/normalise';
import { extractDocx } from './extract-docx';
import { extractHtml } from './extract-html';
import { extractPdf } from './extract-pdf';
import { decodeOrFail, extractMarkdown, extractPlainText } from './extract-text';
import { limitReason, MAX_ARTICLE_CHARS } from './limits';
import { sniffFormat } from './sniff';
import { ImportFailure, type Extracted, type FileMeta } from './types';

export type ArticleMeta = Pick<Article, 'title' | 'outlet' | 'author' | 'publishedAt' | 'url' | 'language' | 'notes'>;

/** What was read about the article beyond its fields: where each came from, its cited outlets, its likely page chrome. */
export interface ReadDetails {
  publishedTime: string;
  origins: Partial<Record<ReadFieldName, FieldOrigin>>;
  cited: string[];
  chrome: ChromeCandidate[];
}

export interface FileToRead {
  name: string;
  data: Uint8Array;
  /** Metadata the analyst typed; wins over anything read from the file. */
  meta?: Partial<ArticleMeta>;
  /** Text pasted by the analyst rather than a file. */
  pasted?: boolean;
  /** The casefile's own outlet registry entries, laid over the shipped ones. */
  outlets?: OutletEntry[];
}

export interface ReadFile {
  text: string;
  hash: string;
  format: ImportFormat;
  meta: ArticleMeta;
  prefilled: string[];
  details: ReadDetails;
  fingerprint: Fingerprint;
}

/** Reads one file into an article's text and metadata; throws ImportFailure with the reason when it cannot. */
export async function readFile(file: FileToRead): Promise<ReadFile> {
  if (file.data.length === 0) throw new ImportFailure('The file is empty.');
  const format: ImportFormat = file.pasted ? 'paste' : sniffFormat(file.name, file.data);
  const extracted = await extract(format, file.data);
  if (extracted.text.length > MAX_ARTICLE_CHARS * 2) throw new ImportFailure(limitReason.chars(extracted.text.length));
  const text = normaliseText(extracted.text);
  if (!text) throw new ImportFailure(format === 'html' ? 'The page has no readable text.' : 'The file has no text in it (only spaces or blank lines).');
  if (text.length > MAX_ARTICLE_CHARS) throw new ImportFailure(limitReason.chars(text.length));
  const { meta, prefilled, details } = mergeMeta(file.meta ?? {}, extracted.meta, text, file.name, file.outlets ?? []);
  return { text, hash: textHash(text), format, meta, prefilled, details, fingerprint: fingerprint(text) };
}

function extract(format: ImportFormat, data: Uint8Array): Extracted | Promise<Extracted> {
  switch (format) {
    case 'pdf': return extractPdf(data);
    case 'docx': return extractDocx(data);
    case 'html': return extractHtml(data);
    case 'md': return extractMarkdown(data);
    case 'paste': return { text: decodeOrFail(data), meta: {} };
    case 'txt': return extractPlainText(data);
  }
}

/** What the analyst typed, else what the file says, else what the text says (shared/articles/reading.ts). */
function mergeMeta(typed: Partial<ArticleMeta>, fromFile: FileMeta, text: string, fileName: string, outlets: OutletEntry[]) {
  const page: PageMetadata = {};
  for (const field of READ_FIELDS) {
    const value = fromFile[field]?.trim();
    if (value) page[field] = { value, origin: fromFile.origins?.[field] ?? 'file metadata' };
  }
  const reading = readArticle(text, page, outletRegistry(outlets));
  const meta: ArticleMeta = { title: '', outlet: '', author: '', publishedAt: '', url: '', language: '', notes: typed.notes ?? '' };
  const details: ReadDetails = { publishedTime: '', origins: {}, cited: reading.cited, chrome: chromeFromLines(reading.lines) };
  const prefilled: string[] = [];
  for (const field of READ_FIELDS) {
    const typedValue = typed[field]?.trim();
    const found = reading.fields[field];
    let value = typedValue || found?.value || '';
    if (field === 'publishedAt') {
      const split = splitDateTime(value);
      value = split.publishedAt;
      if (!typedValue) details.publishedTime = split.publishedTime;
    }
    meta[field] = value.slice(0, 8_000);
    if (typedValue) details.origins[field] = { origin: 'analyst', confidence: 1, confirmed: true };
    else if (found && value) {
      details.origins[field] = { origin: found.origin.slice(0, 200), confidence: found.confidence };
      prefilled.push(field);
    }
  }
  const language = detectLanguage(text) || fromFile.language || '';
  meta.language = typed.language?.trim() || language;
  if (!typed.language?.trim() && language) prefilled.push('language');
  meta.title ||= fileName.replace(/\.[^.]+$/, '');
  return { meta, prefilled, details };
}
