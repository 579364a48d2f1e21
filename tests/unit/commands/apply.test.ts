import { applyPatches } from 'immer';
import { describe, expect, test } from 'vitest';
import { applyCommand, CommandError, type Actor } from '../../../shared/commands/apply';
import { Command } from '../../../shared/commands/commands';
import { emptyCasefile } from '../../../shared/model/casefile';
import type { Casefile, Hop } from '../../../shared/model/schema';
import { textHash } from '../../../shared/text/hash';

const dana: Actor = { name: 'Dana', now: '2026-01-01T10:00:00.000Z' };
const text = 'Chinese companies are allegedly developing attack drones, Bloomberg reported.';

function withArticle(): Casefile {
  const cf = emptyCasefile({ id: 'cf', title: 'Drones', analyst: 'Dana', now: dana.now });
  return applyCommand(cf, {
    type: 'article.add',
    article: {
      id: 'a1', title: 'Allies believe', outlet: 'Kyiv Independent', author: '', publishedAt: '2024-07-03', url: '', language: 'en',
      notes: '', text, textHash: textHash(text), origin: { fileName: '000.txt', format: 'txt' }, excluded: [],
    },
  }, dana).state;
}

const claim = (id: string, start: number, end: number): Command => ({
  type: 'claim.add',
  claim: {
    id, articleId: 'a1', textHash: textHash(text), anchor: 'exact', chain: [], notes: '',
    quote: { type: 'TextQuoteSelector', exact: text.slice(start, end), prefix: '', suffix: '' },
    position: { type: 'TextPositionSelector', start, end },
  },
});

describe('applyCommand', () => {
  test('stamps who made an annotation and when', () => {
    const cf = applyCommand(withArticle(), claim('c1', 0, 56), { name: 'Sam', now: '2026-02-02T00:00:00.000Z' }).state;
    expect(cf.claims.c1).toMatchObject({ createdBy: 'Sam', createdAt: '2026-02-02T00:00:00.000Z' });
    expect(cf.meta.analysts).toEqual(['Dana', 'Sam']);
  });

  test('the chain records who first set it and who changed it, apart from the claim; undo takes that back too', () => {
    const sam: Actor = { name: 'Sam', now: '2026-02-02T00:00:00.000Z' };
    let cf = applyCommand(withArticle(), claim('c1', 0, 56), dana).state;
    expect(cf.claims.c1!.chainProvenance).toBeUndefined();
    cf = applyCommand(cf, { type: 'claim.setRootType', claimId: 'c1', typeId: 'anonymous', hopId: 'h1' }, dana).state;
    expect(cf.claims.c1!.chainProvenance).toEqual({ createdBy: 'Dana', createdAt: dana.now });
    const retyped = applyCommand(cf, { type: 'claim.setRootType', claimId: 'c1', typeId: 'document', hopId: 'h1' }, sam);
    expect(retyped.state.claims.c1!.chainProvenance).toEqual({ createdBy: 'Dana', createdAt: dana.now, modifiedBy: 'Sam', modifiedAt: sam.now });
    // Notes change the claim, not its chain.
    const noted = applyCommand(cf, { type: 'claim.setNotes', claimId: 'c1', notes: 'checked' }, sam).state;
    expect(noted.claims.c1).toMatchObject({ modifiedBy: 'Sam', chainProvenance: { createdBy: 'Dana', createdAt: dana.now } });
    expect(noted.claims.c1!.chainProvenance!.modifiedBy).toBeUndefined();
    expect(applyPatches(retyped.state, retyped.inversePatches).claims.c1!.chainProvenance).toEqual({ createdBy: 'Dana', createdAt: dana.now });
  });

  test('inverse patches undo a batch completely, including what deleting a claim removed', () => {
    let cf = withArticle();
    cf = applyCommand(cf, claim('c1', 0, 56), dana).state;
    cf = applyCommand(cf, {
      type: 'proposition.add',
      proposition: { id: 'p1', statement: 'China develops drones for Russia', members: [{ claimId: 'c1', stance: 'supports', addedBy: 'Dana', addedAt: dana.now }], assessment: { rating: null, reliability: null, credibility: null, notes: '' } },
    }, dana).state;
    const removed = applyCommand(cf, { type: 'claim.remove', claimId: 'c1' }, dana);
    expect(removed.state.claims.c1).toBeUndefined();
    expect(removed.state.propositions.p1!.members).toEqual([]);
    expect(applyPatches(removed.state, removed.inversePatches)).toEqual(cf);
  });

  test('setting the root type of an untagged claim starts its chain', () => {
    const cf = applyCommand(applyCommand(withArticle(), claim('c1', 0, 56), dana).state,
      { type: 'claim.setRootType', claimId: 'c1', typeId: 'anonymous', hopId: 'h1' }, dana).state;
    expect(cf.claims.c1!.chain).toHaveLength(1);
    expect(cf.claims.c1!.chain[0]).toMatchObject({ id: 'h1', typeId: 'anonymous', sourceId: null });
  });

  test('rejects commands that point at nothing, leaving the state untouched', () => {
    const cf = withArticle();
    expect(() => applyCommand(cf, { type: 'claim.remove', claimId: 'nope' }, dana)).toThrow(CommandError);
    expect(() => applyCommand(cf, claim('c1', 10, 5000), dana)).toThrow(/cover some of its article text/);
    expect(() => applyCommand(cf, { type: 'claim.setRootType', claimId: 'x', typeId: 'no-such-type', hopId: 'h' }, dana)).toThrow(CommandError);
  });

  test('a new claim whose chain names an unknown source or type is refused, as the loader would refuse the saved file (found by the hostile-ids property test)', () => {
    const cf = withArticle();
    const hop: Hop = { id: 'h1', sourceId: 'undefined', typeId: 'named-official', cue: '', hedging: '', quoteMode: null, sourceCount: null, anonymityReasonGiven: null, reliability: null, credibility: null, note: '' };
    const withChain = (chain: Hop[]): Command => {
      const add = claim('c1', 0, 17) as Extract<Command, { type: 'claim.add' }>;
      return { ...add, claim: { ...add.claim, chain } };
    };
    expect(() => applyCommand(cf, withChain([hop]), dana)).toThrow(/Source undefined/);
    expect(() => applyCommand(cf, withChain([{ ...hop, sourceId: null, typeId: 'no-such-type' }]), dana)).toThrow(/Unknown sourcing type/);
  });

  test('a sourcing type in use cannot be removed, only hidden', () => {
    let cf = applyCommand(withArticle(), claim('c1', 0, 56), dana).state;
    cf = applyCommand(cf, { type: 'claim.setRootType', claimId: 'c1', typeId: 'anonymous', hopId: 'h1' }, dana).state;
    const without = cf.taxonomy.filter((t) => t.id !== 'anonymous');
    expect(() => applyCommand(cf, { type: 'taxonomy.set', types: without }, dana)).toThrow(/hide it instead/);
    const hidden = cf.taxonomy.map((t) => (t.id === 'anonymous' ? { ...t, hidden: true } : t));
    expect(applyCommand(cf, { type: 'taxonomy.set', types: hidden }, dana).state.taxonomy.find((t) => t.id === 'anonymous')!.hidden).toBe(true);
  });

  test('merging sources moves every chain to the surviving source and keeps the old name as an alias', () => {
    let cf = applyCommand(withArticle(), claim('c1', 0, 56), dana).state;
    for (const [id, name] of [['s1', 'Reuters'], ['s2', 'the news agency']] as const) {
      cf = applyCommand(cf, { type: 'source.add', source: { id, name, kind: 'outlet', role: '', affiliation: '', aliases: [], notes: '' } }, dana).state;
    }
    cf = applyCommand(cf, { type: 'claim.setChain', claimId: 'c1', chain: [{ id: 'h1', sourceId: 's2', typeId: 'outlet-citing-outlet', cue: 'reported', hedging: '', quoteMode: null, sourceCount: null, anonymityReasonGiven: null, reliability: null, credibility: null, note: '' }] }, dana).state;
    cf = applyCommand(cf, { type: 'source.merge', fromId: 's2', intoId: 's1' }, dana).state;
    expect(cf.sources.s2).toBeUndefined();
    expect(cf.sources.s1!.aliases).toEqual(['the news agency']);
    expect(cf.claims.c1!.chain[0]!.sourceId).toBe('s1');
  });
});

describe('Command schema', () => {
  test('refuses a command of unknown type or with missing fields', () => {
    expect(Command.safeParse({ type: 'claim.explode', claimId: 'c1' }).success).toBe(false);
    expect(Command.safeParse({ type: 'claim.remove' }).success).toBe(false);
    expect(Command.safeParse({ type: 'claim.remove', claimId: 'c1' }).success).toBe(true);
  });
});
