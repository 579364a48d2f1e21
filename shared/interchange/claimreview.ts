/**
 * schema.org ClaimReview (JSON-LD), the markup fact-checkers publish so that
 * search engines and fact-check aggregators pick up their verdicts.
 *
 * One ClaimReview per rated proposition:
 * - claimReviewed: the proposition's statement;
 * - itemReviewed: a Claim whose appearances are the member claims' articles
 *   (address, headline, outlet as publisher, author, date), the earliest
 *   dated one also as firstAppearance;
 * - author: the casefile's publisher (the organisation, set once per casefile);
 * - reviewRating: the rating's position on the casefile's assessment scale,
 *   which lists the best rating first (best = number of labels, worst = 1),
 *   with the label as alternateName;
 * - datePublished: the day the assessment was last set; url: the published
 *   review's address when the analyst gave one.
 *
 * A proposition without a rating (or with one no longer on the scale) is
 * refused, never exported half-empty.
 */
import type { Article, Casefile, Proposition } from '../model/schema';
import { recordOf } from '../model/ids';
import { dateTime, webAddress } from '../report/jsonld';
import { selectScope } from '../report/model';
import type { ReportScope } from '../report/options';
import { PACE_EVERY, type Pacer } from '../report/progress';
import type { TextSink } from '../report/sink';
import { plural, shorten } from '../text/wording';

export const SCHEMA_ORG_CONTEXT = 'https://schema.org';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** Why a ClaimReview export cannot be made; names the propositions concerned. */
export class ClaimReviewRefused extends Error {
  constructor(message: string, readonly propositionIds: readonly string[]) {
    super(message);
    this.name = 'ClaimReviewRefused';
  }
}

/** The propositions a ClaimReview export covers: the chosen ones, or all of them. */
export function propositionsToReview(casefile: Casefile, propositionIds?: readonly string[]): Proposition[] {
  if (!propositionIds) return Object.values(casefile.propositions);
  const missing = propositionIds.filter((id) => !recordOf(casefile.propositions, id));
  if (missing.length) throw new ClaimReviewRefused(`No proposition with the id ${missing.slice(0, 5).join(', ')} in this casefile.`, missing);
  return propositionIds.map((id) => casefile.propositions[id]!);
}

/** Throws ClaimReviewRefused when any of `propositions` has no rating on the casefile's scale. */
export function checkRated(casefile: Casefile, propositions: readonly Proposition[]): void {
  if (!propositions.length) throw new ClaimReviewRefused('There is no proposition to review: a ClaimReview needs at least one rated proposition.', []);
  const unrated = propositions.filter((p) => p.assessment.rating === null || !casefile.assessmentScale.includes(p.assessment.rating));
  if (!unrated.length) return;
  const named = unrated.slice(0, 10).map((p) => `${p.id} “${shorten(p.statement, 80)}”${p.assessment.rating === null ? '' : ` (rating “${shorten(p.assessment.rating, 40)}” is no longer on the scale)`}`);
  const more = unrated.length > named.length ? ` and ${unrated.length - named.length} more` : '';
  throw new ClaimReviewRefused(
    `A ClaimReview needs a rating on every proposition it covers; ${plural(unrated.length, 'proposition')} ${unrated.length === 1 ? 'is' : 'are'} not rated: ${named.join('; ')}${more}. Rate ${unrated.length === 1 ? 'it' : 'them'} in the Propositions view, or choose only rated propositions.`,
    unrated.map((p) => p.id),
  );
}

function isoDay(timestamp: string | undefined): string | null {
  return timestamp ? dateTime(timestamp)?.slice(0, 10) ?? null : null;
}

function organisation(name: string, url = ''): JsonObject {
  const org: JsonObject = { '@type': 'Organization', name };
  const address = webAddress(url);
  if (address) org.url = address;
  return org;
}

/** One article as a place where the claim appears. */
function appearance(article: Article): JsonObject {
  const work: JsonObject = { '@type': 'CreativeWork' };
  const url = webAddress(article.url);
  if (url) work.url = url;
  if (article.title.trim()) work.headline = article.title.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(article.publishedAt)) work.datePublished = article.publishedAt;
  const outlet = article.outlet.trim();
  if (outlet) work.publisher = organisation(outlet);
  const author = article.author.trim();
  if (author) work.author = { '@type': 'Person', name: author };
  else if (outlet) work.author = organisation(outlet);
  return work;
}

/**
 * What every review of one export shares, made once: an article appears in
 * many propositions, and its address is parsed and its record built only once.
 */
class Shared {
  private readonly works = new Map<string, JsonObject>();
  readonly author: JsonObject | null;
  constructor(readonly casefile: Casefile) {
    const publisher = casefile.meta.publisher;
    this.author = publisher?.name.trim() ? organisation(publisher.name.trim(), publisher.url) : null;
  }
  appearance(article: Article): JsonObject {
    let work = this.works.get(article.id);
    if (!work) {
      work = appearance(article);
      this.works.set(article.id, work);
    }
    return work;
  }
}

/** The member claims' articles, each once, earliest first (undated ones last, in casefile order). */
function appearanceArticles(casefile: Casefile, proposition: Proposition): Article[] {
  const seen = new Set<string>();
  const articles: Article[] = [];
  for (const m of proposition.members) {
    const claim = recordOf(casefile.claims, m.claimId);
    const article = claim && recordOf(casefile.articles, claim.articleId);
    if (article && !seen.has(article.id)) {
      seen.add(article.id);
      articles.push(article);
    }
  }
  const dated = (a: Article) => (/^\d{4}-\d{2}-\d{2}$/.test(a.publishedAt) ? a.publishedAt : '\uffff');
  return articles.sort((a, b) => (dated(a) < dated(b) ? -1 : dated(a) > dated(b) ? 1 : 0));
}

/** The ClaimReview of one rated proposition (call checkRated first). */
function claimReview(shared: Shared, proposition: Proposition): JsonObject {
  const { casefile } = shared;
  const scale = casefile.assessmentScale;
  const rating = proposition.assessment.rating!;
  const works = appearanceArticles(casefile, proposition).map((a) => shared.appearance(a));
  const claim: JsonObject = { '@type': 'Claim' };
  if (works.length) {
    claim.appearance = works;
    claim.firstAppearance = works[0]!;
    const first = works[0]!.datePublished;
    if (typeof first === 'string') claim.datePublished = first;
  }
  const review: JsonObject = {
    '@context': SCHEMA_ORG_CONTEXT,
    '@type': 'ClaimReview',
    claimReviewed: proposition.statement,
    itemReviewed: claim,
  };
  if (shared.author) review.author = shared.author;
  review.reviewRating = {
    '@type': 'Rating',
    ratingValue: scale.length - scale.indexOf(rating),
    bestRating: scale.length,
    worstRating: 1,
    alternateName: rating,
  };
  const a = proposition.assessment;
  const published = isoDay(a.modifiedAt ?? a.createdAt) ?? isoDay(proposition.modifiedAt ?? proposition.createdAt);
  if (published) review.datePublished = published;
  const url = webAddress(a.reviewUrl ?? '');
  if (url) review.url = url;
  return review;
}

/** The ClaimReviews of the chosen propositions (all of them when none are chosen); refuses unrated ones. */
export function buildClaimReviews(casefile: Casefile, propositionIds?: readonly string[]): JsonObject[] {
  const propositions = propositionsToReview(casefile, propositionIds);
  checkRated(casefile, propositions);
  const shared = new Shared(casefile);
  return propositions.map((p) => claimReview(shared, p));
}

/**
 * Writes the reviews as one JSON array, one ClaimReview per line (each with
 * its own @context, so any one can be lifted into a page as it is). Checks
 * every rating before writing anything.
 */
export async function writeClaimReviews(casefile: Casefile, propositionIds: readonly string[] | undefined, sink: TextSink, pacer?: Pacer): Promise<void> {
  const propositions = propositionsToReview(casefile, propositionIds);
  checkRated(casefile, propositions);
  const shared = new Shared(casefile);
  sink('[\n');
  for (let i = 0; i < propositions.length; i++) {
    sink(`  ${JSON.stringify(claimReview(shared, propositions[i]!))}${i + 1 < propositions.length ? ',' : ''}\n`);
    if (pacer && (i + 1) % PACE_EVERY === 0) await pacer(i + 1, propositions.length, 'Writing ClaimReviews');
  }
  sink(']\n');
}

/**
 * JSON-LD for a web page's <script type="application/ld+json">: "<", ">" and
 * "&" as JSON escapes, so no text in it (a "</script>" in a statement) can end
 * the script element or open a comment; the JSON means the same.
 */
export function jsonForScriptElement(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** The propositions a report scope covers, for a ClaimReview export: all, the chosen ones, or those of one article's claims. */
export function propositionIdsOfScope(casefile: Casefile, scope: ReportScope): string[] | undefined {
  if (scope.kind === 'casefile') return undefined;
  return selectScope(casefile, scope).propositionIds;
}
