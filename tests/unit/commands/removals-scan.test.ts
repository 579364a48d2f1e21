/**
 * Removing a claim, an article or a source, and merging sources, scan the
 * records without drafting them and change only those that hold what goes:
 * the same casefile as drafting every record (the handlers before, written out
 * here as the reference), with every other record kept as it was (the same object).
 */
import fc from 'fast-check';
import { produce, type Draft } from 'immer';
import type { Patch } from 'immer';
import { expect, test } from 'vitest';
import { applyCommand, type Actor } from '../../../shared/commands/apply';
import type { Command } from '../../../shared/commands/commands';
import type { Casefile } from '../../../shared/model/schema';
import { applyStep, smallCasefile, steps } from '../../support/random-commands';

const actor: Actor = { name: 'Tester', now: '2026-12-06T04:00:00.000Z' };

/** The handlers as they were: every claim, proposition and review read and written through the draft. */
function reference(state: Casefile, command: Command): Casefile {
  const removeClaim = (d: Draft<Casefile>, claimId: string) => {
    delete d.claims[claimId];
    for (const p of Object.values(d.propositions)) p.members = p.members.filter((m) => m.claimId !== claimId);
    for (const [rid, r] of Object.entries(d.reviews)) if (r.target.kind === 'claim' && r.target.id === claimId) delete d.reviews[rid];
  };
  return produce(state, (d) => {
    switch (command.type) {
      case 'claim.remove':
        removeClaim(d, command.claimId);
        break;
      case 'article.remove':
        for (const claim of Object.values(d.claims)) if (claim.articleId === command.articleId) removeClaim(d, claim.id);
        for (const [fid, f] of Object.entries(d.copyFlags)) if (f.articleA === command.articleId || f.articleB === command.articleId) delete d.copyFlags[fid];
        for (const [pid, p] of Object.entries(d.rejectedProposals ?? {})) if (p.articleId === command.articleId) delete d.rejectedProposals![pid];
        delete d.articles[command.articleId];
        break;
      case 'source.remove':
        for (const claim of Object.values(d.claims)) for (const hop of claim.chain) if (hop.sourceId === command.sourceId) hop.sourceId = null;
        for (const [jid, j] of Object.entries(d.rootJudgements)) if (j.sourceA === command.sourceId || j.sourceB === command.sourceId) delete d.rootJudgements[jid];
        delete d.sources[command.sourceId];
        break;
      case 'source.merge': {
        const from = d.sources[command.fromId]!;
        const into = d.sources[command.intoId]!;
        const aliases = new Set([...into.aliases, from.name, ...from.aliases]);
        aliases.delete(into.name);
        into.aliases = [...aliases];
        into.modifiedBy = actor.name;
        into.modifiedAt = actor.now;
        for (const claim of Object.values(d.claims)) for (const hop of claim.chain) if (hop.sourceId === command.fromId) hop.sourceId = command.intoId;
        for (const [jid, j] of Object.entries(d.rootJudgements)) {
          if (j.sourceA === command.fromId) j.sourceA = command.intoId;
          if (j.sourceB === command.fromId) j.sourceB = command.intoId;
          if (j.sourceA === j.sourceB) delete d.rootJudgements[jid];
        }
        delete d.sources[command.fromId];
        break;
      }
      default:
        throw new Error(`no reference for ${command.type}`);
    }
  });
}

function removal(state: Casefile, kind: number, a: number, b: number): Command | null {
  const pick = <T>(list: T[], n: number) => list[n % Math.max(1, list.length)];
  const claim = pick(Object.keys(state.claims), a);
  const article = pick(Object.keys(state.articles), a);
  const [x, y] = [pick(Object.keys(state.sources), a), pick(Object.keys(state.sources), b)];
  switch (kind % 4) {
    case 0: return claim ? { type: 'claim.remove', claimId: claim } : null;
    case 1: return article ? { type: 'article.remove', articleId: article } : null;
    case 2: return x ? { type: 'source.remove', sourceId: x } : null;
    default: return x && y && x !== y ? { type: 'source.merge', fromId: x, intoId: y } : null;
  }
}

/** Each collection's records that are not the same object in both. */
function replaced(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  return Object.keys(after).filter((id) => after[id] !== before[id]).sort();
}

test('removals and source merges give the casefile that drafting every record gave, and replace only the records they change', () => {
  fc.assert(
    fc.property(fc.nat(50), steps(10), fc.nat(3), fc.nat(1_000), fc.nat(1_000), (seed, list, kind, a, b) => {
      let state = smallCasefile(seed);
      const history: Patch[][] = [];
      for (const step of list) state = applyStep(state, step, history);
      const command = removal(state, kind, a, b);
      if (!command) return;
      const next = applyCommand(state, command, actor).state;
      const expected = reference(state, command);
      expect({ ...next, meta: null }).toEqual({ ...expected, meta: null });
      for (const field of ['claims', 'propositions', 'reviews', 'sources'] as const) {
        // A record whose value did not change is the same object as before.
        const changed = replaced(state[field], next[field]).filter((id) => JSON.stringify(next[field][id]) === JSON.stringify(state[field][id]));
        expect(changed, field).toEqual([]);
      }
    }),
    {
      numRuns: 300,
      examples: [
        // Two sources renamed alike, then merged: the merge adds no alias, so the surviving source is kept as it was.
        [0, [{ kind: 'source.update', a: 316, b: 0, c: 0, text: 'drone factory' }, { kind: 'source.update', a: 93, b: 0, c: 0, text: 'drone factory' }], 3, 994, 3],
      ],
    },
  );
});
