/**
 * One run of the team-sync convergence test (tests/unit/sync/convergence.test.ts):
 * three analysts edit one team casefile on three replicas with random
 * commands, random disconnections and random delivery orders, all drawn from
 * one seed. Once everything is delivered, every replica must hold the same
 * casefile, every acknowledged edit must show unless a later one replaced it,
 * and every analyst's own last value of every field must still be in the document.
 */
import * as Y from 'yjs';
import { jsonEqual } from '../../shared/lib/equal';
import { emptyCasefile } from '../../shared/model/casefile';
import type { Casefile } from '../../shared/model/schema';
import { refKey, type RecordRef } from '../../shared/sync/keys';
import { fieldsOfRecord } from '../../shared/sync/merge';
import { SharedCasefile } from '../../shared/sync/shared-casefile';
import { MEMBER_FIELD_PREFIX } from '../../shared/sync/version';
import { seededRandom } from './generate';
import { commandFor, randomStep, smallCasefile } from './random-commands';
import { Replica, recordOf, type Deletion, type FieldEdit, type LocalChange } from './replica';
import { SimulatedNetwork } from './sync-network';

const EVENTS = 80;
const ANALYSTS = ['anna', 'ben', 'cara'] as const;

const texts = new Map<string, string>();
const starts = new Map<number, Casefile>();

function startCasefile(seed: number): Casefile {
  let casefile = starts.get(seed);
  if (!casefile) {
    casefile = smallCasefile(seed);
    for (const article of Object.values(casefile.articles)) texts.set(article.textHash, article.text);
    starts.set(seed, casefile);
  }
  return casefile;
}

export interface Run {
  seed: number;
  replicas: Replica[];
  network: SimulatedNetwork;
  edits: FieldEdit[];
  deletions: Deletion[];
  unwritten: string[];
}

export function simulate(seed: number): Run {
  const random = seededRandom(seed);
  let now = 1_765_000_000_000;
  const skews = ANALYSTS.map(() => Math.floor(random() * 2_000) - 1_000);
  const start = startCasefile(seed % 5);
  const blank = emptyCasefile({ id: start.meta.id, title: '', analyst: '', now: start.meta.createdAt });
  const replicas = ANALYSTS.map((id, i) => new Replica(id, i === 0 ? start : blank, () => now + skews[i]!, (hash) => texts.get(hash)));
  const network = new SimulatedNetwork(random);
  const run: Run = { seed, replicas, network, edits: [], deletions: [], unwritten: [] };
  record(run, replicas[0]!.publish());
  for (const replica of replicas) network.join(replica.analystId, replica.doc);
  for (let event = 0; event < EVENTS; event++) {
    now += Math.floor(random() * 40);
    randomEvent(run, random);
  }
  network.settle();
  return run;
}

function randomEvent(run: Run, random: () => number): void {
  const replica = run.replicas[Math.floor(random() * run.replicas.length)]!;
  const roll = random();
  if (roll < 0.5) record(run, localStep(replica, random));
  else if (roll < 0.85) for (let n = 1 + Math.floor(random() * 4); n > 0; n--) run.network.deliverOne();
  else if (roll < 0.92) toggleConnection(run.network, replica.analystId);
  else if (roll < 0.97) run.network.hold(replica.analystId, random() < 0.5);
  else run.network.duplicate();
}

function localStep(replica: Replica, random: () => number): LocalChange | null {
  const step = randomStep(random, random() < 0.5 ? 4 : 1_001);
  if (step.kind === 'undo') return replica.undo();
  const command = commandFor(replica.state, step);
  return command ? replica.run(command) : null;
}

function toggleConnection(network: SimulatedNetwork, analystId: string): void {
  if (network.isConnected(analystId)) network.disconnect(analystId);
  else network.connect(analystId);
}

function record(run: Run, change: LocalChange | null): void {
  if (!change) return;
  run.edits.push(...change.edits);
  run.deletions.push(...change.deletions);
  run.unwritten.push(...change.unwritten);
}

/** Every problem with a finished run, as sentences (none when it converged without losing anything). */
function failures(run: Run): string[] {
  const [first, ...others] = run.replicas as [Replica, ...Replica[]];
  const out = [...run.network.refused.map((r) => `server refused ${r}`), ...run.unwritten.map((u) => `not written: ${u}`)];
  for (const other of others) if (!jsonEqual(other.state, first.state)) out.push(`${other.analystId} differs from ${first.analystId}: ${firstDifference(first.state, other.state)}`);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(run.network.server));
  const fresh = new SharedCasefile(doc, { analystId: 'dora', analystName: 'DORA', deviceId: 'dora-laptop' });
  const blank = emptyCasefile({ id: first.state.meta.id, title: '', analyst: '', now: first.state.meta.createdAt });
  const opened = fresh.materialise(blank, (hash) => texts.get(hash));
  out.push(...opened.problems.map((p) => `opening afresh: ${p}`));
  if (!jsonEqual(opened.state, first.state)) out.push(`the document differs from the replicas: ${firstDifference(first.state, opened.state)}`);
  return out;
}

function firstDifference(a: Casefile, b: Casefile): string {
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof Casefile>) {
    const [x, y] = [a[key], b[key]];
    if (jsonEqual(x, y)) continue;
    if (x && y && typeof x === 'object' && !Array.isArray(x)) {
      for (const id of new Set([...Object.keys(x), ...Object.keys(y)])) {
        const [p, q] = [(x as Record<string, unknown>)[id], (y as Record<string, unknown>)[id]];
        if (!jsonEqual(p, q)) return `${key}.${id}: ${JSON.stringify(p)} ≠ ${JSON.stringify(q)}`;
      }
    }
    return `${key}: ${JSON.stringify(x)?.slice(0, 300)} ≠ ${JSON.stringify(y)?.slice(0, 300)}`;
  }
  return 'nothing';
}

/**
 * The casefile the acknowledged edits and deletions call for, record by
 * record, compared with what `casefile` shows: a record is gone when its
 * latest deletion is later than all its edits; a record written again after
 * a deletion shows only what was written since; otherwise each field shows
 * its latest edit.
 */
function unexplained(run: Run, casefile: Casefile): string[] {
  const byRecord = new Map<string, { ref: RecordRef; edits: FieldEdit[]; deleted: string }>();
  const entry = (ref: RecordRef) => byRecord.get(refKey(ref)) ?? byRecord.set(refKey(ref), { ref, edits: [], deleted: '' }).get(refKey(ref))!;
  for (const edit of run.edits) entry(edit.ref).edits.push(edit);
  for (const d of run.deletions) if (entry(d.ref).deleted < d.stamp) entry(d.ref).deleted = d.stamp;
  const out: string[] = [];
  for (const { ref, edits, deleted } of byRecord.values()) {
    const since = edits.filter((e) => e.stamp > deleted);
    const present = recordOf(casefile, ref) !== undefined;
    if (!since.length) {
      if (present) out.push(`${refKey(ref)} was deleted at ${deleted} and not edited since, yet it is there`);
      continue;
    }
    const recreated = since.some((e) => e.field === 'id');
    out.push(...fieldsUnexplained(casefile, ref, latestPerField(recreated || !deleted ? since : edits)));
  }
  return out;
}

function latestPerField(edits: readonly FieldEdit[]): Map<string, FieldEdit> {
  const latest = new Map<string, FieldEdit>();
  for (const edit of edits) if ((latest.get(edit.field)?.stamp ?? '') < edit.stamp) latest.set(edit.field, edit);
  return latest;
}

function fieldsUnexplained(casefile: Casefile, ref: RecordRef, latest: Map<string, FieldEdit>): string[] {
  const record = recordOf(casefile, ref);
  if (!record) return [`${refKey(ref)} is missing though edited after its deletion`];
  const out: string[] = [];
  for (const edit of latest.values()) {
    const shown = shownValue(casefile, edit);
    if (!shows(shown, edit)) out.push(`${edit.analystId}'s ${refKey(ref)} ${edit.field} = ${JSON.stringify(edit.value)} (${edit.stamp}) shows as ${JSON.stringify(shown)}`);
  }
  for (const [field, value] of Object.entries(fieldsOfRecord(ref.collection, record))) {
    if (value !== null && value !== undefined && !latest.has(field) && !(ref.collection === 'articles' && field === 'text')) out.push(`${refKey(ref)} shows ${field} = ${JSON.stringify(value)}, which no edit since its deletion set`);
  }
  return out;
}

const ABSENT = Symbol('absent');

function shownValue(casefile: Casefile, edit: FieldEdit): unknown {
  const record = recordOf(casefile, edit.ref);
  if (!record) return ABSENT;
  if (edit.field.startsWith(MEMBER_FIELD_PREFIX)) {
    const claimId = edit.field.slice(MEMBER_FIELD_PREFIX.length);
    return (record.members as { claimId: string }[]).find((m) => m.claimId === claimId) ?? null;
  }
  return Object.hasOwn(record, edit.field) ? record[edit.field] : null;
}

function shows(shown: unknown, edit: FieldEdit): boolean {
  if (edit.ref.collection === 'casefile' && edit.field === 'analysts') {
    return Array.isArray(shown) && (edit.value as string[]).every((name) => (shown as string[]).includes(name));
  }
  return shown !== ABSENT && jsonEqual(shown ?? null, edit.value);
}

/** Each analyst's last value of each field they set (until they deleted the record), missing from a replica's document. */
function lostJudgments(run: Run, replica: Replica): string[] {
  const own = new Map<string, FieldEdit>();
  const timeline = [...run.edits.map((e) => ({ at: e.stamp, edit: e })), ...run.deletions.map((d) => ({ at: d.stamp, deletion: d }))].sort((x, y) => (x.at < y.at ? -1 : 1));
  for (const item of timeline) {
    if ('edit' in item && item.edit) own.set(`${item.edit.analystId} ${refKey(item.edit.ref)} ${item.edit.field}`, item.edit);
    else if ('deletion' in item && item.deletion) {
      const prefix = `${item.deletion.analystId} ${refKey(item.deletion.ref)} `;
      for (const key of [...own.keys()]) if (key.startsWith(prefix)) own.delete(key);
    }
  }
  const out: string[] = [];
  const judged = new Map(run.replicas.map((r) => [r.analystId, replica.shared.judgedBy(replica.state, r.analystId)]));
  for (const edit of own.values()) {
    const version = replica.shared.versionsOf(edit.ref).find((v) => v.analystId === edit.analystId)?.version;
    if (!version || version.stamps[edit.field] !== edit.stamp || !jsonEqual(version.fields[edit.field], edit.value)) {
      out.push(`${replica.analystId}'s document lost ${edit.analystId}'s ${refKey(edit.ref)} ${edit.field} = ${JSON.stringify(edit.value)}`);
      continue;
    }
    if (edit.ref.collection === 'casefile' || !recordOf(replica.state, edit.ref)) continue;
    const shown = shownValue(judged.get(edit.analystId)!, edit);
    if (!jsonEqual(shown ?? null, edit.value)) out.push(`${edit.analystId} judged ${refKey(edit.ref)} ${edit.field} = ${JSON.stringify(edit.value)}, judgedBy shows ${JSON.stringify(shown)}`);
  }
  return out;
}

/** Everything wrong with a finished run, as sentences: none when it converged and lost nothing. */
export function convergenceProblems(run: Run): string[] {
  return [
    ...failures(run),
    ...unexplained(run, run.replicas[0]!.state),
    ...run.replicas.flatMap((r) => lostJudgments(run, r)),
  ];
}
