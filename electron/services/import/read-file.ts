/**
 * Everything that reads one file, from its bytes to an article's text and
 * metadata, its hash and its copy-detection fingerprint: the work that runs
 * in the read worker (read-worker.ts), away from the API.
 */
import type { ImportFormat } from '../../../shared/articles/import-formats';
import { detectLanguage } from '../../../shared/articles/language';
import { inferTextMetadata } from '../../../shared/articles/text-metadata';
import { fingerprint, type Fingerprint } from '../../../shared/copies/fingerprint';
import type { Article } from '../../../shared/model/schema';
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

export interface FileToRead {
  name: string;
  data: Uint8Array;
  /** Metadata the analyst typed; wins over anything read from the file. */
  meta?: Partial<ArticleMeta>;
  /** Text pasted by the analyst rather than a file. */
  pasted?: boolean;
}

export interface ReadFile {
  text: string;
  hash: string;
  format: ImportFormat;
  meta: ArticleMeta;
  prefilled: string[];
  fingerprint: Fingerprint;
}

const META_FIELDS = ['title', 'outlet', 'author', 'publishedAt', 'url', 'language'] as const;

/** Reads one file into an article's text and metadata; throws ImportFailure with the reason when it cannot. */
export async function readFile(file: FileToRead): Promise<ReadFile> {
  if (file.data.length === 0) throw new ImportFailure('The file is empty.');
  const format: ImportFormat = file.pasted ? 'paste' : sniffFormat(file.name, file.data);
  const extracted = await extract(format, file.data);
  if (extracted.text.length > MAX_ARTICLE_CHARS * 2) throw new ImportFailure(limitReason.chars(extracted.text.length));
  const text = normaliseText(extracted.text);
  if (!text) throw new ImportFailure(format === 'html' ? 'The page has no readable text.' : 'The file has no text in it (only spaces or blank lines).');
  if (text.length > MAX_ARTICLE_CHARS) throw new ImportFailure(limitReason.chars(text.length));
  const { meta, prefilled } = mergeMeta(file.meta ?? {}, extracted.meta, text, file.name);
  return { text, hash: textHash(text), format, meta, prefilled, fingerprint: fingerprint(text) };
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

/** What the analyst typed, else what the file says, else what the text's opening lines say. */
function mergeMeta(typed: Partial<ArticleMeta>, fromFile: FileMeta, text: string, fileName: string): { meta: ArticleMeta; prefilled: string[] } {
  const fromText = inferTextMetadata(text);
  const detected = detectLanguage(text);
  const guessed: FileMeta = { ...fromText, language: detected || fromFile.language || '' };
  const meta: ArticleMeta = { title: '', outlet: '', author: '', publishedAt: '', url: '', language: '', notes: typed.notes ?? '' };
  const prefilled: string[] = [];
  for (const field of META_FIELDS) {
    const typedValue = typed[field]?.trim();
    const found = field === 'language' ? guessed.language : fromFile[field]?.trim() || guessed[field]?.trim();
    meta[field] = (typedValue || found || '').slice(0, field === 'publishedAt' || field === 'language' ? 40 : 8_000);
    if (!typedValue && found) prefilled.push(field);
  }
  meta.title ||= fileName.replace(/\.[^.]+$/, '');
  return { meta, prefilled };
}
