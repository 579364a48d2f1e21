/**
 * One analyst's replica of a team casefile, changed exactly as the app
 * changes it (docs/team-sync.md): a local command goes through
 * `applyCommand` (and `appendAudit`), is written with `recordChange` and put
 * in the document's form with `catchUp`; a teammate's change arrives as
 * records to `catchUp` and is applied with `replayPatches`. Each local change
 * is returned as the field edits and deletions it made, with the stamps the
 * shared document gave them, so a test can check that none is ever lost.
 */
import type { Patch } from 'immer';
import * as Y from 'yjs';
import { appendAudit, applyCommand, CommandError, replayPatches, type Actor } from '../../shared/commands/apply';
import type { Command } from '../../shared/commands/commands';
import { jsonEqual } from '../../shared/lib/equal';
import type { Casefile } from '../../shared/model/schema';
import { CASEFILE_PARTS, RECORD_COLLECTIONS, refKey, versionKey, type RecordRef, type SyncCollection } from '../../shared/sync/keys';
import { fieldsOfRecord } from '../../shared/sync/merge';
import { SharedCasefile, type RemoteChange, type TextLookup } from '../../shared/sync/shared-casefile';
import type { Version } from '../../shared/sync/version';

/** A field an analyst set, as their version stores it (`null` once removed). */
export interface FieldEdit {
  analystId: string;
  ref: RecordRef;
  field: string;
  value: unknown;
  stamp: string;
}

export interface Deletion {
  analystId: string;
  ref: RecordRef;
  stamp: string;
}

export interface LocalChange {
  edits: FieldEdit[];
  deletions: Deletion[];
  /** Changes the local casefile shows that the shared document did not stamp: lost edits. */
  unwritten: string[];
}

export class Replica {
  readonly doc = new Y.Doc();
  readonly shared: SharedCasefile;
  state: Casefile;
  /** What `catchUp` reported: records held back, versions left out. */
  readonly problems: string[] = [];
  private readonly undoStack: Patch[][] = [];

  constructor(
    readonly analystId: string,
    start: Casefile,
    private readonly clock: () => number,
    private readonly textOf: TextLookup,
  ) {
    this.shared = new SharedCasefile(this.doc, { analystId, analystName: analystId.toUpperCase(), deviceId: `${analystId}-laptop`, now: clock });
    this.state = start;
    this.shared.onRemoteChange((change) => this.catchUp(this.state, change));
  }

  /** Shares this replica's casefile: every record becomes this analyst's version, each field an edit. */
  publish(): LocalChange {
    const written = this.shared.seed(this.state);
    const change: LocalChange = { edits: [], deletions: [], unwritten: [] };
    for (const ref of written.refs) {
      const version = this.ownVersion(ref);
      for (const [field, stamp] of Object.entries(version?.stamps ?? {})) change.edits.push({ analystId: this.analystId, ref, field, value: version!.fields[field], stamp });
    }
    this.catchUp(this.state, written);
    return change;
  }

  /** Runs a command as the app does; null when the reducer refuses it. */
  run(command: Command): LocalChange | null {
    const before = this.state;
    const actor = this.actor();
    let applied;
    try {
      applied = applyCommand(before, command, actor);
    } catch (error) {
      if (error instanceof CommandError) return null;
      throw error;
    }
    const audited = appendAudit(applied.state, command, actor);
    this.undoStack.push(applied.inversePatches);
    return this.commit(before, audited.state, [...applied.patches, ...audited.patches]);
  }

  /** Undoes this analyst's last command from its inverse patches; null when there is none or it no longer applies. */
  undo(): LocalChange | null {
    const inverse = this.undoStack.pop();
    if (!inverse) return null;
    const before = this.state;
    let undone: Casefile;
    try {
      undone = replayPatches(before, inverse);
    } catch {
      return null;
    }
    const audited = appendAudit(undone, { type: 'undo', label: 'Undo' }, this.actor());
    return this.commit(before, audited.state, [...inverse, ...audited.patches]);
  }

  private actor(): Actor {
    return { name: this.analystId.toUpperCase(), now: new Date(this.clock()).toISOString() };
  }

  private commit(before: Casefile, after: Casefile, patches: Patch[]): LocalChange {
    const changed = changedRefs(before, after);
    const versionsBefore = new Map(changed.map((ref) => [refKey(ref), this.ownVersion(ref)]));
    const written = this.shared.recordChange(before, after, patches);
    const change = this.editsOf(before, after, changed, versionsBefore);
    this.catchUp(after, written);
    return change;
  }

  private catchUp(state: Casefile, change: RemoteChange): void {
    const caught = this.shared.catchUp(state, change, this.textOf);
    this.problems.push(...caught.problems);
    this.state = replayPatches(state, caught.patches);
  }

  private ownVersion(ref: RecordRef): Version | undefined {
    return this.shared.versionOf(versionKey(ref.collection, ref.id, this.analystId));
  }

  private editsOf(before: Casefile, after: Casefile, refs: RecordRef[], versionsBefore: Map<string, Version | undefined>): LocalChange {
    const out: LocalChange = { edits: [], deletions: [], unwritten: [] };
    for (const ref of refs) {
      const was = versionsBefore.get(refKey(ref));
      const now = this.ownVersion(ref);
      const recordAfter = recordOf(after, ref);
      if (!recordAfter) {
        if (now?.deleted && now.deleted !== was?.deleted) out.deletions.push({ analystId: this.analystId, ref, stamp: now.deleted });
        else out.unwritten.push(`${refKey(ref)} deleted`);
        continue;
      }
      const fieldsBefore = flatten(ref.collection, recordOf(before, ref));
      const fieldsAfter = flatten(ref.collection, recordAfter);
      for (const field of new Set([...Object.keys(fieldsBefore), ...Object.keys(fieldsAfter)])) {
        const value = fieldsAfter[field] ?? null;
        if (jsonEqual(fieldsBefore[field] ?? null, value) && recordOf(before, ref)) continue;
        const stamp = now?.stamps[field];
        if (stamp === undefined || stamp === was?.stamps[field] || !jsonEqual(now?.fields[field], value)) out.unwritten.push(`${refKey(ref)} ${field}`);
        else out.edits.push({ analystId: this.analystId, ref, field, value, stamp });
      }
    }
    return out;
  }
}

/** The record a ref names in a casefile (the casefile's own parts as `{ items }`, meta as itself). */
export function recordOf(casefile: Casefile, ref: RecordRef): Record<string, unknown> | undefined {
  if (ref.collection === 'casefile') {
    if (ref.id === 'meta') return casefile.meta;
    const items = casefile[ref.id as 'taxonomy' | 'assessmentScale' | 'outlets'];
    return items === undefined ? undefined : { items };
  }
  const records = casefile[ref.collection] as Record<string, Record<string, unknown>> | undefined;
  return records && Object.hasOwn(records, ref.id) ? records[ref.id] : undefined;
}

function flatten(collection: SyncCollection, record: Record<string, unknown> | undefined): Record<string, unknown> {
  return record ? fieldsOfRecord(collection, record) : {};
}

/** Records whose object changed between two states (immer keeps unchanged ones identical). */
function changedRefs(before: Casefile, after: Casefile): RecordRef[] {
  const refs: RecordRef[] = [];
  for (const id of CASEFILE_PARTS) {
    const ref = { collection: 'casefile' as const, id };
    const [was, is] = [recordOf(before, ref), recordOf(after, ref)];
    if (was !== is && !jsonEqual(was, is)) refs.push(ref);
  }
  for (const collection of RECORD_COLLECTIONS) {
    const [was, is] = [before[collection] ?? {}, after[collection] ?? {}];
    if (was === is) continue;
    for (const id of new Set([...Object.keys(was), ...Object.keys(is)])) {
      if ((was as Record<string, unknown>)[id] !== (is as Record<string, unknown>)[id]) refs.push({ collection, id });
    }
  }
  return refs;
}
