/**
 * Reviewing a colleague's casefile: compare it with mine (`compareCasefiles`),
 * measure agreement (`computeAgreement`, `cohensKappa`, `spanAgreement`), plan
 * the merge of accepted differences (`planMerge`), and the data of a review
 * section for reports (`reviewReportSection`).
 */
export * from './types';
export { compareCasefiles } from './compare';
export { cohensKappa, spanAgreement, computeAgreement, typeAgreement, type ArticleSpans } from './agreement';
export { planMerge, colleagueName, type MergePlan, type MergeSummary } from './merge';
export { describeChain, chainDifferences, normaliseName } from './chains';
export { describeAuthorship, describeLastChange, formatWhen, type Authorship, type WhenOptions } from './authorship';
export {
  reviewReportSection, agreementLines, formatFigure, REVIEW_STATUS_LABELS,
  type ReviewReportSection, type ReviewSectionComparison, type ReviewSectionComment, type ReviewSectionDisagreement,
} from './report-section';
