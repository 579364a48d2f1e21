/**
 * The data of a report's review section: agreement with each colleague whose
 * file was compared, the disagreements, and the review comments kept in the
 * casefile. Plain records and sentences; the report builder renders them
 * (as text, escaped like everything else in a report).
 */
import type { Casefile, ReviewStatus } from '../model/schema';
import { colleagueName } from './merge';
import { commentAuthorship, describeAuthorship, type WhenOptions } from './authorship';
import { DIFFERENCE_LABELS, type Comparison, type KappaResult, type SpanAgreement } from './types';
import { recordOf } from '../model/ids';

export interface ReviewSectionComment {
  target: 'claim' | 'proposition';
  targetId: string;
  /** The claim's words or the proposition's statement. */
  targetText: string;
  articleTitle: string;
  status: ReviewStatus;
  statusLabel: string;
  comment: string;
  by: string;
  at: string;
  /** "written by Bo Li, 3 Dec 14:02". */
  byLine: string;
}

export interface ReviewSectionDisagreement {
  kind: string;
  articleTitle: string;
  text: string;
  mine: string;
  theirs: string;
  /** Each side's authorship in words ("stance changed by Bo Li, 3 Dec 14:02 · added by Ann Ek, 1 Dec 09:30"); empty when that side has no record. */
  mineBy: string;
  theirsBy: string;
  details: string[];
}

export interface ReviewSectionComparison {
  colleague: string;
  fileTitle: string;
  /** One sentence per figure, with its warning when it rests on few items. */
  agreementLines: string[];
  kappa: KappaResult;
  spans: SpanAgreement;
  perType: { label: string; mine: number; theirs: number; both: number; specific: number | null; lowItems: boolean }[];
  /** The first `maxDisagreements` differences, in reading order. */
  disagreements: ReviewSectionDisagreement[];
  totalDisagreements: number;
}

export interface ReviewReportSection {
  comparisons: ReviewSectionComparison[];
  comments: ReviewSectionComment[];
  statusCounts: Record<ReviewStatus, number>;
}

export const REVIEW_STATUS_LABELS: Record<ReviewStatus, string> = { approved: 'Approved', disputed: 'Disputed', 'needs-work': 'Needs work' };

export function reviewReportSection(casefile: Casefile, comparisons: readonly Comparison[] = [], options: { maxDisagreements?: number } & WhenOptions = {}): ReviewReportSection {
  const max = options.maxDisagreements ?? 200;
  const statusCounts: Record<ReviewStatus, number> = { approved: 0, disputed: 0, 'needs-work': 0 };
  const comments: ReviewSectionComment[] = [];
  for (const r of Object.values(casefile.reviews)) {
    statusCounts[r.status]++;
    const claim = r.target.kind === 'claim' ? casefile.claims[r.target.id] : undefined;
    const proposition = r.target.kind === 'proposition' ? casefile.propositions[r.target.id] : undefined;
    comments.push({
      target: r.target.kind, targetId: r.target.id,
      targetText: claim?.quote.exact ?? proposition?.statement ?? '',
      articleTitle: claim ? recordOf(casefile.articles, claim.articleId)?.title ?? '' : '',
      status: r.status, statusLabel: REVIEW_STATUS_LABELS[r.status], comment: r.comment, by: r.by, at: r.at,
      byLine: describeAuthorship(commentAuthorship(r.by, r.at), options),
    });
  }
  comments.sort((a, b) => a.at.localeCompare(b.at));
  return {
    comparisons: comparisons.map((c) => sectionOf(casefile, c, max, options)),
    comments,
    statusCounts,
  };
}

function sectionOf(casefile: Casefile, c: Comparison, max: number, when: WhenOptions): ReviewSectionComparison {
  const a = c.agreement;
  return {
    colleague: colleagueName(c),
    fileTitle: c.colleague.title,
    agreementLines: agreementLines(c),
    kappa: a.kappa,
    spans: a.spans,
    perType: a.perType.map(({ label, mine, theirs, both, specific, lowItems }) => ({ label, mine, theirs, both, specific, lowItems })),
    disagreements: c.differences.slice(0, max).map((d) => ({
      kind: DIFFERENCE_LABELS[d.kind].label,
      articleTitle: d.articleId ? recordOf(casefile.articles, d.articleId)?.title ?? '' : '',
      text: d.statement || d.quote,
      mine: d.mine, theirs: d.theirs, details: d.details,
      mineBy: d.mineBy ? describeAuthorship(d.mineBy, when) : '',
      theirsBy: d.theirsBy ? describeAuthorship(d.theirsBy, when) : '',
    })),
    totalDisagreements: c.differences.length,
  };
}

export function formatFigure(v: number | null, digits = 2): string {
  return v === null ? 'n/a' : v.toFixed(digits);
}

/** The agreement figures as sentences a desk editor can read. */
export function agreementLines(c: Comparison): string[] {
  const { kappa, spans, leftOut, minItems } = c.agreement;
  const few = (low: boolean) => (low ? ` Caution: fewer than ${minItems} items, so this figure says little.` : '');
  const out = [
    `Sourcing type (Cohen's kappa): κ = ${formatFigure(kappa.kappa)} on ${kappa.items} matched claims ` +
      `(observed agreement ${formatFigure(kappa.observed)}, expected by chance ${formatFigure(kappa.expected)}).${few(kappa.lowItems)}`,
    `Left out of kappa: ${leftOut.onlyMine} claims only in mine, ${leftOut.onlyTheirs} only in theirs, ` +
      `${leftOut.matchedUntyped} matched but without a sourcing type, ${leftOut.orphaned} of theirs with no place in my text, ` +
      `${leftOut.onUnmatchedArticles} on articles only one of us has.`,
    `What counts as a claim: precision ${formatFigure(spans.precision)}, recall ${formatFigure(spans.recall)}, F1 ${formatFigure(spans.f1)} ` +
      `(${spans.matched} matched of ${spans.mine} mine and ${spans.theirs} theirs); character-level alpha ${formatFigure(spans.alpha)} ` +
      `over ${spans.alphaChars} characters.${few(spans.lowItems)}`,
  ];
  return out;
}
