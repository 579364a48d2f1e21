/**
 * A team casefile's shared document and the local casefile kept in step with
 * it (docs/team-sync.md). Local changes come from `applyCommand` as before
 * and are written here as this analyst's versions; changes from teammates
 * arrive as the records they touched, merged and handed back as patches for
 * `replayPatches`. There is no second reducer.
 */
import { produceWithPatches, type Draft, type Patch } from 'immer';
import * as Y from 'yjs';
import { changesOf } from '../commands/changes';
import { jsonEqual } from '../lib/equal';
import * as schema from '../model/schema';
import type { AuditEntry, Casefile } from '../model/schema';
import { CASEFILE_PARTS, RECORD_COLLECTIONS, parseVersionKey, refKey, versionKey, type CasefilePart, type RecordCollection, type RecordRef, type SyncCollection } from './keys';
import { fieldsOfRecord, latestStamp, mergeVersions, type AnalystVersion } from './merge';
import { StampClock } from './stamp';
import { fieldNames, fieldSchema, readVersion, versionText, type ReadVersion, type Version, type VersionText } from './version';

export interface SharedIdentity {
  /** The team server's id for this analyst: the suffix of every key written here. */
  analystId: string;
  analystName: string;
  /** This device, so two devices of one analyst never make the same stamp. */
  deviceId: string;
  now?: () => number;
}

/** Article text by its hash, when this replica has it. */
export type TextLookup = (textHash: string) => string | undefined;

export interface CatchUp {
  state: Casefile;
  patches: Patch[];
  /** Versions or records left out, with the reason (a teammate's bad data, a record not yet whole). */
  problems: string[];
  /** Texts the document names that this replica lacks; their articles wait until they are fetched. */
  missingTexts: string[];
  /** Records kept because someone edited them after another analyst deleted them. */
  conflicts: DeleteConflict[];
}

export interface DeleteConflict {
  ref: RecordRef;
  deletedBy: string[];
}

export interface RemoteChange {
  refs: RecordRef[];
  auditChanged: boolean;
}

/** Transaction origin of this replica's own writes. */
const LOCAL = Symbol('local change');

const PART_OF_FIELD: Record<string, CasefilePart> = { meta: 'meta', taxonomy: 'taxonomy', assessmentScale: 'assessmentScale', outlets: 'outlets' };

export class SharedCasefile {
  /** Every analyst's version of every record, each as its JSON text (docs/team-sync.md). */
  readonly versions: Y.Map<VersionText>;
  readonly audit: Y.Array<AuditEntry>;
  readonly analysts: Y.Map<{ name: string }>;
  private readonly clock: StampClock;
  /** Analysts with a version of each record, by `<collection>/<id>`. */
  private readonly writers = new Map<string, Set<string>>();
  /** Each stored version as read and checked, with the text it was read from (texts are replaced, never changed). */
  private readonly read = new Map<string, { text: unknown; read: ReadVersion }>();
  /** Collects the records `recordChange` writes. */
  private written: RecordRef[] | null = null;

  constructor(
    readonly doc: Y.Doc,
    readonly identity: SharedIdentity,
  ) {
    this.versions = doc.getMap<VersionText>('versions');
    this.audit = doc.getArray<AuditEntry>('audit');
    this.analysts = doc.getMap<{ name: string }>('analysts');
    this.clock = new StampClock(identity.deviceId, identity.now);
    for (const key of this.versions.keys()) this.index(key);
    // Versions are read (parsed and checked) when first needed; a record's versions are
    // read before this analyst writes it, so a local stamp is later than every stamp seen on it.
    this.versions.observe((event) => {
      for (const key of event.keysChanged) {
        this.index(key);
        if (!this.versions.has(key)) this.read.delete(key);
      }
    });
  }

  /**
   * Publishes a whole casefile as this analyst's versions (sharing it).
   * Returns every record, for `catchUp` to put the casefile in the document's form.
   */
  seed(casefile: Casefile): RemoteChange {
    this.doc.transact(() => {
      this.join();
      for (const part of CASEFILE_PARTS) {
        const value = partOf(casefile, part);
        if (value !== undefined) this.writeRecord('casefile', part, undefined, value);
      }
      for (const collection of RECORD_COLLECTIONS) {
        for (const [id, record] of Object.entries(casefile[collection] ?? {})) this.writeRecord(collection, id, undefined, record);
      }
      this.audit.push(casefile.audit);
    }, LOCAL);
    return { refs: this.allRefs(), auditChanged: false };
  }

  /**
   * Writes this analyst's change from `before` to `after` (a command, an undo,
   * a redo). Returns the records written: `catchUp` on them gives the patches
   * that put `after` in the document's form (merged with teammates' fields,
   * members in the shared order), so every replica holds the same casefile.
   */
  recordChange(before: Casefile, after: Casefile, patches: readonly Patch[]): RemoteChange {
    const written: RecordRef[] = [];
    if (before === after) return { refs: written, auditChanged: false };
    const changes = changesOf(patches);
    this.written = written;
    this.doc.transact(() => {
      this.join();
      for (const [collection, ids] of changes.records) {
        for (const id of ids) this.writeRecord(collection, id, recordIn(before, collection, id), recordIn(after, collection, id));
      }
      for (const field of changes.fields) this.writeField(field, before, after);
    }, LOCAL);
    this.written = null;
    return { refs: written, auditChanged: false };
  }

  /** Calls `listener` with the records a teammate's update touched. */
  onRemoteChange(listener: (change: RemoteChange) => void): () => void {
    const onVersions = (event: Y.YMapEvent<VersionText>, transaction: Y.Transaction) => {
      if (transaction.origin === LOCAL) return;
      const refs: RecordRef[] = [];
      const seen = new Set<string>();
      for (const key of event.keysChanged) {
        const parsed = parseVersionKey(key);
        if (typeof parsed === 'string') continue;
        const ref = { collection: parsed.collection, id: parsed.id };
        if (seen.has(refKey(ref))) continue;
        seen.add(refKey(ref));
        refs.push(ref);
      }
      if (refs.length) listener({ refs, auditChanged: false });
    };
    const onAudit = (_event: Y.YArrayEvent<AuditEntry>, transaction: Y.Transaction) => {
      if (transaction.origin !== LOCAL) listener({ refs: [], auditChanged: true });
    };
    this.versions.observe(onVersions);
    this.audit.observe(onAudit);
    return () => {
      this.versions.unobserve(onVersions);
      this.audit.unobserve(onAudit);
    };
  }

  /** Every record the document holds, as `RecordRef`s. */
  allRefs(): RecordRef[] {
    return [...this.writers.keys()].map(refOfKey);
  }

  /**
   * Brings `state` in step with the document for `refs` (and the audit trail
   * when asked): the patches turn `state` into the returned state.
   */
  catchUp(state: Casefile, change: RemoteChange, textOf: TextLookup): CatchUp {
    if (change.refs.length >= BULK_REFS) return this.bulkCatchUp(state, change, textOf);
    let found: Found = noneFound();
    const [next, patches] = produceWithPatches(state, (draft) => {
      found = this.putAll(draft, state, change, textOf);
    });
    return { state: next, patches, ...reported(found) };
  }

  /**
   * Many records at once (opening the casefile from the document): the
   * changed collections are copied once and replaced whole, one patch each,
   * instead of an immer draft and a patch per record.
   */
  private bulkCatchUp(state: Casefile, change: RemoteChange, textOf: TextLookup): CatchUp {
    const target = { ...state } as Record<string, unknown>;
    for (const collection of new Set(change.refs.map((ref) => ref.collection))) {
      if (collection !== 'casefile') target[collection] = { ...(state[collection] ?? {}) };
    }
    const found = this.putAll(target as Draft<Casefile>, state, change, textOf);
    const patches: Patch[] = [...found.changed].map((field) => ({ op: 'replace', path: [field], value: target[field] }));
    const next = found.changed.size ? ({ ...state, ...Object.fromEntries([...found.changed].map((f) => [f, target[f]])) } as Casefile) : state;
    return { state: next, patches, ...reported(found) };
  }

  /** Puts every record `change` names, as merged from the document, into `draft`. */
  private putAll(draft: Draft<Casefile>, state: Casefile, change: RemoteChange, textOf: TextLookup): Found {
    const found = noneFound();
    // Versions left out, gathered in the same pass and listed after the records held back.
    const versionProblems: string[] = [];
    for (const ref of change.refs) {
      const outcome = this.merged(ref, state, textOf, versionProblems);
      if (outcome.kind === 'held') {
        if (outcome.missingText) found.missingTexts.add(outcome.missingText);
        else found.problems.push(outcome.reason);
        continue;
      }
      if (outcome.deletedBy.length && outcome.record) found.conflicts.push({ ref, deletedBy: outcome.deletedBy });
      const field = putRecord(draft, state, ref, outcome.record);
      if (field) found.changed.add(field);
    }
    if (change.auditChanged) {
      const audit = this.audit.toArray();
      if (!jsonEqual(audit, state.audit)) {
        draft.audit = audit;
        found.changed.add('audit');
      }
    }
    found.problems.push(...versionProblems);
    return found;
  }

  /** The whole casefile the document holds, built on `base` (a new replica: an empty casefile). */
  materialise(base: Casefile, textOf: TextLookup): CatchUp {
    return this.catchUp(base, { refs: this.allRefs(), auditChanged: true }, textOf);
  }

  /** Every analyst's version of a record, each checked; a version that fails the check is left out (and its problem added to `leftOut`). */
  versionsOf(ref: RecordRef, leftOut?: string[]): AnalystVersion[] {
    const out: AnalystVersion[] = [];
    const writers = this.writers.get(refKey(ref));
    if (!writers) return out;
    for (const analystId of writers.size > 1 ? [...writers].sort() : writers) {
      const read = this.versionAt(versionKey(ref.collection, ref.id, analystId));
      if (read?.version) out.push({ analystId, version: read.version });
      else if (read && leftOut) leftOut.push(`Left out ${read.problem}`);
    }
    return out;
  }

  /** The version stored under `key` when it passes the check; undefined when there is none or it fails. */
  versionOf(key: string): Version | undefined {
    return this.versionAt(key)?.version ?? undefined;
  }

  /** The version stored under `key`, read and checked once per text; undefined when the key holds nothing. */
  private versionAt(key: string): ReadVersion | undefined {
    const text = this.versions.get(key);
    if (text === undefined) return undefined;
    const cached = this.read.get(key);
    if (cached && cached.text === text) return cached.read;
    const read = readVersion(key, text);
    if (read.version) this.observeStamps(read.version);
    this.read.set(key, { text, read });
    return read;
  }

  /**
   * The casefile as one analyst judges it: `state` with that analyst's own
   * value laid over every field they set. Two of these, compared by Review,
   * show where analysts disagree.
   */
  judgedBy(state: Casefile, analystId: string): Casefile {
    const [next] = produceWithPatches(state, (draft) => {
      for (const ref of this.allRefs()) {
        if (ref.collection === 'casefile' || !this.writers.get(refKey(ref))?.has(analystId)) continue;
        const own = this.versionsOf(ref).find((v) => v.analystId === analystId);
        const current = recordIn(state, ref.collection, ref.id);
        if (!own || !current) continue;
        const merged = mergeVersions(ref.collection, [
          { analystId: '', version: { fields: fieldsOfRecord(ref.collection, current), stamps: stampAll(current, ref.collection) } },
          { analystId, version: judgmentsSinceDeletion(own.version) },
        ]).fields;
        if (merged) putRecord(draft, state, ref, withText(ref.collection, merged, current));
      }
    });
    return next;
  }

  private join(): void {
    const { analystId, analystName } = this.identity;
    if (this.analysts.get(analystId)?.name !== analystName) this.analysts.set(analystId, { name: analystName });
  }

  private writeField(field: string, before: Casefile, after: Casefile): void {
    const part = PART_OF_FIELD[field];
    if (part) this.writeRecord('casefile', part, partOf(before, part), partOf(after, part));
    else if (field === 'audit') this.audit.push(after.audit.slice(before.audit.length));
    else if ((RECORD_COLLECTIONS as readonly string[]).includes(field)) {
      const collection = field as RecordCollection;
      const ids = new Set([...Object.keys(before[collection] ?? {}), ...Object.keys(after[collection] ?? {})]);
      for (const id of ids) {
        const was = recordIn(before, collection, id);
        const is = recordIn(after, collection, id);
        if (was !== is) this.writeRecord(collection, id, was, is);
      }
    }
  }

  private writeRecord(collection: SyncCollection, id: string, before: object | undefined, after: object | undefined): void {
    const key = versionKey(collection, id, this.identity.analystId);
    // Reading the record's versions observes their stamps: this write is stamped later than any of them.
    this.versionsOf({ collection, id });
    const current = this.versionOf(key) ?? { fields: {}, stamps: {} };
    if (!after) {
      if (before) this.versions.set(key, versionText({ ...current, deleted: this.clock.next() }));
      if (before) this.written?.push({ collection, id });
      return;
    }
    const now = fieldsOfRecord(collection, after as Record<string, unknown>);
    const was = before ? fieldsOfRecord(collection, before as Record<string, unknown>) : {};
    const fields = { ...current.fields };
    const stamps = { ...current.stamps };
    let stamp: string | null = null;
    const set = (field: string, value: unknown) => {
      stamp ??= this.clock.next();
      fields[field] = value;
      stamps[field] = stamp;
    };
    for (const [field, value] of Object.entries(now)) {
      if (!before || !jsonEqual(was[field], value)) set(field, value);
    }
    for (const field of Object.keys(was)) if (!Object.hasOwn(now, field)) set(field, null);
    if (stamp !== null) this.written?.push({ collection, id });
    if (stamp !== null) this.versions.set(key, versionText({ fields, stamps, ...(current.deleted ? { deleted: current.deleted } : {}) }));
  }

  private merged(ref: RecordRef, state: Casefile, textOf: TextLookup, leftOut: string[]): MergeOutcome {
    const { fields, deletedBy } = mergeVersions(ref.collection, this.versionsOf(ref, leftOut));
    if (!fields) return { kind: 'record', record: undefined, deletedBy };
    const record = recordFromFields(ref, fields);
    if (ref.collection === 'articles') {
      const hash = record.textHash as string;
      const current = recordIn(state, 'articles', ref.id);
      const text = current && current.textHash === hash ? current.text : textOf(hash);
      if (text === undefined) return { kind: 'held', reason: `article ${ref.id} waits for its text`, missingText: hash };
      record.text = text;
    }
    const problem = recordProblem(ref, record);
    if (problem) return { kind: 'held', reason: problem };
    return { kind: 'record', record, deletedBy };
  }

  /** Stamps compare as strings: observing a version's latest stamp is observing them all. */
  private observeStamps(version: Version): void {
    const latest = latestStamp([...Object.values(version.stamps), version.deleted]);
    if (latest) this.clock.observe(latest);
  }

  private index(key: string): void {
    // A version written again (nearly every update) is indexed already: only keys that parsed were
    // indexed, under exactly this record and analyst, so there is nothing to parse or change.
    const slash = key.lastIndexOf('/');
    if (slash > 0 && this.writers.get(key.slice(0, slash))?.has(key.slice(slash + 1)) && this.versions.has(key)) return;
    const parsed = parseVersionKey(key);
    if (typeof parsed === 'string') return;
    const ref = refKey(parsed);
    const set = this.writers.get(ref) ?? new Set<string>();
    this.writers.set(ref, set);
    if (this.versions.has(key)) set.add(parsed.analystId);
    else set.delete(parsed.analystId);
  }
}

/** Catch-ups at least this large take the bulk path. */
const BULK_REFS = 2_000;

interface Found {
  problems: string[];
  missingTexts: Set<string>;
  conflicts: DeleteConflict[];
  /** The casefile's top-level fields that changed. */
  changed: Set<keyof Casefile>;
}

function noneFound(): Found {
  return { problems: [], missingTexts: new Set(), conflicts: [], changed: new Set() };
}

function reported(found: Found): Pick<CatchUp, 'problems' | 'missingTexts' | 'conflicts'> {
  return { problems: [...new Set(found.problems)], missingTexts: [...found.missingTexts], conflicts: found.conflicts };
}

type MergeOutcome =
  | { kind: 'record'; record: Record<string, unknown> | undefined; deletedBy: string[] }
  | { kind: 'held'; reason: string; missingText?: string };

function refOfKey(key: string): RecordRef {
  const slash = key.indexOf('/');
  return { collection: key.slice(0, slash) as SyncCollection, id: key.slice(slash + 1) };
}

function recordIn(casefile: Casefile, collection: RecordCollection, id: string): Record<string, unknown> & { textHash?: string; text?: string } | undefined {
  const records = casefile[collection] as Record<string, Record<string, unknown>> | undefined;
  return records && Object.hasOwn(records, id) ? records[id] : undefined;
}

/** A casefile part as a record of the `casefile` collection. */
function partOf(casefile: Casefile, part: CasefilePart): Record<string, unknown> | undefined {
  if (part === 'meta') return casefile.meta;
  const items = casefile[part];
  return items === undefined ? undefined : { items };
}

/** Puts a merged record into the draft; returns the casefile field it changed, or null. */
function putRecord(draft: Draft<Casefile>, state: Casefile, ref: RecordRef, record: Record<string, unknown> | undefined): keyof Casefile | null {
  if (ref.collection === 'casefile') {
    const part = ref.id as CasefilePart;
    const current = partOf(state, part);
    if (!record || jsonEqual(current, record)) return null;
    if (part === 'meta') draft.meta = record as Casefile['meta'];
    else (draft as Record<string, unknown>)[part] = record.items;
    return part;
  }
  const current = recordIn(state, ref.collection, ref.id);
  if (record === undefined) {
    if (!current) return null;
    delete (draft[ref.collection] as Record<string, unknown>)[ref.id];
    return ref.collection;
  }
  if (current && jsonEqual(current, record)) return null;
  const records = (draft[ref.collection] ??= {}) as Record<string, unknown>;
  records[ref.id] = record;
  return ref.collection;
}

/**
 * The record's fields in the schema's order; a removed optional field (stored
 * as null) is left out unless its schema takes null. One pass, one new object.
 */
function recordFromFields(ref: RecordRef, fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fieldNames(ref.collection, ref.id)) {
    if (!Object.hasOwn(fields, field)) continue;
    const value = fields[field];
    if (value === null && !fieldSchema(ref.collection, ref.id, field)?.safeParse(null).success) continue;
    out[field] = value;
  }
  if (ref.collection === 'propositions') out.members = fields.members;
  return out;
}

const RECORD_SCHEMAS: Record<RecordCollection, { shape: Record<string, { safeParse(value: unknown): { success: boolean } }> }> = {
  articles: schema.Article,
  claims: schema.Claim,
  sources: schema.Source,
  propositions: schema.Proposition,
  rootJudgements: schema.RootJudgement,
  copyFlags: schema.CopyFlag,
  reviews: schema.ReviewComment,
  rejectedProposals: schema.RejectedProposal,
};

/**
 * Why a merged record cannot be taken in yet, or null. Every field value in it
 * comes from a version that was checked field by field with the record's own
 * field schemas when it was read (version.ts), the fields are the schema's
 * (inSchemaOrder), proposition members are checked members, and article text
 * is a string: the record schema would only find a required field missing
 * (a teammate's edit arrived before the creator's version), so that is what
 * is checked here, instead of parsing every record a second time.
 */
function recordProblem(ref: RecordRef, record: Record<string, unknown>): string | null {
  const missing = requiredFields(ref).find((field) => record[field] === undefined);
  if (missing === undefined) return null;
  if (ref.collection === 'casefile') return `${ref.id} of the casefile is not whole yet`;
  return `${ref.collection}/${ref.id} is not whole yet (${missing}: missing)`;
}

const REQUIRED = new Map<string, readonly string[]>();

/** The fields a record must have: those whose schema takes no `undefined` (not optional, no default). */
function requiredFields(ref: RecordRef): readonly string[] {
  const kind = ref.collection === 'casefile' ? `casefile/${ref.id}` : ref.collection;
  let fields = REQUIRED.get(kind);
  if (!fields) {
    const shape: Record<string, { safeParse(value: unknown): { success: boolean } }> = ref.collection === 'casefile'
      ? (ref.id === 'meta' ? schema.CasefileMeta.shape : { items: fieldSchema('casefile', ref.id, 'items') ?? schema.CasefileMeta.shape.id })
      : RECORD_SCHEMAS[ref.collection].shape;
    fields = Object.entries(shape).filter(([, check]) => !check.safeParse(undefined).success).map(([field]) => field);
    REQUIRED.set(kind, fields);
  }
  return fields;
}

function stampAll(record: Record<string, unknown>, collection: SyncCollection): Record<string, string> {
  const stamps: Record<string, string> = {};
  for (const field of Object.keys(fieldsOfRecord(collection, record))) stamps[field] = '0';
  return stamps;
}

/** An analyst's fields set after their own deletion of the record: what they deleted is no longer their judgment. */
function judgmentsSinceDeletion(version: Version): Version {
  if (version.deleted === undefined) return { fields: version.fields, stamps: version.stamps };
  const fields: Record<string, unknown> = {};
  const stamps: Record<string, string> = {};
  for (const [field, stamp] of Object.entries(version.stamps)) {
    if (stamp <= version.deleted) continue;
    fields[field] = version.fields[field];
    stamps[field] = stamp;
  }
  return { fields, stamps };
}

function withText(collection: SyncCollection, merged: Record<string, unknown>, current: { text?: string }): Record<string, unknown> {
  return collection === 'articles' ? { ...merged, text: current.text } : merged;
}
