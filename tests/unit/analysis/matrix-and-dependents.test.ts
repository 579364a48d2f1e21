import { applyPatches } from 'immer';
import { describe, expect, test } from 'vitest';
import { claimDependents, describeDependents, sourceDependents } from '../../../shared/analysis/dependents';
import { computeIndependence } from '../../../shared/analysis/independence';
import { buildMatrix } from '../../../shared/analysis/matrix';
import { typeSymbol } from '../../../shared/analysis/symbols';
import { applyCommand } from '../../../shared/commands/apply';
import { analyst } from './build';
import { P, workedExample } from './worked-example';

describe('the matrix of the seeds', () => {
  const cf = workedExample();

  test('rows are propositions, columns the articles with members, cells hold stance and root type', () => {
    const m = buildMatrix(cf);
    // By date, then title.
    expect(m.articles.map((a) => a.id)).toEqual(['a000', 'a001', 'a004', 'a003', 'a002']);
    const programme = m.rows.find((r) => r.propositionId === P.programme)!;
    expect(programme.cells.get('a002')).toEqual({ claimIds: ['c002_programme', 'c002_corroborated'], stances: ['supports', 'supports'], rootTypeIds: ['document', 'anonymous'] });
    expect(programme.cells.get('a003')).toEqual({ claimIds: ['c003_programme', 'c003_nato'], stances: ['supports', 'mentions'], rootTypeIds: ['document', 'official-statement'] });
    expect(programme.cells.has('a000')).toBe(false);
  });

  test('sorts by independent roots, appearances or contestedness', () => {
    const order = (sort: Parameters<typeof buildMatrix>[1]) => buildMatrix(cf, sort).rows.map((r) => r.propositionId);
    // Ties (2 roots, 5 appearances each) fall back to the statement.
    expect(order('independent-roots')).toEqual([P.lethalAid, P.programme, P.delivered, P.attackDrones]);
    expect(order('appearances')).toEqual([P.lethalAid, P.programme, P.delivered, P.attackDrones]);
    expect(order('contested')[0]).toBe(P.lethalAid);
    expect(order('statement')).toEqual([P.lethalAid, P.attackDrones, P.delivered, P.programme]);
  });

  test('every default type has its own symbol, custom types their initial', () => {
    const symbols = cf.taxonomy.map((t) => typeSymbol(t));
    expect(new Set(symbols).size).toBe(symbols.length);
    expect(typeSymbol({ id: 'leak', label: 'leaked chat' })).toBe('L');
  });
});

describe('what depends on a claim or a source', () => {
  test('deleting a member claim: the confirmation lists its propositions, and undo restores them all', () => {
    const cf = workedExample();
    const d = claimDependents(cf, 'c003_programme');
    expect(d.propositions.map((p) => p.id)).toEqual([P.programme]);
    expect(describeDependents(cf, d)).toEqual(['Member of 1 proposition:', '  • Russia set up a drone programme in China']);

    const removed = applyCommand(cf, { type: 'claim.remove', claimId: 'c003_programme' }, analyst);
    expect(computeIndependence(removed.state).get(P.programme)!.appearances).toBe(4);
    const restored = applyPatches(removed.state, removed.inversePatches);
    expect(restored.propositions).toEqual(cf.propositions);
    expect(restored.claims).toEqual(cf.claims);
  });

  test("deleting a source: the chains that name it and the propositions they count in, undone whole", () => {
    const cf = workedExample();
    const d = sourceDependents(cf, 'kupol_docs');
    expect(d.claims.map((c) => c.id).sort()).toEqual(['c002_programme', 'c003_lethal', 'c003_programme', 'c004_programme']);
    expect(d.propositions.map((p) => p.id).sort()).toEqual([P.lethalAid, P.programme].sort());
    const lines = describeDependents(cf, d);
    expect(lines[0]).toBe('Named in the attribution chain of 4 claims (the hop keeps its type, without a source):');
    expect(lines).toContain('Which counts in 2 propositions:');

    const removed = applyCommand(cf, { type: 'source.remove', sourceId: 'kupol_docs' }, analyst);
    expect(computeIndependence(removed.state).get(P.programme)!.independentRoots).toBe(4);
    const restored = applyPatches(removed.state, removed.inversePatches);
    expect(restored.sources).toEqual(cf.sources);
    expect(restored.claims).toEqual(cf.claims);
    expect(computeIndependence(restored).get(P.programme)!.independentRoots).toBe(2);
  });

  test('nothing depends on an unused claim', () => {
    const cf = workedExample();
    expect(describeDependents(cf, claimDependents(cf, 'c000_iran'))).toEqual([]);
  });
});
