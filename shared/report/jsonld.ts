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
import type { ReportClaim, ReportModel, ReportProposition } from './model';
import { STANCE_LABELS } from './model';
import { mapPaced, type Pacer } from './progress';

export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** A stable IRI for something in the casefile: urn:corroborate:<casefile>:<kind>:<id>. */
export function casefileIri(casefileId: string, kind: string, ...ids: string[]): string {
  return ['urn:corroborate', encodeURIComponent(casefileId), kind, ...ids.map(encodeURIComponent)].join(':');
}

/** A web address when the article has a valid http(s) one, otherwise an IRI inside the casefile. */
function articleIri(model: ReportModel, articleId: string, url: string): string {
  try {
    const u = new URL(url.trim());
    if (u.protocol === 'http:' || u.protocol === 'https:') return u.href;
  } catch {
    // not a URL: fall through
  }
  return casefileIri(model.casefileId, 'article', articleId);
}

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** The model requires xsd:dateTime in UTC; casefile timestamps are normalised or left out. */
function dateTime(value: string): string | null {
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

function withProvenance(anno: JsonObject, creator: string, created: string, modified: string | null, model: ReportModel): JsonObject {
  const c = agent(creator, 'Person');
  if (c) anno.creator = c;
  const createdAt = dateTime(created);
  if (createdAt) anno.created = createdAt;
  const modifiedAt = modified ? dateTime(modified) : null;
  if (modifiedAt && modifiedAt !== createdAt) anno.modified = modifiedAt;
  anno.generator = { type: 'Software', name: model.generator };
  return anno;
}

function claimAnnotation(model: ReportModel, c: ReportClaim, sources: Map<string, string>): JsonObject {
  const body: Json[] = [textual('classifying', c.rootTypeLabel)];
  for (const h of c.chain) body.push(textual('tagging', h.label));
  if (c.chain.length) body.push(textual('describing', `Attribution chain: ${[c.outlet || 'the article', ...c.chain.map((h) => `${h.label} (${h.typeLabel}${h.cue ? `, cue “${h.cue}”` : ''}${h.hedging ? `, hedged “${h.hedging}”` : ''})`)].join(' → ')}`));
  for (const p of c.propositions) body.push(textual('describing', `Proposition ${p.ref} (${STANCE_LABELS[p.stance]}): ${p.statement}`));
  if (c.notes) body.push(textual('commenting', c.notes));
  if (c.review) body.push(textual('assessing', `Review: ${c.review.status} by ${c.review.by}${c.review.comment ? ` — ${c.review.comment}` : ''}`));
  const anno: JsonObject = {
    '@context': ANNO_CONTEXT,
    id: casefileIri(model.casefileId, 'claim', c.id),
    type: 'Annotation',
    motivation: 'classifying',
    body,
    target: {
      type: 'SpecificResource',
      source: sources.get(c.articleId) ?? casefileIri(model.casefileId, 'article', c.articleId),
      selector: [
        { type: 'TextQuoteSelector', exact: c.quote, prefix: c.prefix, suffix: c.suffix },
        { type: 'TextPositionSelector', start: c.start, end: c.end },
      ],
    },
  };
  return withProvenance(anno, c.createdBy, c.createdAt, c.modifiedAt, model);
}

/**
 * For each member claim with fellow members in other articles: one linking
 * annotation whose target is that claim and whose bodies are the fellow
 * claims (and a note naming the proposition). Linear in the members, so a
 * large proposition does not explode into every pair.
 */
function linkAnnotations(model: ReportModel, p: ReportProposition, inScope: Set<string>): JsonObject[] {
  const members = p.members.filter((m) => inScope.has(m.claim.id));
  const out: JsonObject[] = [];
  for (const member of members) {
    const others = members.filter((o) => o.claim.articleId !== member.claim.articleId);
    if (!others.length) continue;
    const stances = [member, ...others].map((m) => `${m.claim.ref} ${STANCE_LABELS[m.stance]}`).join('; ');
    const anno: JsonObject = {
      '@context': ANNO_CONTEXT,
      id: casefileIri(model.casefileId, 'link', p.id, member.claim.id),
      type: 'Annotation',
      motivation: 'linking',
      body: [
        ...others.map((o) => casefileIri(model.casefileId, 'claim', o.claim.id)),
        textual('describing', `Claims in other articles that make the same proposition, ${p.ref}: ${p.statement} (${stances})`),
      ],
      target: casefileIri(model.casefileId, 'claim', member.claim.id),
    };
    out.push(withProvenance(anno, model.analyst, model.generatedAt, null, model));
  }
  return out;
}

export interface AnnotationCollection {
  '@context': string;
  id: string;
  type: 'AnnotationCollection';
  label: string;
  total: number;
  first: { id: string; type: 'AnnotationPage'; startIndex: 0; items: JsonObject[] };
}

export async function buildAnnotationCollection(model: ReportModel, pacer?: Pacer): Promise<AnnotationCollection> {
  const sources = new Map(model.articles.map((a) => [a.id, articleIri(model, a.id, a.url)]));
  const claims = await mapPaced(model.claims, 'Writing claim annotations', pacer, (c) => claimAnnotation(model, c, sources));
  const inScope = new Set(model.claims.map((c) => c.id));
  const links = (await mapPaced(model.propositions, 'Writing links', pacer, (p) => linkAnnotations(model, p, inScope))).flat();
  const items = [...claims, ...links];
  const collectionId = casefileIri(model.casefileId, 'export');
  return {
    '@context': ANNO_CONTEXT,
    id: collectionId,
    type: 'AnnotationCollection',
    label: model.title,
    total: items.length,
    first: { id: `${collectionId}:page:1`, type: 'AnnotationPage', startIndex: 0, items },
  };
}

/** One line per annotation: compact enough for 40,000 claims, still readable and diffable. */
export async function buildJsonLd(model: ReportModel, pacer?: Pacer): Promise<string> {
  const { first, ...collection } = await buildAnnotationCollection(model, pacer);
  const { items, ...page } = first;
  const head = JSON.stringify({ ...collection, first: { ...page, items: [] } }, null, 2);
  // Splice the items in, one per line, where the empty array stands.
  const at = head.lastIndexOf('"items": []');
  const lines = items.map((item) => `      ${JSON.stringify(item)}`).join(',\n');
  return `${head.slice(0, at)}"items": [\n${lines}\n    ]${head.slice(at + '"items": []'.length)}\n`;
}
