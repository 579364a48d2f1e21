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
import { buildReportText, reportModel } from '../../../shared/report/index';
import { ReportScopeError, type ReportModel } from '../../../shared/report/model';
import { buildHtmlReportParts } from '../../../shared/report/html';
import { buildJsonLdChunks } from '../../../shared/report/jsonld';
import { FORMAT_INFO, type ReportFormat, type ReportOptions } from '../../../shared/report/options';
import { ExportCancelled, type Pacer } from '../../../shared/report/progress';
import { ApiError } from '../../../shared/api/dispatch';
import { joinPdfParts } from './pdf-merge';
import { chromiumPdfDocument, type PdfJob, type PdfRenderer } from './pdf';

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
  /** Fixed time for reproducible output (tests). */
  now?: string;
}

export interface ExportedReport {
  bytes: Uint8Array;
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
  const pacer = exportPacer(signal, onProgress);
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
  let bytes: Uint8Array;
  if (format === 'pdf') {
    bytes = await printPdf(model, request, pacer);
  } else {
    // Buffer's UTF-8 encoder is markedly faster than TextEncoder on the long strings of a large report.
    bytes = format === 'jsonld' ? utf8Of(await buildJsonLdChunks(model, pacer)) : Buffer.from(await buildReportText(model, format, pacer), 'utf8');
  }
  if (signal?.aborted) throw new ExportCancelled();
  onProgress?.({ done: 1, total: 1, label: 'Done' });
  return { bytes, fileName, mimeType: info.mimeType };
}

/** The UTF-8 of the pieces of a long text, written once into one buffer. */
function utf8Of(pieces: string[]): Buffer {
  const sizes = pieces.map((piece) => Buffer.byteLength(piece, 'utf8'));
  const out = Buffer.allocUnsafe(sizes.reduce((sum, n) => sum + n, 0));
  let at = 0;
  pieces.forEach((piece, i) => {
    out.write(piece, at, 'utf8');
    at += sizes[i]!;
  });
  return out;
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
  if (!request.renderPdf) return chromiumPdfDocument(parts, job, parts.length > 1 ? progress : undefined);
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
 * Writes bytes to `target` through a temp file beside it that is renamed into
 * place, so the target is either untouched or complete. If `signal` fires
 * before the rename, the temp file is removed and nothing appears.
 */
export async function writeExportFile(target: string, bytes: Uint8Array, signal?: AbortSignal): Promise<void> {
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.partial`);
  const handle = await open(temp, 'wx', 0o666);
  try {
    for (let offset = 0; offset < bytes.length; ) {
      if (signal?.aborted) throw new ExportCancelled();
      const { bytesWritten } = await handle.write(bytes, offset, Math.min(WRITE_SLICE, bytes.length - offset));
      offset += bytesWritten;
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
