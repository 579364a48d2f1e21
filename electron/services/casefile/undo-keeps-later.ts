/**
 * Undo and redo take back this analyst's own step only. In a team casefile a
 * teammate may have changed a record since the step was made: their later
 * change is kept, field by field. Undo sets back only the fields that still
 * hold what the step left; it does not delete a record a teammate has changed
 * since (undoing its creation) and does not bring back a record a teammate
 * has deleted since. Without teammates nothing changes between a step and its
 * undo, and this is plain patch replay.
 */
import { applyPatches, produceWithPatches, type Draft, type Patch } from 'immer';
import { replayPatches } from '../../../shared/commands/apply';
import { linkRevision } from '../../../shared/commands/changes';
import { jsonEqual } from '../../../shared/lib/equal';
import type { Casefile } from '../../../shared/model/schema';
import { RECORD_COLLECTIONS, type RecordCollection } from '../../../shared/sync/keys';

type AnyRecord = Record<string, unknown>;

export interface KeptUndo {
  state: Casefile;
  patches: Patch[];
  /** Records (`collection/id`) where a teammate's later change was kept. */
  kept: string[];
}

const COLLECTIONS: ReadonlySet<string> = new Set<string>(RECORD_COLLECTIONS);

/** The records `patches` touch, as `state` holds them (undefined: absent). */
export function recordsTouched(state: Casefile, patches: readonly Patch[]): Map<string, unknown> {
  const touched = new Map<string, unknown>();
  for (const { path } of patches) {
    const [collection, id] = path;
    if (path.length < 2 || !COLLECTIONS.has(String(collection))) continue;
    const key = `${String(collection)}/${String(id)}`;
    if (!touched.has(key)) touched.set(key, recordAt(state, key));
  }
  return touched;
}

/** Replays a step's `patches` on `state`, keeping what others changed since the step left `left`. */
export function undoKeepingLaterChanges(state: Casefile, patches: Patch[], left: ReadonlyMap<string, unknown>): KeptUndo {
  const changedSince = new Set([...left].filter(([key, value]) => !jsonEqual(recordAt(state, key), value)).map(([key]) => key));
  if (changedSince.size === 0) return { state: replayPatches(state, patches), patches, kept: [] };
  const plain = patches.filter((patch) => !changedSince.has(keyOf(patch)));
  const replayed = replayPatches(state, plain);
  const kept: string[] = [];
  const [fixed, fixes] = produceWithPatches(replayed, (draft) => {
    for (const key of changedSince) {
      const leftValue = left.get(key) as AnyRecord | undefined;
      const target = stepOnRecord(key, leftValue, patches);
      const now = recordAt(state, key) as AnyRecord | undefined;
      const wanted = keepLater(now, leftValue, target);
      if (!jsonEqual(wanted, target)) kept.push(key);
      if (!jsonEqual(wanted, now)) putRecordAt(draft, key, wanted);
    }
  });
  linkRevision(replayed, fixed, fixes);
  return { state: fixed, patches: [...plain, ...fixes], kept };
}

/** What the step's patches make of one record, starting from the record as the step left it. */
function stepOnRecord(key: string, leftValue: AnyRecord | undefined, patches: readonly Patch[]): AnyRecord | undefined {
  const [collection, id] = splitKey(key);
  const own = patches.filter((patch) => keyOf(patch) === key);
  const start = { [collection]: leftValue === undefined ? {} : { [id]: leftValue } };
  const after = applyPatches(start, own) as Record<string, Record<string, AnyRecord | undefined>>;
  return after[collection]?.[id];
}

function keyOf(patch: Patch): string {
  return patch.path.length >= 2 && COLLECTIONS.has(String(patch.path[0])) ? `${String(patch.path[0])}/${String(patch.path[1])}` : '';
}

/** The record after undo: `target`, except where someone changed `left` into `now` since. */
function keepLater(now: AnyRecord | undefined, left: AnyRecord | undefined, target: AnyRecord | undefined): AnyRecord | undefined {
  if (now === undefined) return undefined; // deleted since: stays deleted
  if (target === undefined) return now; // changed since: undoing its creation would delete their work
  const merged: AnyRecord = {};
  for (const field of new Set([...Object.keys(target), ...Object.keys(now)])) {
    const value = jsonEqual(now[field], left?.[field]) ? target[field] : now[field];
    if (value !== undefined) merged[field] = value;
  }
  return merged;
}

function recordAt(state: Casefile, key: string): unknown {
  const [collection, id] = splitKey(key);
  const records = state[collection] as Record<string, unknown> | undefined;
  return records && Object.hasOwn(records, id) ? records[id] : undefined;
}

function putRecordAt(draft: Draft<Casefile>, key: string, record: AnyRecord | undefined): void {
  const [collection, id] = splitKey(key);
  const records = (draft[collection] ??= {}) as Record<string, unknown>;
  if (record === undefined) delete records[id];
  else records[id] = record;
}

function splitKey(key: string): [RecordCollection, string] {
  const slash = key.indexOf('/');
  return [key.slice(0, slash) as RecordCollection, key.slice(slash + 1)];
}
