/**
 * Building reports: casefile + options → the text of a report in one format.
 * PDF is the HTML report printed by a browser engine; that happens on the
 * Node side (electron/services/export), which also writes the files.
 */
import type { Casefile } from '../model/schema';
import { buildCsv } from './csv';
import { buildHtmlReport } from './html';
import { buildJsonLd } from './jsonld';
import { buildMarkdownReport } from './markdown';
import { buildReportModel, type ReportDeps, type ReportModel } from './model';
import type { ReportFormat, ReportOptions } from './options';
import type { Pacer } from './progress';
import { analysisDeps } from './analysis';

export type TextFormat = Exclude<ReportFormat, 'pdf'>;

/** The report model with the independence figures and citation graph from shared/analysis. */
export function reportModel(casefile: Casefile, options: ReportOptions, deps: ReportDeps = {}): ReportModel {
  return buildReportModel(casefile, options, { ...analysisDeps, ...deps });
}

/** Builds the text of a report; for PDF, build 'html' and print it. */
export async function buildReportText(model: ReportModel, format: TextFormat, pacer?: Pacer): Promise<string> {
  switch (format) {
    case 'html':
      return buildHtmlReport(model, { pacer });
    case 'md':
      return buildMarkdownReport(model, pacer);
    case 'csv':
      return buildCsv(model, pacer);
    case 'jsonld':
      return buildJsonLd(model, pacer);
  }
}
