/**
 * Exports on the Node side: builds a report in any format, with progress and
 * cancellation, and writes it to disk so that a cancelled or failed export
 * never leaves a partial file. Used by the API (desktop and browser mode) and
 * by the command line.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Casefile } from '../../../shared/model/schema';
import { safeFileName } from '../../../shared/report/escape';
import { reportModel, writeReportText } from '../../../shared/report/index';
import { ReportScopeError, type ReportModel } from '../../../shared/report/model';
import { buildHtmlReportParts } from '../../../shared/report/html';
import { FORMAT_INFO, type ReportFormat, type ReportOptions } from '../../../shared/report/options';
import { ExportCancelled, type Pacer } from '../../../shared/report/progress';
import { ApiError } from '../../../shared/api/dispatch';
import { QDPX_WHOLE_CASEFILE } from '../../../shared/interchange/refi-qda/export';
import { joinPdfParts } from './pdf-merge';
import { qdpxBytes } from './qdpx';
import { chromiumPdfDocument, type ChromiumKeeper, type PdfJob, type PdfRenderer } from './pdf';
import { Utf8Collector } from './utf8';
import { ClaimReviewRefused, propositionIdsOfScope, writeClaimReviews } from '../../../shared/interchange/claimreview';

export interface ExportProgress {
  done: number;
  total: number;
  label: string;
}

export interface ExportRequest {
  casefile: Casefile;
  options: ReportOptions;
  format: ReportFormat;
  /** Names the app in the report ("Corroborate 0.1.0"). */
  generator: string;
  signal?: AbortSignal;
  onProgress?: (progress: ExportProgress) => void;
  /** The PDF engine; headless Chromium unless the host brings its own (Electron's printToPDF). */
  renderPdf?: PdfRenderer;
  /** Keeps headless Chromium running between PDF exports (browser mode); without it each PDF export starts and closes its own. */
  chromium?: ChromiumKeeper;
  /** Fixed time for reproducible output (tests). */
  now?: string;
}

export interface ExportedReport {
  /** The file's bytes in order, in pieces: a large export is never copied into one buffer. */
  chunks: Uint8Array[];
  size: number;
  /** A safe file name made from the report title. */
  fileName: string;
  mimeType: string;
}

/** Progress events at most this often, so a large export does not flood the UI. */
const PROGRESS_INTERVAL_MS = 100;

/** Emits progress, yields to the event loop (so a cancel can arrive) and stops if cancelled. */
export function exportPacer(signal: AbortSignal | undefined, onProgress: ExportRequest['onProgress']): Pacer {
  let last = 0;
  return async (done, total, label) => {
    if (signal?.aborted) throw new ExportCancelled();
    const now = performance.now();
    if (onProgress && (now - last >= PROGRESS_INTERVAL_MS || done === total)) {
      last = now;
      onProgress({ done, total, label });
    }
    await new Promise((resolve) => setImmediate(resolve));
    if (signal?.aborted) throw new ExportCancelled();
  };
}

export async function exportReport(request: ExportRequest): Promise<ExportedReport> {
  const { casefile, options, format, signal, onProgress } = request;
  if (format === 'qdpx') return exportProject(request);
  const pacer = exportPacer(signal, onProgress);
  if (format === 'claimreview') return exportClaimReviews(request, pacer);
  onProgress?.({ done: 0, total: 1, label: 'Collecting the claims' });
  let model;
  try {
    model = reportModel(casefile, withoutUnusedSections(options, format), {
      now: request.now,
      generator: request.generator,
      // Annotations carry no corroboration figures: skip computing them for JSON-LD.
      ...(format === 'jsonld' ? { independence: undefined } : {}),
    });
  } catch (error) {
    if (error instanceof ReportScopeError) throw new ApiError('bad-scope', error.message);
    throw error;
  }
  await pacer(0, 1, 'Collecting the claims');
  const info = FORMAT_INFO[format];
  const fileName = safeFileName(model.title, info.extension);
  let chunks: Uint8Array[];
  if (format === 'pdf') {
    chunks = [await printPdf(model, request, pacer)];
  } else {
    const utf8 = new Utf8Collector();
    await writeReportText(model, format, utf8.write, pacer);
    chunks = utf8.chunks();
  }
  if (signal?.aborted) throw new ExportCancelled();
  onProgress?.({ done: 1, total: 1, label: 'Done' });
  return { chunks, size: chunks.reduce((sum, c) => sum + c.length, 0), fileName, mimeType: info.mimeType };
}

/** ClaimReview is built from the casefile itself: a refusal (an unrated proposition) becomes an 'unrated' API error naming them. */
async function exportClaimReviews({ casefile, options, signal, onProgress }: ExportRequest, pacer: Pacer): Promise<ExportedReport> {
  const utf8 = new Utf8Collector();
  try {
    await writeClaimReviews(casefile, propositionIdsOfScope(casefile, options.scope), utf8.write, pacer);
  } catch (error) {
    if (error instanceof ClaimReviewRefused) throw new ApiError('unrated', error.message, { propositionIds: error.propositionIds });
    if (error instanceof ReportScopeError) throw new ApiError('bad-scope', error.message);
    throw error;
  }
  if (signal?.aborted) throw new ExportCancelled();
  onProgress?.({ done: 1, total: 1, label: 'Done' });
  const chunks = utf8.chunks();
  const info = FORMAT_INFO.claimreview;
  return { chunks, size: chunks.reduce((sum, c) => sum + c.length, 0), fileName: safeFileName(options.title || casefile.meta.title, info.extension), mimeType: info.mimeType };
}

/** The whole casefile as a REFI-QDA project; scope and sections do not apply. */
async function exportProject({ casefile, options, generator, signal, onProgress }: ExportRequest): Promise<ExportedReport> {
  if (options.scope.kind !== 'casefile') throw new ApiError('bad-scope', QDPX_WHOLE_CASEFILE);
  onProgress?.({ done: 0, total: 1, label: 'Writing the project' });
  const bytes = await qdpxBytes(casefile, generator);
  if (signal?.aborted) throw new ExportCancelled();
  onProgress?.({ done: 1, total: 1, label: 'Done' });
  const info = FORMAT_INFO.qdpx;
  return { chunks: [bytes], size: bytes.length, fileName: safeFileName(options.title || casefile.meta.title, info.extension), mimeType: info.mimeType };
}

/**
 * A browser prints a few hundred pages at a time reliably: longer reports are
 * printed in parts and joined. Small parts print faster (Chromium's cost per
 * page grows with the document) and keep both workers busy to the end.
 */
export const PDF_PART_CLAIMS = 400;
/** Reports up to this size print as one document, which keeps the PDF's outline and tags. */
export const PDF_WHOLE_CLAIMS = 1_200;

async function printPdf(model: ReportModel, request: ExportRequest, pacer: Pacer): Promise<Uint8Array> {
  const { signal, onProgress } = request;
  const parts = await buildHtmlReportParts(model, PDF_PART_CLAIMS, { pacer, wholeUpTo: PDF_WHOLE_CLAIMS });
  const job: PdfJob = { title: model.title, signal, onStage: (label) => onProgress?.({ done: 0, total: 0, label }) };
  const progress = (done: number) => onProgress?.({ done, total: parts.length, label: 'Printing the PDF' });
  if (parts.length > 1) progress(0);
  if (!request.renderPdf) return chromiumPdfDocument(parts, job, parts.length > 1 ? progress : undefined, request.chromium);
  if (parts.length === 1) return request.renderPdf(parts[0]!, job);
  const printed: Uint8Array[] = [];
  for (const part of parts) {
    printed.push(await request.renderPdf(part, { ...job, pageNumbers: false }));
    progress(printed.length);
  }
  if (signal?.aborted) throw new ExportCancelled();
  onProgress?.({ done: 0, total: 0, label: 'Joining the pages' });
  return joinPdfParts(printed, model.title);
}

/** CSV and JSON-LD hold claims only: the graph picture would be built for nothing. */
function withoutUnusedSections(options: ReportOptions, format: ReportFormat): ReportOptions {
  return format === 'csv' || format === 'jsonld' ? { ...options, sections: { ...options.sections, graph: false } } : options;
}

/**
 * Writes the chunks to `target` through a temp file beside it that is renamed
 * into place, so the target is either untouched or complete. If `signal`
 * fires before the rename, the temp file is removed and nothing appears.
 */
export async function writeExportFile(target: string, chunks: readonly Uint8Array[], signal?: AbortSignal): Promise<void> {
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.partial`);
  const handle = await open(temp, 'wx', 0o666);
  try {
    for (const chunk of chunks) {
      for (let offset = 0; offset < chunk.length; ) {
        if (signal?.aborted) throw new ExportCancelled();
        const { bytesWritten } = await handle.write(chunk, offset, Math.min(WRITE_SLICE, chunk.length - offset));
        offset += bytesWritten;
      }
    }
    await handle.sync();
    await handle.close();
    if (signal?.aborted) throw new ExportCancelled();
    await rename(temp, target);
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

const WRITE_SLICE = 4 << 20;
