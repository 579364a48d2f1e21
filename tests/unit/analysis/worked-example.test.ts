/** The worked example of the domain guide, on the real seed articles. */
import { describe, expect, test } from 'vitest';
import { computeIndependence } from '../../../shared/analysis/independence';
import { applyCommand } from '../../../shared/commands/apply';
import { analyst } from './build';
import { P, workedExample } from './worked-example';

describe('independence on the seeds', () => {
  const cf = workedExample();
  const ind = computeIndependence(cf);

  test('"Russia set up a drone programme in China": three Reuters relays are one root; the Times\' western official is a second', () => {
    const r = ind.get(P.programme)!;
    expect(r.appearances).toBe(5);
    expect(r.stanceCounts).toEqual({ supports: 4, contradicts: 0, mentions: 1 });
    expect(r.independentRoots).toBe(2);
    expect(r.roots[0]!.label).toBe('Kupol documents seen by Reuters');
    expect(r.roots[0]!.claimIds.sort()).toEqual(['c002_programme', 'c003_programme', 'c004_programme']);
    expect(r.roots[1]!.label).toBe('a western official');
    // Not "corroborated": the second root is an anonymous official known only through the aggregator.
    expect(r.suggestion).toBe('single source');
  });

  test('without the western official, the three appearances are "one source, echoed 3 times"', () => {
    const without = applyCommand(cf, { type: 'proposition.removeMember', propositionId: P.programme, claimId: 'c002_corroborated' }, analyst).state;
    const r = computeIndependence(without).get(P.programme)!;
    expect(r.independentRoots).toBe(1);
    expect(r.flags.map((f) => f.message)).toContain('one source, echoed 3 times');
    expect(r.suggestedRating).toBe('single source');
  });

  test('the Bloomberg story in 000 and its copy 001 is one root, from one article', () => {
    const r = ind.get(P.attackDrones)!;
    expect(r.appearances).toBe(2);
    expect(r.independentRoots).toBe(1);
    expect(r.singleArticle).toBe(true);
    expect(r.roots[0]!.label).toBe('European officials familiar with the matter');
  });

  test('"China provides lethal aid to Russia" is contested: two roots deny it, two support it', () => {
    const r = ind.get(P.lethalAid)!;
    expect(r.independentRoots).toBe(2);
    expect(r.contradictingRoots).toBe(2);
    expect(r.suggestion).toBe('contested');
  });

  test("declaring the Times' western official the same as Reuters' intelligence sources merges the delivery roots", () => {
    expect(ind.get(P.delivered)!.independentRoots).toBe(2);
    const judged = applyCommand(cf, { type: 'roots.judge', judgementId: 'j1', sourceA: 'western', sourceB: 'intel', relation: 'same' }, analyst).state;
    expect(computeIndependence(judged).get(P.delivered)!.independentRoots).toBe(1);
  });
});
