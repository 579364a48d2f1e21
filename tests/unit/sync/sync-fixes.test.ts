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
    expect(versionProblem('claims/c_1/anna', { fields: { modifiedBy: null }, stamps: { modifiedBy: '000000001.0000.d' } })).toBeNull();
    expect(versionProblem('claims/c_1/anna', { fields: { quote: null }, stamps: { quote: '000000001.0000.d' } })).toMatch(/quote is not valid/);
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
});
