import { describe, expect, test } from 'vitest';
import { computeIndependence, type PropositionIndependence } from '../../../shared/analysis/independence';
import { CasefileBuilder } from './build';

function independenceOf(b: CasefileBuilder, propositionId = 'p'): PropositionIndependence {
  const result = computeIndependence(b.cf).get(propositionId);
  if (!result) throw new Error(`no result for ${propositionId}`);
  return result;
}

/** Three outlets relaying Reuters, which cites its intelligence sources. */
function reutersRelays(): CasefileBuilder {
  return new CasefileBuilder()
    .source('reuters', 'Reuters', 'outlet')
    .source('intel', 'Intelligence sources (Reuters)', 'anonymous-group')
    .article('a1', 'Kyiv Independent').article('a2', 'Aggregator').article('a3', 'The Telegraph')
    .claim('c1', 'a1', ['reuters', 'intel'])
    .claim('c2', 'a2', ['reuters', 'intel'])
    .claim('c3', 'a3', ['reuters', 'intel']);
}

describe('shared roots', () => {
  test('three appearances ending at one source are one independent root, flagged as an echo', () => {
    const b = reutersRelays().proposition('p', [['c1', 'supports'], ['c2', 'supports'], ['c3', 'supports']]);
    const r = independenceOf(b);
    expect(r.appearances).toBe(3);
    expect(r.independentRoots).toBe(1);
    expect(r.singleRoot).toBe(true);
    expect(r.roots).toHaveLength(1);
    expect(r.roots[0]).toMatchObject({ label: 'Intelligence sources (Reuters)', sourceIds: ['intel'], rootTypeId: 'anonymous' });
    expect(r.roots[0]!.claimIds.sort()).toEqual(['c1', 'c2', 'c3']);
    expect(r.flags.map((f) => f.message)).toContain('one source, echoed 3 times');
    expect(r.suggestion).toBe('single source');
  });

  test('appearances with different roots count each root once', () => {
    const b = reutersRelays()
      .source('official', 'a western official', 'anonymous-group')
      .article('a4', 'The Times')
      .claim('c4', 'a4', ['official'])
      .proposition('p', [['c1', 'supports'], ['c2', 'supports'], ['c4', 'supports']]);
    const r = independenceOf(b);
    expect(r.appearances).toBe(3);
    expect(r.independentRoots).toBe(2);
    expect(r.roots.map((x) => x.label)).toEqual(['Intelligence sources (Reuters)', 'a western official']);
    expect(r.singleRoot).toBe(false);
    // Two roots, but Reuters' anonymous sources are known only through other outlets' relays (rating.test.ts).
    expect(r.suggestion).toBe('single source');
    expect(r.suggestedRating).toBe('single source');
  });

  test('a chain that stops at an outlet echoes the root that outlet cites in another chain', () => {
    const b = reutersRelays()
      .article('a4', 'Daily Echo')
      .claim('c4', 'a4', ['reuters'])
      .proposition('p', [['c1', 'supports'], ['c4', 'supports']]);
    const r = independenceOf(b);
    expect(r.independentRoots).toBe(1);
    expect(r.roots[0]).toMatchObject({ label: 'Intelligence sources (Reuters)', via: ['Reuters'] });
    expect(r.roots[0]!.claimIds.sort()).toEqual(['c1', 'c4']);
  });

  test('a relay adds no root but does not fuse the different roots the relayed outlet cites', () => {
    const b = reutersRelays()
      .source('doc', 'Kupol report to the defence ministry', 'document')
      .article('a4', 'Daily Echo').article('a5', 'Morning Post')
      .claim('c4', 'a4', ['reuters', 'doc'])
      .claim('c5', 'a5', ['reuters'])
      .proposition('p', [['c1', 'supports'], ['c4', 'supports'], ['c5', 'supports']]);
    expect(independenceOf(b).independentRoots).toBe(2);
  });

  test("a claim citing an outlet joins that outlet's own article's root", () => {
    const b = reutersRelays()
      .article('r1', 'Reuters')
      .claim('cr', 'r1', ['intel'])
      .article('a4', 'Daily Echo')
      .claim('c4', 'a4', ['reuters'])
      .proposition('p', [['cr', 'supports'], ['c4', 'supports']]);
    const r = independenceOf(b);
    expect(r.independentRoots).toBe(1);
    expect(r.roots[0]!.label).toBe('Intelligence sources (Reuters)');
  });
});

describe('copies', () => {
  const text = 'Chinese companies are allegedly developing attack drones, officials said. Unrelated closing line.';
  const quote = 'Chinese companies are allegedly developing attack drones';
  const twoCopies = () =>
    new CasefileBuilder()
      .article('a000', 'Kyiv Independent', text).article('a001', 'Kyiv Independent (syndicated)', `Headline\n\n${text}`)
      .claim('c0', 'a000', [{ type: 'unattributed' }], quote)
      .claim('c1', 'a001', [{ type: 'unattributed' }], quote);

  test('the same passage in two articles linked as copies counts once', () => {
    const b = twoCopies().linkCopies('a000', 'a001').proposition('p', [['c0', 'supports'], ['c1', 'supports']]);
    const r = independenceOf(b);
    expect(r.appearances).toBe(2);
    expect(r.independentRoots).toBe(1);
    expect(r.singleArticle).toBe(true);
    expect(r.flags.map((f) => f.kind)).toContain('single-article');
  });

  test('without the link (flag open or dismissed) the two unnamed roots are two', () => {
    for (const status of ['open', 'dismissed'] as const) {
      const b = twoCopies().linkCopies('a000', 'a001', status).proposition('p', [['c0', 'supports'], ['c1', 'supports']]);
      expect(independenceOf(b).independentRoots).toBe(2);
      expect(independenceOf(b).singleArticle).toBe(false);
    }
  });

  test('copies are linked transitively', () => {
    const b = twoCopies()
      .article('a002', 'Mirror site', `${text} Extra.`)
      .claim('c2', 'a002', [{ type: 'unattributed' }], quote)
      .linkCopies('a000', 'a001').linkCopies('a001', 'a002')
      .proposition('p', [['c0', 'supports'], ['c2', 'supports']]);
    expect(independenceOf(b).independentRoots).toBe(1);
  });

  test('different passages of linked copies stay different roots', () => {
    const b = twoCopies()
      .claim('c1b', 'a001', [{ type: 'unattributed' }], 'Unrelated closing line.')
      .linkCopies('a000', 'a001')
      .proposition('p', [['c0', 'supports'], ['c1b', 'supports']]);
    expect(independenceOf(b).independentRoots).toBe(2);
  });
});

describe("the analyst's root judgements", () => {
  const twoAnonymousRoots = () =>
    new CasefileBuilder()
      .source('western', 'a western official', 'anonymous-group')
      .source('european', 'European officials familiar with the matter', 'anonymous-group')
      .source('times', 'The Times', 'outlet').source('bloomberg', 'Bloomberg', 'outlet')
      .article('a1', 'Aggregator').article('a2', 'Kyiv Independent')
      .claim('c1', 'a1', ['times', 'western'])
      .claim('c2', 'a2', ['bloomberg', 'european'])
      .proposition('p', [['c1', 'supports'], ['c2', 'supports']]);

  test('declaring two roots the same source makes them one; withdrawing it makes them two again', () => {
    const b = twoAnonymousRoots();
    expect(independenceOf(b).independentRoots).toBe(2);
    b.judge('western', 'european', 'same');
    const merged = independenceOf(b);
    expect(merged.independentRoots).toBe(1);
    expect(merged.roots[0]!.sourceIds.sort()).toEqual(['european', 'western']);
    expect(merged.roots[0]!.label).toBe('a western official = European officials familiar with the matter');
    b.judge('western', 'european', null);
    expect(independenceOf(b).independentRoots).toBe(2);
  });

  test('"same" is transitive', () => {
    const b = twoAnonymousRoots()
      .source('nato', 'NATO official', 'anonymous-group')
      .judge('western', 'nato', 'same')
      .judge('nato', 'european', 'same');
    expect(independenceOf(b).independentRoots).toBe(1);
  });

  test('entries with the same name are one source unless declared distinct', () => {
    const b = new CasefileBuilder()
      .source('liu1', 'Liu Pengyu', 'person').source('liu2', 'liu  pengyu', 'person')
      .article('a1', 'Bloomberg').article('a2', 'Reuters')
      .claim('c1', 'a1', ['liu1']).claim('c2', 'a2', ['liu2'])
      .proposition('p', [['c1', 'contradicts'], ['c2', 'contradicts']]);
    expect(independenceOf(b).contradictingRoots).toBe(1);
    b.judge('liu1', 'liu2', 'distinct');
    expect(independenceOf(b).contradictingRoots).toBe(2);
  });

  test('an alias matching another entry of the same kind makes them one source', () => {
    const b = new CasefileBuilder()
      .source('mfa', "China's foreign ministry", 'institution', ['Chinese foreign ministry'])
      .source('mfa2', 'The Chinese Foreign Ministry', 'institution')
      .article('a1', 'Reuters').article('a2', 'The Times')
      .claim('c1', 'a1', ['mfa']).claim('c2', 'a2', ['mfa2'])
      .proposition('p', [['c1', 'supports'], ['c2', 'supports']]);
    expect(independenceOf(b).independentRoots).toBe(1);
  });

  test('anonymous groups are never merged by their description alone', () => {
    const b = new CasefileBuilder()
      .source('w1', 'a western official', 'anonymous-group').source('w2', 'a western official', 'anonymous-group')
      .article('a1', 'The Times').article('a2', 'Le Monde')
      .claim('c1', 'a1', ['w1']).claim('c2', 'a2', ['w2'])
      .proposition('p', [['c1', 'supports'], ['c2', 'supports']]);
    expect(independenceOf(b).independentRoots).toBe(2);
  });

  test('a "distinct" judgement that other "same" judgements contradict is flagged', () => {
    const b = twoAnonymousRoots()
      .source('nato', 'NATO official', 'anonymous-group')
      .judge('western', 'nato', 'same').judge('nato', 'european', 'same')
      .judge('western', 'european', 'distinct');
    const r = independenceOf(b);
    expect(r.independentRoots).toBe(1);
    expect(r.flags.find((f) => f.kind === 'judgement-conflict')?.message).toMatch(/a western official and European officials.*declared distinct/);
  });
});

describe('circular attribution', () => {
  test('a chain that loops back to the reporting outlet is flagged, with the circle spelled out', () => {
    const b = new CasefileBuilder()
      .source('times', 'The Times', 'outlet').source('reuters', 'Reuters', 'outlet')
      .article('a1', 'The Times')
      .claim('c1', 'a1', ['reuters', 'times'])
      .proposition('p', [['c1', 'supports']]);
    const r = independenceOf(b);
    expect(r.circularClaimIds).toEqual(['c1']);
    expect(r.cycles).toEqual([['The Times', 'Reuters', 'The Times']]);
    expect(r.flags.map((f) => f.message)).toContain('circular attribution: The Times → Reuters → The Times');
  });

  test('two outlets citing each other across articles are both flagged', () => {
    const b = new CasefileBuilder()
      .source('bloomberg', 'Bloomberg', 'outlet').source('reuters', 'Reuters', 'outlet').source('kyiv', 'Kyiv Independent', 'outlet')
      .article('a1', 'Reuters').article('a2', 'Bloomberg').article('a3', 'Kyiv Independent')
      .claim('c1', 'a1', ['bloomberg'])
      .claim('c2', 'a2', ['reuters'])
      .claim('c3', 'a3', ['bloomberg'])
      .proposition('p', [['c1', 'supports'], ['c2', 'supports'], ['c3', 'supports']]);
    const r = independenceOf(b);
    expect(r.circularClaimIds.sort()).toEqual(['c1', 'c2']);
    expect(r.cycles).toHaveLength(1);
    expect(r.cycles[0]!.length).toBe(3);
  });

  test('a chain repeating a hop (A cites B cites A) is circular and still has a root', () => {
    const b = new CasefileBuilder()
      .source('x', 'Agency X', 'outlet').source('y', 'Agency Y', 'outlet')
      .article('a1', 'Kyiv Independent')
      .claim('c1', 'a1', ['x', 'y', 'x'])
      .proposition('p', [['c1', 'supports']]);
    const r = independenceOf(b);
    expect(r.circularClaimIds).toEqual(['c1']);
    expect(r.independentRoots).toBe(1);
    expect(r.cycles[0]).toEqual(['Agency X', 'Agency Y', 'Agency X']);
  });

  test('an ordinary chain is not circular', () => {
    const r = independenceOf(reutersRelays().proposition('p', [['c1', 'supports'], ['c2', 'supports']]));
    expect(r.circularClaimIds).toEqual([]);
    expect(r.flags.some((f) => f.kind === 'circular')).toBe(false);
  });
});

describe('stances, unnamed roots and the suggested assessment', () => {
  test('a denial makes the proposition contested and is counted apart from support', () => {
    const b = reutersRelays()
      .source('liu', 'Liu Pengyu', 'person')
      .article('a4', 'Bloomberg')
      .claim('c4', 'a4', ['liu'])
      .proposition('p', [['c1', 'supports'], ['c2', 'supports'], ['c4', 'contradicts']]);
    const r = independenceOf(b);
    expect(r.stanceCounts).toEqual({ supports: 2, contradicts: 1, mentions: 0 });
    expect(r.independentRoots).toBe(1);
    expect(r.contradictingRoots).toBe(1);
    expect(r.suggestion).toBe('contested');
  });

  test('mentions are appearances but not corroboration', () => {
    const b = reutersRelays().proposition('p', [['c1', 'mentions']]);
    const r = independenceOf(b);
    expect(r.appearances).toBe(1);
    expect(r.independentRoots).toBe(0);
    expect(r.suggestion).toBe('unverified');
  });

  test('a root hop without a named source, or an untagged claim, counts as a root of its own', () => {
    const b = new CasefileBuilder()
      .article('a1', 'The Times').article('a2', 'Le Monde').article('a3', 'AP')
      .claim('c1', 'a1', [{ type: 'anonymous' }])
      .claim('c2', 'a2', [{ type: 'anonymous' }])
      .claim('c3', 'a3', [])
      .proposition('p', [['c1', 'supports'], ['c2', 'supports'], ['c3', 'supports']]);
    const r = independenceOf(b);
    expect(r.independentRoots).toBe(3);
    expect(r.roots.map((x) => x.label).sort()).toEqual(['Anonymous, not named (Le Monde)', 'Anonymous, not named (The Times)', 'Not tagged yet (AP)']);
    expect(r.flags.find((f) => f.kind === 'untagged')?.message).toBe('1 claim not tagged yet: each counts as a root of its own');
  });

  test('claims from one article only are flagged', () => {
    const b = new CasefileBuilder()
      .article('a1', 'The Times', 'First sentence says it. Second sentence says it too.')
      .claim('c1', 'a1', [{ type: 'unattributed' }], 'First sentence says it.')
      .claim('c2', 'a1', [{ type: 'unattributed' }], 'Second sentence says it too.')
      .proposition('p', [['c1', 'supports'], ['c2', 'supports']]);
    const r = independenceOf(b);
    expect(r.singleArticle).toBe(true);
    expect(r.flags.find((f) => f.kind === 'single-article')?.message).toBe('all claims come from one article (The Times story a1)');
  });

  test("the suggestion uses the casefile's own label for the rating when it has one", () => {
    const b = reutersRelays().proposition('p', [['c1', 'supports']]);
    b.apply({ type: 'assessmentScale.set', labels: ['Corroborated', 'Single Source', 'Contested', 'Unverified', 'Debunked'] });
    expect(independenceOf(b).suggestedRating).toBe('Single Source');
  });

  test('removing a source from the registry turns its roots into unnamed ones, and the count follows', () => {
    const b = reutersRelays().proposition('p', [['c1', 'supports'], ['c2', 'supports'], ['c3', 'supports']]);
    expect(independenceOf(b).independentRoots).toBe(1);
    b.apply({ type: 'source.remove', sourceId: 'intel' });
    const r = independenceOf(b);
    // Each chain still ends at a hop through Reuters, but the unnamed roots can no longer be told apart.
    expect(r.independentRoots).toBe(3);
    expect(r.roots.every((x) => x.via.length === 0 && x.sourceIds.length === 0)).toBe(true);
  });
});

test('results are computed for requested propositions, and cached for the whole casefile', () => {
  const b = reutersRelays()
    .proposition('p', [['c1', 'supports']])
    .proposition('q', [['c2', 'supports'], ['c3', 'supports']]);
  const some = computeIndependence(b.cf, ['q', 'missing']);
  expect([...some.keys()]).toEqual(['q']);
  const all = computeIndependence(b.cf);
  expect(all.size).toBe(2);
  expect(computeIndependence(b.cf)).toBe(all);
  expect(computeIndependence(b.cf, ['p']).get('p')).toBe(all.get('p'));
});

test('after an edit only the propositions it touches are computed again, and they change', () => {
  const b = reutersRelays()
    .proposition('p', [['c1', 'supports']])
    .proposition('q', [['c2', 'supports'], ['c3', 'supports']]);
  const before = computeIndependence(b.cf);
  b.apply({ type: 'claim.setChain', claimId: 'c3', chain: [] });
  const after = computeIndependence(b.cf);
  expect(after.get('p')).toBe(before.get('p'));
  expect(after.get('q')).not.toBe(before.get('q'));
  expect(after.get('q')!.independentRoots).toBe(2);
  // A judgement that changes no identity group (the two never merged) leaves every result as it was...
  b.judge('intel', 'reuters', 'distinct');
  const judged = computeIndependence(b.cf);
  expect(judged.get('p')).toBe(after.get('p'));
  // ...and a source renamed computes again the propositions whose members name it.
  b.apply({ type: 'source.update', sourceId: 'intel', patch: { name: 'Officials (Reuters)' } });
  const renamed = computeIndependence(b.cf);
  expect(renamed.get('p')).not.toBe(judged.get('p'));
  expect(renamed.get('p')!.roots[0]!.label).toBe('Officials (Reuters)');
});
