/**
 * What one imported file may cost. Every file is read in a worker thread
 * (read-worker.ts) that is ended when it runs over its time or memory; the
 * shape limits refuse a file before the expensive parsing even starts.
 */
import { formatSize } from '../../../shared/articles/import-formats';

export interface ReadLimits {
  /** Time to read one file (parse, normalise, fingerprint). */
  timeMs: number;
  /** Heap of the worker that reads files. */
  memoryMb: number;
}

export const READ_LIMITS: ReadLimits = { timeMs: 60_000, memoryMb: 1_024 };

/** Deepest element nesting of a web page (real pages stay under 100; the DOM code recurses on it). */
export const MAX_HTML_DEPTH = 2_000;
/** Elements in a web page (news pages have a few thousand; Readability scores every one). */
export const MAX_HTML_ELEMENTS = 100_000;
/**
 * Readability's scoring grows much faster than the page (a 400-deep page
 * takes seconds, an 800-deep one most of a minute): past these sizes the
 * page's whole body text is taken instead of its guess at the article.
 */
export const READABILITY_MAX_DEPTH = 100;
export const READABILITY_MAX_ELEMENTS = 10_000;
/** What the parts of a .docx that are read (everything but its images) may unpack to. */
export const MAX_DOCX_UNPACKED_BYTES = 25 * 1024 * 1024;
/** Characters of text in one article (a long report is a few hundred thousand). */
export const MAX_ARTICLE_CHARS = 2_000_000;

const count = (n: number) => n.toLocaleString('en-US');

export const limitReason = {
  depth: (depth: number) => `This page nests ${count(depth)} elements deep; the limit is ${count(MAX_HTML_DEPTH)}.`,
  elements: (elements: number) => `This page has ${count(elements)} elements; the limit is ${count(MAX_HTML_ELEMENTS)}.`,
  unpacked: (bytes: number, what: string) =>
    `This ${what} unpacks to ${Number.isFinite(bytes) ? formatSize(bytes) : 'more than 4 GB'}; the limit is ${formatSize(MAX_DOCX_UNPACKED_BYTES)}. It may be a “zip bomb”; if it is a real document, save it as PDF and import that.`,
  zipEntries: (entries: number) => `This Word file holds ${count(entries)} parts; the limit is 10,000. It is damaged or built to stall the reader.`,
  chars: (chars: number) => `This file's text is ${count(chars)} characters long; the limit is ${count(MAX_ARTICLE_CHARS)} per article. Split it into parts.`,
  time: (limits: ReadLimits) => `Reading this file took longer than ${count(limits.timeMs / 1000)} seconds, the limit; it was stopped.`,
  memory: (limits: ReadLimits) => `Reading this file needed more than ${count(limits.memoryMb)} MB of memory, the limit; it was stopped.`,
  tooDeep: 'This file nests its content too deeply to read.',
};
