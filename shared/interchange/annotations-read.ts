/**
 * Reading annotations made in other tools: W3C Web Annotation JSON-LD (one
 * annotation, an AnnotationCollection with its pages embedded, an
 * AnnotationPage, or a list of annotations: as Hypothesis, Recogito and this
 * app export them) and the JSON the Hypothesis API returns for a search
 * ({ rows, total }) or its export ({ annotations }).
 *
 * Everything in the file is untrusted: it is parsed with size limits and
 * validated with zod one annotation at a time, so one bad annotation is
 * reported and the others still come in. Unknown keys (a "__proto__" among
 * them) are dropped by the schemas, never copied.
 */
import { z } from 'zod';
import { dateTime } from '../report/jsonld';

/** Largest annotation file read: this app's export of a 40,000-claim casefile is about 80 MB (a Hypothesis export, a few MB). */
export const MAX_ANNOTATION_FILE_CHARS = 256 * 1024 * 1024;
/** Most annotations taken from one file (one import is one batch command, which holds at most 500,000). */
export const MAX_ANNOTATIONS = 400_000;
/** Pages of a collection followed through embedded `next` links. */
const MAX_PAGES = 10_000;

const url = z.string().max(8_000);
const longText = z.string().max(200_000);
const shortText = z.string().max(20_000);
const tag = z.string().max(1_000);
const time = z.string().max(64);
const many = <T extends z.ZodType>(item: T, max = 1_000) => z.union([item, z.array(item).max(max)]);

const QuoteSelectorIn = z.object({
  type: z.literal('TextQuoteSelector'),
  exact: longText,
  prefix: shortText.optional(),
  suffix: shortText.optional(),
});
const PositionSelectorIn = z.object({
  type: z.literal('TextPositionSelector'),
  start: z.number().int().min(0).max(1e9),
  end: z.number().int().min(0).max(1e9),
});
/** Any selector: those we use are read by the two schemas above, the others (RangeSelector, XPath, CSS) are skipped. */
const SelectorIn = z.object({ type: z.string().max(200) }).catchall(z.unknown());

const TargetIn = z.union([
  url,
  z.object({ source: url.optional(), id: url.optional(), selector: many(SelectorIn, 100).optional() }),
]);
const BodyIn = z.union([
  url,
  z.object({ type: z.string().max(200).optional(), value: longText.optional(), purpose: z.string().max(200).optional() }),
]);
const AgentIn = z.union([
  shortText,
  z.object({ id: url.optional(), name: shortText.optional(), nickname: shortText.optional() }),
]);

const W3cAnnotationIn = z.object({
  id: url.optional(),
  motivation: many(z.string().max(200), 50).optional(),
  body: many(BodyIn).optional(),
  bodyValue: longText.optional(),
  target: many(TargetIn, 100),
  creator: many(AgentIn, 100).optional(),
  created: time.optional(),
  modified: time.optional(),
  generator: z.union([url, z.object({ name: shortText.optional() })]).optional(),
});

const HypothesisRowIn = z.object({
  id: z.string().max(200),
  uri: url.optional(),
  user: shortText.optional(),
  user_info: z.object({ display_name: shortText.nullable().optional() }).nullable().optional(),
  text: longText.optional(),
  tags: z.array(tag).max(1_000).optional(),
  created: time.optional(),
  updated: time.optional(),
  target: z.array(z.object({ source: url.optional(), selector: z.array(SelectorIn).max(100).optional() })).max(100),
});

/** One annotation as the import uses it, whatever file it came from. */
export interface IncomingAnnotation {
  /** Its id in the file, or its number there. */
  ref: string;
  /** The document it was made on (a web address, or an IRI of this app's export). */
  source: string | null;
  quote: { exact: string; prefix: string; suffix: string } | null;
  position: { start: number; end: number } | null;
  /** The sourcing type this app's own export gave it (a classifying body), by label. */
  classifiedAs: string | null;
  tags: string[];
  /** Comments and other text bodies, in order. */
  comments: string[];
  creator: string;
  /** ISO timestamps (UTC), or null when the file has none (or an unreadable one). */
  created: string | null;
  modified: string | null;
}

export interface SkippedAnnotation {
  ref: string;
  reason: string;
}

export interface ReadAnnotations {
  format: 'W3C Web Annotation' | 'Hypothesis';
  annotations: IncomingAnnotation[];
  /** Annotations left out, each with why: invalid, not on text (a link, a page note), over the limit. */
  skipped: SkippedAnnotation[];
}

export class AnnotationFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AnnotationFileError';
  }
}

/** Reads an annotation file's text; throws AnnotationFileError when it is not one at all. */
export function readAnnotationFile(text: string): ReadAnnotations {
  if (text.length > MAX_ANNOTATION_FILE_CHARS) throw new AnnotationFileError(`The file is too large (over ${MAX_ANNOTATION_FILE_CHARS / 2 ** 20} MB of text) to be an annotation export.`);
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new AnnotationFileError(`The file is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const hypothesis = hypothesisRows(json);
  if (hypothesis) return collect('Hypothesis', hypothesis, readHypothesisRow);
  return collect('W3C Web Annotation', w3cItems(json), readW3cAnnotation);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasType(value: Record<string, unknown>, type: string): boolean {
  const t = value.type;
  return t === type || (Array.isArray(t) && t.includes(type));
}

/** The rows of a Hypothesis search result ({ rows, total }) or export ({ annotations }), or null if it is neither. */
function hypothesisRows(json: unknown): unknown[] | null {
  if (isObject(json) && Array.isArray(json.rows)) return json.rows;
  if (isObject(json) && Array.isArray(json.annotations) && !('type' in json)) return json.annotations;
  if (Array.isArray(json) && json.length && json.every((row) => isObject(row) && 'uri' in row && !('type' in row))) return json;
  return null;
}

/** The annotations of a W3C file: one annotation, a page, a collection with embedded pages, or a list. */
function w3cItems(json: unknown): unknown[] {
  if (Array.isArray(json)) return json;
  if (!isObject(json)) throw new AnnotationFileError('The file holds no annotations: expected a W3C Web Annotation, AnnotationCollection or AnnotationPage, or a Hypothesis API result.');
  if (hasType(json, 'Annotation')) return [json];
  if (hasType(json, 'AnnotationPage')) return pageItems(json);
  if (hasType(json, 'AnnotationCollection')) {
    if (json.first === undefined) return [];
    if (!isObject(json.first)) throw new AnnotationFileError('The collection’s pages are not in the file (its "first" page is only a link). Export it with the pages embedded.');
    return pageItems(json.first);
  }
  throw new AnnotationFileError('The file holds no annotations: expected a W3C Web Annotation, AnnotationCollection or AnnotationPage, or a Hypothesis API result.');
}

/** The items of a page and of the pages embedded after it (`next`). */
function pageItems(page: Record<string, unknown>): unknown[] {
  const items: unknown[] = [];
  let current: unknown = page;
  for (let n = 0; isObject(current) && n < MAX_PAGES; n++) {
    if (Array.isArray(current.items)) {
      for (const item of current.items) {
        items.push(item);
        if (items.length > MAX_ANNOTATIONS) return items;
      }
    }
    current = current.next;
  }
  return items;
}

function collect(format: ReadAnnotations['format'], items: unknown[], read: (item: unknown, ref: string) => IncomingAnnotation | SkippedAnnotation): ReadAnnotations {
  const annotations: IncomingAnnotation[] = [];
  const skipped: SkippedAnnotation[] = [];
  items.forEach((item, i) => {
    const ref = refOf(item, i);
    if (i >= MAX_ANNOTATIONS) {
      if (i === MAX_ANNOTATIONS) skipped.push({ ref: `${items.length - MAX_ANNOTATIONS} more`, reason: `only the first ${MAX_ANNOTATIONS.toLocaleString('en')} annotations of a file are read` });
      return;
    }
    const result = read(item, ref);
    if ('reason' in result) skipped.push(result);
    else annotations.push(result);
  });
  return { format, annotations, skipped };
}

function refOf(item: unknown, index: number): string {
  const id = isObject(item) ? item.id : undefined;
  return typeof id === 'string' && id.length <= 300 ? id : `#${index + 1}`;
}

function problem(error: z.ZodError, where = ''): string {
  const issue = error.issues[0]!;
  const path = [where, ...issue.path].filter((p) => p !== '').join('.');
  return `not a valid annotation (${path || 'the annotation'}: ${issue.message})`;
}

/** The first quote and the first position among selectors (arrays, single ones, or refinedBy chains flattened). */
function selectorsOf(list: readonly z.infer<typeof SelectorIn>[]): Pick<IncomingAnnotation, 'quote' | 'position'> & { invalid: string | null } {
  let quote: IncomingAnnotation['quote'] = null;
  let position: IncomingAnnotation['position'] = null;
  let invalid: string | null = null;
  for (const raw of list) {
    if (raw.type === 'TextQuoteSelector') {
      const q = QuoteSelectorIn.safeParse(raw);
      if (!q.success) invalid ??= problem(q.error, 'TextQuoteSelector');
      else quote ??= { exact: q.data.exact, prefix: q.data.prefix ?? '', suffix: q.data.suffix ?? '' };
    } else if (raw.type === 'TextPositionSelector') {
      const p = PositionSelectorIn.safeParse(raw);
      if (!p.success) invalid ??= problem(p.error, 'TextPositionSelector');
      else if (p.data.end > p.data.start) position ??= { start: p.data.start, end: p.data.end };
    }
  }
  return { quote, position, invalid };
}

/** Why an annotation with no usable selector is skipped. */
function noSelector(invalid: string | null, otherwise: string): string {
  return invalid ?? otherwise;
}

const asList = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

function agentName(agent: z.infer<typeof AgentIn>): string {
  if (typeof agent === 'string') return agent;
  return agent.name ?? agent.nickname ?? agent.id ?? '';
}

function readW3cAnnotation(item: unknown, ref: string): IncomingAnnotation | SkippedAnnotation {
  const parsed = W3cAnnotationIn.safeParse(item);
  if (!parsed.success) return { ref, reason: problem(parsed.error) };
  const a = parsed.data;
  if (asList(a.motivation).includes('linking')) return { ref, reason: 'a link between annotations, not a place on a text' };
  const target = asList(a.target).find((t) => typeof t !== 'string' && t.selector !== undefined) ?? asList(a.target)[0];
  if (!target || typeof target === 'string') return { ref, reason: 'it marks a whole document, not a passage of its text' };
  const { quote, position, invalid } = selectorsOf(asList(target.selector));
  if (!quote && !position) return { ref, reason: noSelector(invalid, 'it has no TextQuoteSelector or TextPositionSelector') };
  const generator = typeof a.generator === 'object' ? a.generator.name ?? '' : '';
  const ours = generator.startsWith('Corroborate');
  let classifiedAs: string | null = null;
  const tags: string[] = [];
  const comments: string[] = a.bodyValue ? [a.bodyValue] : [];
  for (const body of asList(a.body)) {
    if (typeof body === 'string' || body.value === undefined) continue;
    const purpose = body.purpose ?? '';
    if (purpose === 'tagging') tags.push(body.value);
    else if (purpose === 'classifying' && ours && classifiedAs === null) classifiedAs = body.value;
    else if (purpose === 'classifying') tags.push(body.value);
    // This app's own describing and assessing bodies repeat what the casefile computes (the chain, the propositions, a review).
    else if (!(ours && (purpose === 'describing' || purpose === 'assessing'))) comments.push(body.value);
  }
  return {
    ref, source: target.source ?? target.id ?? null, quote, position, classifiedAs, tags: uniqueTags(tags), comments,
    creator: asList(a.creator).map(agentName).filter(Boolean).join(', '),
    created: a.created ? dateTime(a.created) : null,
    modified: a.modified ? dateTime(a.modified) : null,
  };
}

function readHypothesisRow(item: unknown, ref: string): IncomingAnnotation | SkippedAnnotation {
  const parsed = HypothesisRowIn.safeParse(item);
  if (!parsed.success) return { ref, reason: problem(parsed.error) };
  const row = parsed.data;
  const target = row.target.find((t) => t.selector?.length) ?? row.target[0];
  const { quote, position, invalid } = selectorsOf(target?.selector ?? []);
  if (!quote && !position) return { ref, reason: noSelector(invalid, 'a page note or reply, not a passage of a text') };
  return {
    ref, source: target?.source ?? row.uri ?? null, quote, position, classifiedAs: null,
    tags: uniqueTags(row.tags ?? []), comments: row.text?.trim() ? [row.text] : [],
    creator: row.user_info?.display_name?.trim() || hypothesisUser(row.user ?? ''),
    created: row.created ? dateTime(row.created) : null,
    modified: row.updated ? dateTime(row.updated) : null,
  };
}

/** "acct:alice@hypothes.is" → "alice". */
function hypothesisUser(user: string): string {
  return /^acct:([^@]+)@/.exec(user)?.[1] ?? user;
}

function uniqueTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map((t) => t.trim()).filter(Boolean))];
}
