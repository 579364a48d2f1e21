/**
 * History points of a team casefile, on real files: two analysts' apps on a
 * real team server; points marked and taken by the app, listed, compared
 * through the API (what changed between them, and who did it), kept within
 * the retention rule, and damaged points refused with a message that names
 * them while everything else still works.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { HistoryPoint, HistoryPoints } from '../../../shared/api/team';
import type { Casefile } from '../../../shared/model/schema';
import type { Comparison } from '../../../shared/review';
import { historyFolderOf, listPoints, loadPoint, pointsToRemove, prunePoints, RETENTION, writePoint } from '../../../electron/services/team/history';
import { HistoryRecorder } from '../../../electron/services/team/history-recorder';
import { smallCasefile } from '../../support/random-commands';
import { converged, eventually, sharePair, teamForFile, type Analyst } from './support';

const team = teamForFile(['dana', 'ben']);
const opened = team.opened;

let counter = 0;

async function sharedPair(): Promise<{ dana: Analyst; ben: Analyst }> {
  counter += 1;
  const base = smallCasefile(100 + counter);
  const start: Casefile = { ...base, meta: { ...base.meta, id: `cf_history_${counter}` } };
  const { dana, ben } = await sharePair(team.server(), team.tokens(), start, opened);
  return { dana, ben };
}

const history = (a: Analyst) => a.call('teamHistory', { sessionId: a.sessionId }) as Promise<HistoryPoints>;
const mark = (a: Analyst, label: string) => a.call('markHistoryPoint', { sessionId: a.sessionId, label }) as Promise<HistoryPoint>;
const compare = (a: Analyst, from: string, to: string) => a.call('compareHistoryPoints', { sessionId: a.sessionId, from, to }) as Promise<Comparison>;
const pathOf = (a: Analyst) => a.backend.sessions.get(a.sessionId).path;

describe('history points of a team casefile', () => {
  it('marks points, lists them, and compares two of them: exactly the later changes, with who made them', async () => {
    const { dana, ben } = await sharedPair();
    const [first, second] = Object.keys(dana.casefile().claims).sort();
    await dana.run({ type: 'claim.setNotes', claimId: first!, notes: 'Dana: before the briefing' });
    await converged(dana, ben);
    const morning = await mark(dana, 'Before the briefing');
    expect(morning.kind).toBe('marked');
    expect(morning.changedBy).toContain('Dana');

    await ben.run({ type: 'claim.setNotes', claimId: second!, notes: 'Ben: the ministry confirmed it' });
    await ben.run({ type: 'claim.remove', claimId: first! });
    await eventually(() => expect(dana.casefile().claims[first!]).toBeUndefined());
    await eventually(() => expect(dana.casefile().claims[second!]!.notes).toBe('Ben: the ministry confirmed it'));
    const noon = await mark(dana, 'After Ben’s check');
    expect(noon.changedBy).toEqual(['Ben']);
    expect(noon.counts.claims).toBe(morning.counts.claims - 1);

    const listed = await history(dana);
    expect(listed.points.map((p) => p.label)).toEqual(expect.arrayContaining(['Before the briefing', 'After Ben’s check']));
    expect(listed.points.at(-1)!.id).toBe(noon.id);
    expect(listed.unreadable).toEqual([]);
    expect(listed.retention).toMatch(/newest 50 points you marked/);
    // On disk, in the team folder beside the casefile.
    const files = readdirSync(historyFolderOf(pathOf(dana)));
    expect(files).toEqual(expect.arrayContaining([`${morning.id}.json`, `${morning.id}.casefile.gz`, `${noon.id}.json`, `${noon.id}.casefile.gz`]));

    const changes = await compare(dana, morning.id, noon.id);
    const kinds = changes.differences.map((d) => d.kind).sort();
    expect(kinds).toEqual(['claim-only-mine', 'notes']);
    const notes = changes.differences.find((d) => d.kind === 'notes')!;
    expect(notes.theirs).toBe('Ben: the ministry confirmed it');
    expect(notes.theirsBy?.changedBy).toBe('Ben');
    const removed = changes.differences.find((d) => d.kind === 'claim-only-mine')!;
    expect(removed.myClaimId).toBe(first);
    expect(removed.theirs).toBe('Removed');
    expect(removed.details.some((line) => /^removed by Ben, /.test(line))).toBe(true);
    expect(changes.differences.every((d) => !d.mergeable)).toBe(true);
    expect(changes.colleague.title).toContain('from “Before the briefing”');

    // The later point and now agree; from the morning to now is the same as to noon.
    expect((await compare(dana, noon.id, 'now')).differences).toEqual([]);
    expect((await compare(dana, morning.id, 'now')).differences.map((d) => d.key).sort()).toEqual(changes.differences.map((d) => d.key).sort());
    // Comparing changes nothing.
    await expect(compare(dana, morning.id, morning.id)).rejects.toThrow(/two different points/);
    expect(dana.casefile().claims[first!]).toBeUndefined();
  });

  it('refuses a damaged point with a message naming it; the other points and the casefile are untouched', async () => {
    const { dana } = await sharedPair();
    const [first] = Object.keys(dana.casefile().claims).sort();
    const a = await mark(dana, 'Morning');
    await dana.run({ type: 'claim.setNotes', claimId: first!, notes: 'afternoon note' });
    const b = await mark(dana, 'Afternoon');
    await dana.run({ type: 'claim.setNotes', claimId: first!, notes: 'evening note' });
    const c = await mark(dana, 'Evening');
    const folder = historyFolderOf(pathOf(dana));

    // A truncated snapshot.
    const snapshot = path.join(folder, `${b.id}.casefile.gz`);
    writeFileSync(snapshot, readFileSync(snapshot).subarray(0, 40));
    await expect(compare(dana, a.id, b.id)).rejects.toThrow(/The point “Afternoon” of .* cannot be read: its snapshot .* is damaged.*Your casefile and the other points are not affected/);
    // A complete gzip of something that is not a valid casefile: refused by the casefile loader.
    writeFileSync(path.join(folder, `${c.id}.casefile.gz`), gzipSync(JSON.stringify({ format: 'corroborate-casefile', version: 1, claims: 'not a collection' })));
    await expect(compare(dana, a.id, c.id)).rejects.toThrow(/The point “Evening” of .* cannot be read: .*Your casefile and the other points are not affected/);
    // A description that is not JSON: listed as unreadable, never silently dropped.
    writeFileSync(path.join(folder, `${a.id}.json`), '{ not json');
    const listed = await history(dana);
    expect(listed.unreadable).toEqual([{ id: a.id, problem: `${a.id}.json cannot be read (not JSON).` }]);
    expect(listed.points.map((p) => p.id)).toEqual(expect.arrayContaining([b.id, c.id]));
    await expect(compare(dana, a.id, 'now')).rejects.toThrow(/That history point cannot be read: .*not JSON/);

    // Everything else still works: a new point, compared with now; the casefile is as it was.
    const d = await mark(dana, 'Night');
    expect((await compare(dana, d.id, 'now')).differences).toEqual([]);
    expect(dana.casefile().claims[first!]!.notes).toBe('evening note');
    expect(dana.team().problems).toEqual([]);
  });

  it('leaving the team removes the points with the team folder', async () => {
    const { ben } = await sharedPair();
    const point = await mark(ben, 'Mine');
    const folder = historyFolderOf(pathOf(ben));
    expect(readdirSync(folder)).toEqual(expect.arrayContaining([`${point.id}.json`, `${point.id}.casefile.gz`]));
    await ben.call('leaveTeam', { sessionId: ben.sessionId });
    expect(() => readdirSync(folder)).toThrow();
  });
});

describe('retention and automatic points on real files', () => {
  const casefile = smallCasefile(7);
  const hour = 3_600_000;
  const tempCasefilePath = () => path.join(mkdtempSync(path.join(os.tmpdir(), 'corroborate-history-')), 'Drones.corroborate');

  it('keeps the last day, one a day for 30 days, the newest 50 marked, and stays under the size cap', async () => {
    const file = tempCasefilePath();
    const now = Date.parse('2026-12-06T19:00:00Z');
    const written: HistoryPoint[] = [];
    // Automatic points every 6 hours over 40 days, and 55 marked points.
    for (let h = 40 * 24; h >= 0; h -= 6) written.push(await writePoint(file, casefile, { kind: 'interval', label: `auto ${h}`, changedBy: [], at: new Date(now - h * hour) }));
    for (let i = 55; i >= 1; i--) written.push(await writePoint(file, casefile, { kind: 'marked', label: `mark ${i}`, changedBy: ['Dana'], at: new Date(now - i * hour - 1_000) }));
    const removed = await prunePoints(file, now);
    const { points } = await listPoints(file);
    const auto = points.filter((p) => p.kind !== 'marked');
    const marked = points.filter((p) => p.kind === 'marked');
    expect(marked.map((p) => p.label)).toEqual(Array.from({ length: 50 }, (_, i) => `mark ${50 - i}`));
    // Last 24 hours: 5 (0, 6, 12, 18, 24 hours ago); then one a day for 30 days.
    const recent = auto.filter((p) => now - Date.parse(p.at) <= 24 * hour);
    expect(recent.length).toBe(5);
    const older = auto.filter((p) => now - Date.parse(p.at) > 24 * hour);
    const days = older.map((p) => p.at.slice(0, 10));
    expect(new Set(days).size).toBe(days.length);
    expect(older.every((p) => now - Date.parse(p.at) <= 30 * 24 * hour)).toBe(true);
    expect(older.length).toBeGreaterThanOrEqual(29);
    expect(removed.length).toBe(written.length - points.length);
    // Removed points leave no files behind.
    expect(readdirSync(historyFolderOf(file)).length).toBe(points.length * 2);
    // The size cap: the oldest automatic points go first, the newest point never.
    const capped = pointsToRemove(points, now, { ...RETENTION, maxBytes: points[0]!.bytes * 10 });
    const kept = points.filter((p) => !capped.includes(p.id));
    expect(kept.reduce((sum, p) => sum + p.bytes, 0)).toBeLessThanOrEqual(points[0]!.bytes * 10);
    expect(kept.some((p) => p.id === points.at(-1)!.id)).toBe(true);
    expect(kept.every((p) => p.kind === 'marked' || now - Date.parse(p.at) < 24 * hour)).toBe(true);
  });

  it('a point reads back as the casefile it was (validated like any file)', async () => {
    const file = tempCasefilePath();
    const point = await writePoint(file, casefile, { kind: 'marked', label: 'As it was', changedBy: ['Dana'] });
    const loaded = await loadPoint(file, point.id);
    expect(loaded.casefile.claims).toEqual(casefile.claims);
    expect(loaded.casefile.articles).toEqual(casefile.articles);
    expect(loaded.point).toEqual(point);
  });

  it('takes points by itself: on connecting, before teammates’ changes after a quiet gap, and at most every interval while edits flow', async () => {
    const file = tempCasefilePath();
    let state: Casefile = casefile;
    const problems: string[] = [];
    const recorder = new HistoryRecorder({
      path: () => file, casefile: () => state, me: 'Dana', problem: (m) => problems.push(m),
      timing: { quietGapMs: 400, intervalMs: 800, settleMs: 20 },
    });
    recorder.connected();
    await eventually(() => expect(readdirSync(historyFolderOf(file)).length).toBe(2), 5_000);
    await recorder.settled();
    // My edit: no point yet (the interval has not passed)…
    const firstClaim = Object.keys(state.claims)[0]!;
    state = { ...state, claims: { ...state.claims, [firstClaim]: { ...state.claims[firstClaim]!, notes: 'mine' } } };
    recorder.localChange();
    // …then Ben's first batch (nothing from teammates before it): the casefile as it was before it becomes a point.
    const before = state;
    recorder.remoteChange(before, ['Ben']);
    state = { ...state, meta: { ...state.meta, title: 'Changed by Ben' } };
    await recorder.settled();
    let points = (await listPoints(file)).points;
    expect(points.map((p) => [p.kind, p.changedBy])).toEqual([['opened', []], ['teammates', ['Dana']]]);
    expect(points[1]!.label).toBe('Before changes from Ben arrived');
    expect((await loadPoint(file, points[1]!.id)).casefile.meta.title).toBe(casefile.meta.title);
    expect((await loadPoint(file, points[1]!.id)).casefile.claims[firstClaim]!.notes).toBe('mine');
    // More of Ben's changes soon after: no new point (not after a quiet gap); the interval's point comes when it has passed.
    recorder.remoteChange(state, ['Ben']);
    expect(readdirSync(historyFolderOf(file)).length).toBe(4);
    await eventually(() => expect(readdirSync(historyFolderOf(file)).length).toBe(6), 5_000);
    await recorder.settled();
    points = (await listPoints(file)).points;
    expect(points.at(-1)!.kind).toBe('interval');
    expect(points.at(-1)!.changedBy).toEqual(['Ben']);
    expect(Date.parse(points.at(-1)!.at) - Date.parse(points[1]!.at)).toBeGreaterThanOrEqual(800);
    // Closing with nothing changed since: no point.
    await recorder.close();
    expect((await listPoints(file)).points.length).toBe(3);
    expect(problems).toEqual([]);
  });
});

describe('history points after Save As', () => {
  it('go along to the new place; the old file keeps its own', async () => {
    const { dana } = await sharedPair();
    const point = await mark(dana, 'Before moving');
    const oldFolder = historyFolderOf(pathOf(dana));
    await dana.call('saveCasefileAs', { sessionId: dana.sessionId, path: 'moved-drones.corroborate' });
    expect(pathOf(dana)).toMatch(/moved-drones\.corroborate$/);
    const listed = await history(dana);
    expect(listed.points.map((p) => p.id)).toContain(point.id);
    expect(readdirSync(historyFolderOf(pathOf(dana)))).toEqual(expect.arrayContaining([`${point.id}.json`, `${point.id}.casefile.gz`]));
    expect(readdirSync(oldFolder)).toEqual(expect.arrayContaining([`${point.id}.json`]));
    expect((await compare(dana, point.id, 'now')).differences).toEqual([]);
  });
});
