/**
 * The shared document kept beside a team casefile (local-document.ts): the
 * whole document in `document.yjs`, updates since appended to `document.log`,
 * folded into a new `document.yjs` once the log is large or the casefile
 * moved; a torn last write is cut off before anything is appended after it.
 */
import { appendFileSync, existsSync, lstatSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DocumentFile, loadDocument, saveDocument, teamFolderOf } from '../../../electron/services/team/local-document';

let dir: string;
let casefile: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'corroborate-local-document-'));
  casefile = path.join(dir, 'Drones.corroborate');
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A document whose every update goes to `file`, as TeamLink wires it. */
function tracked(doc: Y.Doc, file: DocumentFile): void {
  doc.on('update', (update: Uint8Array) => file.add(update));
}

function contents(doc: Y.Doc): Record<string, unknown> {
  return doc.getMap('versions').toJSON();
}

async function reloaded(at = casefile): Promise<{ doc: Y.Doc; loaded: boolean }> {
  const doc = new Y.Doc();
  return { doc, loaded: await loadDocument(at, doc, 'test') };
}

const logOf = (at = casefile) => path.join(teamFolderOf(at), 'document.log');
const snapshotOf = (at = casefile) => path.join(teamFolderOf(at), 'document.yjs');

describe('the document beside a team casefile', () => {
  it('appends each update to the log after the first whole write, and reads both back', async () => {
    const doc = new Y.Doc();
    const file = new DocumentFile(doc);
    tracked(doc, file);
    doc.getMap('versions').set('claims/c1/anna', '{"first":1}');
    await file.write(casefile);
    expect(existsSync(snapshotOf())).toBe(true);
    expect(existsSync(logOf())).toBe(false);
    const snapshotSize = statSync(snapshotOf()).size;

    doc.getMap('versions').set('claims/c2/anna', '{"second":2}');
    await file.write(casefile);
    doc.getMap('versions').set('claims/c1/anna', '{"first":3}');
    doc.getMap('versions').delete('claims/c2/anna');
    await file.write(casefile);
    expect(statSync(snapshotOf()).size).toBe(snapshotSize);
    expect(statSync(logOf()).size).toBeGreaterThan(0);

    const { doc: again, loaded } = await reloaded();
    expect(loaded).toBe(true);
    expect(contents(again)).toEqual(contents(doc));
    expect(contents(again)).toEqual({ 'claims/c1/anna': '{"first":3}' });
  });

  it('writes the whole document again once the log exceeds half of it, and removes the log', async () => {
    const doc = new Y.Doc();
    const file = new DocumentFile(doc, 64);
    tracked(doc, file);
    doc.getMap('versions').set('claims/c1/anna', 'x'.repeat(400));
    await file.write(casefile);
    doc.getMap('versions').set('claims/c2/anna', 'small');
    await file.write(casefile);
    expect(existsSync(logOf())).toBe(true);
    doc.getMap('versions').set('claims/c3/anna', 'y'.repeat(300));
    await file.write(casefile);
    expect(existsSync(logOf())).toBe(false);
    expect(contents((await reloaded()).doc)).toEqual(contents(doc));
  });

  it('cuts a torn last write off before appending, so later updates are read', async () => {
    const doc = new Y.Doc();
    const file = new DocumentFile(doc);
    tracked(doc, file);
    doc.getMap('versions').set('claims/c1/anna', 'one');
    await file.write(casefile);
    doc.getMap('versions').set('claims/c2/anna', 'two');
    await file.write(casefile);
    const whole = statSync(logOf()).size;
    // A crash in the middle of the next append: a frame's header and part of its bytes.
    appendFileSync(logOf(), Buffer.from([200, 0, 0, 0, 1, 2, 3, 4, 5, 6]));

    const opened = new Y.Doc();
    const reopened = new DocumentFile(opened);
    expect(await reopened.load(casefile, 'test')).toBe(true);
    expect(statSync(logOf()).size).toBe(whole);
    expect(contents(opened)).toEqual(contents(doc));
    tracked(opened, reopened);
    opened.getMap('versions').set('claims/c3/anna', 'three');
    await reopened.write(casefile);
    expect(contents((await reloaded()).doc)).toEqual({ 'claims/c1/anna': 'one', 'claims/c2/anna': 'two', 'claims/c3/anna': 'three' });
  });

  it('writes the whole document beside the casefile at its new place after a move', async () => {
    const doc = new Y.Doc();
    const file = new DocumentFile(doc);
    tracked(doc, file);
    doc.getMap('versions').set('claims/c1/anna', 'one');
    await file.write(casefile);
    const moved = path.join(dir, 'Moved.corroborate');
    doc.getMap('versions').set('claims/c2/anna', 'two');
    await file.write(moved);
    expect(existsSync(snapshotOf(moved))).toBe(true);
    expect(existsSync(logOf(moved))).toBe(false);
    expect(contents((await reloaded(moved)).doc)).toEqual(contents(doc));
  });

  it('reads a log left beside a newer whole document (a crash before the log was removed) without change', async () => {
    const doc = new Y.Doc();
    const file = new DocumentFile(doc);
    tracked(doc, file);
    doc.getMap('versions').set('claims/c1/anna', 'one');
    await file.write(casefile);
    doc.getMap('versions').set('claims/c1/anna', 'two');
    await file.write(casefile);
    const log = readFileSync(logOf());
    doc.getMap('versions').set('claims/c1/anna', 'three');
    await saveDocument(casefile, doc);
    expect(existsSync(logOf())).toBe(false);
    writeFileSync(logOf(), log);
    expect(contents((await reloaded()).doc)).toEqual({ 'claims/c1/anna': 'three' });
  });

  it('has no document when there is no whole document, and refuses one that is not a Yjs update', async () => {
    expect((await reloaded()).loaded).toBe(false);
    const doc = new Y.Doc();
    doc.getMap('versions').set('claims/c1/anna', 'one');
    await saveDocument(casefile, doc);
    writeFileSync(snapshotOf(), 'not a document');
    expect((await reloaded()).loaded).toBe(false);
  });

  it.skipIf(process.platform === 'win32')('never appends through a symbolic link put in the log\'s place; the next write replaces it', async () => {
    const doc = new Y.Doc();
    const file = new DocumentFile(doc);
    tracked(doc, file);
    doc.getMap('versions').set('claims/c1/anna', 'one');
    await file.write(casefile);
    const target = path.join(dir, 'elsewhere.txt');
    writeFileSync(target, 'not ours');
    symlinkSync(target, logOf());
    doc.getMap('versions').set('claims/c2/anna', 'two');
    await expect(file.write(casefile)).rejects.toThrow();
    expect(readFileSync(target, 'utf8')).toBe('not ours');
    doc.getMap('versions').set('claims/c3/anna', 'three');
    await file.write(casefile);
    expect(existsSync(logOf()) && lstatSync(logOf()).isSymbolicLink()).toBe(false);
    expect(readFileSync(target, 'utf8')).toBe('not ours');
    expect(contents((await reloaded()).doc)).toEqual({ 'claims/c1/anna': 'one', 'claims/c2/anna': 'two', 'claims/c3/anna': 'three' });
  });
});
