import { applyPatches } from 'immer';
import { describe, expect, test } from 'vitest';
import { claimAt, groupClaimsByArticle } from '../../../shared/claims/by-article';
import { chainSummary, insertHop, moveHop, newHop, removeHop, typeForDigit, updateHop } from '../../../shared/claims/chain';
import { sourcingProfile } from '../../../shared/claims/profile';
import { applyCommand, CommandError } from '../../../shared/commands/apply';
import { Casefile as CasefileSchema } from '../../../shared/model/schema';
import type { Casefile, Source } from '../../../shared/model/schema';
import { apply, casefileWith000, claimQuote, dana } from './fixtures';

const source = (id: string, name: string, kind: Source['kind'], aliases: string[] = []) => ({
  type: 'source.add' as const,
  source: { id, name, kind, role: '', affiliation: '', aliases, notes: '' },
});

const WORKED = 'Chinese companies are allegedly developing attack drones similar to the Iranian-produced Shahed-type drone';

function workedExample(): Casefile {
  let cf = claimQuote(casefileWith000(), 'c1', WORKED);
  cf = apply(cf, source('s-bloomberg', 'Bloomberg', 'outlet'), source('s-officials', 'European officials familiar with the matter', 'anonymous-group'));
  const chain = [
    { ...newHop('h1', 'outlet-citing-outlet', 's-bloomberg'), cue: 'reported', hedging: 'allegedly' },
    { ...newHop('h2', 'anonymous', 's-officials'), cue: 'citing', sourceCount: 2, anonymityReasonGiven: false },
  ];
  return apply(cf, { type: 'claim.setChain', claimId: 'c1', chain });
}

describe('claims on seed 000', () => {
  test('a claim is anchored by its quote with 32 characters of context, its position and the text hash', () => {
    const cf = workedExample();
    const claim = cf.claims.c1!;
    const text = cf.articles.a000!.text;
    expect(claim.quote.exact).toBe(WORKED);
    expect(text.slice(claim.position.start, claim.position.end)).toBe(WORKED);
    expect(claim.quote.prefix).toBe(text.slice(claim.position.start - 32, claim.position.start));
    expect(claim.quote.suffix).toBe(text.slice(claim.position.end, claim.position.end + 32));
    expect(claim.textHash).toBe(cf.articles.a000!.textHash);
    expect(claim.createdBy).toBe('Dana');
    expect(CasefileSchema.safeParse(cf).success).toBe(true);
  });

  test('the worked example reads as its attribution chain, root type anonymous', () => {
    const cf = workedExample();
    expect(chainSummary(cf, cf.claims.c1!)).toBe('Kyiv Independent → Bloomberg → European officials familiar with the matter');
    expect(sourcingProfile(Object.values(cf.claims), cf.taxonomy)).toEqual([
      { typeId: 'anonymous', label: 'Anonymous', color: '#D55E00', count: 1, share: 1 },
    ]);
  });

  test('claims may overlap and nest; a click picks the innermost claim under it', () => {
    let cf = claimQuote(casefileWith000(), 'outer', 'In a statement to Bloomberg, Liu Pengyu, spokesperson for China’s embassy in the U.S., denied that China is providing lethal aid to Russia');
    cf = claimQuote(cf, 'inner', 'denied that China is providing lethal aid to Russia');
    cf = claimQuote(cf, 'overlap', 'lethal aid to Russia, and called on Western countries');
    const claims = groupClaimsByArticle(cf.claims).get('a000')!;
    expect(claims.map((c) => c.id)).toEqual(['outer', 'inner', 'overlap']);
    const text = cf.articles.a000!.text;
    const from = cf.claims.outer!.position.start;
    expect(claimAt(claims, text.indexOf('Liu Pengyu', from))!.id).toBe('outer');
    expect(claimAt(claims, text.indexOf('providing lethal', from))!.id).toBe('inner');
    expect(claimAt(claims, text.indexOf('called on Western', from))!.id).toBe('overlap');
    expect(claimAt(claims, text.indexOf('NATO allies have'))).toBeUndefined();
  });

  test('deleting a claim is undone by its inverse patches, chain and all', () => {
    const cf = workedExample();
    const removed = applyCommand(cf, { type: 'claim.remove', claimId: 'c1' }, dana);
    expect(removed.state.claims.c1).toBeUndefined();
    expect(applyPatches(removed.state, removed.inversePatches)).toEqual(cf);
  });

  test('merging two sources moves every chain that named the old one', () => {
    let cf = workedExample();
    cf = apply(cf, source('s-bb', 'Bloomberg News', 'outlet', ['BBG']));
    cf = claimQuote(cf, 'c2', 'Chinese and Russian companies held talks in 2023');
    cf = apply(cf, { type: 'claim.setChain', claimId: 'c2', chain: [newHop('h3', 'outlet-citing-outlet', 's-bb')] });
    cf = apply(cf, { type: 'source.merge', fromId: 's-bb', intoId: 's-bloomberg' });
    expect(cf.sources['s-bb']).toBeUndefined();
    expect(cf.claims.c2!.chain[0]!.sourceId).toBe('s-bloomberg');
    expect(cf.sources['s-bloomberg']!.aliases).toEqual(['Bloomberg News', 'BBG']);
  });

  test('hostile strings and a 10,000-character source name are stored exactly as typed', () => {
    const hostile = '<img src=x onerror=alert(1)><script>alert(2)</script>\u202Egnp.exe\u200B\u200D👩‍👩‍👧 مرحبا';
    const long = 'N'.repeat(10_000);
    let cf = apply(workedExample(), source('s-h', hostile, 'other', [hostile]), source('s-long', long, 'person'));
    cf = apply(cf, { type: 'claim.setChain', claimId: 'c1', chain: [{ ...newHop('h9', 'named-official', 's-h'), cue: hostile, note: hostile }] });
    cf = apply(cf, { type: 'claim.setNotes', claimId: 'c1', notes: hostile });
    const reparsed = CasefileSchema.parse(JSON.parse(JSON.stringify(cf)));
    expect(reparsed.sources['s-h']!.name).toBe(hostile);
    expect(reparsed.sources['s-long']!.name).toHaveLength(10_000);
    expect(reparsed.claims.c1!.chain[0]!.cue).toBe(hostile);
    expect(reparsed.claims.c1!.notes).toBe(hostile);
  });

  test('a chain naming an unknown source or type is refused and changes nothing', () => {
    const cf = workedExample();
    expect(() => applyCommand(cf, { type: 'claim.setChain', claimId: 'c1', chain: [newHop('h', 'anonymous', 'nobody')] }, dana)).toThrow(CommandError);
    expect(() => applyCommand(cf, { type: 'claim.setChain', claimId: 'c1', chain: [newHop('h', 'no-such-type')] }, dana)).toThrow(/Unknown sourcing type/);
  });
});

describe('chain editing', () => {
  const chain = [newHop('a', 'outlet-citing-outlet'), newHop('b', 'anonymous'), newHop('c', 'document')];
  const ids = (c: { id: string }[]) => c.map((h) => h.id).join('');

  test('hops are inserted, moved and removed by id', () => {
    expect(ids(insertHop(chain, 1, newHop('x', 'document')))).toBe('axbc');
    expect(ids(insertHop(chain, 99, newHop('x', 'document')))).toBe('abcx');
    expect(ids(moveHop(chain, 'a', 1))).toBe('bac');
    expect(ids(moveHop(chain, 'a', -1))).toBe('abc');
    expect(ids(moveHop(chain, 'c', 1))).toBe('abc');
    expect(ids(removeHop(chain, 'b'))).toBe('ac');
    expect(updateHop(chain, 'b', { cue: 'told' })[1]!.cue).toBe('told');
    expect(chain[1]!.cue).toBe('');
  });

  test('number keys follow the taxonomy order and skip hidden types', () => {
    const cf = casefileWith000();
    expect(typeForDigit(cf.taxonomy, 3)!.id).toBe('anonymous');
    const hidden = cf.taxonomy.map((t) => (t.id === 'official-statement' ? { ...t, hidden: true } : t));
    expect(typeForDigit(hidden, 2)!.id).toBe('anonymous');
    expect(typeForDigit(hidden, 8)).toBeUndefined();
  });
});
