/**
 * Wording shared by the report formats, so HTML, PDF and Markdown say the
 * same thing in the same words. Casefile values set into these sentences are
 * bidi-isolated (iso), so they cannot reorder the words around them.
 */
import type { ReportCopy, ReportModel, ReportProposition } from './model';
import { plural } from '../text/wording';
import { isolateBidi as iso } from '../text/bidi';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "3 July 2024" for "2024-07-03"; other strings unchanged; "" for unknown. */
export function formatDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const month = MONTHS[Number(m[2]) - 1];
  return month ? `${Number(m[3])} ${month} ${m[1]}` : iso;
}

/** "3 July 2024, 14:05 UTC" for a full ISO timestamp. */
export function formatDateTime(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})/.exec(iso);
  return m ? `${formatDate(m[1]!)}, ${m[2]}:${m[3]} UTC` : formatDate(iso);
}


export const HOW_TO_READ = [
  'This report traces who each claim in the coverage is attributed to, and how much independent support each assertion really has.',
  'A claim is a passage of an article that asserts something checkable. Its attribution chain follows it from the article outward, hop by hop — for example Kyiv Independent → Bloomberg → “European officials familiar with the matter” — and the last hop is the root source. The sourcing type (named official, official statement, anonymous, outlet citing outlet, document, …) describes that root.',
  'Claims from different articles that assert the same thing are grouped into a proposition. Each member claim supports it, contradicts (denies) it, or merely mentions it. A proposition’s appearances are its member claims; its independent roots are the distinct root sources behind them, counting copies of one article once and roots the analyst judged to be the same source once. Three outlets relaying one Reuters story are three appearances but one independent root: that second number is the one to report.',
];

export const GRAPH_INTRO = 'Each box is a source: an outlet, a person, an institution, a document or an anonymous group. A dashed arrow runs from an outlet to the source it reports; a solid arrow from a source to the one it cites. Chains that converge on one box share a root source; boxes with a thick outline are roots.';

/** Said when the picture leaves sources out (see shared/report/analysis.ts). */
export function graphTrimmedText(shown: number, omitted: number): string {
  return omitted ? ` The picture shows the ${shown} sources most claims pass through; ${plural(omitted, 'other source')} are left out.` : '';
}

/** "5 appearances, 2 independent roots": the corroboration figure, in the same words in the app and the reports. */
export function verdictText(p: Pick<ReportProposition, 'appearances' | 'independentRoots'>): string {
  const roots = p.independentRoots === null ? 'independent roots not computed' : plural(p.independentRoots, 'independent root');
  return `${plural(p.appearances, 'appearance')}, ${roots}`;
}

export function stanceMixText(p: ReportProposition): string {
  return `${p.supports} support, ${p.contradicts} contradict, ${p.mentions} mention`;
}

export function assessmentText(p: ReportProposition): string {
  if (p.rating) return p.suggestedRating && p.suggestedRating !== p.rating ? `${iso(p.rating)} (computed suggestion: ${p.suggestedRating})` : p.rating;
  return p.suggestedRating ? `not yet assessed (computed suggestion: ${p.suggestedRating})` : 'not yet assessed';
}

/** Who reviewed it and when, from the review comment itself: "by Bo Li, 3 December 2026, 14:02 UTC". */
export function reviewerText(r: { by: string; at: string }): string {
  return `by ${r.by || 'unknown'}${r.at ? `, ${formatDateTime(r.at)}` : ''}`;
}

/** "Computed suggestion: single source. 2 independent roots, but one is …", or '' when there is none. */
export function suggestionText(p: ReportProposition): string {
  if (!p.suggestedRating) return '';
  return `Computed suggestion: ${p.suggestedRating}.${p.suggestionReason ? ` ${p.suggestionReason}` : ''}`;
}

export function copyText(c: ReportCopy): string {
  const how = c.kind === 'near-duplicate' ? 'same text' : 'partly the same text';
  const status = c.status === 'linked' ? 'confirmed by the analyst: counted as one source' : 'flagged on import, not yet checked';
  return `${how} as ${c.outlet ? `${iso(c.outlet)}: ` : ''}“${iso(c.title)}” (${Math.round(c.similarity * 100)}% similar; ${status})`;
}

export function coverLine(model: ReportModel): string {
  return model.scope.kind === 'casefile'
    ? `Covers the whole casefile “${iso(model.casefileTitle)}”`
    : `Covers ${model.scopeLabel} of the casefile “${iso(model.casefileTitle)}”`;
}

export function articleCharsText(length: number, excluded: number): string {
  const base = `${length.toLocaleString('en')} characters`;
  return excluded ? `${base}, of which ${excluded.toLocaleString('en')} are page chrome (menus, other headlines) left out of the analysis` : base;
}
