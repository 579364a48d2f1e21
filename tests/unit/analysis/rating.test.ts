/**
 * The suggested rating weighs what the analyst recorded about each root:
 * named or anonymous, relayed or first-hand, hedged, graded.
 */
import { describe, expect, test } from 'vitest';
import { computeIndependence } from '../../../shared/analysis/independence';
import { applyCommand } from '../../../shared/commands/apply';
import type { Command } from '../../../shared/commands/commands';
import type { Casefile, Hop } from '../../../shared/model/schema';
import { analyst, CasefileBuilder } from './build';
import { P, workedExample } from './worked-example';

function rated(cf: Casefile, propositionId: string) {
  const r = computeIndependence(cf).get(propositionId)!;
  return { suggestion: r.suggestion, reason: r.suggestionReason };
}

function run(cf: Casefile, ...commands: Command[]): Casefile {
  for (const c of commands) cf = applyCommand(cf, c, analyst).state;
  return cf;
}

/** The claim's chain with its root hop (or hop `at`) changed. */
function withHop(cf: Casefile, claimId: string, patch: Partial<Hop>, at = -1): Command {
  const chain = cf.claims[claimId]!.chain.map((h) => ({ ...h }));
  Object.assign(chain.at(at)!, patch);
  return { type: 'claim.setChain', claimId, chain };
}

describe('the worked example', () => {
  const cf = workedExample();

  test('Reuters plus an aggregator’s paraphrase of an anonymous Times official is not suggested as corroborated', () => {
    expect(rated(cf, P.programme)).toEqual({
      suggestion: 'single source',
      reason: "2 independent roots, but one is an anonymous source (a western official) known only through Aggregator (002)'s relay of The Times.",
    });
  });

  test('the same, with the relay recorded as a paraphrase, says so', () => {
    const paraphrased = run(cf, withHop(cf, 'c002_corroborated', { quoteMode: 'paraphrase' }, 0));
    expect(rated(paraphrased, P.programme).reason).toBe(
      "2 independent roots, but one is an anonymous source (a western official) known only through Aggregator (002)'s relay of The Times, paraphrased.",
    );
  });

  test('Reuters’ documents alone: one root, relayed three times', () => {
    const without = run(cf, { type: 'proposition.removeMember', propositionId: P.programme, claimId: 'c002_corroborated' });
    expect(rated(without, P.programme)).toEqual({ suggestion: 'single source', reason: 'Only 1 independent root (Kupol documents seen by Reuters).' });
  });

  test('Reuters’ documents and a spokesperson on the record are two roots that stand on their own', () => {
    const withNato = run(cf,
      { type: 'proposition.removeMember', propositionId: P.programme, claimId: 'c002_corroborated' },
      { type: 'proposition.setStance', propositionId: P.programme, claimId: 'c003_nato', stance: 'supports' });
    expect(rated(withNato, P.programme)).toEqual({ suggestion: 'corroborated', reason: '2 independent roots that stand on their own.' });
  });

  test('a low Admiralty grade on the root takes it out of the count', () => {
    const withNato = run(cf,
      { type: 'proposition.removeMember', propositionId: P.programme, claimId: 'c002_corroborated' },
      { type: 'proposition.setStance', propositionId: P.programme, claimId: 'c003_nato', stance: 'supports' });
    const graded = run(withNato, withHop(withNato, 'c003_nato', { reliability: 'E', credibility: 5 }));
    expect(rated(graded, P.programme)).toEqual({
      suggestion: 'single source',
      reason: '2 independent roots, but one is a source graded E5 (NATO spokesperson).',
    });
  });

  test('a denial makes it contested, and the reason names the denying roots', () => {
    expect(rated(cf, P.lethalAid)).toEqual({
      suggestion: 'contested',
      reason: '2 independent roots deny it (Liu Pengyu; Chinese foreign ministry) against 2 supporting roots.',
    });
  });
});

describe('anonymous sources heard first-hand', () => {
  /** The Times' own western official, and Reuters' own documents: both first-hand. */
  function firstHand(): CasefileBuilder {
    return new CasefileBuilder()
      .source('western', 'a western official', 'anonymous-group')
      .source('docs', 'Kupol documents', 'document')
      .article('times', 'The Times').article('reuters', 'Reuters')
      .claim('c1', 'times', ['western'])
      .claim('c2', 'reuters', ['docs'])
      .proposition('p', [['c1', 'supports'], ['c2', 'supports']]);
  }

  test('an anonymous official reported first-hand still counts, and the reason says it is anonymous', () => {
    expect(rated(firstHand().cf, 'p')).toEqual({
      suggestion: 'corroborated',
      reason: '2 independent roots that stand on their own, though a western official is anonymous.',
    });
  });

  test('hedged ("allegedly"), the same anonymous official no longer counts', () => {
    const cf = firstHand().cf;
    expect(rated(run(cf, withHop(cf, 'c1', { hedging: 'allegedly' })), 'p')).toEqual({
      suggestion: 'single source',
      reason: '2 independent roots, but one is an anonymous source (a western official) reported with hedging ("allegedly").',
    });
  });

  test('a named source relayed through two outlets does not count; unsourced statements never do', () => {
    const b = firstHand()
      .source('bloomberg', 'Bloomberg', 'outlet').source('ft', 'Financial Times', 'outlet').source('hinz', 'Fabian Hinz', 'person')
      .article('digest', 'Digest')
      .claim('c3', 'digest', ['bloomberg', 'ft', 'hinz'])
      .claim('c4', 'digest', [{ type: 'unattributed' }], 'Digest reports that something happened.');
    const cf = run(b.cf,
      { type: 'proposition.removeMember', propositionId: 'p', claimId: 'c1' },
      { type: 'proposition.removeMember', propositionId: 'p', claimId: 'c2' },
      { type: 'proposition.addMember', propositionId: 'p', claimId: 'c3', stance: 'supports' },
      { type: 'proposition.addMember', propositionId: 'p', claimId: 'c4', stance: 'supports' });
    expect(rated(cf, 'p')).toEqual({
      suggestion: 'single source',
      reason: "2 independent roots, but none stands on its own: Fabian Hinz, known only through Digest's relay of Bloomberg and Financial Times; an unsourced statement in Digest.",
    });
  });

  test('no supporting claim: unverified', () => {
    const cf = run(firstHand().cf, { type: 'proposition.setStance', propositionId: 'p', claimId: 'c1', stance: 'mentions' },
      { type: 'proposition.setStance', propositionId: 'p', claimId: 'c2', stance: 'mentions' });
    expect(rated(cf, 'p')).toEqual({ suggestion: 'unverified', reason: 'No claim supports it yet.' });
  });
});
