/**
 * Merging analysts' versions of one record into the record everyone sees
 * (docs/team-sync.md): each field takes its latest-stamped value; a deletion
 * later than every field removes the record; nothing is ever overwritten in
 * the versions themselves, so every analyst's judgment stays readable.
 */
import { MEMBER_FIELD_PREFIX, type Version } from './version';
import type { SyncCollection } from './keys';

export interface AnalystVersion {
  analystId: string;
  version: Version;
}

export interface Merged {
  /** The record's fields, or null when the record is deleted or was never whole. */
  fields: Record<string, unknown> | null;
  /** Analysts whose deletion lost to a later edit: the record stays, and they should hear of it. */
  deletedBy: string[];
  /** Who set each field's winning value. */
  setBy: Record<string, string>;
}

export function mergeVersions(collection: SyncCollection, versions: readonly AnalystVersion[]): Merged {
  // Most records have one version and no deletion: every field is its own latest (a version stamps exactly the fields it sets).
  if (versions.length === 1 && versions[0]!.version.deleted === undefined) return soleVersion(collection, versions[0]!);
  const latestDeletion = latestStamp(versions.map((v) => v.version.deleted));
  const recreated = latestDeletion !== '' && versions.some((v) => (v.version.stamps.id ?? '') > latestDeletion);
  // Written again after its deletion: the record is what was written since, not what the deletion removed.
  const { fields, setBy, latestEdit } = latestFields(versions, recreated ? latestDeletion : '');
  if (latestDeletion && latestDeletion > latestEdit) return { fields: null, deletedBy: [], setBy };
  const merged = collection === 'propositions' ? gatherMembers(fields) : fields;
  if (collection === 'casefile' && Array.isArray(merged.analysts)) merged.analysts = unionOfAnalysts(versions);
  const deletedBy = recreated ? [] : versions.filter((v) => v.version.deleted !== undefined).map((v) => v.analystId).sort();
  return { fields: merged, deletedBy, setBy };
}

function soleVersion(collection: SyncCollection, { analystId, version }: AnalystVersion): Merged {
  // The version is cached by its reader and never changed: only the casefile's own fields are rewritten here, on a copy.
  const merged = collection === 'propositions' ? gatherMembers(version.fields) : collection === 'casefile' ? { ...version.fields } : version.fields;
  if (collection === 'casefile' && Array.isArray(merged.analysts)) merged.analysts = unionOfAnalysts([{ analystId, version }]);
  return {
    fields: merged,
    deletedBy: [],
    get setBy() {
      return Object.fromEntries(Object.keys(version.stamps).map((field) => [field, analystId]));
    },
  };
}

/** The latest of some stamps ('' when there are none). */
export function latestStamp(stamps: Iterable<string | undefined>): string {
  let latest = '';
  for (const stamp of stamps) if (stamp !== undefined && stamp > latest) latest = stamp;
  return latest;
}

/** Each field's latest-stamped value among the fields stamped after `after`. */
function latestFields(versions: readonly AnalystVersion[], after: string) {
  const fields: Record<string, unknown> = {};
  const stamps: Record<string, string> = {};
  const setBy: Record<string, string> = {};
  let latestEdit = '';
  for (const { analystId, version } of versions) {
    for (const [field, stamp] of Object.entries(version.stamps)) {
      if (stamp <= after) continue;
      if (stamp > latestEdit) latestEdit = stamp;
      if (!Object.hasOwn(stamps, field) || stamp > stamps[field]!) {
        stamps[field] = stamp;
        fields[field] = version.fields[field];
        setBy[field] = analystId;
      }
    }
  }
  return { fields, setBy, latestEdit };
}

/** `members.<claimId>` fields back into the `members` list, ordered by when each was added. */
function gatherMembers(fields: Record<string, unknown>): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  const members: { claimId: string; addedAt: string }[] = [];
  for (const [field, value] of Object.entries(fields)) {
    if (!field.startsWith(MEMBER_FIELD_PREFIX)) record[field] = value;
    else if (value !== null) members.push(value as { claimId: string; addedAt: string });
  }
  members.sort((a, b) => (a.addedAt < b.addedAt ? -1 : a.addedAt > b.addedAt ? 1 : a.claimId < b.claimId ? -1 : a.claimId > b.claimId ? 1 : 0));
  record.members = members;
  return record;
}

/** Everyone who ever joined the casefile's analysts, whoever wrote the list last. */
function unionOfAnalysts(versions: readonly AnalystVersion[]): string[] {
  const names = new Set<string>();
  for (const { version } of versions) {
    const list = version.fields.analysts;
    if (Array.isArray(list)) for (const name of list) if (typeof name === 'string') names.add(name);
  }
  return [...names].sort();
}

/** A record's fields as an analyst's version stores them (proposition members one by one; never article text). */
export function fieldsOfRecord(collection: SyncCollection, record: Record<string, unknown>): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(record)) {
    if (collection === 'articles' && field === 'text') continue;
    if (collection === 'propositions' && field === 'members') {
      for (const member of value as { claimId: string }[]) fields[MEMBER_FIELD_PREFIX + member.claimId] = member;
      continue;
    }
    fields[field] = value;
  }
  return fields;
}
