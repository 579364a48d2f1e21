/**
 * One analyst's version of one record (docs/team-sync.md) and the check every
 * version passes before it is used: on the team server before an update is
 * stored, on each client before a record reaches the casefile. Field values
 * are checked with the casefile schema's own field schemas.
 *
 * In the shared document a version is stored as its JSON text (a string in
 * the `versions` map), not as a nested Yjs value: Yjs encodes and decodes a
 * string in one piece, a nested value value by value (several times slower
 * for a large casefile). The text is parsed and checked when it is read.
 *
 * The text names the stamp most of its fields share once, as `stamp`, and
 * lists under `stamps` only the fields stamped otherwise (a record made or
 * shared in one change has one stamp for all its fields): a quarter of a
 * large casefile's document was field names and stamps repeated. Text with
 * every field under `stamps`, as earlier versions wrote it, reads the same.
 */
import { z } from 'zod';
import * as schema from '../model/schema';
import { idProblem } from '../model/ids';
import { parseVersionKey, type SyncCollection, type VersionKey } from './keys';
import { STAMP } from './stamp';
import { mostCommon } from '../lib/collections';

export interface Version {
  /** The fields of the record this analyst has set. */
  fields: Record<string, unknown>;
  /** When each of those fields was set. */
  stamps: Record<string, string>;
  /** The stamp of this analyst's deletion of the record. */
  deleted?: string;
}

/** A version as the shared document stores it: its JSON text. */
export type VersionText = string;

/** Largest version accepted, as JSON characters. */
export const MAX_VERSION_CHARS = 1_000_000;

/** Proposition membership is a judgment per claim: field `members.<claimId>`. */
export const MEMBER_FIELD_PREFIX = 'members.';

type Shape = Record<string, z.ZodType>;

const RECORD_SHAPES: Record<Exclude<SyncCollection, 'casefile'>, Shape> = {
  articles: omit(schema.Article.shape, 'text'),
  claims: schema.Claim.shape,
  sources: schema.Source.shape,
  propositions: omit(schema.Proposition.shape, 'members'),
  rootJudgements: schema.RootJudgement.shape,
  copyFlags: schema.CopyFlag.shape,
  reviews: schema.ReviewComment.shape,
  rejectedProposals: schema.RejectedProposal.shape,
};

/** The casefile's own parts: `meta` field by field, the lists each as one field `items`. */
const PART_SHAPES: Record<string, Shape> = {
  meta: schema.CasefileMeta.shape,
  taxonomy: { items: schema.Casefile.shape.taxonomy },
  assessmentScale: { items: schema.Casefile.shape.assessmentScale },
  outlets: { items: schema.Casefile.shape.outlets },
};

const MEMBER = schema.PropositionMember.nullable();

/** The schema of one field of a record, or undefined when the record has no such field. */
export function fieldSchema(collection: SyncCollection, recordId: string, field: string): z.ZodType | undefined {
  if (collection === 'casefile') return own(PART_SHAPES[recordId] ?? {}, field);
  if (collection === 'propositions' && field.startsWith(MEMBER_FIELD_PREFIX)) {
    return idProblem(field.slice(MEMBER_FIELD_PREFIX.length)) === null ? MEMBER : undefined;
  }
  return own(RECORD_SHAPES[collection], field);
}

/** The fields a version of this record may set (members aside). */
export function fieldNames(collection: SyncCollection, recordId: string): readonly string[] {
  const kind = collection === 'casefile' ? `casefile/${recordId}` : collection;
  let names = FIELD_NAMES.get(kind);
  if (!names) FIELD_NAMES.set(kind, (names = Object.keys(collection === 'casefile' ? (PART_SHAPES[recordId] ?? {}) : RECORD_SHAPES[collection])));
  return names;
}

const FIELD_NAMES = new Map<string, readonly string[]>();

/** The text the shared document stores for a version: the shared stamp once, the others by field. */
export function versionText(version: Version): VersionText {
  const shared = mostCommon(Object.values(version.stamps));
  if (shared === null) return JSON.stringify(version);
  const others: Record<string, string> = {};
  let anyOther = false;
  for (const field in version.stamps) {
    if (version.stamps[field] === shared) continue;
    others[field] = version.stamps[field]!;
    anyOther = true;
  }
  return JSON.stringify({
    fields: version.fields, stamp: shared, ...(anyOther ? { stamps: others } : {}), ...(version.deleted === undefined ? {} : { deleted: version.deleted }),
  });
}

/** A stored value read as a version: the version, or why it is not one. */
export type ReadVersion = { version: Version; problem: null } | { version: null; problem: string };

/**
 * Reads the value stored under `key` (a version's JSON text) and checks it.
 * With `writer`, the key must also be that analyst's own.
 */
export function readVersion(key: string, value: unknown, writer?: string): ReadVersion {
  const problem = (text: string): ReadVersion => ({ version: null, problem: text });
  const parsed = parseVersionKey(key);
  if (typeof parsed === 'string') return problem(parsed);
  if (writer !== undefined && parsed.analystId !== writer) return problem(`${key} belongs to another analyst`);
  if (typeof value !== 'string') {
    return problem(isPlainObject(value)
      ? `${key} is a version in the old form (a Yjs value, not JSON text), written by an earlier Corroborate: not read`
      : `${key} is not a version`);
  }
  if (value.length > MAX_VERSION_CHARS) return problem(`${key} is ${value.length} characters, more than ${MAX_VERSION_CHARS}`);
  let version: unknown;
  try {
    version = JSON.parse(value);
  } catch {
    return problem(`${key} is not valid JSON text`);
  }
  if (!isPlainObject(version)) return problem(`${key} is not a version`);
  const read = withStampsByField(key, version);
  if (typeof read === 'string') return problem(read);
  const shape = shapeProblem(key, parsed, read);
  return shape === null ? { version: read as unknown as Version, problem: null } : problem(shape);
}

/**
 * Why `value` stored under `key` is not an acceptable version, or null.
 * With `writer`, the key must also be that analyst's own.
 */
export function versionProblem(key: string, value: unknown, writer?: string): string | null {
  return readVersion(key, value, writer).problem;
}

/**
 * The parsed text as a version with every field's stamp under `stamps`: as
 * written, or with the shared `stamp` for each field `stamps` does not name.
 * A string says what is wrong with its parts.
 */
function withStampsByField(key: string, value: Record<string, unknown>): Record<string, unknown> | string {
  // for…in over objects JSON.parse made (plain, checked below): their own keys, without the arrays Object.entries makes.
  for (const name in value) {
    if (name !== 'fields' && name !== 'stamps' && name !== 'stamp' && name !== 'deleted') return `${key} has an unknown part "${name}"`;
  }
  const { fields, stamp, stamps, deleted } = value;
  if (!isPlainObject(fields) || (stamps !== undefined && !isPlainObject(stamps)) || (stamp === undefined && stamps === undefined)) return `${key} lacks its fields or stamps`;
  if (stamp === undefined) return value;
  if (typeof stamp !== 'string' || !STAMP.test(stamp)) return `${key} has a bad shared stamp`;
  // No record has a field __proto__; refused here, before it could be set on a plain object.
  if (Object.hasOwn(fields, '__proto__') || (stamps !== undefined && Object.hasOwn(stamps, '__proto__'))) return `${key}: "__proto__" is not a field of this record`;
  const all: Record<string, unknown> = {};
  for (const field in fields) all[field] = stamps !== undefined && Object.hasOwn(stamps, field) ? stamps[field] : stamp;
  // A stamp for a field the version does not set is kept, for the check to refuse.
  if (stamps !== undefined) for (const field in stamps) if (!Object.hasOwn(all, field)) all[field] = stamps[field];
  return deleted === undefined ? { fields, stamps: all } : { fields, stamps: all, deleted };
}

function shapeProblem(key: string, ref: VersionKey, value: Record<string, unknown>): string | null {
  const { fields, stamps, deleted } = value as { fields: Record<string, unknown>; stamps: Record<string, unknown>; deleted?: unknown };
  if (deleted !== undefined && (typeof deleted !== 'string' || !STAMP.test(deleted))) return `${key} has a bad deletion stamp`;
  let checked: unknown = null;
  for (const field in stamps) {
    const stamp = stamps[field];
    // Fields share their stamp (a version's fields are mostly set together): each stamp is tested once in a row.
    if (stamp !== checked && (typeof stamp !== 'string' || !STAMP.test(stamp))) return `${key}: field ${field} has a bad stamp`;
    checked = stamp;
    if (!Object.hasOwn(fields, field)) return `${key}: stamp for a field it does not set (${field})`;
  }
  // The values are checked together, with the record's field schemas as one object schema (one parse, not one per field);
  // removals (null) and proposition members are checked apart.
  let apart: Set<string> | null = null;
  for (const field in fields) {
    const fieldValue = fields[field];
    if (!Object.hasOwn(stamps, field)) return `${key}: field ${field} has no stamp`;
    const check = fieldSchema(ref.collection, ref.id, field);
    if (!check) return `${key}: "${field.slice(0, 60)}" is not a field of this record`;
    if (field === 'id' && ref.collection !== 'casefile' && fieldValue !== ref.id) return `${key}: its id field names another record`;
    if (fieldValue === null && isRemovable(check)) {
      (apart ??= new Set()).add(field);
    } else if (field.startsWith(MEMBER_FIELD_PREFIX)) {
      (apart ??= new Set()).add(field);
      const result = check.safeParse(fieldValue);
      if (!result.success) return `${key}: field ${field} is not valid (${result.error.issues[0]?.message ?? 'bad value'})`;
    }
  }
  const together = apart ? Object.fromEntries(Object.entries(fields).filter(([field]) => !apart.has(field))) : fields;
  const result = valuesSchema(ref).safeParse(together);
  if (result.success) return null;
  const issue = result.error.issues[0];
  return `${key}: field ${String(issue?.path[0] ?? '?')} is not valid (${issue?.message ?? 'bad value'})`;
}

const VALUES = new Map<string, z.ZodType>();

/** A record's field schemas as one object schema, every field optional (a version sets some fields). */
function valuesSchema(ref: VersionKey): z.ZodType {
  const kind = ref.collection === 'casefile' ? `casefile/${ref.id}` : ref.collection;
  let check = VALUES.get(kind);
  if (!check) {
    const shape = ref.collection === 'casefile' ? (PART_SHAPES[ref.id] ?? {}) : RECORD_SHAPES[ref.collection];
    check = z.object(shape).partial();
    VALUES.set(kind, check);
  }
  return check;
}

/** A field the record may leave out: removing it is stored as null (docs/team-sync.md). */
function isRemovable(check: z.ZodType): boolean {
  return check.safeParse(undefined).success;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function own(shape: Shape, field: string): z.ZodType | undefined {
  return Object.hasOwn(shape, field) ? shape[field] : undefined;
}

function omit(shape: Shape, field: string): Shape {
  const { [field]: _omitted, ...rest } = shape;
  return rest;
}
