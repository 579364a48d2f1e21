/**
 * The import pipeline: files in, `article.add` and `copyFlag.add` commands out.
 *
 * Each file is checked for size, then read in a worker (read-file.ts: its
 * format's reader, normalised once, hashed, given metadata, fingerprinted);
 * an exact re-import is skipped, and the rest is compared with the
 * casefile's other articles for copies. A bad file
 * fails alone, with a reason; it never stops the batch.
 */
import type { ImportFileResult } from '../../../shared/api/contract';
import { isExpectedError, toErrorBody } from '../../../shared/api/dispatch';
import { MAX_IMPORT_FILE_BYTES, STOPPED_BEFORE_READING, tooLargeReason } from '../../../shared/articles/import-formats';
import type { SingleCommand } from '../../../shared/commands/commands';
import { groupBy } from '../../../shared/lib/collections';
import { mergeProposals, repeatedChrome, type ChromeCandidate } from '../../../shared/articles/chrome';
import { outletNamed, outletRegistry } from '../../../shared/articles/outlet-registry';
import { sharedPassages, type PassageText } from '../../../shared/copies/passages';
import { newId } from '../../../shared/model/ids';
import type { Article, Casefile } from '../../../shared/model/schema';
import { matchThenIndex, rememberFingerprint, returnCopyIndex, takeCopyIndex, type CasefileIndex } from './copies';
import type { ArticleMeta, FileToRead, ReadFile } from './read-file';
import { readWorkers, type ReadWorkers } from './read-workers';
import { ImportFailure, ImportStopped } from './types';

export type { ArticleMeta } from './read-file';

interface SourceInfo {
  name: string;
  /** Metadata the analyst typed; wins over anything read from the file. */
  meta?: Partial<ArticleMeta>;
  /** Text pasted by the analyst rather than a file. */
  pasted?: boolean;
}

/** A file known by its size and a way to read it, so that an oversized one is refused unread. */
export type SizedSource = SourceInfo & { size: number; read: () => Uint8Array | Promise<Uint8Array> };

/** Where a page fetched from a link came from (kept in the article's origin). */
export type LinkOrigin = Pick<Article['origin'], 'link' | 'fetchedUrl' | 'retrievedAt' | 'snapshot'>;

/** A page to fetch before it is read (import from a link). */
export type LinkSource = SourceInfo & { fetch: (signal?: AbortSignal) => Promise<{ data: Uint8Array; name: string; meta: Partial<ArticleMeta>; origin: LinkOrigin }> };

/** A file to import: its bytes, its size and a way to read them, or a link to fetch. */
export type ImportSource = (SourceInfo & { data: Uint8Array }) | SizedSource | LinkSource;

export interface ImportPlan {
  results: ImportFileResult[];
  commands: SingleCommand[];
}

export interface ImportOptions {
  /** Called after each file; the batch yields to the event loop between files so progress reaches the UI. */
  onProgress?: (done: number, total: number, label: string) => void;
  /** Once aborted, the files not yet read are reported as stopped; those read are still planned. */
  signal?: AbortSignal;
  /** Where files are read (tests give workers with other limits). */
  readers?: ReadWorkers;
}

/** Turns files into commands for the open casefile, skipping texts it already holds. */
export async function planImport(files: ImportSource[], casefile: Casefile, options: ImportOptions = {}): Promise<ImportPlan> {
  const byHash = new Map(Object.values(casefile.articles).map((a) => [a.textHash, { id: a.id, title: a.title }]));
  const titles = new Map(Object.values(casefile.articles).map((a) => [a.id, a.title]));
  const texts = new Map<string, PassageText>(Object.values(casefile.articles).map((a) => [a.id, a]));
  let copyIndex: CasefileIndex | null = null;
  const results: ImportFileResult[] = [];
  const commands: SingleCommand[] = [];
  const batch: NewArticle[] = [];

  for (const [i, file] of files.entries()) {
    const fileName = file.name;
    if (options.signal?.aborted) {
      results.push({ fileName, outcome: 'stopped', message: STOPPED_BEFORE_READING });
      continue;
    }
    try {
      const { prepared, origin, name } = await read({ ...file, outlets: casefile.outlets }, options.readers ?? readWorkers, options.signal);
      const hash = prepared.hash;
      const existing = byHash.get(hash);
      if (existing) {
        results.push({ fileName, outcome: 'duplicate', articleId: existing.id, title: existing.title, message: `The casefile already has this text, as “${existing.title}”.` });
      } else {
        const id = newId('a');
        const added = articleToAdd(id, prepared, name, origin);
        commands.push({ type: 'article.add', article: added });
        batch.push(added);
        copyIndex ??= takeCopyIndex(casefile);
        const fp = prepared.fingerprint;
        rememberFingerprint({ textHash: hash, excluded: [] }, fp);
        // The kept index may hold articles this casefile does not have (see takeCopyIndex): only ours count.
        const copies = matchThenIndex(copyIndex, { id, textHash: hash, excluded: [] }, fp).filter((m) => texts.has(m.articleId)).map((m) => ({
          articleId: m.articleId, title: titles.get(m.articleId) ?? '', kind: m.kind, similarity: round(m.similarity),
          passages: sharedPassages(texts.get(m.articleId)!, prepared),
        }));
        for (const { articleId, similarity, kind, passages } of copies) {
          commands.push({
            type: 'copyFlag.add',
            flag: { id: newId('cf'), articleA: articleId, articleB: id, similarity, kind, passages, status: 'open' },
          });
        }
        byHash.set(hash, { id, title: prepared.meta.title });
        titles.set(id, prepared.meta.title);
        texts.set(id, prepared);
        results.push({ fileName, outcome: 'imported', articleId: id, title: prepared.meta.title, prefilled: prepared.prefilled, copies });
      }
    } catch (error) {
      results.push(error instanceof ImportStopped ? { fileName, outcome: 'stopped', message: error.message } : { fileName, outcome: 'failed', message: failureMessage(error) });
    }
    options.onProgress?.(i + 1, files.length, fileName);
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (copyIndex) returnCopyIndex(copyIndex);
  proposeOutletChrome(batch, casefile);
  return { results, commands };
}

/** How many of an outlet's articles already in the casefile are compared for repeated lines. */
const EARLIER_PER_OUTLET = 30;

type NewArticle = Extract<SingleCommand, { type: 'article.add' }>['article'];

/** The article.add payload: fields, where each was read, cited outlets and page-chrome proposals. */
function articleToAdd(id: string, prepared: ReadFile, fileName: string, link: LinkOrigin): NewArticle {
  const { details } = prepared;
  return {
    id, ...prepared.meta, text: prepared.text, textHash: prepared.hash, origin: { fileName, format: prepared.format, ...link }, excluded: [],
    ...(details.publishedTime ? { publishedTime: details.publishedTime } : {}),
    ...(Object.keys(details.origins).length ? { metaOrigins: details.origins } : {}),
    ...(details.cited.length ? { citedOutlets: details.cited } : {}),
    ...withProposals(id, details.chrome),
  };
}

function withProposals(articleId: string, chrome: readonly ChromeCandidate[]): Pick<NewArticle, 'chromeProposals'> {
  return chrome.length ? { chromeProposals: chrome.map(({ start, end, reason, confidence }, i) => ({ id: `${articleId}_ch${i}`, start, end, reason, confidence })) } : {};
}

/**
 * Lines repeated across articles of one outlet (this batch and the casefile),
 * and lines the analyst accepted as chrome on that outlet's pages before,
 * are added to the new articles' proposals with high confidence.
 */
function proposeOutletChrome(batch: NewArticle[], casefile: Casefile): void {
  const outlets = new Set(batch.map((a) => a.outlet).filter(Boolean));
  if (!outlets.size) return;
  // A site's furniture shows on any few of its pages: the outlet's latest articles are enough, and keep a big casefile's import fast.
  const earlier = [...groupBy(Object.values(casefile.articles).filter((a) => outlets.has(a.outlet)), (a) => a.outlet).values()].flatMap((list) => list.slice(-EARLIER_PER_OUTLET));
  const registry = outletRegistry(casefile.outlets ?? []);
  const remembered = (outlet: string) => outletNamed(registry, outlet)?.chromeLines ?? [];
  const repeated = repeatedChrome([...earlier, ...batch].map((a) => ({ key: a.id, outlet: a.outlet, text: a.text })), remembered);
  for (const article of batch) {
    const more = repeated.get(article.id);
    if (more) Object.assign(article, withProposals(article.id, mergeProposals(article.chromeProposals ?? [], more)));
  }
}

/** Fetches a link first; refuses an oversized file unread, then reads it in a worker. */
async function read(file: ImportSource & Pick<FileToRead, 'outlets'>, readers: ReadWorkers, signal?: AbortSignal): Promise<{ prepared: ReadFile; origin: LinkOrigin; name: string }> {
  if ('fetch' in file) {
    const page = await file.fetch(signal);
    return { prepared: await readers.read({ name: page.name, data: page.data, meta: page.meta, outlets: file.outlets }, signal), origin: page.origin, name: page.name };
  }
  if ('size' in file && file.size > MAX_IMPORT_FILE_BYTES) throw new ImportFailure(tooLargeReason(file.size));
  const data = 'data' in file ? file.data : await file.read();
  if (data.length > MAX_IMPORT_FILE_BYTES) throw new ImportFailure(tooLargeReason(data.length));
  return { prepared: await readers.read({ name: file.name, data, meta: file.meta, pasted: file.pasted, outlets: file.outlets }, signal), origin: {}, name: file.name };
}

/** The reason shown for a file that failed: our own refusals as they are; anything else as one sentence, its detail in the log. */
export function failureMessage(error: unknown): string {
  if (error instanceof ImportFailure) return error.message;
  if (isExpectedError(error)) return `The file could not be read: ${toErrorBody(error).message}`;
  console.error('Import failed unexpectedly:', error);
  return 'The file could not be read: its contents are not in a form Corroborate understands. The details are in the log of the app.';
}

function round(similarity: number): number {
  return Math.round(similarity * 1000) / 1000;
}
