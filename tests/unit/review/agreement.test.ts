import { describe, expect, test } from 'vitest';
import { cohensKappa, spanAgreement, type ArticleSpans } from '../../../shared/review';
import { intersectionLength, subtract, union } from '../../../shared/review/intervals';

describe('Cohen’s kappa', () => {
  test('matches a hand computation on ten items', () => {
    // Items (mine, theirs): (A,A)×4, (N,N)×2, (D,D)×1, (A,N), (N,A), (D,A).
    // Matrix, rows mine / columns theirs, order A N D:
    //   A: 4 1 0  (row 5)      columns: A 6, N 3, D 1
    //   N: 1 2 0  (row 3)
    //   D: 1 0 1  (row 2)
    // p_o = (4 + 2 + 1) / 10 = 0.7
    // p_e = (5·6 + 3·3 + 2·1) / 10² = 41/100 = 0.41
    // κ = (0.7 − 0.41) / (1 − 0.41) = 0.29 / 0.59 ≈ 0.4915
    const items: [string, string][] = [
      ['A', 'A'], ['A', 'A'], ['A', 'A'], ['A', 'A'], ['N', 'N'], ['N', 'N'], ['D', 'D'], ['A', 'N'], ['N', 'A'], ['D', 'A'],
    ];
    const k = cohensKappa(items, ['A', 'N', 'D']);
    expect(k.matrix).toEqual([[4, 1, 0], [1, 2, 0], [1, 0, 1]]);
    expect(k.observed).toBeCloseTo(0.7, 12);
    expect(k.expected).toBeCloseTo(0.41, 12);
    expect(k.kappa).toBeCloseTo(0.29 / 0.59, 12);
    expect(k.items).toBe(10);
    expect(k.lowItems).toBe(true);
  });

  test('is undefined, not 1, when both analysts used one type only (p_e = 1)', () => {
    const k = cohensKappa([['A', 'A'], ['A', 'A']]);
    expect(k.observed).toBe(1);
    expect(k.expected).toBe(1);
    expect(k.kappa).toBeNull();
  });

  test('has no figures without items, and warns only below the minimum', () => {
    expect(cohensKappa([])).toMatchObject({ items: 0, kappa: null, observed: null, lowItems: true });
    const twenty = Array.from({ length: 20 }, (_, i): [string, string] => (i % 2 ? ['A', 'A'] : ['N', 'N']));
    expect(cohensKappa(twenty)).toMatchObject({ kappa: 1, lowItems: false });
  });
});

const article = (length: number, mine: [number, number][], theirs: [number, number][], chrome: [number, number][] = [], matched = 0): ArticleSpans => ({
  continuum: subtract([{ start: 0, end: length }], chrome.map(([start, end]) => ({ start, end }))),
  mine: mine.map(([start, end]) => ({ start, end })),
  theirs: theirs.map(([start, end]) => ({ start, end })),
  myClaims: mine.length,
  theirClaims: theirs.length,
  matched,
});

describe('span agreement', () => {
  test('precision, recall and F1 with my casefile as the reference', () => {
    // 4 mine, 5 theirs, 3 matched: P = 3/5, R = 3/4, F1 = 2·3/(4+5) = 2/3.
    const s = spanAgreement([article(100, [[0, 5], [10, 15], [20, 25], [30, 35]], [[0, 5], [10, 15], [20, 25], [40, 45], [50, 55]], [], 3)]);
    expect(s.precision).toBeCloseTo(0.6, 12);
    expect(s.recall).toBeCloseTo(0.75, 12);
    expect(s.f1).toBeCloseTo(2 / 3, 12);
  });

  test('character-level alpha matches a hand computation', () => {
    // 20 characters; mine covers 0–10, theirs 5–15.
    // n = 2 × 20 = 40 values; n1 = 10 + 10 = 20, n0 = 20; d = 10 characters differ (0–5 and 10–15).
    // alpha = 1 − (n − 1)·d / (n0·n1) = 1 − 39·10 / (20·20) = 1 − 390/400 = 0.025.
    // Check by the coincidence matrix: o00 = 2·5 (15–20), o11 = 2·5 (5–10), o01 = o10 = 10;
    // D_o = 20/40 = 0.5, D_e = 2·20·20 / (40·39) = 800/1560; 1 − 0.5/(800/1560) = 1 − 0.975 = 0.025.
    const s = spanAgreement([article(20, [[0, 10]], [[5, 15]], [], 1)]);
    expect(s.alphaChars).toBe(20);
    expect(s.alpha).toBeCloseTo(0.025, 12);
  });

  test('page chrome is left out of the characters alpha rests on', () => {
    // As above, but 15–20 is page chrome: n = 30, n1 = 20, n0 = 10, d = 10.
    // alpha = 1 − 29·10 / (10·20) = 1 − 1.45 = −0.45 (worse than chance once the agreed chrome is gone).
    const s = spanAgreement([article(20, [[0, 10]], [[5, 15]], [[15, 20]], 1)]);
    expect(s.alphaChars).toBe(15);
    expect(s.alpha).toBeCloseTo(-0.45, 12);
  });

  test('overlapping claims of one analyst count each character once', () => {
    const nested = spanAgreement([article(20, [[0, 10], [2, 8]], [[0, 10]], [], 1)]);
    expect(nested.alpha).toBe(1);
  });

  test('identical spans give alpha 1; no spans at all give no alpha', () => {
    expect(spanAgreement([article(50, [[5, 20]], [[5, 20]], [], 1)]).alpha).toBe(1);
    expect(spanAgreement([article(50, [], [])]).alpha).toBeNull();
  });
});

describe('intervals', () => {
  test('union, intersection and subtraction', () => {
    expect(union([{ start: 5, end: 10 }, { start: 0, end: 6 }, { start: 12, end: 12 }, { start: 10, end: 11 }])).toEqual([{ start: 0, end: 11 }]);
    expect(intersectionLength([{ start: 0, end: 10 }, { start: 20, end: 30 }], [{ start: 5, end: 25 }])).toBe(10);
    expect(subtract([{ start: 0, end: 30 }], [{ start: 5, end: 10 }, { start: 20, end: 40 }])).toEqual([{ start: 0, end: 5 }, { start: 10, end: 20 }]);
  });
});
