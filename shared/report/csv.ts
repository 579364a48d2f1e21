/**
 * One row per claim, for spreadsheets. Columns are documented in
 * docs/csv-columns.md (keep the two in step). UTF-8 with a byte-order mark
 * and CRLF line ends, every field quoted, so Excel and LibreOffice open it
 * without an import dialog; cells that would start a formula are defused.
 */
import Papa from 'papaparse';
import { CSV_FORMULA_START } from './escape';
import { balanceBidi } from '../text/bidi';
import { chainText, type ReportClaim, type ReportModel, type ReportProposition } from './model';
import { PACE_EVERY, type Pacer } from './progress';
import type { TextSink } from './sink';

export const CSV_COLUMNS = [
  'claim_ref', 'quote', 'article_ref', 'article_title', 'outlet', 'published', 'article_url',
  'attribution_chain', 'hops', 'root_source', 'root_type', 'hedging', 'cues',
  'propositions', 'stances', 'appearances', 'independent_roots',
  'review_status', 'reviewed_by', 'review_comment', 'notes', 'position_start', 'position_end', 'position_status',
  'created_by', 'created_at', 'modified_at', 'claim_id', 'article_id', 'origin',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

export const CSV_BOM = '\uFEFF';

const UNPARSE = { quotes: true, newline: '\r\n', escapeFormulae: CSV_FORMULA_START } as const;

/** Writes the CSV to `sink`: the byte-order mark and header, then the rows a few hundred at a time. */
export async function writeCsv(model: ReportModel, sink: TextSink, pacer?: Pacer): Promise<void> {
  const props = new Map(model.propositions.map((p) => [p.id, p]));
  const urls = new Map(model.articles.map((a) => [a.id, a.url]));
  sink(`${CSV_BOM}${Papa.unparse([[...CSV_COLUMNS]], UNPARSE)}\r\n`);
  const total = model.claims.length;
  for (let from = 0; from < total; from += PACE_EVERY) {
    const rows = model.claims.slice(from, from + PACE_EVERY).map((c) => csvRow(c, props, urls.get(c.articleId) ?? ''));
    sink(`${Papa.unparse(rows, { ...UNPARSE, header: false })}\r\n`);
    if (pacer) await pacer(Math.min(from + PACE_EVERY, total), total, 'Writing rows');
  }
  if (pacer) await pacer(total, total, 'Writing rows');
}

/** Lists inside one cell (propositions, stances, …) are one item per line, in the same order across columns. */
function lines(values: (string | number)[]): string {
  return values.join('\n');
}

function csvRow(c: ReportClaim, props: Map<string, ReportProposition>, url: string): (string | number)[] {
  const member = c.propositions.map((p) => props.get(p.id)).filter((p): p is ReportProposition => !!p);
  const root = c.chain[c.chain.length - 1];
  const values: Record<CsvColumn, string | number> = {
    claim_ref: c.ref,
    quote: c.quote,
    article_ref: c.articleRef,
    article_title: c.articleTitle,
    outlet: c.outlet,
    published: c.publishedAt,
    article_url: url,
    attribution_chain: chainText(c),
    hops: c.chain.length,
    root_source: root ? root.label : '',
    root_type: root ? root.typeLabel : 'Untagged',
    hedging: lines(c.chain.filter((h) => h.hedging).map((h) => h.hedging)),
    cues: lines(c.chain.filter((h) => h.cue).map((h) => h.cue)),
    propositions: lines(c.propositions.map((p) => `${p.ref}: ${p.statement}`)),
    stances: lines(c.propositions.map((p) => p.stance)),
    appearances: lines(member.map((p) => p.appearances)),
    independent_roots: lines(member.map((p) => p.independentRoots ?? '')),
    review_status: c.review?.status ?? '',
    reviewed_by: c.review?.by ?? '',
    review_comment: c.review?.comment ?? '',
    notes: c.notes,
    position_start: c.start,
    position_end: c.end,
    position_status: c.anchor,
    created_by: c.createdBy,
    created_at: c.createdAt,
    modified_at: c.modifiedAt,
    claim_id: c.id,
    article_id: c.articleId,
    origin: c.proposedBy ? `proposal (${c.proposedBy})` : 'marked by hand',
  };
  // A cell that opens a right-to-left override closes it (shared/text/bidi.ts).
  return CSV_COLUMNS.map((k) => { const v = values[k]; return typeof v === 'string' ? balanceBidi(v) : v; });
}
