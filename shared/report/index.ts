/**
 * Building reports: casefile + options → the text of a report in one format.
 * PDF is the HTML report printed by a browser engine; that happens on the
 * Node side (electron/services/export), which also writes the files.
 */
import type { Casefile } from '../model/schema';
import { writeCsv } from './csv';
import { buildHtmlReport } from './html';
import { writeJsonLd } from './jsonld';
import { buildMarkdownReport } from './markdown';
import { buildReportModel, type ReportDeps, type ReportModel } from './model';
import type { ReportFormat, ReportOptions } from './options';
import type { Pacer } from './progress';
import { collectText, type TextSink } from './sink';
import { analysisDeps } from './analysis';

/** Formats written from the report model; PDF is printed HTML, ClaimReview and REFI-QDA are built from the casefile (shared/interchange/). */
export type TextFormat = Exclude<ReportFormat, 'pdf' | 'claimreview' | 'qdpx'>;

/** The report model with the independence figures and citation graph from shared/analysis. */
export function reportModel(casefile: Casefile, options: ReportOptions, deps: ReportDeps = {}): ReportModel {
  return buildReportModel(casefile, options, { ...analysisDeps, ...deps });
}

/** Builds the text of a report; for PDF, build 'html' and print it. */
export async function buildReportText(model: ReportModel, format: TextFormat, pacer?: Pacer): Promise<string> {
  return collectText((sink) => writeReportText(model, format, sink, pacer));
}

/** Writes the text of a report to `sink`; CSV and JSON-LD come in many pieces, the others in one. */
export async function writeReportText(model: ReportModel, format: TextFormat, sink: TextSink, pacer?: Pacer): Promise<void> {
  switch (format) {
    case 'html':
      return sink(await buildHtmlReport(model, { pacer }));
    case 'md':
      return sink(await buildMarkdownReport(model, pacer));
    case 'csv':
      return writeCsv(model, sink, pacer);
    case 'jsonld':
      return writeJsonLd(model, sink, pacer);
  }
}
