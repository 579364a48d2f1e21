/**
 * The team server's document storage (docs/team-sync.md, "Storage"): every
 * incoming update appended as it is, folded into a snapshot in a worker
 * thread. A torn last write is left out and never appended after; a server
 * killed (SIGKILL) while an analyst writes loses no acknowledged edit, and
 * its log compacts to the same document; a stored document in the old form
 * is refused, not misread.
 */
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Command } from '../../../shared/commands/commands';
import { emptyCasefile } from '../../../shared/model/casefile';
import type { Casefile } from '../../../shared/model/schema';
import { Compactor } from '../../../electron/services/team-server/compaction';
import { FOLD_NICE } from '../../../electron/services/team-server/compact-worker';
import { DocumentFiles, DOCUMENTS_FOLDER } from '../../../electron/services/team-server/document-files';
import { frames } from '../../../electron/services/update-frames';
import type { StoredDocument } from '../../../electron/services/team-server/store';
import { smallCasefile } from '../../support/random-commands';
import { fetchTexts, setUpTeam, spawnServe, startTestServer, TeamReplica, testClock, uploadTexts, waitFor } from '../../support/team-server';

const folders: string[] = [];
const replicas: TeamReplica[] = [];
const compactor = new Compactor();
const tick = testClock();

function tempFolder(): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'corroborate-doclog-'));
  folders.push(folder);
  return folder;
}

afterAll(async () => {
  for (const made of replicas) made.disconnect();
  await compactor.close();
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** The document a stored snapshot and log make. */
function documentOf(stored: StoredDocument): Y.Doc {
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const update of stored.updates) Y.applyUpdate(doc, update);
  return doc;
}

function contentOf(doc: Y.Doc): unknown {
  return { versions: doc.getMap('versions').toJSON(), analysts: doc.getMap('analysts').toJSON(), audit: doc.getArray('audit').toJSON() };
}

/** `count` updates, each a new note in Ben's version of a claim, and the document they make. */
function edits(count: number): { updates: Uint8Array[]; doc: Y.Doc } {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  for (let i = 0; i < count; i++) {
    doc.getMap('versions').set(`claims/c-${i % 7}/ben`, JSON.stringify({ fields: { notes: `note ${i}` }, stamps: { notes: `mk0000${String(i).padStart(3, '0')}.0000.ben-laptop` } }));
  }
  return { updates, doc };
}

function emptyLike(casefile: Casefile): Casefile {
  return emptyCasefile({ id: casefile.meta.id, title: '', analyst: '', now: casefile.meta.createdAt });
}

describe('the embedded server\'s document files', () => {
  it('reads back every whole update after a torn last write, appends after it to a new log, and compacts to the same document', async () => {
    const dir = tempFolder();
    const { updates, doc } = edits(40);
    const files = new DocumentFiles(dir);
    await files.load('desk/c1');
    await files.append('desk/c1', updates.slice(0, 20));
    await files.append('desk/c1', updates.slice(20, 39));
    await files.close();

    // A crash in the middle of appending the last update: half of its frame reached the disk.
    const [folder] = readdirSync(dir);
    const log = path.join(dir, folder!, 'log.1');
    const torn = frames([updates[39]!]);
    appendFileSync(log, torn.subarray(0, torn.length - 3));

    const lines: string[] = [];
    const reopened = new DocumentFiles(dir, (line) => lines.push(line));
    const stored = await reopened.load('desk/c1');
    expect(stored.snapshot).toBeNull();
    expect(stored.updates).toHaveLength(39);
    expect(lines.join('\n')).toMatch(/torn write/);
    // The last update, sent again (a client re-sends what the server lacks), goes to a new log.
    await reopened.append('desk/c1', [updates[39]!]);
    expect(readdirSync(path.join(dir, folder!)).sort()).toEqual(['log.1', 'log.2']);
    const whole = documentOf(await reopened.load('desk/c1'));
    expect(contentOf(whole)).toEqual(contentOf(doc));

    const size = await reopened.compact('desk/c1', (parts) => compactor.fold(parts));
    expect(readdirSync(path.join(dir, folder!)).sort()).toEqual(['snapshot.4']);
    expect(statSync(path.join(dir, folder!, 'snapshot.4')).size).toBe(size);
    const compacted = await reopened.load('desk/c1');
    expect(compacted.updates).toEqual([]);
    expect(contentOf(documentOf(compacted))).toEqual(contentOf(doc));
    // Replaced values are collected: the snapshot is smaller than the updates that made it.
    expect(size).toBeLessThan(updates.reduce((sum, u) => sum + u.length, 0));
    await reopened.close();
  });

  it('keeps the whole document when a compaction is cut short, and keeps updates appended while it runs', async () => {
    const dir = tempFolder();
    const { updates, doc } = edits(30);
    const files = new DocumentFiles(dir);
    await files.load('desk/c2');
    await files.append('desk/c2', updates.slice(0, 10));
    await files.compact('desk/c2', (parts) => compactor.fold(parts));
    await files.append('desk/c2', updates.slice(10, 20));
    // A fold that fails (the server stopped in the middle): nothing is lost.
    await expect(files.compact('desk/c2', () => Promise.reject(new Error('stopped')))).rejects.toThrow('stopped');
    let appendedMeanwhile: Promise<void> | null = null;
    await files.compact('desk/c2', async (parts) => {
      appendedMeanwhile = files.append('desk/c2', updates.slice(20));
      await appendedMeanwhile;
      return compactor.fold(parts);
    });
    await appendedMeanwhile;
    await files.close();
    const stored = await new DocumentFiles(dir).load('desk/c2');
    expect(stored.snapshot).not.toBeNull();
    expect(stored.updates).toHaveLength(10);
    expect(contentOf(documentOf(stored))).toEqual(contentOf(doc));
  });
});

describe('the embedded team server killed while an analyst writes', () => {
  it('loses no acknowledged edit (SIGKILL mid-write), and its log compacts to the same document', async () => {
    const dataDir = tempFolder();
    const seed = smallCasefile(31);
    const first = await spawnServe(['--data', dataDir]);
    const team = await setUpTeam(first.url, first.adminToken!, seed.meta.id, { anna: 'owner', ben: 'editor' });
    const anna = new TeamReplica('anna', team.tokens.anna!, team.documentName, seed, tick);
    replicas.push(anna);
    anna.seed(seed);
    await uploadTexts(first.url, team.tokens.anna!, seed);
    anna.connect(first.url);
    await anna.settled();

    const claimIds = Object.keys(seed.claims);
    const made: string[] = [];
    let acknowledged = 0;
    for (let i = 0; i < 60; i++) {
      const note = `edit ${i} by Anna`;
      anna.run({ type: 'claim.setNotes', claimId: claimIds[i % claimIds.length]!, notes: note } as Command);
      made.push(note);
      await new Promise((resolve) => setTimeout(resolve, 5));
      // Half way, wait for the server to acknowledge (on a loaded machine it may lag behind the edits).
      if (i === 20) await anna.settled();
      if (anna.acknowledged) acknowledged = made.length;
      if (i === 40) await first.stop('SIGKILL');
    }
    expect(first.child.signalCode).toBe('SIGKILL');
    expect(acknowledged).toBeGreaterThan(0);
    anna.disconnect();

    // Restarted on the same folder, with no client that remembers: every acknowledged edit is there.
    const second = await startTestServer({ dataDir });
    try {
      const ben = new TeamReplica('ben', team.tokens.ben!, team.documentName, emptyLike(seed), tick);
      replicas.push(ben);
      ben.connect(second.server.url);
      await ben.synced();
      await fetchTexts(second.server.url, team.tokens.ben!, ben);
      ben.materialise();
      expect(ben.problems).toEqual([]);
      const lastAcknowledged = new Map<string, string>();
      made.slice(0, acknowledged).forEach((note, i) => lastAcknowledged.set(claimIds[i % claimIds.length]!, note));
      for (const [claimId, note] of lastAcknowledged) {
        const index = made.indexOf(ben.state.claims[claimId]!.notes ?? '');
        expect(index, `${claimId}: ${note}`).toBeGreaterThanOrEqual(made.indexOf(note));
      }
      ben.disconnect();
    } finally {
      await second.stop();
    }

    // The stored log folds to the same document.
    const files = new DocumentFiles(path.join(dataDir, DOCUMENTS_FOLDER));
    const before = contentOf(documentOf(await files.load(team.documentName)));
    await files.compact(team.documentName, (parts) => compactor.fold(parts));
    const after = await files.load(team.documentName);
    expect(after.updates).toEqual([]);
    expect(contentOf(documentOf(after))).toEqual(before);
    await files.close();
  });
});

describe('a stored document in the old form', () => {
  it('is refused with the reason, not misread', async () => {
    const server = await startTestServer();
    const seed = smallCasefile(5);
    try {
      const team = await setUpTeam(server.server.url, server.server.adminToken!, seed.meta.id, { anna: 'owner' });
      const old = new Y.Doc();
      old.getMap('versions').set('claims/c-1/anna', { fields: { notes: 'a Yjs value' }, stamps: { notes: 'mk0000000.0000.a1' } });
      const files = new DocumentFiles(path.join(server.dataDir, DOCUMENTS_FOLDER));
      await files.load(team.documentName);
      await files.append(team.documentName, [Y.encodeStateAsUpdate(old)]);
      await files.close();

      const anna = new TeamReplica('anna', team.tokens.anna!, team.documentName, emptyLike(seed), tick);
      replicas.push(anna);
      anna.connect(server.server.url);
      await waitFor(() => server.logLines.some((line) => line.includes('old form')), 10_000, 'the refusal');
      expect(server.logLines.find((line) => line.includes('old form'))).toMatch(/stored in an old form .*claims\/c-1\/anna.*not opened/);
      expect(anna.doc.getMap('versions').size).toBe(0);
      anna.disconnect();
    } finally {
      await server.remove();
    }
  });
});

/** The nice value of each thread of this process, by thread id (Linux: /proc/self/task). */
function threadNiceness(): Map<number, number> {
  const out = new Map<number, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    // Fields after the command name in parentheses: state is field 3, nice field 19.
    out.set(Number(tid), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]));
  }
  return out;
}

describe('the fold in the background', () => {
  it.runIf(process.platform === 'linux')('runs at a lower priority than the thread serving analysts, on Linux', async () => {
    const { updates, doc } = edits(50);
    const folded = await compactor.fold(updates);
    const after = new Y.Doc();
    Y.applyUpdate(after, folded);
    expect(contentOf(after)).toEqual(contentOf(doc));
    const niceness = threadNiceness();
    // The worker stays a while after its fold: its thread is niced, the server's main thread is not.
    expect(niceness.get(process.pid)).toBe(0);
    expect([...niceness.values()].filter((nice) => nice === FOLD_NICE)).toHaveLength(1);
  });
});
