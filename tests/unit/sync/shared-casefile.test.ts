import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyCommand, replayPatches } from '../../../shared/commands/apply';
import type { Command } from '../../../shared/commands/commands';
import * as schema from '../../../shared/model/schema';
import type { Casefile } from '../../../shared/model/schema';
import { emptyCasefile } from '../../../shared/model/casefile';
import { SharedCasefile, type RemoteChange } from '../../../shared/sync/shared-casefile';
import { updateProblem } from '../../../shared/sync/check-update';
import { smallCasefile } from '../../support/random-commands';

/** One analyst's replica: a local casefile kept in step with its own copy of the shared document. */
class Replica {
  readonly doc = new Y.Doc();
  readonly shared: SharedCasefile;
  state: Casefile;
  problems: string[] = [];

  constructor(readonly analystId: string, start: Casefile, tick: () => number) {
    this.shared = new SharedCasefile(this.doc, { analystId, analystName: analystId.toUpperCase(), deviceId: `${analystId}-laptop`, now: tick });
    this.state = start;
    this.shared.onRemoteChange((change) => {
      const caught = this.shared.catchUp(this.state, change, (hash) => texts.get(hash));
      this.state = replayPatches(this.state, caught.patches);
      this.problems.push(...caught.problems);
    });
  }

  run(command: Command): void {
    const before = this.state;
    const applied = applyCommand(before, command, { name: this.analystId.toUpperCase(), now: '2026-12-06T08:00:00.000Z' });
    this.settle(applied.state, this.shared.recordChange(before, applied.state, applied.patches));
  }

  settle(state: Casefile, written: RemoteChange): void {
    const caught = this.shared.catchUp(state, written, (hash) => texts.get(hash));
    expect(caught.problems).toEqual([]);
    this.state = replayPatches(state, caught.patches);
  }
}

const texts = new Map<string, string>();

function sync(a: Replica, b: Replica): void {
  Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc, Y.encodeStateVector(b.doc)), 'remote');
  Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b.doc, Y.encodeStateVector(a.doc)), 'remote');
}

function team(): [Replica, Replica] {
  let now = 1_765_000_000_000;
  const tick = () => (now += 5);
  const seed = smallCasefile(7);
  for (const article of Object.values(seed.articles)) texts.set(article.textHash, article.text);
  const anna = new Replica('anna', seed, tick);
  anna.settle(seed, anna.shared.seed(seed));
  const ben = new Replica('ben', emptyCasefile({ id: seed.meta.id, title: '', analyst: '', now: seed.meta.createdAt }), tick);
  sync(anna, ben);
  return [anna, ben];
}

describe('a team casefile shared through Yjs', () => {
  it('gives a new replica the whole casefile', () => {
    const [anna, ben] = team();
    expect(ben.problems).toEqual([]);
    expect(ben.state.claims).toEqual(anna.state.claims);
    expect(ben.state.articles).toEqual(anna.state.articles);
    expect(ben.state.propositions).toEqual(anna.state.propositions);
  });

  it('checks what it materialises once: each version field by field, a record only for what it lacks; the result passes the casefile schema', () => {
    const [anna] = team();
    const fresh = new Y.Doc();
    Y.applyUpdate(fresh, Y.encodeStateAsUpdate(anna.doc));
    const versions = fresh.getMap<string>('versions');
    const [claimId, other] = Object.keys(anna.state.claims) as [string, string];
    // Ben's edit of a claim whose creator's version has not arrived: held back, and why.
    versions.set('claims/zz-early/ben', JSON.stringify({ fields: { notes: 'early' }, stamps: { notes: 'mk0000001.0000.ben-laptop' } }));
    // Ben's version with a value the claim schema refuses: left out, Anna's claim stands as it was.
    versions.set(`claims/${claimId}/ben`, JSON.stringify({ fields: { quote: { exact: 5 } }, stamps: { quote: 'mk0000002.0000.ben-laptop' } }));
    // A valid later note: taken.
    versions.set(`claims/${other}/ben`, JSON.stringify({ fields: { notes: 'Ben was here' }, stamps: { notes: 'zz0000000.0000.ben-laptop' } }));
    const shared = new SharedCasefile(fresh, { analystId: 'carl', analystName: 'CARL', deviceId: 'carl-laptop' });
    const base = emptyCasefile({ id: anna.state.meta.id, title: '', analyst: '', now: anna.state.meta.createdAt });
    const caught = shared.materialise(base, (hash) => texts.get(hash));
    expect(caught.state.claims['zz-early']).toBeUndefined();
    expect(caught.problems.some((p) => p.startsWith('claims/zz-early is not whole yet (') && p.includes(': missing)'))).toBe(true);
    expect(caught.problems.some((p) => p.startsWith(`Left out claims/${claimId}/ben: field quote is not valid`))).toBe(true);
    expect(caught.state.claims[claimId]).toEqual(anna.state.claims[claimId]);
    expect(caught.state.claims[other]!.notes).toBe('Ben was here');
    expect(schema.Casefile.safeParse(caught.state).success).toBe(true);
    expect(replayPatches(base, caught.patches)).toEqual(caught.state);
  });

  it('keeps both analysts\' notes on one claim when they edit different fields offline, and both judgments when they retag it', () => {
    const [anna, ben] = team();
    const claim = Object.values(anna.state.claims)[0]!;
    const typeIds = anna.state.taxonomy.map((t) => t.id);
    anna.run({ type: 'claim.setNotes', claimId: claim.id, notes: 'checked with the ministry' } as Command);
    anna.run({ type: 'claim.setChain', claimId: claim.id, chain: [{ ...claim.chain[0]!, typeId: typeIds[1]! }] } as Command);
    ben.run({ type: 'claim.setChain', claimId: claim.id, chain: [{ ...claim.chain[0]!, typeId: typeIds[2]! }] } as Command);
    sync(anna, ben);
    expect(anna.state.claims[claim.id]).toEqual(ben.state.claims[claim.id]);
    expect(anna.state.claims[claim.id]!.notes).toBe('checked with the ministry');
    // Ben's retagging came later, so the casefile shows it; Anna's stays as her judgment.
    expect(anna.state.claims[claim.id]!.chain[0]!.typeId).toBe(typeIds[2]);
    expect(anna.shared.judgedBy(anna.state, 'anna').claims[claim.id]!.chain[0]!.typeId).toBe(typeIds[1]);
    expect(ben.shared.judgedBy(ben.state, 'ben').claims[claim.id]!.chain[0]!.typeId).toBe(typeIds[2]);
  });

  it('refuses an update that writes another analyst\'s key or a hostile value, and accepts an honest one', () => {
    const [anna] = team();
    const server = new Y.Doc();
    Y.applyUpdate(server, Y.encodeStateAsUpdate(anna.doc));
    const mallory = new Y.Doc();
    Y.applyUpdate(mallory, Y.encodeStateAsUpdate(server));
    const before = Y.encodeStateVector(mallory);
    const claimKey = [...mallory.getMap('versions').keys()].find((k) => k.startsWith('claims/'))!;
    mallory.getMap('versions').set(claimKey, JSON.stringify({ fields: {}, stamps: {} }));
    expect(updateProblem(server, Y.encodeStateAsUpdate(mallory, before), { analystId: 'mallory', role: 'editor' })).toMatch(/another analyst/);

    const honest = new Y.Doc();
    Y.applyUpdate(honest, Y.encodeStateAsUpdate(server));
    const sv = Y.encodeStateVector(honest);
    honest.getMap('versions').set('claims/c-new/mallory', '{"fields":{"__proto__":{"x":1}},"stamps":{"__proto__":"000000001.0000.m"}}');
    expect(updateProblem(server, Y.encodeStateAsUpdate(honest, sv), { analystId: 'mallory', role: 'editor' })).toMatch(/lacks its fields|not a field/);

    const fine = new Y.Doc();
    Y.applyUpdate(fine, Y.encodeStateAsUpdate(server));
    const sv2 = Y.encodeStateVector(fine);
    const own = claimKey.replace(/\/anna$/, '/mallory');
    fine.getMap('versions').set(own, JSON.stringify({ fields: { notes: 'mine' }, stamps: { notes: 'mk0000000.0000.m1' } }));
    expect(updateProblem(server, Y.encodeStateAsUpdate(fine, sv2), { analystId: 'mallory', role: 'editor' })).toBeNull();
    expect(updateProblem(server, Y.encodeStateAsUpdate(fine, sv2), { analystId: 'mallory', role: 'reviewer' })).toMatch(/reviewer/);
  });
});
