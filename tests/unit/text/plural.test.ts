import fc from 'fast-check';
import { expect, test } from 'vitest';
import { plural } from '../../../shared/text/wording';

test('plural writes every count as toLocaleString("en") does', () => {
  fc.assert(
    fc.property(fc.oneof(fc.integer({ min: -5000, max: 5000 }), fc.double({ noNaN: false }), fc.constantFrom(-0, 0, 1, 999, 1000, 0.5)), (n) => {
      expect(plural(n, 'claim')).toBe(`${n.toLocaleString('en')} ${n === 1 ? 'claim' : 'claims'}`);
    }),
    { numRuns: 2000 },
  );
});
