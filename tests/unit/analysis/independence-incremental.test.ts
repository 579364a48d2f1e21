import fc from 'fast-check';
import { expect, test } from 'vitest';
import { computeIndependence, independenceContext, propositionIndependence } from '../../../shared/analysis/independence';
import type { Patch } from 'immer';
import type { Casefile } from '../../../shared/model/schema';
import { applyCommand, CommandError } from '../../../shared/commands/apply';
import type { Command } from '../../../shared/commands/commands';
import { applyStep, smallCasefile, steps } from '../../support/random-commands';

/** Every proposition computed from scratch, sharing nothing with earlier computations. */
function fromScratch(cf: Casefile) {
  const ctx = independenceContext(cf);
  return [...Object.values(cf.propositions)].map((p) => [p.id, propositionIndependence(ctx, p)] as const);
}

test('independence updated after each edit equals independence computed from scratch, over random edits', () => {
  fc.assert(
    fc.property(fc.nat(50), steps(), (seed, list) => {
      let state = smallCasefile(seed);
      computeIndependence(state);
      const history: Patch[][] = [];
      for (const step of list) {
        state = applyStep(state, step, history);
        expect([...computeIndependence(state)]).toEqual(fromScratch(state));
      }
    }),
    { numRuns: 150 },
  );
});

test('an edit to one claim recomputes only the propositions it belongs to', () => {
  let state = smallCasefile(3);
  const before = computeIndependence(state);
  const member = Object.values(state.propositions)[0]!.members[0]!.claimId;
  state = applyStep(state, { kind: 'claim.setNotes', a: Object.keys(state.claims).indexOf(member), b: 0, c: 0, text: 'checked' }, []);
  const after = computeIndependence(state);
  for (const [id, result] of after) {
    const holds = state.propositions[id]!.members.some((m) => m.claimId === member);
    expect(result === before.get(id)).toBe(!holds);
  }
});

/**
 * Edits of the source registry, the root judgements, articles and copy flags,
 * made to collide: a source renamed to another's name or alias, or to an
 * article's outlet, its kind changed (anonymous groups never merge by name),
 * sources added, merged and removed, judged the same or distinct; an
 * article's outlet renamed to a source's name, its title changed; articles
 * linked as copies and unlinked. Each changes which entries are one real
 * source, which source an article's outlet is, which articles are copies of
 * one text, and the labels and flags results show.
 */
const SOURCE_KINDS = ['person', 'institution', 'outlet', 'anonymous-group'] as const;
const sourceStep = fc.record({ kind: fc.constantFrom('rename', 'alias', 'kind', 'notes', 'add', 'merge', 'remove', 'judge', 'chain', 'outlet', 'title', 'link', 'decide'), a: fc.nat(100), b: fc.nat(100), c: fc.nat(100) });

function sourceCommand(cf: Casefile, step: { kind: string; a: number; b: number; c: number }): Command | null {
  const sources = Object.values(cf.sources);
  const articles = Object.values(cf.articles);
  const claims = Object.values(cf.claims);
  if (!sources.length) return null;
  const x = sources[step.a % sources.length]!;
  const y = sources[step.b % sources.length]!;
  const outlet = articles[step.c % articles.length]?.outlet ?? 'Reuters';
  const name = [y.name, outlet, `Fresh ${step.c}`][step.c % 3]!;
  switch (step.kind) {
    case 'rename': return { type: 'source.update', sourceId: x.id, patch: { name } };
    case 'alias': return { type: 'source.update', sourceId: x.id, patch: { aliases: step.c % 4 ? [name] : [] } };
    case 'kind': return { type: 'source.update', sourceId: x.id, patch: { kind: SOURCE_KINDS[step.c % SOURCE_KINDS.length]! } };
    case 'notes': return { type: 'source.update', sourceId: x.id, patch: { notes: `checked ${step.c}`, role: 'spokesperson' } };
    case 'add': return { type: 'source.add', source: { id: `s_new_${step.a}`, name, kind: SOURCE_KINDS[step.b % SOURCE_KINDS.length]!, role: '', affiliation: '', aliases: [], notes: '' } };
    case 'merge': return x.id === y.id ? null : { type: 'source.merge', fromId: x.id, intoId: y.id };
    case 'remove': return { type: 'source.remove', sourceId: x.id };
    case 'judge': return x.id === y.id ? null : { type: 'roots.judge', judgementId: `j_${step.c % 3}`, sourceA: x.id, sourceB: y.id, relation: (['same', 'distinct', null] as const)[step.c % 3]! };
    case 'outlet': return { type: 'article.update', articleId: articles[step.a % articles.length]!.id, patch: { outlet: step.c % 2 ? y.name : outlet } };
    case 'title': return { type: 'article.update', articleId: articles[step.a % articles.length]!.id, patch: step.c % 2 ? { title: `Title ${step.c}` } : { author: `Author ${step.c}` } };
    case 'link': {
      const [a, b] = [articles[step.a % articles.length]!, articles[step.b % articles.length]!];
      return a.id === b.id ? null : { type: 'copyFlag.add', flag: { id: `f_${step.c % 4}`, articleA: a.id, articleB: b.id, similarity: 0.9, kind: 'near-duplicate', status: step.c % 3 ? 'linked' : 'open' } };
    }
    case 'decide': {
      const flag = Object.keys(cf.copyFlags)[step.a % Math.max(1, Object.keys(cf.copyFlags).length)];
      return flag ? { type: 'copyFlag.decide', flagId: flag, status: (['open', 'linked', 'dismissed'] as const)[step.c % 3]! } : null;
    }
    case 'chain': {
      const claim = claims[step.c % Math.max(1, claims.length)];
      if (!claim?.chain.length) return null;
      return { type: 'claim.setChain', claimId: claim.id, chain: claim.chain.map((hop, i) => (i === claim.chain.length - 1 ? { ...hop, sourceId: x.id } : hop)) };
    }
  }
  return null;
}

test('independence updated after edits of sources, root judgements, articles and copy flags equals independence computed from scratch', () => {
  fc.assert(
    fc.property(fc.nat(50), fc.array(fc.oneof(sourceStep, steps(1).map((list) => list[0] ?? null)), { maxLength: 14 }), (seed, list) => {
      let state = smallCasefile(seed);
      computeIndependence(state);
      const history: Patch[][] = [];
      for (const step of list) {
        if (step === null) continue;
        if ('text' in step) state = applyStep(state, step, history);
        else {
          const command = sourceCommand(state, step);
          if (!command) continue;
          try {
            const applied = applyCommand(state, command, { name: 'Tester', now: '2026-12-07T04:00:00.000Z' });
            // Recorded like applyStep's commands, so an undo step takes back the latest change, whichever kind it was.
            history.push(applied.inversePatches);
            state = applied.state;
          } catch (error) {
            if (!(error instanceof CommandError)) throw error;
          }
        }
        expect([...computeIndependence(state)]).toEqual(fromScratch(state));
      }
    }),
    { numRuns: 200 },
  );
});

test('renaming a source recomputes only the propositions whose members name it; its notes, none', () => {
  let state = smallCasefile(5);
  const named = Object.values(state.claims).find((c) => c.chain.some((hop) => hop.sourceId))!;
  const sourceId = named.chain.find((hop) => hop.sourceId)!.sourceId!;
  const actor = { name: 'Tester', now: '2026-12-07T04:00:00.000Z' };
  const before = computeIndependence(state);
  state = applyCommand(state, { type: 'source.update', sourceId, patch: { notes: 'checked with the desk', role: 'spokesperson' } }, actor).state;
  const noted = computeIndependence(state);
  for (const [id, result] of noted) expect(result).toBe(before.get(id));
  state = applyCommand(state, { type: 'source.update', sourceId, patch: { name: 'A renamed source' } }, actor).state;
  const after = computeIndependence(state);
  let recomputed = 0;
  for (const [id, result] of after) {
    const names = state.propositions[id]!.members.some((m) => state.claims[m.claimId]?.chain.some((hop) => hop.sourceId === sourceId));
    if (!names) expect(result).toBe(before.get(id));
    if (result !== before.get(id)) recomputed++;
  }
  expect(recomputed).toBeGreaterThan(0);
  expect(recomputed).toBeLessThan(after.size);
});

const tester = { name: 'Tester', now: '2026-12-07T04:00:00.000Z' };

/** Two members of one proposition: one from an article published by "Reuters", the other citing source `s_a`. */
function relayCase(): Casefile {
  const base = smallCasefile(7);
  const [m1, m2] = Object.values(base.claims).filter((c) => c.chain.length);
  const [articleA, articleB] = Object.values(base.articles);
  const source = (id: string, name: string, kind: Casefile['sources'][string]['kind']) => ({ ...Object.values(base.sources)[0]!, id, name, kind, aliases: [] });
  const hop = m1!.chain[0]!;
  return {
    ...base,
    articles: { ...base.articles, [articleA!.id]: { ...articleA!, outlet: 'Reuters' }, [articleB!.id]: { ...articleB!, outlet: 'BBC' } },
    sources: {
      s_a: source('s_a', 'Thomson Reuters Foundation', 'outlet'),
      s_b: source('s_b', 'Agency B', 'outlet'),
      s_w: source('s_w', 'Officials', 'person'),
    },
    rootJudgements: {},
    copyFlags: {},
    claims: {
      ...base.claims,
      [m1!.id]: { ...m1!, articleId: articleA!.id, chain: [{ ...hop, sourceId: 's_w' }] },
      [m2!.id]: { ...m2!, articleId: articleB!.id, chain: [{ ...hop, sourceId: 's_a' }] },
    },
    propositions: {
      p_relay: { ...Object.values(base.propositions)[0]!, id: 'p_relay', members: [m1!, m2!].map((m) => ({ claimId: m.id, stance: 'supports' as const, addedBy: 'Tester', addedAt: tester.now })) },
    },
  };
}

test('a source renamed to an article\'s outlet, in the identity group of a root, makes that root a relay', () => {
  let state = relayCase();
  state = applyCommand(state, { type: 'roots.judge', judgementId: 'j_same', sourceA: 's_a', sourceB: 's_b', relation: 'same' }, tester).state;
  expect(computeIndependence(state).get('p_relay')!.independentRoots).toBe(2);
  // "Agency B" becomes "Reuters": the article's outlet is now s_b, one real source with s_a, which the other member cites.
  state = applyCommand(state, { type: 'source.update', sourceId: 's_b', patch: { name: 'Reuters' } }, tester).state;
  expect([...computeIndependence(state)]).toEqual(fromScratch(state));
  expect(computeIndependence(state).get('p_relay')!.independentRoots).toBe(1);
});

test('a judgement that contradicts another flags the propositions whose roots it names', () => {
  let state = relayCase();
  // Officials are judged the same as Agency B, and Agency B the same as the Thomson Reuters Foundation...
  state = applyCommand(state, { type: 'roots.judge', judgementId: 'j_same1', sourceA: 's_w', sourceB: 's_b', relation: 'same' }, tester).state;
  state = applyCommand(state, { type: 'roots.judge', judgementId: 'j_same2', sourceA: 's_b', sourceB: 's_a', relation: 'same' }, tester).state;
  computeIndependence(state);
  // ...then Officials distinct from the Foundation: "same" wins, and the contradiction is flagged.
  state = applyCommand(state, { type: 'roots.judge', judgementId: 'j_apart', sourceA: 's_w', sourceB: 's_a', relation: 'distinct' }, tester).state;
  expect([...computeIndependence(state)]).toEqual(fromScratch(state));
  expect(computeIndependence(state).get('p_relay')!.flags.map((f) => f.kind)).toContain('judgement-conflict');
});

test('renaming a source named in a contradiction rewrites the flag of every proposition it reaches', () => {
  let state = relayCase();
  for (const [id, a, b, relation] of [['j1', 's_a', 's_w', 'same'], ['j2', 's_w', 's_b', 'same'], ['j3', 's_a', 's_b', 'distinct']] as const) {
    state = applyCommand(state, { type: 'roots.judge', judgementId: id, sourceA: a, sourceB: b, relation }, tester).state;
  }
  expect(computeIndependence(state).get('p_relay')!.flags.find((f) => f.kind === 'judgement-conflict')!.message).toContain('Agency B');
  // No member names "Agency B": only the contradiction's message reads it.
  state = applyCommand(state, { type: 'source.update', sourceId: 's_b', patch: { name: 'Agency Bravo' } }, tester).state;
  expect([...computeIndependence(state)]).toEqual(fromScratch(state));
  expect(computeIndependence(state).get('p_relay')!.flags.find((f) => f.kind === 'judgement-conflict')!.message).toContain('Agency Bravo');
});

test('renaming the source that represents an identity group relabels circles through its other entries', () => {
  const base = relayCase();
  const [m1, m2] = base.propositions.p_relay!.members.map((m) => base.claims[m.claimId]!);
  const hop = m1!.chain[0]!;
  let state: Casefile = {
    ...base,
    sources: { ...base.sources, s_r: { ...base.sources.s_b!, id: 's_r', name: 'Reuters' }, s_t: { ...base.sources.s_b!, id: 's_t', name: 'The Times' } },
    claims: {
      ...base.claims,
      // Published by Reuters, citing The Times citing Reuters: a circle.
      [m1!.id]: { ...m1!, chain: [{ ...hop, sourceId: 's_t' }, { ...hop, id: `${hop.id}_2`, sourceId: 's_r' }] },
      [m2!.id]: { ...m2!, chain: [{ ...hop, sourceId: 's_w' }] },
    },
  };
  // Reuters is one real source with the Foundation, whose id represents the group.
  state = applyCommand(state, { type: 'roots.judge', judgementId: 'j_same', sourceA: 's_a', sourceB: 's_r', relation: 'same' }, tester).state;
  expect(computeIndependence(state).get('p_relay')!.cycles).toEqual([['Thomson Reuters Foundation', 'The Times', 'Thomson Reuters Foundation']]);
  // No member names the Foundation; the circle is labelled with its name all the same.
  state = applyCommand(state, { type: 'source.update', sourceId: 's_a', patch: { name: 'TR Foundation' } }, tester).state;
  expect([...computeIndependence(state)]).toEqual(fromScratch(state));
  expect(computeIndependence(state).get('p_relay')!.cycles).toEqual([['TR Foundation', 'The Times', 'TR Foundation']]);
});
