/**
 * The live preview of the report builder, built in the renderer from the
 * casefile copy with the same shared code as the export, but cut short (the
 * first propositions, claims and articles) so it stays quick on a large
 * casefile. The model is cached: switching the format only re-renders it.
 */
import Papa from 'papaparse';
import { buildClaimReviews, checkRated, ClaimReviewRefused, propositionIdsOfScope, propositionsToReview } from '../../../shared/interchange/claimreview';
import { buildQdaProject, QDPX_WHOLE_CASEFILE } from '../../../shared/interchange/refi-qda/export';
import type { Casefile } from '../../../shared/model/schema';
import { buildReportText, reportModel } from '../../../shared/report/index';
import { coverOf, type ReportModel } from '../../../shared/report/model';
import type { ReportFormat, ReportOptions } from '../../../shared/report/options';
import type { Pacer } from '../../../shared/report/progress';

export const PREVIEW_ITEMS = 25;
/** Text previews show this many lines. */
export const PREVIEW_LINES = 120;

export interface Preview {
  kind: 'html' | 'text' | 'table';
  content: string;
  /** For CSV: the header and the first rows, shown as a table. */
  rows?: string[][];
  /** True when the preview shows only the first part of the report. */
  cut: boolean;
}

let cached: { casefile: Casefile; key: string; model: ReportModel } | null = null;

/**
 * Building the model of a large casefile takes a second or more on this
 * thread. Its content depends on the casefile, the scope and the layout only:
 * typing a title or a name changes the cover, and ticking a section changes
 * what is drawn of it, so both reuse it. The citation graph is built with it
 * (as if its section were on) so that ticking that section back on needs no
 * rebuild either.
 */
function modelFor(casefile: Casefile, options: ReportOptions): ReportModel {
  const { title: _title, analyst: _analyst, sections, ...content } = options;
  const key = JSON.stringify(content);
  if (cached?.casefile !== casefile || cached.key !== key) {
    cached = { casefile, key, model: reportModel(casefile, { ...options, sections: { ...sections, graph: true } }) };
  }
  return { ...cached.model, ...coverOf(casefile, options), sections, graph: sections.graph ? cached.model.graph : null };
}

/** Lets go of the cached model (the worker does when the dialog closes). */
export function forgetPreviewModel(): void {
  cached = null;
}

/** The first part of the model: enough to see what the report looks like. */
function shortModel(model: ReportModel): { model: ReportModel; cut: boolean } {
  const cut = model.propositions.length > PREVIEW_ITEMS || model.ungrouped.length > PREVIEW_ITEMS || model.claims.length > PREVIEW_ITEMS * 4 || model.articles.length > PREVIEW_ITEMS;
  if (!cut) return { model, cut };
  return {
    cut,
    model: {
      ...model,
      propositions: model.propositions.slice(0, PREVIEW_ITEMS),
      ungrouped: model.ungrouped.slice(0, PREVIEW_ITEMS),
      claims: model.claims.slice(0, PREVIEW_ITEMS * 4),
      articles: model.articles.slice(0, PREVIEW_ITEMS),
    },
  };
}

/** Yields to the browser between chunks, and gives up when a newer preview is wanted. */
function yielding(isStale: () => boolean): Pacer {
  return async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (isStale()) throw new StalePreview();
  };
}

export class StalePreview extends Error {}

export async function buildPreview(casefile: Casefile, options: ReportOptions, format: ReportFormat, isStale: () => boolean): Promise<Preview> {
  if (format === 'claimreview') return claimReviewPreview(casefile, options);
  const { model, cut } = shortModel(modelFor(casefile, options));
  const pacer = yielding(isStale);
  if (format === 'qdpx') return qdpxPreview(casefile, options);
  if (format === 'html' || format === 'pdf') return { kind: 'html', content: await buildReportText(model, 'html', pacer), cut };
  const text = await buildReportText(model, format, pacer);
  if (format === 'csv') {
    const rows = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
    return { kind: 'table', content: '', rows: rows.slice(0, PREVIEW_ITEMS * 2 + 1), cut: cut || rows.length > PREVIEW_ITEMS * 2 + 1 };
  }
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  return { kind: 'text', content: lines.slice(0, PREVIEW_LINES).join('\n'), cut: cut || lines.length > PREVIEW_LINES };
}

/** The first ClaimReviews, indented for reading (the file has one per line). */
function claimReviewPreview(casefile: Casefile, options: ReportOptions): Preview {
  const ids = propositionIdsOfScope(casefile, options.scope) ?? Object.keys(casefile.propositions);
  try {
    checkRated(casefile, propositionsToReview(casefile, ids));
  } catch (error) {
    // The builder shows the refusal itself, beside the disabled Export button.
    if (error instanceof ClaimReviewRefused) return { kind: 'text', content: 'Nothing to preview until every proposition covered is rated.', cut: false };
    throw error;
  }
  const lines = JSON.stringify(buildClaimReviews(casefile, ids.slice(0, PREVIEW_ITEMS)), null, 2).split('\n');
  return { kind: 'text', content: lines.slice(0, PREVIEW_LINES).join('\n'), cut: ids.length > PREVIEW_ITEMS || lines.length > PREVIEW_LINES };
}

/** The start of the project file (project.qde) of a .qdpx export, which holds the whole casefile. */
function qdpxPreview(casefile: Casefile, options: ReportOptions): Preview {
  if (options.scope.kind !== 'casefile') return { kind: 'text', content: QDPX_WHOLE_CASEFILE, cut: false };
  const lines = buildQdaProject(casefile, 'Corroborate').qde.split('\n');
  return { kind: 'text', content: lines.slice(0, PREVIEW_LINES).join('\n'), cut: lines.length > PREVIEW_LINES };
}
