/**
 * Claim commands on the Node side run onto a copy of the claims record made
 * between changes (applyCommandOnClaimsCopy). Whether that copy is ready or
 * not, typed at full speed or with pauses, undone and redone, every claim
 * is kept, on disk too, and a casefile handed out earlier never changes.
 */
import path from 'node:path';
import { afterEach, expect, test } from 'vitest';
import type { Command } from '../../../shared/commands/commands';
import { createSelectors } from '../../../shared/anchoring/selectors';
import type { Casefile } from '../../../shared/model/schema';
import { loadCasefile } from '../../../electron/services/casefile/store';
import { addArticle, harness, sleep, type Harness } from './support';

const open: Harness[] = [];
afterEach(async () => {
  for (const h of open.splice(0)) await h.sessions.flushAll();
});

function addClaim(cf: Casefile, id: string, at: number): Command {
  const article = Object.values(cf.articles)[0]!;
  const selectors = createSelectors(article.text, at, at + 30);
  return { type: 'claim.add', claim: { id, articleId: article.id, ...selectors, textHash: article.textHash, anchor: 'exact', chain: [], notes: '' } };
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

test('claims added at full speed and with pauses, noted, removed, undone and redone: every change kept, on disk too, and earlier casefiles untouched', async () => {
  const h = harness();
  open.push(h);
  const { sessionId, path: file } = await h.sessions.create('Claims at speed');
  const session = h.sessions.get(sessionId);
  session.apply(0, addArticle(0));
  const handedOut: { casefile: Casefile; json: string }[] = [];
  const apply = (command: Command) => {
    handedOut.push({ casefile: session.casefile, json: JSON.stringify(session.casefile) });
    session.apply(session.status().revision, command);
  };
  for (let i = 0; i < 30; i++) {
    apply(addClaim(session.casefile, `c_speed_${i}`, i * 40));
    // Every third claim after a pause (the copy is ready), the others at once (it is not).
    if (i % 3 === 0) await nextTurn();
    if (i % 5 === 0) apply({ type: 'claim.setNotes', claimId: `c_speed_${i}`, notes: `note ${i}` });
  }
  apply({ type: 'batch', label: 'Two notes', commands: [{ type: 'claim.setNotes', claimId: 'c_speed_2', notes: 'both' }, { type: 'claim.setNotes', claimId: 'c_speed_4', notes: 'both' }] });
  apply({ type: 'claim.remove', claimId: 'c_speed_1' });
  apply({ type: 'claim.remove', claimId: 'c_speed_3' });
  await nextTurn();
  // Undo and redo change the claims without a command: the copy made before them must not be used after.
  session.undo(session.status().revision);
  apply({ type: 'claim.setNotes', claimId: 'c_speed_7', notes: 'after undo' });
  await nextTurn();
  session.undo(session.status().revision);
  session.undo(session.status().revision);
  session.redo(session.status().revision);
  apply({ type: 'claim.setNotes', claimId: 'c_speed_8', notes: 'after redo' });

  const claims = session.casefile.claims;
  // The first undo brought back c_speed_3; the next two took back the note on c_speed_7 and the removal of c_speed_1, which the redo removed again.
  expect(Object.keys(claims).sort()).toEqual(Array.from({ length: 30 }, (_, i) => `c_speed_${i}`).filter((id) => id !== 'c_speed_1').sort());
  expect(claims.c_speed_0!.notes).toBe('note 0');
  expect(claims.c_speed_25!.notes).toBe('note 25');
  expect(claims.c_speed_2!.notes).toBe('both');
  expect(claims.c_speed_7!.notes).toBe('');
  expect(claims.c_speed_8!.notes).toBe('after redo');
  for (const { casefile, json } of handedOut) expect(JSON.stringify(casefile)).toBe(json);

  while (session.status().saveState !== 'saved') await sleep(20);
  const onDisk = (await loadCasefile(path.join(h.workspace, file))).casefile;
  expect(onDisk.claims).toEqual(session.casefile.claims);
});
