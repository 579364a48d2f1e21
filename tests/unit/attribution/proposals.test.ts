/**
 * Proposals of the attribution assistant in the casefile's own terms, on the
 * sample casefile that ships and on the seeds: registry matching, taxonomy
 * mapping, what is left out, and accepting or rejecting through the reducer.
 */
import { applyPatches } from 'immer';
import { describe, expect, test } from 'vitest';
import { loadCasefile } from '../../../electron/services/casefile/store';
import { SAMPLE_FILE } from '../../../examples/make-sample';
import {
  acceptProposalsCommand, buildProposals, countProposals, DETECTOR_VERSION, detectAttributions, isConfident, moveSpanEdge, proposalId,
  registryOf, rejectProposalCommand, withSpan, type Proposal,
} from '../../../shared/attribution';
import { applyCommand, CommandError, type Actor } from '../../../shared/commands/apply';
import { emptyCasefile } from '../../../shared/model/casefile';
import type { Casefile } from '../../../shared/model/schema';
import { parseCasefileDocument } from '../../../shared/model/validate';
import { textHash } from '../../../shared/text/hash';
import { normaliseText } from '../../../shared/text/normalise';
import { seedText } from '../../support/fixtures';
import Papa from 'papaparse';
import { newClaimCommand } from '../../../shared/claims/new-claim';
import { buildReportText, reportModel } from '../../../shared/report/index';
import { ReportOptions } from '../../../shared/report/options';

const dana: Actor = { name: 'Dana Whitfield', now: '2026-12-06T04:00:00.000Z' };
let counter = 0;
const ids = (prefix: string) => `${prefix}_t${++counter}`;

async function sample(): Promise<Casefile> {
  return (await loadCasefile(SAMPLE_FILE)).casefile;
}

function proposalsOf(casefile: Casefile, articleId: string): Proposal[] {
  return buildProposals(casefile, articleId, detectAttributions(casefile.articles[articleId]!.text));
}

function withSeed(number: string, outlet: string): Casefile {
  const text = normaliseText(seedText(number));
  const cf = emptyCasefile({ id: 'cf', title: 'Drones', analyst: dana.name, now: dana.now });
  return applyCommand(cf, {
    type: 'article.add',
    article: {
      id: `a_${number}`, title: `Seed ${number}`, outlet, author: '', publishedAt: '2024-07-03', url: '', language: 'en', notes: '',
      text, textHash: textHash(text), origin: { fileName: `${number}.txt`, format: 'txt' }, excluded: [],
    },
  }, dana).state;
}

const find = (proposals: Proposal[], words: string) => {
  const found = proposals.find((p) => p.text.includes(words));
  if (!found) throw new Error(`no proposal with “${words}” among: ${proposals.map((p) => p.text.slice(0, 40)).join(' | ')}`);
  return found;
};

describe('proposals on the sample casefile', () => {
  test('hops take the registry source of exactly that name; others are proposed as new sources of the right kind', async () => {
    const cf = await sample();
    const p = find(proposalsOf(cf, 'a_meridian'), 'mine-laying');
    expect(p.typeId).toBe('anonymous');
    expect(p.count).toBe('three');
    expect(p.hops).toEqual([
      { name: 'Northbridge Wire', kind: 'outlet', sourceId: 's_northbridge', typeId: 'outlet-citing-outlet' },
      { name: 'three officials familiar with the matter', kind: 'anonymous-group', sourceId: null, typeId: 'anonymous' },
    ]);
  });

  test('no proposal overlaps a claim the article already has, and none is proposed twice for one span', async () => {
    const cf = await sample();
    for (const article of Object.values(cf.articles)) {
      const proposals = proposalsOf(cf, article.id);
      const claims = Object.values(cf.claims).filter((c) => c.articleId === article.id);
      for (const p of proposals) {
        expect(claims.some((c) => c.position.start < p.end && c.position.end > p.start)).toBe(false);
        expect(p.text).toBe(article.text.slice(p.start, p.end));
      }
      expect(new Set(proposals.map((p) => `${p.start}:${p.end}`)).size).toBe(proposals.length);
    }
  });

  test('countProposals counts what buildProposals builds, rejections included', async () => {
    let cf = await sample();
    const p = find(proposalsOf(cf, 'a_meridian'), 'mine-laying');
    cf = applyCommand(cf, rejectProposalCommand(p), dana).state;
    for (const article of Object.values(cf.articles)) {
      const attributions = detectAttributions(article.text);
      expect(countProposals(cf, article.id, attributions)).toBe(buildProposals(cf, article.id, attributions).length);
    }
  });

  test('a proposal inside page chrome is dropped', async () => {
    const cf = await sample();
    const p = find(proposalsOf(cf, 'a_meridian'), 'mine-laying');
    const marked = applyCommand(cf, { type: 'article.setExcluded', articleId: 'a_meridian', ranges: [{ id: 'x_1', start: p.start + 3, end: p.start + 10, reason: '' }] }, dana).state;
    expect(proposalsOf(marked, 'a_meridian').map((q) => q.id)).not.toContain(p.id);
  });
});

describe('registry matching', () => {
  test('case, spaces and punctuation aside, by name or alias; never a near match', async () => {
    const cf = await sample();
    const withAlias = applyCommand(cf, { type: 'source.update', sourceId: 's_embassy', patch: { aliases: ['U.S. Embassy in Brussels'] } }, dana).state;
    const registry = registryOf(withAlias.sources);
    expect(registry.exactly('  northbridge   WIRE ')?.id).toBe('s_northbridge');
    expect(registry.exactly('us embassy in brussels')?.id).toBe('s_embassy');
    expect(registry.exactly('Northbridge Wires')).toBeUndefined();
    expect(registry.exactly('Northbridge')).toBeUndefined();
  });
});

describe('sourcing types in the casefile’s taxonomy', () => {
  test('by id, else by name; a type the casefile lacks is never proposed, and such a proposal is not confident', async () => {
    const cf = await sample();
    const renamed = cf.taxonomy.map((t) => (t.id === 'anonymous' ? { ...t, id: 'anon' } : t));
    // The type is unused in claims under its old id only if no claim uses it: build on a casefile without claims.
    const bare = { ...cf, claims: {}, propositions: {}, reviews: {} };
    const byName = applyCommand(bare, { type: 'taxonomy.set', types: renamed }, dana).state;
    const p = find(proposalsOf(byName, 'a_meridian'), 'mine-laying');
    expect(p.typeId).toBe('anon');
    expect(p.hops.map((h) => h.typeId)).toEqual(['outlet-citing-outlet', 'anon']);

    const without = applyCommand(bare, { type: 'taxonomy.set', types: cf.taxonomy.filter((t) => t.id !== 'anonymous') }, dana).state;
    const q = find(proposalsOf(without, 'a_meridian'), 'mine-laying');
    expect(q.typeId).toBeNull();
    expect(isConfident(q)).toBe(false);
    const accepted = applyCommand(without, acceptProposalsCommand(without, [{ proposal: q, claimId: 'c_q' }], DETECTOR_VERSION, ids), dana).state;
    expect(accepted.claims.c_q!.chain).toEqual([]);
  });
});

describe('accepting', () => {
  test('is one undoable step: new sources once, claims with type, chain, cue, hedging, count and origin', async () => {
    const cf = withSeed('000', 'Kyiv Independent');
    const proposals = proposalsOf(cf, 'a_000');
    const first = find(proposals, 'Chinese companies are allegedly developing');
    const second = find(proposals, 'held talks in 2023');
    const command = acceptProposalsCommand(cf, [{ proposal: first, claimId: 'c_1' }, { proposal: second, claimId: 'c_2' }], DETECTOR_VERSION, ids);
    expect(command.label).toBe('Accept 2 proposals');
    const applied = applyCommand(cf, command, dana);
    const after = applied.state;

    const bloomberg = Object.values(after.sources).filter((s) => s.name === 'Bloomberg');
    expect(bloomberg).toHaveLength(1);
    expect(bloomberg[0]!.kind).toBe('outlet');
    const c1 = after.claims.c_1!;
    expect(c1.quote.exact).toBe(first.text);
    expect(c1.position).toEqual({ type: 'TextPositionSelector', start: first.start, end: first.end });
    expect(c1.origin).toEqual({ kind: 'proposal', detector: DETECTOR_VERSION });
    expect(c1.createdBy).toBe(dana.name);
    expect(c1.chainProvenance?.createdBy).toBe(dana.name);
    expect(c1.chain.map((h) => [after.sources[h.sourceId!]!.name, h.typeId])).toEqual([
      ['Bloomberg', 'outlet-citing-outlet'], ['European officials familiar with the matter', 'anonymous'],
    ]);
    expect(c1.chain[0]!.cue).toBe('reported');
    expect(c1.chain[1]!.hedging).toBe('allegedly');
    const c2 = after.claims.c_2!;
    expect(c2.chain[0]!.sourceId).toBe(bloomberg[0]!.id);
    expect(c2.chain[1]!.sourceCount).toBe('multiple');

    // The accepted text is not proposed again: the claim covers it.
    expect(proposalsOf(after, 'a_000').map((p) => p.id)).not.toContain(first.id);
    // One undo takes back the claims and the sources together.
    expect(applyPatches(after, applied.inversePatches)).toEqual(cf);
  });

  test('a registry source of the same name is reused, not duplicated', async () => {
    const cf = withSeed('000', 'Kyiv Independent');
    const registered = applyCommand(cf, { type: 'source.add', source: { id: 's_bb', name: 'BLOOMBERG', kind: 'outlet', role: '', affiliation: '', aliases: [], notes: '' } }, dana).state;
    const p = find(proposalsOf(registered, 'a_000'), 'held talks in 2023');
    expect(p.hops[0]!.sourceId).toBe('s_bb');
    const after = applyCommand(registered, acceptProposalsCommand(registered, [{ proposal: p, claimId: 'c_1' }], DETECTOR_VERSION, ids), dana).state;
    expect(after.claims.c_1!.chain[0]!.sourceId).toBe('s_bb');
    expect(Object.values(after.sources).filter((s) => s.name.toLowerCase() === 'bloomberg')).toHaveLength(1);
  });

  test('with a changed span, the claim covers the new span', () => {
    const cf = withSeed('000', 'Kyiv Independent');
    const p = find(proposalsOf(cf, 'a_000'), 'held talks in 2023');
    const article = cf.articles.a_000!;
    const narrowed = withSpan(article, p, p.start, moveSpanEdge(article.text, p, 'end', -1).end)!;
    expect(narrowed.id).toBe(p.id);
    expect(narrowed.end).toBeLessThan(p.end);
    const after = applyCommand(cf, acceptProposalsCommand(cf, [{ proposal: narrowed, claimId: 'c_1' }], DETECTOR_VERSION, ids), dana).state;
    expect(after.claims.c_1!.quote.exact).toBe(article.text.slice(p.start, narrowed.end));
  });

  test('a claim with an unknown source in its chain is refused whole', () => {
    const cf = withSeed('000', 'Kyiv Independent');
    const p = find(proposalsOf(cf, 'a_000'), 'held talks in 2023');
    const forged = { ...p, hops: p.hops.map((h) => ({ ...h, sourceId: 'src_missing' })) };
    const command = acceptProposalsCommand(cf, [{ proposal: forged, claimId: 'c_1' }], DETECTOR_VERSION, ids);
    // The builder never files under a source the casefile does not have: it makes a new one instead.
    expect(command.commands.filter((c) => c.type === 'source.add')).toHaveLength(2);
    const bad = { ...command, commands: command.commands.filter((c) => c.type !== 'source.add') };
    expect(() => applyCommand(cf, bad, dana)).toThrow(CommandError);
  });
});

describe('reports', () => {
  test('say which claims began as a proposal, and of which detector: the CSV origin column and the HTML claim card', async () => {
    const cf = withSeed('000', 'Kyiv Independent');
    const p = find(proposalsOf(cf, 'a_000'), 'held talks in 2023');
    let after = applyCommand(cf, acceptProposalsCommand(cf, [{ proposal: p, claimId: 'c_1' }], DETECTOR_VERSION, ids), dana).state;
    after = applyCommand(after, newClaimCommand(after.articles.a_000!, 0, 20, 'c_2'), dana).state;
    const model = reportModel(after, ReportOptions.parse({}));
    const csv = Papa.parse<Record<string, string>>((await buildReportText(model, 'csv')).replace(/^\uFEFF/, ''), { header: true }).data;
    expect(csv.map((r) => [r.quote, r.origin])).toEqual(expect.arrayContaining([
      [p.text, `proposal (${DETECTOR_VERSION})`], [after.claims.c_2!.quote.exact, 'marked by hand'],
    ]));
    const html = await buildReportText(model, 'html');
    expect(html).toContain(`accepted from a proposal (<bdi>${DETECTOR_VERSION}</bdi>) by`);
  });
});

describe('rejecting', () => {
  test('is remembered with who and when, survives saving and loading, and the text is never proposed again', () => {
    const cf = withSeed('000', 'Kyiv Independent');
    const p = find(proposalsOf(cf, 'a_000'), 'held talks in 2023');
    const applied = applyCommand(cf, rejectProposalCommand(p), dana);
    expect(applied.state.rejectedProposals?.[p.id]).toEqual({ id: p.id, articleId: 'a_000', text: p.text, by: dana.name, at: dana.now });
    const reloaded = parseCasefileDocument(JSON.parse(JSON.stringify(applied.state))).casefile;
    expect(proposalsOf(reloaded, 'a_000').map((q) => q.id)).not.toContain(p.id);
    expect(proposalsOf(reloaded, 'a_000').length).toBe(proposalsOf(cf, 'a_000').length - 1);
    // Undo brings it back.
    expect(proposalsOf(applyPatches(applied.state, applied.inversePatches), 'a_000').map((q) => q.id)).toContain(p.id);
    expect(() => applyCommand(applied.state, rejectProposalCommand(p), dana)).toThrow('already exists');
  });

  test('is refused for an article the casefile does not have, and dropped with its article', () => {
    const cf = withSeed('000', 'Kyiv Independent');
    const p = find(proposalsOf(cf, 'a_000'), 'held talks in 2023');
    expect(() => applyCommand(cf, { ...rejectProposalCommand(p), rejection: { id: p.id, articleId: 'a_none', text: 'x' } }, dana)).toThrow('does not exist');
    const rejected = applyCommand(cf, rejectProposalCommand(p), dana).state;
    expect(applyCommand(rejected, { type: 'article.remove', articleId: 'a_000' }, dana).state.rejectedProposals).toEqual({});
    expect(cf.rejectedProposals).toBeUndefined();
  });

  test('a file written before rejections existed loads with none', () => {
    const cf = withSeed('000', 'Kyiv Independent');
    const loaded = parseCasefileDocument(JSON.parse(JSON.stringify(cf))).casefile;
    expect(loaded.rejectedProposals).toBeUndefined();
    expect(proposalsOf(loaded, 'a_000').length).toBeGreaterThan(5);
  });
});

describe('proposal ids and spans', () => {
  test('the id depends on the article and the text only', () => {
    expect(proposalId('a_1', 'Officials said so')).toBe(proposalId('a_1', 'Officials said so'));
    expect(proposalId('a_1', 'Officials said so')).not.toBe(proposalId('a_2', 'Officials said so'));
    expect(proposalId('a_1', 'Officials said so')).toMatch(/^prop_[0-9a-f]{24}$/);
  });

  test('edges move by whole words and never leave an empty span', () => {
    const text = 'Officials said the drones were shipped in July.';
    const span = { start: 15, end: 25 }; // "the drones"
    expect(text.slice(...edges(moveSpanEdge(text, span, 'end', 1)))).toBe('the drones were');
    expect(text.slice(...edges(moveSpanEdge(text, span, 'end', -1)))).toBe('the');
    expect(text.slice(...edges(moveSpanEdge(text, span, 'start', -1)))).toBe('said the drones');
    expect(text.slice(...edges(moveSpanEdge(text, span, 'start', 1)))).toBe('drones');
    const one = { start: 15, end: 18 };
    expect(moveSpanEdge(text, one, 'end', -1)).toEqual(one);
    expect(moveSpanEdge(text, one, 'start', 1)).toEqual(one);
  });
});

function edges(span: { start: number; end: number }): [number, number] {
  return [span.start, span.end];
}
