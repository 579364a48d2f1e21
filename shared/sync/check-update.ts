/**
 * The team server's check of an incoming Yjs update, before it is applied
 * (docs/team-sync.md, "Trust"): every value it writes must be a well-formed
 * version (its JSON text, parsed and checked here) under the writer's own key (or the writer's own analyst entry, or
 * valid audit entries), every item it deletes must be the writer's own, and
 * a reviewer may write review comments only. One bad part refuses the whole update.
 */
import * as Y from 'yjs';
import { AuditEntry } from '../model/schema';
import { parseVersionKey } from './keys';
import { isPlainObject, readVersion, type Version } from './version';

export type TeamRole = 'owner' | 'editor' | 'reviewer';

export interface UpdateWriter {
  analystId: string;
  role: TeamRole;
}

/** The delete set of a decoded update: ranges of deleted clocks per client. */
interface DeleteRanges {
  clients: Map<number, { clock: number; len: number }[]>;
}

const ROOTS = new Set(['versions', 'audit', 'analysts']);

interface Place {
  root: string;
  key: string | null;
}

/** Why `update` may not be applied to `doc` for `writer`, or null when it may. */
export function updateProblem(doc: Y.Doc, update: Uint8Array, writer: UpdateWriter): string | null {
  let decoded: { structs: (Y.Item | Y.GC)[]; ds: DeleteRanges };
  try {
    decoded = Y.decodeUpdate(update) as typeof decoded;
  } catch {
    return 'not a Yjs update';
  }
  const inUpdate = new Map<string, Y.Item>();
  for (const struct of decoded.structs) if (struct instanceof Y.Item) inUpdate.set(idText(struct.id), struct);
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item) || alreadyHas(doc, struct)) continue;
    const problem = itemProblem(doc, struct, inUpdate, writer);
    if (problem) return problem;
  }
  return deletionProblem(doc, decoded.ds, inUpdate, writer);
}

function itemProblem(doc: Y.Doc, item: Y.Item, inUpdate: Map<string, Y.Item>, writer: UpdateWriter): string | null {
  const place = placeOf(doc, item, inUpdate, new Set());
  if (typeof place === 'string') return place;
  const placeProblem = writeProblem(place, writer);
  if (placeProblem) return placeProblem;
  const content = item.content;
  if (content instanceof Y.ContentDeleted) return null;
  if (!(content instanceof Y.ContentAny)) return `${place.root}: only plain values may be written`;
  const values = content.getContent();
  if (place.root === 'versions') {
    if (values.length !== 1) return 'a version key holds one value';
    const read = readVersion(place.key!, values[0], writer.analystId);
    return read.problem ?? reviewerMetaProblem(place.key!, read.version, writer);
  }
  if (place.root === 'analysts') return values.every(isAnalystEntry) ? null : 'an analyst entry is { name } only';
  return values.every((v) => AuditEntry.safeParse(v).success && JSON.stringify(v).length < 50_000) ? null : 'an audit entry is not valid';
}

function writeProblem(place: Place, writer: UpdateWriter): string | null {
  if (place.root === 'audit') return place.key === null ? null : 'the audit trail is a list';
  if (place.key === null) return `${place.root} is a map`;
  if (place.root === 'analysts') return place.key === writer.analystId ? null : 'an analyst entry of another analyst';
  const parsed = parseVersionKey(place.key);
  if (typeof parsed === 'string') return parsed;
  if (parsed.analystId !== writer.analystId) return `${place.key} belongs to another analyst`;
  if (writer.role === 'reviewer' && parsed.collection !== 'reviews' && !isMeta(parsed)) return `a reviewer may only write review comments (${place.key})`;
  return null;
}

/**
 * Every command stamps the casefile's `modifiedAt` and adds its analyst to
 * `analysts`, a review comment too: a reviewer's version of `meta` may hold
 * that bookkeeping and nothing else.
 */
const REVIEWER_META_FIELDS: ReadonlySet<string> = new Set(['modifiedAt', 'analysts']);

function isMeta(key: { collection: string; id: string }): boolean {
  return key.collection === 'casefile' && key.id === 'meta';
}

function reviewerMetaProblem(key: string, version: Version, writer: UpdateWriter): string | null {
  if (writer.role !== 'reviewer') return null;
  const parsed = parseVersionKey(key);
  if (typeof parsed === 'string' || !isMeta(parsed)) return null;
  const fields = Object.keys(version.fields);
  const other = fields.find((field) => !REVIEWER_META_FIELDS.has(field));
  return other === undefined ? null : `a reviewer may only write review comments (${key}: ${other.slice(0, 60)})`;
}

/** The root type and map key an item belongs to, found through the items it was inserted beside. */
function placeOf(doc: Y.Doc, item: Y.Item, inUpdate: Map<string, Y.Item>, visited: Set<string>): Place | string {
  const parent: unknown = item.parent;
  if (typeof parent === 'string') return ROOTS.has(parent) ? { root: parent, key: item.parentSub } : `"${parent.slice(0, 40)}" is not part of a casefile`;
  if (parent instanceof Y.AbstractType) return rootPlace(doc, parent, item.parentSub);
  if (parent) return 'nested types are not part of a casefile';
  const neighbour = item.origin ?? item.rightOrigin;
  if (!neighbour) return 'an item with no place';
  const key = idText(neighbour);
  if (visited.has(key)) return 'items that point at each other';
  visited.add(key);
  const fromUpdate = inUpdate.get(key);
  if (fromUpdate) return placeOf(doc, fromUpdate, inUpdate, visited);
  const known = knownItem(doc, neighbour);
  if (!known) return 'an item beside one the server does not have';
  return rootPlace(doc, known.parent as Y.AbstractType<unknown>, known.parentSub);
}

function rootPlace(doc: Y.Doc, type: Y.AbstractType<unknown>, key: string | null): Place | string {
  if (type._item !== null) return 'nested types are not part of a casefile';
  const root = Y.findRootTypeKey(type);
  return ROOTS.has(root) && doc.share.get(root) === type ? { root, key } : 'not part of a casefile';
}

function deletionProblem(doc: Y.Doc, ds: DeleteRanges, inUpdate: Map<string, Y.Item>, writer: UpdateWriter): string | null {
  for (const [client, ranges] of ds.clients) {
    for (const range of ranges) {
      for (let clock = range.clock; clock < range.clock + range.len; ) {
        const id = Y.createID(client, clock);
        const deletedHere = deletedOnServer(doc, id);
        if (deletedHere) {
          // A client re-sending deletions the server already has: nothing to check.
          clock = deletedHere.id.clock + deletedHere.length;
          continue;
        }
        const item = inUpdate.get(idText(id)) ?? knownItem(doc, id);
        if (!item) return 'deletes something the server does not have';
        const place = item.parent === null || typeof item.parent === 'string' || !(item.parent instanceof Y.AbstractType)
          ? placeOf(doc, item, inUpdate, new Set())
          : rootPlace(doc, item.parent, item.parentSub);
        if (typeof place === 'string') return place;
        if (place.root === 'audit') return 'the audit trail is never deleted from';
        const problem = writeProblem(place, { ...writer, role: 'owner' }) ?? (writer.role === 'reviewer' ? writeProblem(place, writer) : null);
        if (problem) return `deletes ${problem}`;
        clock = Math.max(clock + 1, item.id.clock + item.length);
      }
    }
  }
  return null;
}

/** Whether the server already holds the whole item (Yjs skips it when applying). */
function alreadyHas(doc: Y.Doc, item: Y.Item): boolean {
  return item.id.clock + item.length <= Y.getState(doc.store, item.id.client);
}

/** The server's struct at `id` when it is already deleted there (a deleted item, or one collected as garbage). */
function deletedOnServer(doc: Y.Doc, id: Y.ID): Y.Item | Y.GC | null {
  const structs = doc.store.clients.get(id.client);
  const last = structs?.at(-1);
  if (!last || last.id.clock + last.length <= id.clock) return null;
  const struct = Y.getItem(doc.store, id) as Y.Item | Y.GC;
  return struct instanceof Y.GC || struct.deleted ? struct : null;
}

function knownItem(doc: Y.Doc, id: Y.ID): Y.Item | null {
  const structs = doc.store.clients.get(id.client);
  const last = structs?.at(-1);
  if (!last || last.id.clock + last.length <= id.clock) return null;
  const struct = Y.getItem(doc.store, id);
  return struct instanceof Y.Item ? struct : null;
}

function isAnalystEntry(value: unknown): boolean {
  return isPlainObject(value) && Object.keys(value).length === 1 && typeof value.name === 'string' && value.name.length <= 200;
}

function idText(id: Y.ID): string {
  return `${id.client}:${id.clock}`;
}
