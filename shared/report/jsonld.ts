/**
 * W3C Web Annotation Data Model (JSON-LD) export, for other annotation tools.
 *
 * - One annotation per claim: its target is a SpecificResource on the article
 *   with a TextQuoteSelector and a TextPositionSelector (alternatives for the
 *   same span, as the model allows); its bodies are TextualBodies: the root's
 *   sourcing type (purpose classifying), each hop's source (tagging), the
 *   whole chain (describing), propositions (describing), notes (commenting)
 *   and the review (assessing).
 * - `linking` annotations between claims of one proposition in different
 *   articles: the target is one claim's annotation, the bodies point to the
 *   others, plus a TextualBody naming the proposition and the stances.
 *
 * All of it sits in one AnnotationCollection with a single AnnotationPage.
 * Positions count characters of the article text as stored in the casefile.
 */
import type { ReportClaim, ReportMember, ReportModel, ReportProposition } from './model';
import { STANCE_LABELS } from '../analysis/symbols';
import { sourceCountText } from '../claims/source-count';
import { PACE_EVERY, type Pacer } from './progress';
import type { TextSink } from './sink';

export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** The normalised address when `url` is a valid http(s) URL, otherwise null. */
export function webAddress(url: string): string | null {
  try {
    const u = new URL(url.trim());
    if (u.protocol === 'http:' || u.protocol === 'https:') return u.href;
  } catch {
    // not a URL
  }
  return null;
}

/** A web address when the article has a valid http(s) one, otherwise an IRI inside the casefile. */
function articleIri(iris: Iris, articleId: string, url: string): string {
  return webAddress(url) ?? iris.of('article', articleId);
}

/**
 * Stable IRIs for things in one casefile, urn:corroborate:<casefile>:<kind>:<id>,
 * each made once: an export names every claim several times.
 */
class Iris {
  private readonly prefix: string;
  private readonly claims = new Map<string, string>();
  constructor(casefileId: string) {
    this.prefix = `urn:corroborate:${encodeURIComponent(casefileId)}`;
  }
  of(kind: string, ...ids: string[]): string {
    return [this.prefix, kind, ...ids.map(encodeURIComponent)].join(':');
  }
  claim(id: string): string {
    let iri = this.claims.get(id);
    if (!iri) {
      iri = this.of('claim', id);
      this.claims.set(id, iri);
    }
    return iri;
  }
}

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** The model requires xsd:dateTime in UTC; casefile timestamps are normalised or left out. */
export function dateTime(value: string): string | null {
  if (ISO_UTC.test(value)) return `${value.slice(0, 19)}Z`;
  const t = Date.parse(value);
  return Number.isFinite(t) ? new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z') : null;
}

function agent(name: string, type: 'Person' | 'Software'): JsonObject | null {
  return name.trim() ? { type, name: name.trim() } : null;
}

function textual(purpose: string, value: string): JsonObject {
  return { type: 'TextualBody', purpose, value };
}

function withProvenance(anno: JsonObject, creator: string, created: string, modified: string | null, generator: JsonObject): JsonObject {
  const c = agent(creator, 'Person');
  if (c) anno.creator = c;
  const createdAt = dateTime(created);
  if (createdAt) anno.created = createdAt;
  const modifiedAt = modified ? dateTime(modified) : null;
  if (modifiedAt && modifiedAt !== createdAt) anno.modified = modifiedAt;
  anno.generator = generator;
  return anno;
}

interface Context {
  model: ReportModel;
  iris: Iris;
  /** Article id → the IRI annotations target. */
  sources: Map<string, string>;
  /** The same object in every annotation: serialised many times, built once. */
  generator: JsonObject;
}

function claimAnnotation({ iris, sources, generator }: Context, c: ReportClaim): JsonObject {
  const body: Json[] = [textual('classifying', c.rootTypeLabel)];
  for (const h of c.chain) body.push(textual('tagging', h.label));
  if (c.chain.length) body.push(textual('describing', `Attribution chain: ${[c.outlet || 'the article', ...c.chain.map((h) => `${h.label} (${h.typeLabel}${h.sourceCount !== null ? `, ${sourceCountText(h.sourceCount)}` : ''}${h.cue ? `, cue “${h.cue}”` : ''}${h.hedging ? `, hedged “${h.hedging}”` : ''})`)].join(' → ')}`));
  for (const p of c.propositions) body.push(textual('describing', `Proposition ${p.ref} (${STANCE_LABELS[p.stance]}): ${p.statement}`));
  if (c.notes) body.push(textual('commenting', c.notes));
  if (c.review) body.push(textual('assessing', `Review: ${c.review.status} by ${c.review.by}${c.review.comment ? ` — ${c.review.comment}` : ''}`));
  const anno: JsonObject = {
    '@context': ANNO_CONTEXT,
    id: iris.claim(c.id),
    type: 'Annotation',
    motivation: 'classifying',
    body,
    target: {
      type: 'SpecificResource',
      source: sources.get(c.articleId) ?? iris.of('article', c.articleId),
      selector: [
        { type: 'TextQuoteSelector', exact: c.quote, prefix: c.prefix, suffix: c.suffix },
        { type: 'TextPositionSelector', start: c.start, end: c.end },
      ],
    },
  };
  return withProvenance(anno, c.createdBy, c.createdAt, c.modifiedAt, generator);
}

/** A proposition's members in scope, when they come from at least two articles: each gets a linking annotation. */
interface LinkPlan {
  proposition: ReportProposition;
  members: ReportMember[];
}

function linkPlans(model: ReportModel): LinkPlan[] {
  const inScope = new Set(model.claims.map((c) => c.id));
  const plans: LinkPlan[] = [];
  for (const proposition of model.propositions) {
    const members = proposition.members.filter((m) => inScope.has(m.claim.id));
    if (new Set(members.map((m) => m.claim.articleId)).size >= 2) plans.push({ proposition, members });
  }
  return plans;
}

/**
 * For each member claim of a plan: one linking annotation whose target is
 * that claim and whose bodies are the fellow members in other articles (and
 * a note naming the proposition). Linear in the members, so a large
 * proposition does not explode into every pair. Every member has a fellow
 * in another article, since the plan spans at least two.
 */
function* linkAnnotations({ model, iris, generator }: Context, { proposition: p, members }: LinkPlan): Generator<JsonObject> {
  const note = textual('describing', `Claims in other articles that make the same proposition, ${p.ref}: ${p.statement} (${members.map((m) => `${m.claim.ref} ${STANCE_LABELS[m.stance]}`).join('; ')})`);
  for (const member of members) {
    const others = members.filter((o) => o.claim.articleId !== member.claim.articleId);
    const anno: JsonObject = {
      '@context': ANNO_CONTEXT,
      id: iris.of('link', p.id, member.claim.id),
      type: 'Annotation',
      motivation: 'linking',
      body: [...others.map((o) => iris.claim(o.claim.id)), note],
      target: iris.claim(member.claim.id),
    };
    yield withProvenance(anno, model.analyst, model.generatedAt, null, generator);
  }
}

export interface AnnotationCollection {
  '@context': string;
  id: string;
  type: 'AnnotationCollection';
  label: string;
  total: number;
  first: { id: string; type: 'AnnotationPage'; startIndex: 0; items: JsonObject[] };
}

function contextOf(model: ReportModel): Context {
  const iris = new Iris(model.casefileId);
  return {
    model, iris,
    sources: new Map(model.articles.map((a) => [a.id, articleIri(iris, a.id, a.url)])),
    generator: { type: 'Software', name: model.generator },
  };
}

/** Every annotation of the export, one at a time (claims first, then the links between them), and how many there are. */
function annotations(model: ReportModel): { total: number; each: Iterable<JsonObject> } {
  const context = contextOf(model);
  const plans = linkPlans(model);
  const total = model.claims.length + plans.reduce((sum, plan) => sum + plan.members.length, 0);
  function* each(): Generator<JsonObject> {
    for (const c of model.claims) yield claimAnnotation(context, c);
    for (const plan of plans) yield* linkAnnotations(context, plan);
  }
  return { total, each: each() };
}

/**
 * Hands every annotation to `visit` in order, calling the pacer every
 * PACE_EVERY of them (the claims are the measure of progress).
 */
async function eachAnnotation(each: Iterable<JsonObject>, claims: number, pacer: Pacer | undefined, visit: (anno: JsonObject) => void): Promise<void> {
  let n = 0;
  for (const anno of each) {
    visit(anno);
    n++;
    if (pacer && n % PACE_EVERY === 0) await pacer(Math.min(n, claims), claims, n <= claims ? 'Writing claim annotations' : 'Writing links');
  }
  if (pacer) await pacer(claims, claims, 'Writing links');
}

function collectionHead(model: ReportModel, total: number): Omit<AnnotationCollection, 'first'> & { first: Omit<AnnotationCollection['first'], 'items'> } {
  const id = new Iris(model.casefileId).of('export');
  return {
    '@context': ANNO_CONTEXT, id, type: 'AnnotationCollection', label: model.title, total,
    first: { id: `${id}:page:1`, type: 'AnnotationPage', startIndex: 0 },
  };
}

export async function buildAnnotationCollection(model: ReportModel, pacer?: Pacer): Promise<AnnotationCollection> {
  const { total, each } = annotations(model);
  const items: JsonObject[] = [];
  await eachAnnotation(each, model.claims.length, pacer, (anno) => items.push(anno));
  const head = collectionHead(model, total);
  return { ...head, first: { ...head.first, items } };
}

/**
 * Writes the collection to `sink`, one line per annotation: compact enough
 * for 40,000 claims, still readable and diffable. Each annotation is
 * serialised as soon as it is made, so none outlives its line.
 */
export async function writeJsonLd(model: ReportModel, sink: TextSink, pacer?: Pacer): Promise<void> {
  const { total, each } = annotations(model);
  const { first, ...collection } = collectionHead(model, total);
  const head = JSON.stringify({ ...collection, first: { ...first, items: [] } }, null, 2);
  // The items go one per line where the empty array stands.
  const at = head.lastIndexOf('"items": []');
  sink(`${head.slice(0, at)}"items": [\n`);
  let separator = '';
  await eachAnnotation(each, model.claims.length, pacer, (anno) => {
    sink(`${separator}      ${JSON.stringify(anno)}`);
    separator = ',\n';
  });
  sink(`\n    ]${head.slice(at + '"items": []'.length)}\n`);
}
