/**
 * History points of a team casefile (docs/team-sync.md, "History points"):
 * snapshots of the casefile as it was, kept on this computer in the team
 * folder beside the casefile (`.Name.corroborate.team/history/`), so that
 * Review can compare "this morning" with "now" or two points with each other.
 *
 * Each point is two files: `<id>.casefile.gz`, the casefile's own JSON
 * (gzip), and `<id>.json`, what is known of it (time, label, who changed
 * things since the previous point, counts). A snapshot is read back through
 * the casefile loader like any file from outside (parsed, migrated,
 * validated): a damaged point is refused with a message naming it, and
 * nothing else is touched. Retention (RETENTION below) keeps the folder from
 * growing without bound.
 */
import { randomBytes } from 'node:crypto';
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip, gunzip } from 'node:zlib';
import { z } from 'zod';
import type { HistoryPoint, HistoryPointKind, HistoryPoints, UnreadableHistoryPoint } from '../../../shared/api/team';
import { ApiError } from '../../../shared/api/dispatch';
import type { Casefile } from '../../../shared/model/schema';
import type { RecordRef } from '../../../shared/sync/keys';
import type { AnalystVersion } from '../../../shared/sync/merge';
import { recreateAsRealFolder, readPlainFile, whatIsAt } from '../casefile/side-folders';
import { MAX_CASEFILE_BYTES, parseCasefileText } from '../casefile/store';
import { prepareFastValidation } from '../casefile/fast-validate';
import { serialiseCasefile } from '../casefile/serialise';
import { teamFolderOf, writeAtomically } from './local-document';

const gunzipAsync = promisify(gunzip);

const HISTORY_FOLDER = 'history';
const POINT_ID = /^hp_[A-Za-z0-9_-]{1,80}$/;
const SNAPSHOT_SUFFIX = '.casefile.gz';
const META_SUFFIX = '.json';

/** What is kept; the rest is removed after each new point (the newest point is always kept). */
export const RETENTION = {
  /** Points the analyst marked: the newest this many. */
  markedKept: 50,
  /** Points the app took: all of the last day… */
  automaticAllWithinMs: 24 * 60 * 60 * 1000,
  /** …then the newest of each calendar day (UTC) for this many days… */
  automaticDailyDays: 30,
  /** …and never more than this many. */
  automaticKept: 100,
  /** All snapshots together stay under this size: the oldest automatic points go first, then the oldest marked. */
  maxBytes: 512 * 1024 * 1024,
} as const;

export const RETENTION_IN_WORDS =
  `Kept on this computer: the newest ${RETENTION.markedKept} points you marked; the app’s own points of the last 24 hours, ` +
  `then one a day for ${RETENTION.automaticDailyDays} days (at most ${RETENTION.automaticKept}); all together under ${RETENTION.maxBytes / 2 ** 20} MB.`;

/** When the app takes points by itself. */
export interface HistoryTiming {
  /** A batch of teammates' changes after this long without any: a point of the casefile as it was before it. */
  quietGapMs: number;
  /** While edits flow, at most one point this often. */
  intervalMs: number;
  /** Waited after connecting (for the server's changes to land) and after an edit (so a burst is one point). */
  settleMs: number;
}

export const HISTORY_TIMING: HistoryTiming = { quietGapMs: 10 * 60_000, intervalMs: 30 * 60_000, settleMs: 2_000 };

const PointMeta = z.object({
  format: z.literal('corroborate-history-point'),
  version: z.literal(1),
  id: z.string().regex(POINT_ID),
  at: z.string().datetime({ offset: true }),
  kind: z.enum(['opened', 'teammates', 'interval', 'closed', 'marked']),
  label: z.string().max(300),
  changedBy: z.array(z.string().max(200)).max(1_000),
  counts: z.object({ articles: z.number().int().min(0), claims: z.number().int().min(0), propositions: z.number().int().min(0) }),
  bytes: z.number().int().min(0),
}).strict();

export function historyFolderOf(casefilePath: string): string {
  return path.join(teamFolderOf(casefilePath), HISTORY_FOLDER);
}

function newPointId(now: number): string {
  return `hp_${now.toString(36).padStart(9, '0')}_${randomBytes(4).toString('hex')}`;
}

/** Writes a point of `casefile`: the snapshot first, then its description (a point exists once both are there). */
export async function writePoint(
  casefilePath: string,
  casefile: Casefile,
  about: { kind: HistoryPointKind; label: string; changedBy: string[]; at?: Date },
): Promise<HistoryPoint> {
  const at = about.at ?? new Date();
  await recreateAsRealFolder(teamFolderOf(casefilePath));
  const folder = historyFolderOf(casefilePath);
  await recreateAsRealFolder(folder);
  const id = newPointId(at.getTime());
  // Streamed: the casefile is serialised in slices and compressed as it comes, never held whole as one string.
  const compressed: Buffer[] = [];
  await pipeline(Readable.from(serialiseCasefile(casefile)), createGzip({ level: 6 }), async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) compressed.push(chunk);
  });
  const bytes = Buffer.concat(compressed);
  await writeAtomically(path.join(folder, `${id}${SNAPSHOT_SUFFIX}`), bytes);
  const point: HistoryPoint = {
    id, at: at.toISOString(), kind: about.kind, label: about.label.slice(0, 300), changedBy: [...about.changedBy].sort().slice(0, 1_000),
    counts: { articles: Object.keys(casefile.articles).length, claims: Object.keys(casefile.claims).length, propositions: Object.keys(casefile.propositions).length },
    bytes: bytes.length,
  };
  await writeAtomically(path.join(folder, `${id}${META_SUFFIX}`), Buffer.from(JSON.stringify({ format: 'corroborate-history-point', version: 1, ...point }, null, 2)));
  return point;
}

/** Every point kept beside the casefile, oldest first; points whose description cannot be read are listed apart. */
export async function listPoints(casefilePath: string): Promise<Omit<HistoryPoints, 'retention'>> {
  const folder = historyFolderOf(casefilePath);
  if ((await whatIsAt(folder)) !== 'folder') return { points: [], unreadable: [] };
  const names = new Set(await readdir(folder).catch(() => [] as string[]));
  const points: HistoryPoint[] = [];
  const unreadable: UnreadableHistoryPoint[] = [];
  for (const name of names) {
    if (!name.endsWith(META_SUFFIX)) continue;
    const id = name.slice(0, -META_SUFFIX.length);
    if (!POINT_ID.test(id)) continue;
    const read = await readMeta(folder, id);
    if ('problem' in read) unreadable.push({ id, problem: read.problem });
    else if (!names.has(`${id}${SNAPSHOT_SUFFIX}`)) unreadable.push({ id, problem: `${describePoint(read.point)}: its snapshot (${id}${SNAPSHOT_SUFFIX}) is missing.` });
    else points.push(read.point);
  }
  points.sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
  unreadable.sort((a, b) => a.id.localeCompare(b.id));
  return { points, unreadable };
}

async function readMeta(folder: string, id: string): Promise<{ point: HistoryPoint } | { problem: string }> {
  const file = `${id}${META_SUFFIX}`;
  let raw: unknown;
  try {
    raw = JSON.parse(await readPlainFile(path.join(folder, file)));
  } catch (error) {
    return { problem: `${file} cannot be read (${error instanceof SyntaxError ? 'not JSON' : (error as Error).message}).` };
  }
  const parsed = PointMeta.safeParse(raw);
  if (!parsed.success || parsed.data.id !== id) return { problem: `${file} is not a history point’s description${parsed.success ? ' (its id does not match its name)' : ''}.` };
  const { format: _f, version: _v, ...point } = parsed.data;
  return { point: point as HistoryPoint };
}

/** "the point “Before the briefing” of 2026-12-06 14:02 UTC" */
export function describePoint(point: Pick<HistoryPoint, 'label' | 'at'>): string {
  return `the point “${point.label}” of ${point.at.slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * A point's snapshot, read as an untrusted casefile (size-checked, inflated
 * with a bound, parsed, migrated and validated). Any failure is an ApiError
 * naming the point; nothing is written.
 */
export async function loadPoint(casefilePath: string, id: string): Promise<{ point: HistoryPoint; casefile: Casefile }> {
  if (!POINT_ID.test(id)) throw new ApiError('invalid-arguments', 'That is not a history point.');
  const folder = historyFolderOf(casefilePath);
  const read = (await whatIsAt(folder)) === 'folder' ? await readMeta(folder, id) : { problem: 'There are no history points for this casefile.' };
  if ('problem' in read) throw new ApiError('history-point-unreadable', `That history point cannot be read: ${read.problem} Your casefile and the other points are not affected.`);
  const { point } = read;
  const what = describePoint(point);
  const damaged = (reason: string) =>
    new ApiError('history-point-unreadable', `${capitalise(what)} cannot be read: ${reason}. Your casefile and the other points are not affected; compare other points.`);
  const file = path.join(folder, `${id}${SNAPSHOT_SUFFIX}`);
  if ((await whatIsAt(file)) !== 'file') throw damaged(`its snapshot (${id}${SNAPSHOT_SUFFIX}) is missing`);
  const size = (await stat(file)).size;
  if (size > MAX_CASEFILE_BYTES) throw damaged(`its snapshot is larger than ${MAX_CASEFILE_BYTES / 2 ** 20} MB`);
  let text: string;
  try {
    const bytes = await readFile(file);
    text = (await gunzipAsync(bytes, { maxOutputLength: MAX_CASEFILE_BYTES })).toString('utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw damaged(code === 'ERR_BUFFER_TOO_LARGE' ? `its snapshot unpacks to more than ${MAX_CASEFILE_BYTES / 2 ** 20} MB` : `its snapshot (${id}${SNAPSHOT_SUFFIX}) is damaged (not a complete gzip file)`);
  }
  await prepareFastValidation(text.length);
  try {
    return { point, casefile: parseCasefileText(text, `${id}${SNAPSHOT_SUFFIX}`).casefile };
  } catch (error) {
    throw damaged(error instanceof Error ? error.message.replace(/\.$/, '') : String(error));
  }
}

/** The ids of the points the retention rule lets go (never the newest). */
export function pointsToRemove(points: readonly HistoryPoint[], now: number, rule = RETENTION): string[] {
  const sorted = [...points].sort((a, b) => b.at.localeCompare(a.at) || b.id.localeCompare(a.id)); // newest first
  const newest = sorted[0]?.id;
  const remove = new Set<string>();
  let marked = 0;
  let automatic = 0;
  const days = new Set<string>();
  for (const p of sorted) {
    if (p.id === newest) continue;
    const age = now - Date.parse(p.at);
    if (p.kind === 'marked') {
      marked += 1;
      if (marked > rule.markedKept) remove.add(p.id);
      continue;
    }
    const day = p.at.slice(0, 10);
    const keep = age <= rule.automaticAllWithinMs || (age <= rule.automaticDailyDays * 86_400_000 && !days.has(day));
    if (keep && automatic < rule.automaticKept) {
      automatic += 1;
      if (age > rule.automaticAllWithinMs) days.add(day);
    } else remove.add(p.id);
  }
  // The size cap: oldest automatic first, then oldest marked.
  let total = sorted.filter((p) => !remove.has(p.id)).reduce((sum, p) => sum + p.bytes, 0);
  const oldestFirst = [...sorted].reverse().filter((p) => p.id !== newest && !remove.has(p.id));
  for (const p of [...oldestFirst.filter((x) => x.kind !== 'marked'), ...oldestFirst.filter((x) => x.kind === 'marked')]) {
    if (total <= rule.maxBytes) break;
    remove.add(p.id);
    total -= p.bytes;
  }
  return [...remove];
}

/** Applies the retention rule to the points on disk; returns the ids removed. Unreadable points are left for the analyst to see. */
export async function prunePoints(casefilePath: string, now = Date.now()): Promise<string[]> {
  const { points } = await listPoints(casefilePath);
  const remove = pointsToRemove(points, now);
  const folder = historyFolderOf(casefilePath);
  for (const id of remove) {
    await rm(path.join(folder, `${id}${META_SUFFIX}`), { force: true });
    await rm(path.join(folder, `${id}${SNAPSHOT_SUFFIX}`), { force: true });
  }
  return remove;
}

/**
 * After Save As: the points kept beside the old file are copied beside the
 * new one (the old ones stay, as the old file does). Returns how many.
 */
export async function copyPoints(fromCasefilePath: string, toCasefilePath: string): Promise<number> {
  const from = historyFolderOf(fromCasefilePath);
  if (path.resolve(from) === path.resolve(historyFolderOf(toCasefilePath)) || (await whatIsAt(from)) !== 'folder') return 0;
  const names = (await readdir(from)).filter((name) => POINT_ID.test(name.replace(/(\.casefile\.gz|\.json)$/, '')) && /(\.casefile\.gz|\.json)$/.test(name));
  if (!names.length) return 0;
  await recreateAsRealFolder(teamFolderOf(toCasefilePath));
  const to = historyFolderOf(toCasefilePath);
  await recreateAsRealFolder(to);
  // Snapshots first, so a description never arrives without its snapshot.
  names.sort((a, b) => Number(a.endsWith(META_SUFFIX)) - Number(b.endsWith(META_SUFFIX)));
  let copied = 0;
  for (const name of names) {
    if ((await whatIsAt(path.join(from, name))) !== 'file') continue;
    await writeAtomically(path.join(to, name), await readFile(path.join(from, name)));
    if (name.endsWith(META_SUFFIX)) copied += 1;
  }
  return copied;
}

/** For each changed record, who wrote its newest field or deletion: the teammates behind a batch of changes. */
export function writersOf(refs: readonly RecordRef[], versionsOf: (ref: RecordRef) => AnalystVersion[], limit = 500): string[] {
  const out = new Set<string>();
  for (const ref of refs.slice(0, limit)) {
    let best: { stamp: string; analystId: string } | null = null;
    for (const { analystId, version } of versionsOf(ref)) {
      for (const stamp of [...Object.values(version.stamps), version.deleted ?? '']) {
        if (stamp && (!best || stamp > best.stamp)) best = { stamp, analystId };
      }
    }
    if (best) out.add(best.analystId);
  }
  return [...out];
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
