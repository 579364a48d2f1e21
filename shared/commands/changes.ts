/**
 * What a change touched, read from its patches, and which casefile revision
 * came from which. Derived data (independence, the claims index) asks
 * `changesBetween(last, now)` to update its last result instead of
 * recomputing it: command → patches → derived updates. Every way a casefile
 * changes records the link here: applyCommand, appendAudit and replayPatches
 * (patches applied elsewhere: the window's copy, undo and redo, later a
 * colleague's changes).
 */
import type { Patch } from 'immer';
import type { Casefile } from '../model/schema';

/** The casefile fields that are records by id (claims, sources…). */
export type RecordField = 'articles' | 'claims' | 'sources' | 'propositions' | 'rootJudgements' | 'copyFlags' | 'reviews';

const RECORD_FIELDS = new Set<string>(['articles', 'claims', 'sources', 'propositions', 'rootJudgements', 'copyFlags', 'reviews']);

export interface Changes {
  /** Ids of the records added, changed or removed, by collection. */
  records: Map<RecordField, Set<string>>;
  /** Fields changed in some other way: a whole collection replaced, or taxonomy, meta, audit… */
  fields: Set<keyof Casefile>;
}

export function noChanges(): Changes {
  return { records: new Map(), fields: new Set() };
}

/** Adds what `patches` touch to `into` (a new Changes when not given). */
export function changesOf(patches: readonly Patch[], into: Changes = noChanges()): Changes {
  for (const { path } of patches) {
    const field = String(path[0]);
    if (path.length >= 2 && isRecordField(field)) {
      let ids = into.records.get(field);
      if (!ids) into.records.set(field, (ids = new Set()));
      ids.add(String(path[1]));
    } else {
      into.fields.add(field as keyof Casefile);
    }
  }
  return into;
}

function isRecordField(field: string): field is RecordField {
  return RECORD_FIELDS.has(field);
}

/** Ids changed in one collection (empty when none). */
export function changedIds(changes: Changes, field: RecordField): ReadonlySet<string> {
  return changes.records.get(field) ?? EMPTY;
}

/** Whether any of `fields` changed, as a whole or in any record. */
export function touches(changes: Changes, fields: readonly (keyof Casefile)[]): boolean {
  return fields.some((f) => changes.fields.has(f) || (isRecordField(f) && (changes.records.get(f)?.size ?? 0) > 0));
}

const EMPTY: ReadonlySet<string> = new Set();

/**
 * A revision's place in the chain of changes. The chain links these, never
 * the casefiles themselves, so an earlier revision is freed as soon as nothing
 * else holds it (on a large casefile each one holds its own copy of a record
 * of 40,000 claims) while what changed since it is still known.
 */
type Revision = object;

interface Link {
  before: Revision;
  patches: readonly Patch[];
}

const revisions = new WeakMap<Casefile, Revision>();
const links = new WeakMap<Revision, Link>();

function revisionOf(casefile: Casefile): Revision {
  let revision = revisions.get(casefile);
  if (!revision) {
    revision = {};
    revisions.set(casefile, revision);
  }
  return revision;
}

/** How many revisions back `changesBetween` looks before giving up (the caller then recomputes). */
export const MAX_STEPS = 64;

/**
 * Records that `after` is `before` with `patches` applied. The link
 * MAX_STEPS revisions back is dropped, so a casefile keeps at most that
 * many steps of patches.
 */
export function linkRevision(before: Casefile, after: Casefile, patches: readonly Patch[]): void {
  if (before === after) return;
  links.set(revisionOf(after), { before: revisionOf(before), patches });
  let at = revisionOf(after);
  for (let i = 0; i < MAX_STEPS; i++) {
    const link = links.get(at);
    if (!link) return;
    at = link.before;
  }
  links.delete(at);
}

/**
 * What changed from `from` to `to`, when `to` descends from `from` by
 * recorded changes; null when it does not (another casefile, or too far back).
 */
export function changesBetween(from: Casefile, to: Casefile): Changes | null {
  if (from === to) return noChanges();
  const target = revisions.get(from);
  if (!target) return null;
  const steps: Link[] = [];
  let at = revisionOf(to);
  while (at !== target) {
    const link = links.get(at);
    if (!link || steps.length >= MAX_STEPS) return null;
    steps.push(link);
    at = link.before;
  }
  const changes = noChanges();
  for (const step of steps) changesOf(step.patches, changes);
  return changes;
}
