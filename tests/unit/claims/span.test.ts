import { describe, expect, test } from 'vitest';
import { addExcluded, checkClaimSpan, isAllExcluded, removeExcluded } from '../../../shared/claims/span';
import type { ExcludedRange } from '../../../shared/model/schema';
import { SEED_000 } from './fixtures';

const text = SEED_000;
const at = (s: string) => {
  const i = text.indexOf(s);
  if (i < 0) throw new Error(`missing ${s}`);
  return [i, i + s.length] as const;
};
const chrome = (start: number, end: number, id = 'x1'): ExcludedRange => ({ id, start, end, reason: '' });

describe('checkClaimSpan', () => {
  test('an empty or blank selection is refused with a message that says what to do', () => {
    const [s] = at('Chinese companies');
    for (const [a, b] of [[s, s], [s - 1, s]] as const) {
      const r = checkClaimSpan(text, a, b, []);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).toMatch(/Select the words/);
    }
  });

  test('white space around the selection is trimmed and a backwards selection is put right', () => {
    const [s, e] = at('Chinese companies are allegedly developing');
    expect(text.slice(s - 2, e + 1)).toBe('\n\nChinese companies are allegedly developing ');
    const r = checkClaimSpan(text, e + 1, s - 2, []);
    expect(r).toEqual({ ok: true, start: s, end: e, note: null });
  });

  test('a selection over two paragraphs is allowed and keeps its offsets', () => {
    const [s] = at('The officials, who spoke');
    const [, e] = at('denies providing lethal aid');
    const r = checkClaimSpan(text, s, e, []);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(text.slice(r.start, r.end)).toMatch(/^The officials, who spoke[\s\S]*\n\nAlthough China[\s\S]*lethal aid$/);
    }
  });

  test('page chrome at an edge of the selection is trimmed off, with a note', () => {
    const [hs, he] = at('Russian attack on Nikopol kills 4, injures 10.');
    const [ps] = at('Iran has been producing');
    const r = checkClaimSpan(text, ps, he, [chrome(hs - 2, text.length)]);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.note).toMatch(/page chrome/);
      expect(r.end).toBeLessThanOrEqual(hs - 2);
      expect(text.slice(r.start, r.end).startsWith('Iran has been producing')).toBe(true);
    }
  });

  test('a selection inside page chrome, or with chrome in its middle, is refused', () => {
    const [hs, he] = at('Russian attack on Nikopol kills 4, injures 10.');
    const inside = checkClaimSpan(text, hs, he, [chrome(hs - 2, text.length)]);
    expect(inside.ok).toBe(false);
    if (!inside.ok) expect(inside.message).toMatch(/marked as page chrome/);
    const [ps] = at('NATO allies have repeatedly');
    const middle = checkClaimSpan(text, ps, he, [chrome(ps + 40, ps + 60)]);
    expect(middle.ok).toBe(false);
    if (!middle.ok) expect(middle.message).toMatch(/crosses page chrome/);
  });
});

describe('excluded ranges', () => {
  test('marking merges with touching ranges; unmarking the middle splits one in two', () => {
    let ranges = addExcluded([], 10, 20, 'r1');
    ranges = addExcluded(ranges, 30, 40, 'r2');
    ranges = addExcluded(ranges, 18, 31, 'r3');
    expect(ranges).toEqual([{ id: 'r1', start: 10, end: 40, reason: '' }]);
    ranges = removeExcluded(ranges, 15, 25, 'r4');
    expect(ranges).toEqual([{ id: 'r1', start: 10, end: 15, reason: '' }, { id: 'r4', start: 25, end: 40, reason: '' }]);
    expect(isAllExcluded(ranges, 26, 39)).toBe(true);
    expect(isAllExcluded(ranges, 12, 30)).toBe(false);
    expect(removeExcluded(ranges, 0, 100, 'r5')).toEqual([]);
  });
});
