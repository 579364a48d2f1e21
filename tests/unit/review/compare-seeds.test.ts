import { describe, expect, test } from 'vitest';
import { compareCasefiles } from '../../../shared/review';
import { danasCasefile, P, PLANTED_KEYS, SAM, SAM_TIME, samsCasefile } from './seed-pair';

const mine = danasCasefile();
const theirs = samsCasefile();
const comparison = compareCasefiles(mine, theirs);
const byKey = new Map(comparison.differences.map((d) => [d.key, d]));

describe('comparing two analysts’ casefiles of the seed articles', () => {
  test('finds exactly the planted differences', () => {
    expect(comparison.differences.map((d) => d.key).sort()).toEqual(PLANTED_KEYS);
  });

  test('matches identical articles by hash and Sam’s later version of 002 by similarity', () => {
    const kinds = Object.fromEntries(comparison.articles.matched.map((m) => [m.myArticleId, m.kind]));
    expect(kinds).toEqual({ a000: 'same-text', a001: 'same-text', a002: 'similar-text', a003: 'same-text', a004: 'same-text' });
    expect(comparison.articles.onlyMine).toEqual([]);
    expect(comparison.articles.onlyTheirs).toEqual([]);
  });

  test('re-anchors Sam’s claims on the changed passage of 002 onto Dana’s text, and lists the one it cannot place', () => {
    const placements = new Map(comparison.placements.map((p) => [p.theirClaimId, p]));
    const text = mine.articles.a002!.text;
    const t9 = placements.get('t9')!;
    expect(t9.status).toBe('moved');
    expect(text.slice(t9.start, t9.end)).toBe(P.programme002);
    expect(placements.get('t11')!.status).toBe('orphaned');
    expect(byKey.get('orphan:t11')).toMatchObject({ quote: P.update, mergeable: false, articleId: 'a002' });
    // Matched claims on 002 despite the different version:
    expect(comparison.pairs).toContainEqual(expect.objectContaining({ myClaimId: 'm9', theirClaimId: 't9' }));
  });

  test('describes each difference with both sides and who made theirs', () => {
    expect(byKey.get('type:m2:t2')).toMatchObject({
      mine: 'Named official: Liu Pengyu', theirs: 'Official statement: Liu Pengyu',
      details: ['hop 1 type: Named official / Official statement'],
      theirsBy: { part: 'chain', createdBy: SAM, createdAt: SAM_TIME, changedBy: null, changedAt: null },
    });
    expect(byKey.get('chain:m8:t8')!.details).toEqual(['hop 2 source: Insiders / a western official']);
    expect(byKey.get('stance:m10:t10:dp2:sp2')).toMatchObject({ mine: 'supports', theirs: 'mentions', statement: 'China provides lethal aid to Russia' });
    expect(byKey.get('assessment:dp1:sp1')!.details).toEqual(['rating: single source / corroborated']);
    expect(byKey.get('review:rv-sam-1')).toMatchObject({ myClaimId: 'm19', theirs: 'needs-work: The chain should start at Reuters.' });
    expect(byKey.get('notes:m4:t4')).toMatchObject({ mine: '(no notes)', theirs: 'Background, not about China.' });
  });

  test('Cohen’s kappa on root sourcing types matches the hand computation', () => {
    // 16 matched claims typed by both (m20/t20 is matched but Sam left it untyped).
    // Rows Dana, columns Sam, in taxonomy order (NO named official, OS official statement,
    // A anonymous, NE named expert, D document, U unattributed):
    //   NO: m2→OS, m3→NO, m7→NO            row 3   (diagonal 2)
    //   OS: m14, m16, m19 →OS; m15→A        row 4   (diagonal 3)
    //   A:  m1, m6, m8, m10 →A              row 4   (diagonal 4)
    //   NE: m12                             row 1   (diagonal 1)
    //   D:  m9, m17, m18                    row 3   (diagonal 3)
    //   U:  m4                              row 1   (diagonal 1)
    // Columns: NO 2, OS 4, A 5, NE 1, D 3, U 1.
    // p_o = 14/16 = 0.875
    // p_e = (3·2 + 4·4 + 4·5 + 1·1 + 3·3 + 1·1) / 16² = 53/256 = 0.20703125
    // κ = (0.875 − 53/256) / (1 − 53/256) = (171/256) / (203/256) = 171/203 ≈ 0.8424
    const k = comparison.agreement.kappa;
    expect(k.items).toBe(16);
    expect(k.categories).toEqual(['named-official', 'official-statement', 'anonymous', 'named-expert', 'document', 'unattributed']);
    expect(k.matrix).toEqual([
      [2, 1, 0, 0, 0, 0],
      [0, 3, 1, 0, 0, 0],
      [0, 0, 4, 0, 0, 0],
      [0, 0, 0, 1, 0, 0],
      [0, 0, 0, 0, 3, 0],
      [0, 0, 0, 0, 0, 1],
    ]);
    expect(k.observed).toBeCloseTo(0.875, 10);
    expect(k.expected).toBeCloseTo(53 / 256, 10);
    expect(k.kappa).toBeCloseTo(171 / 203, 10);
    expect(k.lowItems).toBe(true); // 16 < 20
  });

  test('counts every claim left out of kappa', () => {
    expect(comparison.agreement.leftOut).toEqual({ onlyMine: 2, onlyTheirs: 2, matchedUntyped: 1, orphaned: 1, onUnmatchedArticles: 0 });
  });

  test('span agreement: 17 matched of 19 mine and 20 theirs', () => {
    // precision 17/20, recall 17/19, F1 = 2·17 / (19 + 20) = 34/39
    const s = comparison.agreement.spans;
    expect([s.mine, s.theirs, s.matched]).toEqual([19, 20, 17]);
    expect(s.precision).toBeCloseTo(17 / 20, 10);
    expect(s.recall).toBeCloseTo(17 / 19, 10);
    expect(s.f1).toBeCloseTo(34 / 39, 10);
    expect(s.alpha).toBeGreaterThan(0.8);
    expect(s.alpha).toBeLessThan(1);
  });

  test('figures per article and per sourcing type', () => {
    const a003 = comparison.agreement.perArticle.find((a) => a.articleId === 'a003')!;
    // 003: m14 OS/OS, m15 OS/A, m16 OS/OS. p_o = 2/3; p_e = (3/3)(2/3) + 0·(1/3) = 2/3; κ = 0.
    expect(a003.kappa.items).toBe(3);
    expect(a003.kappa.kappa).toBeCloseTo(0, 10);
    expect(a003.kappa.lowItems).toBe(true);
    const os = comparison.agreement.perType.find((t) => t.typeId === 'official-statement')!;
    // Dana typed 4 official statements, Sam 4, both on 3: specific agreement 2·3/(4+4) = 0.75.
    expect(os).toMatchObject({ mine: 4, theirs: 4, both: 3, specific: 0.75 });
  });

  test('a lower overlap threshold pairs the two Putin spans (28 of 57 characters in common)', () => {
    const loose = compareCasefiles(mine, theirs, { minOverlap: 0.4 });
    expect(loose.pairs).toContainEqual(expect.objectContaining({ myClaimId: 'm21', theirClaimId: 't21' }));
    expect(loose.differences.some((d) => d.key === 'only-mine:m21')).toBe(false);
  });

  test('comparing a casefile with itself finds nothing to change and full agreement', () => {
    const same = compareCasefiles(mine, mine);
    expect(same.differences).toEqual([]);
    expect(same.colleague.sameCasefile).toBe(true);
    expect(same.agreement.kappa.observed).toBe(1);
    expect(same.agreement.spans.f1).toBe(1);
    expect(same.agreement.spans.alpha).toBe(1);
  });
});
