/**
 * Opening a shared casefile again (TeamService.resume): on closing, the app
 * notes beside the casefile that its file was saved in step with the shared
 * document (in-step.json), so the next opening need not read every version
 * again. Whatever changed meanwhile (the document, by a teammate's change
 * kept before a crash; the file, by hand) still gets the whole catch-up:
 * the casefile opens as the document materialises it.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { OpenedCasefile } from '../../../shared/api/contract';
import type { Casefile } from '../../../shared/model/schema';
import { DocumentFile, teamFolderOf } from '../../../electron/services/team/local-document';
import { smallCasefile } from '../../support/random-commands';
import { analystOf, converged, eventually, sharePair, teamForFile, type Analyst } from './support';

const team = teamForFile(['dana', 'ben']);
const opened = team.opened;
let counter = 0;

/** Dana and Ben on a new shared casefile; Ben has closed his copy (in step). Gives his file. */
async function benClosed(): Promise<{ dana: Analyst; ben: Analyst; benPath: string; claimId: string }> {
  counter += 1;
  const start: Casefile = { ...smallCasefile(40 + counter), meta: { ...smallCasefile(40 + counter).meta, id: `cf_reopen_${counter}` } };
  const { dana, ben } = await sharePair(team.server(), team.tokens(), start, opened);
  const claimId = Object.keys(dana.casefile().claims).sort()[0]!;
  await ben.run({ type: 'claim.setNotes', claimId, notes: 'Ben, before closing' });
  await converged(dana, ben);
  await eventually(() => expect(ben.team().waiting).toBe(0));
  const benPath = ben.backend.sessions.get(ben.sessionId).path;
  await ben.call('closeCasefile', { sessionId: ben.sessionId });
  opened.splice(opened.indexOf(ben), 1);
  return { dana, ben, benPath, claimId };
}

async function reopen(ben: Analyst, benPath: string): Promise<{ again: Analyst; casefile: Casefile }> {
  const reopened = (await ben.call('openCasefile', { path: path.basename(benPath) })) as OpenedCasefile;
  const again = analystOf(ben, 'ben', team.tokens().ben!, reopened);
  opened.push(again);
  return { again, casefile: reopened.casefile };
}

describe('opening a shared casefile again', () => {
  it('notes on closing that the file was saved in step, and opens as saved, still in step with the team', async () => {
    const { dana, ben, benPath, claimId } = await benClosed();
    const inStep = path.join(teamFolderOf(benPath), 'in-step.json');
    expect(existsSync(inStep)).toBe(true);
    const { again, casefile } = await reopen(ben, benPath);
    expect(existsSync(inStep)).toBe(false);
    expect(casefile.claims[claimId]!.notes).toBe('Ben, before closing');
    await eventually(() => expect(again.team().connection).toBe('connected'));
    await dana.run({ type: 'claim.setNotes', claimId, notes: 'Dana, after Ben came back' });
    await converged(dana, again);
    await again.run({ type: 'claim.setNotes', claimId, notes: 'Ben again' });
    await converged(dana, again);
    expect(dana.casefile().claims[claimId]!.notes).toBe('Ben again');
  });

  it('catches up on every record when the document changed after the file was saved (a teammate\'s change kept before a crash)', async () => {
    const { dana, ben, benPath, claimId } = await benClosed();
    await dana.run({ type: 'claim.setNotes', claimId, notes: 'Dana, while Ben was away' });
    // Dana's document, written into Ben's log as his app would have kept it on receiving it.
    const danaDoc = dana.backend.team.linkOf(dana.sessionId).shared.doc;
    const benDoc = new Y.Doc();
    const file = new DocumentFile(benDoc);
    expect(await file.load(benPath, 'test')).toBe(true);
    file.add(Y.encodeStateAsUpdate(danaDoc, Y.encodeStateVector(benDoc)));
    await file.write(benPath);
    const { casefile } = await reopen(ben, benPath);
    // Before any sync: the catch-up on opening brought it.
    expect(casefile.claims[claimId]!.notes).toBe('Dana, while Ben was away');
  });

  it('lists again on opening an edit kept against a teammate\'s deletion (never skipped then)', async () => {
    counter += 1;
    const start: Casefile = { ...smallCasefile(60 + counter), meta: { ...smallCasefile(60 + counter).meta, id: `cf_reopen_${counter}` } };
    const { dana, ben } = await sharePair(team.server(), team.tokens(), start, opened);
    const target = Object.keys(dana.casefile().claims).sort()[0]!;
    await ben.setOnline(false);
    await dana.run({ type: 'claim.remove', claimId: target });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await ben.run({ type: 'claim.setNotes', claimId: target, notes: 'edited on the train' });
    await ben.setOnline(true);
    await converged(dana, ben);
    await eventually(() => expect(ben.team().conflicts.map((c) => c.kind)).toContain('kept'));
    await eventually(() => expect(ben.team().waiting).toBe(0));
    const benPath = ben.backend.sessions.get(ben.sessionId).path;
    await ben.call('closeCasefile', { sessionId: ben.sessionId });
    opened.splice(opened.indexOf(ben), 1);
    expect(existsSync(path.join(teamFolderOf(benPath), 'in-step.json'))).toBe(false);
    const { again } = await reopen(ben, benPath);
    expect(again.team().conflicts.map((c) => c.kind)).toContain('kept');
  });

  it('catches up on every record when the file changed after it was saved (edited by hand)', async () => {
    const { ben, benPath, claimId } = await benClosed();
    const text = readFileSync(benPath, 'utf8');
    writeFileSync(benPath, text.replace('Ben, before closing', 'Changed by hand'));
    const { casefile } = await reopen(ben, benPath);
    expect(casefile.claims[claimId]!.notes).toBe('Ben, before closing');
  });
});
