/**
 * Reviewing a colleague's casefile through the API handlers, with both
 * casefiles as real files in a temp workspace, opened by the real loader and
 * a real casefile session: open, compare, merge, save, reopen; and bad files.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { dispatchApiCall, type ApiHandlers } from '../../../shared/api/dispatch';
import { CasefileSessions } from '../../../electron/services/casefile/sessions';
import { desktopPolicy, workspacePolicy, type PathPolicy } from '../../../electron/services/paths';
import { createReviewHandlers } from '../../../electron/services/review/handlers';
import type { Casefile } from '../../../shared/model/schema';
import { CASEFILE_FORMAT_VERSION } from '../../../shared/model/schema';
import { formatWhen } from '../../../shared/review';
import { danasCasefile, DANA, PLANTED_KEYS, SAM, SAM_TIME, samsCasefile } from '../../unit/review/seed-pair';

interface Rig {
  workspace: string;
  sessions: CasefileSessions;
  call: <T>(name: string, args: unknown) => Promise<T>;
  openMine: () => Promise<string>;
}

/** Sessions to close after each test, so their locks and timers go. */
const open: { sessions: CasefileSessions; sessionId: string }[] = [];
afterEach(async () => {
  for (const { sessions, sessionId } of open.splice(0)) await sessions.close(sessionId).catch(() => undefined);
});

function rig(opts: { desktop?: boolean } = {}): Rig {
  const workspace = mkdtempSync(path.join(os.tmpdir(), 'corroborate-review-'));
  const paths: PathPolicy = opts.desktop ? desktopPolicy(workspace) : workspacePolicy(workspace);
  const sessions = new CasefileSessions({
    paths, analystName: () => DANA, backupIntervalMs: 0,
    onStatus: () => undefined, onChangedOnDisk: () => undefined, onOpened: async () => undefined,
  });
  const handlers = createReviewHandlers(sessions, paths) as unknown as ApiHandlers;
  writeCasefile(path.join(workspace, 'dana.corroborate'), danasCasefile());
  writeCasefile(path.join(workspace, 'sam.corroborate'), samsCasefile());
  const r: Rig = {
    workspace, sessions,
    call: (name, args) => dispatchApiCall(handlers, name, args) as Promise<never>,
    openMine: async () => {
      const opened = await sessions.open(opts.desktop ? path.join(workspace, 'dana.corroborate') : 'dana.corroborate', 'normal');
      open.push({ sessions, sessionId: opened.sessionId });
      return opened.sessionId;
    },
  };
  return r;
}

function writeCasefile(file: string, cf: Casefile | Record<string, unknown>): void {
  writeFileSync(file, JSON.stringify(cf));
}

function fingerprint(file: string) {
  const info = statSync(file);
  return { sha256: createHash('sha256').update(readFileSync(file)).digest('hex'), mtimeMs: info.mtimeMs, size: info.size };
}

interface Opened {
  reviewId: string;
  fileName: string;
  path: string | null;
  migratedFrom: number | null;
  comparison: { differences: { key: string; theirs: string }[]; agreement: { kappa: { kappa: number } } };
}

const keysOf = (o: { comparison: Opened['comparison'] } | Opened['comparison']) =>
  ('comparison' in o ? o.comparison : o).differences.map((d) => d.key).sort();

describe('openForReview, mergeReview and reopening', () => {
  test('merging some differences, saving and reopening shows exactly the ones not merged; their file is never written', async () => {
    const r = rig();
    const samFile = path.join(r.workspace, 'sam.corroborate');
    const before = fingerprint(samFile);
    const sessionId = await r.openMine();

    const opened = await r.call<Opened>('openForReview', { sessionId, path: 'sam.corroborate' });
    expect(opened).toMatchObject({ fileName: 'sam.corroborate', path: 'sam.corroborate', migratedFrom: null });
    expect(keysOf(opened)).toEqual(PLANTED_KEYS);
    expect(opened.comparison.agreement.kappa.kappa).toBeCloseTo(171 / 203, 10);

    const accepted = ['only-theirs:t13', 'type:m2:t2', 'review:rv-sam-1'];
    const revision = r.sessions.get(sessionId).status().revision;
    const merged = await r.call<{ change: { patches: unknown[] } | null; summary: { lines: string[] }; comparison: Opened['comparison'] }>(
      'mergeReview', { sessionId, reviewId: opened.reviewId, revision, accept: accepted },
    );
    expect(merged.change!.patches.length).toBeGreaterThan(0);
    expect(merged.summary.lines[0]).toBe(`1 claim added from theirs, with their sourcing (claim marked by ${SAM}, ${formatWhen(SAM_TIME)})`);
    expect(keysOf(merged.comparison)).toEqual(PLANTED_KEYS.filter((k) => !accepted.includes(k)));
    expect(r.sessions.get(sessionId).status().undoLabel).toBe(`Merge 3 changes from ${SAM}`);

    await r.sessions.close(sessionId);
    const reopenedId = await r.openMine();
    const mine = r.sessions.get(reopenedId).casefile;
    expect(mine.claims.t13).toMatchObject({ createdBy: SAM, createdAt: SAM_TIME });
    expect(mine.reviews['rv-sam-1']).toMatchObject({ by: SAM, status: 'needs-work', target: { kind: 'claim', id: 'm19' } });
    const again = await r.call<Opened>('openForReview', { sessionId: reopenedId, path: 'sam.corroborate' });
    expect(keysOf(again)).toEqual(PLANTED_KEYS.filter((k) => !accepted.includes(k)));

    expect(fingerprint(samFile)).toEqual(before);
  });

  test('a merge can be undone in one step', async () => {
    const r = rig();
    const sessionId = await r.openMine();
    const session = r.sessions.get(sessionId);
    const before = session.casefile;
    const opened = await r.call<Opened>('openForReview', { sessionId, path: 'sam.corroborate' });
    await r.call('mergeReview', { sessionId, reviewId: opened.reviewId, revision: session.status().revision, accept: ['only-theirs:t13', 'notes:m4:t4'] });
    session.undo(session.status().revision);
    const { audit: _a, meta: _m, ...rest } = session.casefile;
    const { audit: _b, meta: _n, ...restBefore } = before;
    expect(rest).toEqual(restBefore);
  });

  test('a colleague’s file can be uploaded instead (as it arrived by email)', async () => {
    const r = rig();
    const sessionId = await r.openMine();
    const dataBase64 = readFileSync(path.join(r.workspace, 'sam.corroborate')).toString('base64');
    const opened = await r.call<Opened>('openForReview', { sessionId, upload: { name: 'Sam review copy.corroborate', dataBase64 } });
    expect(opened).toMatchObject({ fileName: 'Sam review copy.corroborate', path: null });
    expect(keysOf(opened)).toEqual(PLANTED_KEYS);
  });

  test('the overlap threshold is applied, and bounded by the contract', async () => {
    const r = rig();
    const sessionId = await r.openMine();
    const opened = await r.call<Opened>('openForReview', { sessionId, path: 'sam.corroborate', minOverlap: 0.4 });
    expect(keysOf(opened)).not.toContain('only-mine:m21');
    await expect(r.call('compareReview', { sessionId, reviewId: opened.reviewId, minOverlap: 0 })).rejects.toMatchObject({ code: 'invalid-arguments' });
  });

  test('desktop mode takes an absolute path', async () => {
    const r = rig({ desktop: true });
    const sessionId = await r.openMine();
    const opened = await r.call<Opened>('openForReview', { sessionId, path: path.join(r.workspace, 'sam.corroborate') });
    expect(keysOf(opened)).toEqual(PLANTED_KEYS);
  });
});

describe('bad colleague files', () => {
  test('my own casefile: a clear message, nothing to compare', async () => {
    const r = rig();
    const sessionId = await r.openMine();
    await expect(r.call('openForReview', { sessionId, path: 'dana.corroborate' })).rejects.toMatchObject({
      code: 'same-file', message: expect.stringContaining('nothing to compare'),
    });
  });

  test('a copy of my own casefile: no differences, and it says it began as mine', async () => {
    const r = rig();
    writeCasefile(path.join(r.workspace, 'copy.corroborate'), danasCasefile());
    const sessionId = await r.openMine();
    const opened = await r.call<Opened & { comparison: { colleague: { sameCasefile: boolean } } }>('openForReview', { sessionId, path: 'copy.corroborate' });
    expect(opened.comparison.differences).toEqual([]);
    expect(opened.comparison.colleague.sameCasefile).toBe(true);
  });

  // Each older format gets a fixture in tests/fixtures/casefiles (see docs/casefile-format.md).
  const OLDER = Array.from({ length: CASEFILE_FORMAT_VERSION - 1 }, (_, i) => i + 1);
  test.skipIf(OLDER.length === 0).each(OLDER)('an older format (%i): migrated in memory, their file untouched', async (version) => {
    const r = rig();
    const file = path.join(r.workspace, 'old.corroborate');
    copyFileSync(path.resolve(__dirname, `../../fixtures/casefiles/v${version}.corroborate`), file);
    const before = fingerprint(file);
    const sessionId = await r.openMine();
    const opened = await r.call<Opened>('openForReview', { sessionId, path: 'old.corroborate' });
    expect(opened.migratedFrom).toBe(version);
    expect(fingerprint(file)).toEqual(before);
  });

  test('the current format reports no migration', async () => {
    const r = rig();
    const sessionId = await r.openMine();
    copyFileSync(path.resolve(__dirname, `../../fixtures/casefiles/v${CASEFILE_FORMAT_VERSION}.corroborate`), path.join(r.workspace, 'current.corroborate'));
    expect((await r.call<Opened>('openForReview', { sessionId, path: 'current.corroborate' })).migratedFrom).toBeNull();
  });

  test('a newer format: refused with a message to update; the file is untouched', async () => {
    const r = rig();
    const file = path.join(r.workspace, 'future.corroborate');
    writeCasefile(file, { ...samsCasefile(), formatVersion: CASEFILE_FORMAT_VERSION + 1 });
    const before = fingerprint(file);
    const sessionId = await r.openMine();
    await expect(r.call('openForReview', { sessionId, path: 'future.corroborate' })).rejects.toMatchObject({
      code: 'newer-version', message: expect.stringContaining('Update Corroborate to open it'),
    });
    expect(fingerprint(file)).toEqual(before);
  });

  test('not a casefile, damaged JSON, or a hostile "__proto__" id: clear messages', async () => {
    const r = rig();
    const sessionId = await r.openMine();
    const upload = (name: string, text: string) => r.call('openForReview', { sessionId, upload: { name, dataBase64: Buffer.from(text).toString('base64') } });
    await expect(upload('notes.corroborate', '{"hello": 1}')).rejects.toMatchObject({ code: 'not-a-casefile' });
    await expect(upload('cut.corroborate', JSON.stringify(samsCasefile()).slice(0, 500))).rejects.toMatchObject({ code: 'truncated' });
    const hostile = JSON.stringify(samsCasefile()).replace('"claims":{', '"claims":{"__proto__":{"polluted":true},');
    await expect(upload('proto.corroborate', hostile)).rejects.toMatchObject({ code: 'invalid-casefile' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('hostile text comes back as plain data, unchanged', async () => {
    const r = rig();
    const sam = structuredClone(samsCasefile());
    sam.claims.t4!.notes = '<img src=x onerror="window.pwned=1"><script>alert(1)</script>';
    writeCasefile(path.join(r.workspace, 'hostile.corroborate'), sam);
    const sessionId = await r.openMine();
    const opened = await r.call<Opened>('openForReview', { sessionId, path: 'hostile.corroborate' });
    expect(opened.comparison.differences.find((d) => d.key === 'notes:m4:t4')!.theirs).toBe(sam.claims.t4!.notes);
  });

  test('a path outside the workspace is refused in browser mode', async () => {
    const r = rig();
    const sessionId = await r.openMine();
    await expect(r.call('openForReview', { sessionId, path: '../elsewhere.corroborate' })).rejects.toMatchObject({ code: 'outside-workspace' });
  });
});
