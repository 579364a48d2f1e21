/**
 * What the analyst chooses in the report builder (and on the command line):
 * which part of the casefile, which sections, the title and name on the cover,
 * and the file format. One schema, used by the API, the CLI and the UI.
 */
import { z } from 'zod';
import { RecordId as id } from '../model/schema';

export const REPORT_FORMATS = ['html', 'pdf', 'md', 'csv', 'jsonld', 'claimreview', 'qdpx'] as const;
export const ReportFormat = z.enum(REPORT_FORMATS);
export type ReportFormat = z.infer<typeof ReportFormat>;

export const ReportScope = z.discriminatedUnion('kind', [
  /** Every article, claim and proposition. */
  z.object({ kind: z.literal('casefile') }),
  /** The chosen propositions, their member claims and those claims' articles. */
  z.object({ kind: z.literal('propositions'), propositionIds: z.array(id).min(1).max(100_000) }),
  /** One article's claims, and the propositions they belong to (with all their members, for context). */
  z.object({ kind: z.literal('article'), articleId: id }),
]);
export type ReportScope = z.infer<typeof ReportScope>;

export const REPORT_SECTIONS = ['summary', 'propositions', 'ungrouped', 'graph', 'appendix'] as const;
export type ReportSection = (typeof REPORT_SECTIONS)[number];

export const ReportSections = z.object({
  /** Counts, how to read the report, sourcing mix chart, independence table. */
  summary: z.boolean().default(true),
  /** Each proposition with its member claims. */
  propositions: z.boolean().default(true),
  /** Claims not (yet) grouped into any proposition. */
  ungrouped: z.boolean().default(true),
  /** The citation graph picture. */
  graph: z.boolean().default(true),
  /** The articles with their metadata and copies. */
  appendix: z.boolean().default(true),
});
export type ReportSections = z.infer<typeof ReportSections>;

export const SECTION_LABELS: Record<ReportSection, string> = {
  summary: 'Summary and independence table',
  propositions: 'Propositions with their claims',
  ungrouped: 'Claims not in any proposition',
  graph: 'Citation graph',
  appendix: 'Appendix: the articles',
};

export const ReportOptions = z.object({
  scope: ReportScope.default({ kind: 'casefile' }),
  sections: ReportSections.default({ summary: true, propositions: true, ungrouped: true, graph: true, appendix: true }),
  /** Empty means the casefile's title. */
  title: z.string().max(500).default(''),
  /** Who prepared the report; empty leaves the line out. */
  analyst: z.string().max(200).default(''),
  /** Claims as cards (detailed) or as table rows (compact, for long reports); auto picks compact above COMPACT_ABOVE_CLAIMS. */
  layout: z.enum(['auto', 'detailed', 'compact']).default('auto'),
});

/** Above this many claims, an 'auto' layout prints claims as table rows: thousands of cards make a PDF of thousands of pages. */
export const COMPACT_ABOVE_CLAIMS = 1_500;
export type ReportOptions = z.infer<typeof ReportOptions>;
export type ReportOptionsInput = z.input<typeof ReportOptions>;

export const FORMAT_INFO: Record<ReportFormat, { label: string; extension: string; mimeType: string }> = {
  html: { label: 'Web page (HTML, one self-contained file)', extension: '.html', mimeType: 'text/html;charset=utf-8' },
  pdf: { label: 'PDF', extension: '.pdf', mimeType: 'application/pdf' },
  md: { label: 'Markdown', extension: '.md', mimeType: 'text/markdown;charset=utf-8' },
  csv: { label: 'Spreadsheet (CSV, one row per claim)', extension: '.csv', mimeType: 'text/csv;charset=utf-8' },
  jsonld: { label: 'W3C Web Annotation (JSON-LD)', extension: '.jsonld', mimeType: 'application/ld+json' },
  claimreview: { label: 'ClaimReview for publishing (schema.org JSON-LD)', extension: '.claimreview.jsonld', mimeType: 'application/ld+json' },
  qdpx: { label: 'REFI-QDA project (.qdpx)', extension: '.qdpx', mimeType: 'application/zip' },
};
