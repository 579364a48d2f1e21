/**
 * Focused cases for what the convergence test (convergence.test.ts) found in
 * shared/sync, each kept small enough to read.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Command } from '../../../shared/commands/commands';
import { emptyCasefile } from '../../../shared/model/casefile';
import type { Casefile } from '../../../shared/model/schema';
import { versionProblem } from '../../../shared/sync/version';
import { smallCasefile } from '../../support/random-commands';
import { generateCasefile } from '../../support/generate';
import { replayPatches } from '../../../shared/commands/apply';
import { jsonEqual } from '../../../shared/lib/equal';
import { SharedCasefile } from '../../../shared/sync/shared-casefile';
import { Replica } from '../../support/replica';

const texts = new Map<string, string>();

/** Anna publishes a small casefile; Ben opens it. Their clocks are set by the test. */
function pair(): { anna: Replica; ben: Replica; clocks: { anna: number; ben: number } } {
  const clocks = { anna: 1_765_000_000_000, ben: 1_765_000_000_000 };
  const start = smallCasefile(7);
  for (const article of Object.values(start.articles)) texts.set(article.textHash, article.text);
  const anna = new Replica('anna', start, () => (clocks.anna += 10), (hash) => texts.get(hash));
  anna.publish();
  const ben = new Replica('ben', blank(start), () => (clocks.ben += 10), (hash) => texts.get(hash));
  exchange(anna, ben);
  return { anna, ben, clocks };
}

function blank(casefile: Casefile): Casefile {
  return emptyCasefile({ id: casefile.meta.id, title: '', analyst: '', now: casefile.meta.createdAt });
}

function exchange(a: Replica, b: Replica): void {
  Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc, Y.encodeStateVector(b.doc)), 'remote');
  Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b.doc, Y.encodeStateVector(a.doc)), 'remote');
}

function run(replica: Replica, command: Command): void {
  expect(replica.run(command), `${replica.analystId}: ${command.type}`).not.toBeNull();
}

describe('shared/sync, fixes found by the convergence test', () => {
  it('accepts a removed optional field, stored as null, and the record loses the field', () => {
    expect(versionProblem('claims/c_1/anna', JSON.stringify({ fields: { modifiedBy: null }, stamps: { modifiedBy: '000000001.0000.d' } }))).toBeNull();
    expect(versionProblem('claims/c_1/anna', JSON.stringify({ fields: { quote: null }, stamps: { quote: '000000001.0000.d' } }))).toMatch(/quote is not valid/);
  });

  it('shows a record written again after its deletion without the fields written before the deletion', () => {
    const { anna, ben, clocks } = pair();
    const proposition = Object.values(anna.state.propositions)[0]!;
    const outsider = Object.values(anna.state.claims).find((c) => !proposition.members.some((m) => m.claimId === c.id))!;
    clocks.ben -= 5_000;
    run(ben, { type: 'proposition.addMember', propositionId: proposition.id, claimId: outsider.id, stance: 'supports' });
    run(anna, { type: 'proposition.remove', propositionId: proposition.id });
    run(anna, { type: 'proposition.add', proposition: { ...proposition, members: [] } });
    exchange(anna, ben);
    for (const replica of [anna, ben]) {
      const shown = replica.state.propositions[proposition.id]!;
      expect(shown.members).toEqual([]);
      expect(shown.modifiedBy).toBeUndefined();
    }
  });

  it('shows as an analyst\'s judgment of a record they wrote again only what they wrote since deleting it', () => {
    const { anna, ben } = pair();
    const proposition = Object.values(anna.state.propositions).find((p) => p.members.length > 0)!;
    run(anna, { type: 'proposition.remove', propositionId: proposition.id });
    run(anna, { type: 'proposition.add', proposition: { ...proposition, members: [] } });
    exchange(anna, ben);
    const claim = Object.values(ben.state.claims)[0]!;
    run(ben, { type: 'proposition.addMember', propositionId: proposition.id, claimId: claim.id, stance: 'mentions' });
    exchange(anna, ben);
    // Anna's members from before her deletion are gone; Ben's, added since, stand where she has no judgment.
    const judged = anna.shared.judgedBy(anna.state, 'anna').propositions[proposition.id]!;
    expect(judged.members.map((m) => m.claimId)).toEqual([claim.id]);
  });

  it('opens a large document in bulk to the same casefile, and patches, as record by record', () => {
    const start = generateCasefile({ name: 'bulk', articles: 10, articleChars: 400, claims: 2_500, sources: 40, propositions: 60 }, 3);
    const textOf = (hash: string) => Object.values(start.articles).find((a) => a.textHash === hash)?.text;
    const doc = new Y.Doc();
    const shared = new SharedCasefile(doc, { analystId: 'anna', analystName: 'ANNA', deviceId: 'anna-laptop' });
    shared.seed(start);
    const opened = shared.materialise(blank(start), textOf);
    let stepwise = blank(start);
    const refs = shared.allRefs();
    for (let i = 0; i < refs.length; i += 500) {
      const caught = shared.catchUp(stepwise, { refs: refs.slice(i, i + 500), auditChanged: i === 0 }, textOf);
      stepwise = replayPatches(stepwise, caught.patches);
    }
    expect(opened.problems).toEqual([]);
    expect(jsonEqual(opened.state, stepwise)).toBe(true);
    expect(jsonEqual(replayPatches(blank(start), opened.patches), opened.state)).toBe(true);
    expect(Object.keys(opened.state.claims)).toHaveLength(2_500);
  });

  it('stamps a local edit later than a teammate\'s edit already received, with no listener and a clock behind', () => {
    const docs = [new Y.Doc(), new Y.Doc()];
    const anna = new SharedCasefile(docs[0]!, { analystId: 'anna', analystName: 'ANNA', deviceId: 'anna-laptop', now: () => 1_765_000_010_000 });
    const ben = new SharedCasefile(docs[1]!, { analystId: 'ben', analystName: 'BEN', deviceId: 'ben-laptop', now: () => 1_765_000_000_000 });
    const start = smallCasefile(7);
    anna.seed(start);
    Y.applyUpdate(docs[1]!, Y.encodeStateAsUpdate(docs[0]!));
    const claim = Object.values(start.claims)[0]!;
    const edited = { ...start, claims: { ...start.claims, [claim.id]: { ...claim, notes: 'Ben, after reading Anna' } } };
    ben.recordChange(start, edited, [{ op: 'replace', path: ['claims', claim.id, 'notes'], value: 'Ben, after reading Anna' }]);
    const caught = ben.catchUp(start, { refs: [{ collection: 'claims', id: claim.id }], auditChanged: false }, () => undefined);
    expect(caught.state.claims[claim.id]!.notes).toBe('Ben, after reading Anna');
  });
});

