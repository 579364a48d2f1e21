/**
 * Team casefiles end to end on the Node side: two analysts' apps, each with
 * its own workspace, real casefile files and sessions, linked through a real
 * team server (startTeamServer on a temp folder). Edits flow both ways; an
 * analyst cut off keeps editing and both converge after reconnecting; two
 * analysts' offline retags of one claim both survive and show as
 * differences; undo undoes only my own changes; a claim I changed and a
 * teammate deleted is reported, with my version to restore.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedCasefile } from '../../../shared/api/contract';
import type { Casefile } from '../../../shared/model/schema';
import type { Comparison } from '../../../shared/review';
import { smallCasefile } from '../../support/random-commands';
import { analystBackend, analystOf, converged, eventually, grant, sharePair, startServer, teamOf, type Analyst } from './support';

let server: Awaited<ReturnType<typeof startServer>>;
let tokens: Record<string, string>;
const opened: Analyst[] = [];

beforeAll(async () => {
  server = await startServer();
  tokens = await teamOf(server, ['dana', 'ben', 'cleo']);
});
afterAll(async () => {
  await server.close();
});
afterEach(async () => {
  for (const a of opened.splice(0)) await a.backend.sessions.close(a.sessionId).catch(() => undefined);
});

let counter = 0;

/** Dana shares a small casefile; Ben opens it from the link. */
async function sharedPair(): Promise<{ dana: Analyst; ben: Analyst; casefileId: string }> {
  counter += 1;
  const start: Casefile = { ...smallCasefile(counter), meta: { ...smallCasefile(counter).meta, id: `cf_team_${counter}` } };
  const { dana, ben, link } = await sharePair(server, tokens, start, opened);
  expect(link).toBe(`${server.url}/open/desk/cf_team_${counter}`);
  await eventually(() => {
    expect(dana.team().connection).toBe('connected');
    expect(ben.team().connection).toBe('connected');
  });
  return { dana, ben, casefileId: start.meta.id };
}

function claimIds(a: Analyst): string[] {
  return Object.keys(a.casefile().claims).sort();
}

describe('team casefiles between two analysts', () => {
  it('opens as the same casefile, kept as a local file with its team folder beside it', async () => {
    const { dana, ben } = await sharedPair();
    expect(claimIds(ben)).toEqual(claimIds(dana));
    const benPath = ben.backend.sessions.get(ben.sessionId).path;
    expect(existsSync(path.join(path.dirname(benPath), `.${path.basename(benPath)}.team`, 'link.json'))).toBe(true);
    const text = Object.values(ben.casefile().articles)[0]!.text;
    expect(text.length).toBeGreaterThan(100);
  });

  it('sends edits both ways, and the window is told of a teammate’s change as patches', async () => {
    const { dana, ben } = await sharedPair();
    const [first, second] = claimIds(dana);
    await dana.run({ type: 'claim.setNotes', claimId: first!, notes: 'Dana: check the ministry statement' });
    await eventually(() => expect(ben.casefile().claims[first!]!.notes).toBe('Dana: check the ministry statement'));
    expect(ben.events.some((e) => e.event === 'teamChange')).toBe(true);
    await ben.run({ type: 'claim.setNotes', claimId: second!, notes: 'Ben: same wording as the wire' });
    await eventually(() => expect(dana.casefile().claims[second!]!.notes).toBe('Ben: same wording as the wire'));
    expect(dana.casefile().claims[second!]!.modifiedBy).toBe('Ben');
    await converged(dana, ben);
  });

  it('keeps editing offline, counts the changes waiting, and converges with every edit after reconnecting', async () => {
    const { dana, ben } = await sharedPair();
    const ids = claimIds(dana);
    await ben.setOnline(false);
    expect(ben.team().connection).toBe('offline');
    await ben.run({ type: 'claim.setNotes', claimId: ids[0]!, notes: 'offline 1' });
    await ben.run({ type: 'claim.setNotes', claimId: ids[1]!, notes: 'offline 2' });
    expect(ben.team().waiting).toBe(2);
    await dana.run({ type: 'claim.setNotes', claimId: ids[2]!, notes: 'Dana meanwhile' });
    await dana.run({ type: 'claim.remove', claimId: ids[3]! });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(ben.casefile().claims[ids[2]!]!.notes).not.toBe('Dana meanwhile');
    await ben.setOnline(true);
    await converged(dana, ben);
    const both = dana.casefile();
    expect(both.claims[ids[0]!]!.notes).toBe('offline 1');
    expect(both.claims[ids[1]!]!.notes).toBe('offline 2');
    expect(both.claims[ids[2]!]!.notes).toBe('Dana meanwhile');
    expect(both.claims[ids[3]!]).toBeUndefined();
    await eventually(() => expect(ben.team().waiting).toBe(0));
  });

  it('still counts the changes waiting after a restart while the server is away, and sends them when it is back', async () => {
    const own = await startServer();
    try {
      const ownTokens = await teamOf(own, ['dana', 'ben']);
      const start: Casefile = { ...smallCasefile(90), meta: { ...smallCasefile(90).meta, id: 'cf_team_restart' } };
      const { dana, ben } = await sharePair(own, ownTokens, start, opened);
      const ids = claimIds(dana);
      await ben.setOnline(false);
      await ben.run({ type: 'claim.setNotes', claimId: ids[0]!, notes: 'on the train 1' });
      await ben.run({ type: 'claim.setNotes', claimId: ids[1]!, notes: 'on the train 2' });
      expect(ben.team().waiting).toBe(2);
      const benPath = ben.backend.sessions.get(ben.sessionId).path;
      await ben.call('closeCasefile', { sessionId: ben.sessionId });
      opened.splice(opened.indexOf(ben), 1);
      await own.close();

      // The app starts again with no server to reach: the two changes are still counted.
      const reopened = (await ben.call('openCasefile', { path: path.basename(benPath) })) as OpenedCasefile;
      const benAgain = analystOf(ben, 'ben', ownTokens.ben!, reopened);
      opened.push(benAgain);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(benAgain.team().connection).not.toBe('connected');
      expect(benAgain.team().waiting).toBe(2);
      expect(benAgain.casefile().claims[ids[0]!]!.notes).toBe('on the train 1');

      const back = await startServer({ dataDir: own.dataDir, port: own.port, adminToken: own.adminToken! });
      try {
        await eventually(() => expect(benAgain.team().connection).toBe('connected'), 40_000);
        await converged(dana, benAgain);
        expect(dana.casefile().claims[ids[1]!]!.notes).toBe('on the train 2');
        await eventually(() => expect(benAgain.team().waiting).toBe(0));
      } finally {
        for (const a of opened.splice(0)) await a.backend.sessions.close(a.sessionId).catch(() => undefined);
        await back.close();
      }
    } finally {
      await own.close().catch(() => undefined);
    }
  });

  it('keeps both analysts’ judgments when both retag one claim offline, and shows them as a difference', async () => {
    const { dana, ben } = await sharedPair();
    const claim = Object.values(dana.casefile().claims).find((c) => c.chain.length > 0)!;
    const hop = claim.chain.at(-1)!;
    const [typeA, typeB] = dana.casefile().taxonomy.map((t) => t.id).filter((id) => id !== hop.typeId);
    await dana.setOnline(false);
    await ben.setOnline(false);
    await dana.run({ type: 'claim.setRootType', claimId: claim.id, typeId: typeA!, hopId: hop.id });
    await ben.run({ type: 'claim.setRootType', claimId: claim.id, typeId: typeB!, hopId: hop.id });
    await dana.setOnline(true);
    await ben.setOnline(true);
    await converged(dana, ben);
    const link = dana.backend.team.linkOf(dana.sessionId);
    const versions = link.shared.versionsOf({ collection: 'claims', id: claim.id });
    const chainOf = (analystId: string) => versions.find((v) => v.analystId === analystId)!.version.fields.chain as { typeId: string }[];
    expect(chainOf('dana').at(-1)!.typeId).toBe(typeA);
    expect(chainOf('ben').at(-1)!.typeId).toBe(typeB);
    const comparison = (await dana.call('teamDifferences', { sessionId: dana.sessionId, analystId: 'ben' })) as Comparison;
    const differences = comparison.differences.filter((d) => JSON.stringify(d).includes(claim.id));
    expect(differences.length).toBeGreaterThan(0);
    expect(comparison.colleague.title).toContain('as Ben judges it');
    // Dana takes Ben's judgment for that claim: one command, sent to the team like any other.
    const accept = differences.filter((d) => d.mergeable).map((d) => d.key);
    const revision = dana.backend.sessions.get(dana.sessionId).status().revision;
    await dana.call('mergeTeamDifferences', { sessionId: dana.sessionId, analystId: 'ben', revision, accept });
    await converged(dana, ben);
    expect(ben.casefile().claims[claim.id]!.chain.at(-1)!.typeId).toBe(typeB);
  });

  it('undoes only my own changes, and keeps a teammate’s later change to the record I undo', async () => {
    const { dana, ben } = await sharedPair();
    const [mine, theirs] = claimIds(dana);
    const before = dana.casefile().claims[mine!]!;
    await dana.run({ type: 'claim.setNotes', claimId: mine!, notes: 'Dana’s note' });
    await ben.run({ type: 'claim.setNotes', claimId: theirs!, notes: 'Ben’s note' });
    await eventually(() => expect(ben.casefile().claims[mine!]!.notes).toBe('Dana’s note'));
    await eventually(() => expect(dana.casefile().claims[theirs!]!.notes).toBe('Ben’s note'));
    // Ben now changes the record Dana's last step touched.
    const hop = before.chain.at(-1);
    if (hop) {
      const other = dana.casefile().taxonomy.find((t) => t.id !== hop.typeId)!.id;
      await ben.run({ type: 'claim.setRootType', claimId: mine!, typeId: other, hopId: hop.id });
      await eventually(() => expect(dana.casefile().claims[mine!]!.chain.at(-1)!.typeId).toBe(other));
    }
    await dana.undo();
    await converged(dana, ben);
    expect(ben.casefile().claims[mine!]!.notes).toBe(before.notes);
    expect(ben.casefile().claims[theirs!]!.notes).toBe('Ben’s note');
    if (hop) expect(ben.casefile().claims[mine!]!.chain.at(-1)!.typeId).not.toBe(hop.typeId);
  });

  it('reports a claim I changed that a teammate deleted, with my version to restore', async () => {
    const { dana, ben } = await sharedPair();
    const [target] = claimIds(dana);
    await ben.run({ type: 'claim.setNotes', claimId: target!, notes: 'Ben is working on this one' });
    await eventually(() => expect(dana.casefile().claims[target!]!.notes).toBe('Ben is working on this one'));
    await dana.run({ type: 'claim.remove', claimId: target! });
    await eventually(() => expect(ben.casefile().claims[target!]).toBeUndefined());
    await eventually(() => expect(ben.team().conflicts.map((c) => c.key)).toContain(`deleted:claims/${target}`));
    const conflict = ben.team().conflicts.find((c) => c.key === `deleted:claims/${target}`)!;
    expect(conflict.deletedBy).toEqual(['Dana']);
    expect((conflict.yours as { notes: string }).notes).toBe('Ben is working on this one');
    await ben.run({ type: 'claim.import', claim: conflict.yours as never });
    await eventually(() => expect(dana.casefile().claims[target!]?.notes).toBe('Ben is working on this one'));
  });

  it('does not report a deletion of a claim I only made or shared, and does once I changed it', async () => {
    const { dana, ben } = await sharedPair();
    const [shared, changed] = claimIds(dana);
    await dana.run({ type: 'claim.setNotes', claimId: changed!, notes: 'Dana looked again' });
    await eventually(() => expect(ben.casefile().claims[changed!]!.notes).toBe('Dana looked again'));
    await ben.run({ type: 'claim.remove', claimId: shared! });
    await ben.run({ type: 'claim.remove', claimId: changed! });
    await eventually(() => expect(dana.casefile().claims[changed!]).toBeUndefined());
    expect(dana.casefile().claims[shared!]).toBeUndefined();
    await eventually(() => expect(dana.team().conflicts.map((c) => c.key)).toEqual([`deleted:claims/${changed}`]));
  });

  it('keeps an edit made offline after a teammate’s deletion, and tells the analyst', async () => {
    const { dana, ben } = await sharedPair();
    const [target] = claimIds(dana);
    await ben.setOnline(false);
    await dana.run({ type: 'claim.remove', claimId: target! });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await ben.run({ type: 'claim.setNotes', claimId: target!, notes: 'edited on the train' });
    await ben.setOnline(true);
    await converged(dana, ben);
    expect(dana.casefile().claims[target!]?.notes).toBe('edited on the train');
    await eventually(() => expect(ben.team().conflicts.map((c) => c.kind)).toContain('kept'));
    await eventually(() => expect(dana.team().conflicts.map((c) => c.kind)).toContain('kept'));
  });

  it('keeps what was being typed into a claim a teammate deleted meanwhile: the claim comes back with it, for both', async () => {
    const { dana, ben } = await sharedPair();
    const [target] = claimIds(dana);
    const before = dana.casefile().claims[target!]!;
    // Ben is typing a note into a claim Dana made; Dana deletes it before he leaves the field.
    await dana.run({ type: 'claim.remove', claimId: target! });
    await eventually(() => expect(ben.casefile().claims[target!]).toBeUndefined());
    await ben.run({ type: 'claim.setNotes', claimId: target!, notes: 'typed while Dana deleted it' });
    expect(ben.casefile().claims[target!]).toMatchObject({ quote: before.quote, notes: 'typed while Dana deleted it' });
    await converged(dana, ben);
    expect(dana.casefile().claims[target!]).toMatchObject({ quote: before.quote, chain: before.chain, notes: 'typed while Dana deleted it' });
    await eventually(() => expect(ben.team().conflicts.find((c) => c.key === `kept:claims/${target}`)?.label)
      .toBe('Dana deleted this claim while you were typing in it: it is back, with what you typed.'));
    await eventually(() => expect(dana.team().conflicts.find((c) => c.key === `kept:claims/${target}`)?.label)
      .toMatch(/^You deleted a claim \(“.+”\), but Ben was still editing it: it is back\.$/));
    // One step: Ben's undo takes back the note and the claim with it.
    await ben.undo();
    await eventually(() => expect(dana.casefile().claims[target!]).toBeUndefined());
  });

  it('still refuses an edit of a claim that never existed', async () => {
    const { ben } = await sharedPair();
    await expect(ben.run({ type: 'claim.setNotes', claimId: 'c_never_made', notes: 'lost?' })).rejects.toThrow(/does not exist/);
  });

  it('lets a reviewer comment but not edit', async () => {
    const { dana, casefileId } = await sharedPair();
    await grant(server, casefileId, 'cleo', 'reviewer');
    const cleoApp = await analystBackend('cleo');
    const cleoOpened = (await cleoApp.call('openTeamCasefile', { serverUrl: server.url, team: 'desk', casefileId, token: tokens.cleo })) as OpenedCasefile;
    const cleo = analystOf(cleoApp, 'cleo', tokens.cleo!, cleoOpened);
    opened.push(cleo);
    expect(cleo.team().role).toBe('reviewer');
    const [target] = claimIds(dana);
    await expect(cleo.run({ type: 'claim.setNotes', claimId: target!, notes: 'not mine to change' })).rejects.toThrow(/reviewer/);
    await cleo.run({ type: 'review.set', review: { id: 'rv_cleo1', target: { kind: 'claim', id: target! }, status: 'disputed', comment: 'Second source?', by: 'Cleo', at: new Date().toISOString() } });
    await eventually(() => expect(dana.casefile().reviews.rv_cleo1?.comment).toBe('Second source?'));
    expect(cleo.team().refusedReason).toBeNull();
  });

  it('says the connection is refused, with the reason, when the token is revoked', async () => {
    const { ben } = await sharedPair();
    await server.admin('revoke', { analyst: 'ben' });
    await eventually(() => expect(ben.team().connection).toBe('refused'), 20_000);
    expect(ben.team().refusedReason).toMatch(/token|revoked/);
    tokens.ben = ((await server.admin('tokens', { analyst: 'ben' })) as { token: string }).token;
  });

  it('takes the link along on Save As', async () => {
    const { ben } = await sharedPair();
    await ben.call('saveCasefileAs', { sessionId: ben.sessionId, path: 'moved.corroborate' });
    const moved = ben.backend.sessions.get(ben.sessionId).path;
    expect(path.basename(moved)).toBe('moved.corroborate');
    expect(existsSync(path.join(path.dirname(moved), '.moved.corroborate.team', 'link.json'))).toBe(true);
    expect(existsSync(path.join(path.dirname(moved), '.moved.corroborate.team', 'document.yjs'))).toBe(true);
  });

  it('leaving keeps a normal local casefile', async () => {
    const { ben } = await sharedPair();
    await ben.call('leaveTeam', { sessionId: ben.sessionId });
    expect(ben.backend.team.status(ben.sessionId)).toBeNull();
    const benPath = ben.backend.sessions.get(ben.sessionId).path;
    expect(existsSync(path.join(path.dirname(benPath), `.${path.basename(benPath)}.team`))).toBe(false);
    await ben.run({ type: 'casefile.rename', title: 'Mine now' });
    expect(ben.casefile().meta.title).toBe('Mine now');
  });
});
