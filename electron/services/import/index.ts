/**
 * The import pipeline: files in, `article.add` and `copyFlag.add` commands out.
 *
 * Each file is checked (size, type), read by its format's reader, normalised
 * once, hashed (an exact re-import is skipped), given metadata (what the
 * analyst typed, else what the file says, else what its opening lines say)
 * and compared with the casefile's other articles for copies. A bad file
 * fails alone, with a reason; it never stops the batch.
 */
import type { ImportFileResult } from '../../../shared/api/contract';
import { MAX_IMPORT_FILE_BYTES, STOPPED_BEFORE_READING, tooLargeReason, type ImportFormat } from '../../../shared/articles/import-formats';
import { detectLanguage } from '../../../shared/articles/language';
import { inferTextMetadata } from '../../../shared/articles/text-metadata';
import type { SingleCommand } from '../../../shared/commands/commands';
import type { CopyIndex } from '../../../shared/copies/index';
import { newId } from '../../../shared/model/ids';
import type { Article, Casefile } from '../../../shared/model/schema';
import { textHash } from '../../../shared/text/hash';
import { normaliseText } from '../../../shared/text/normalise';
import { articleFingerprint, casefileCopyIndex } from './copies';
import { extractDocx } from './extract-docx';
import { extractHtml } from './extract-html';
import { extractPdf } from './extract-pdf';
import { decodeOrFail, extractMarkdown, extractPlainText } from './extract-text';
import { sniffFormat } from './sniff';
import { ImportFailure, ImportStopped, type Extracted, type FileMeta } from './types';

export type ArticleMeta = Pick<Article, 'title' | 'outlet' | 'author' | 'publishedAt' | 'url' | 'language' | 'notes'>;

interface SourceInfo {
  name: string;
  /** Metadata the analyst typed; wins over anything read from the file. */
  meta?: Partial<ArticleMeta>;
  /** Text pasted by the analyst rather than a file. */
  pasted?: boolean;
}

/** A file known by its size and a way to read it, so that an oversized one is refused unread. */
export type SizedSource = SourceInfo & { size: number; read: () => Uint8Array | Promise<Uint8Array> };

/** A file to import: its bytes, or its size and a way to read them. */
export type ImportSource = (SourceInfo & { data: Uint8Array }) | SizedSource;

export interface ImportPlan {
  results: ImportFileResult[];
  commands: SingleCommand[];
}

export interface ImportOptions {
  /** Called after each file; the batch yields to the event loop between files so progress reaches the UI. */
  onProgress?: (done: number, total: number, label: string) => void;
  /** Once aborted, the files not yet read are reported as stopped; those read are still planned. */
  signal?: AbortSignal;
}

const META_FIELDS = ['title', 'outlet', 'author', 'publishedAt', 'url', 'language'] as const;

interface Prepared {
  text: string;
  format: ImportFormat;
  meta: ArticleMeta;
  prefilled: string[];
}

/** Turns files into commands for the open casefile, skipping texts it already holds. */
export async function planImport(files: ImportSource[], casefile: Casefile, options: ImportOptions = {}): Promise<ImportPlan> {
  const byHash = new Map(Object.values(casefile.articles).map((a) => [a.textHash, { id: a.id, title: a.title }]));
  const titles = new Map(Object.values(casefile.articles).map((a) => [a.id, a.title]));
  let copyIndex: CopyIndex | null = null;
  const results: ImportFileResult[] = [];
  const commands: SingleCommand[] = [];

  for (const [i, file] of files.entries()) {
    const fileName = file.name;
    if (options.signal?.aborted) {
      results.push({ fileName, outcome: 'stopped', message: STOPPED_BEFORE_READING });
      continue;
    }
    try {
      const prepared = await prepare(file, options.signal);
      const hash = textHash(prepared.text);
      const existing = byHash.get(hash);
      if (existing) {
        results.push({ fileName, outcome: 'duplicate', articleId: existing.id, title: existing.title, message: `The casefile already has this text, as “${existing.title}”.` });
      } else {
        const id = newId('a');
        commands.push({
          type: 'article.add',
          article: { id, ...prepared.meta, text: prepared.text, textHash: hash, origin: { fileName, format: prepared.format }, excluded: [] },
        });
        copyIndex ??= casefileCopyIndex(casefile);
        const fp = articleFingerprint({ text: prepared.text, textHash: hash, excluded: [] });
        const copies = copyIndex.matches(fp).map((m) => ({ articleId: m.articleId, title: titles.get(m.articleId) ?? '', kind: m.kind, similarity: round(m.similarity) }));
        for (const copy of copies) {
          commands.push({
            type: 'copyFlag.add',
            flag: { id: newId('cf'), articleA: copy.articleId, articleB: id, similarity: copy.similarity, kind: copy.kind, status: 'open' },
          });
        }
        copyIndex.add(id, fp);
        byHash.set(hash, { id, title: prepared.meta.title });
        titles.set(id, prepared.meta.title);
        results.push({ fileName, outcome: 'imported', articleId: id, title: prepared.meta.title, prefilled: prepared.prefilled, copies });
      }
    } catch (error) {
      results.push(error instanceof ImportStopped ? { fileName, outcome: 'stopped', message: error.message } : { fileName, outcome: 'failed', message: failureMessage(error) });
    }
    options.onProgress?.(i + 1, files.length, fileName);
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { results, commands };
}

async function prepare(file: ImportSource, signal?: AbortSignal): Promise<Prepared> {
  if ('size' in file && file.size > MAX_IMPORT_FILE_BYTES) throw new ImportFailure(tooLargeReason(file.size));
  const data = 'data' in file ? file.data : await file.read();
  if (data.length > MAX_IMPORT_FILE_BYTES) throw new ImportFailure(tooLargeReason(data.length));
  if (data.length === 0) throw new ImportFailure('The file is empty.');
  const format: ImportFormat = file.pasted ? 'paste' : sniffFormat(file.name, data);
  const extracted = await extract(format, data, signal);
  const text = normaliseText(extracted.text);
  if (!text) throw new ImportFailure(format === 'html' ? 'The page has no readable text.' : 'The file has no text in it (only spaces or blank lines).');
  const { meta, prefilled } = mergeMeta(file.meta ?? {}, extracted.meta, text, file.name);
  return { text, format, meta, prefilled };
}

function extract(format: ImportFormat, data: Uint8Array, signal?: AbortSignal): Extracted | Promise<Extracted> {
  switch (format) {
    case 'pdf': return extractPdf(data, signal);
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

function failureMessage(error: unknown): string {
  if (error instanceof ImportFailure) return error.message;
  return `The file could not be read: ${error instanceof Error ? error.message : String(error)}`;
}

function round(similarity: number): number {
  return Math.round(similarity * 1000) / 1000;
}
