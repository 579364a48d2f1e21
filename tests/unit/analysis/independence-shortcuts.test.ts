import fc from 'fast-check';
import { expect, test } from 'vitest';
import { hasCycle, sameLevels } from '../../../shared/analysis/cycles';
import { firstThrough } from '../../../shared/analysis/independence';
import type { MemberTrace } from '../../../shared/analysis/independence';

/** Paths over a few shared keys, as attribution paths are: outlet first, root last. */
const paths = fc.array(fc.array(fc.constantFrom('s:a', 's:b', 's:c', 'o:x', 'c:1', 'h:1:0'), { minLength: 1, maxLength: 4 }), { maxLength: 12 });

function traces(list: string[][]): MemberTrace[] {
  return list.map((path) => ({ path, root: path[path.length - 1]! }) as MemberTrace);
}

/** The map the scan replaces (joinRelays before the shortcut). */
function throughMap(list: readonly MemberTrace[]): Map<string, string> {
  const throughTo = new Map<string, string>();
  for (const t of list) {
    for (let i = 0; i < t.path.length - 1; i++) {
      const key = t.path[i]!;
      if (key !== t.root && !throughTo.has(key)) throughTo.set(key, t.root);
    }
  }
  return throughTo;
}

test('scanning members’ paths finds the same onward root as the map of every node passed through', () => {
  fc.assert(
    fc.property(paths, (list) => {
      const t = traces(list);
      const map = throughMap(t);
      for (const key of new Set(list.flat())) expect(firstThrough(t, key)).toBe(map.get(key));
    }),
    { numRuns: 500 },
  );
});

test('paths whose keys each keep one position have no cycle', () => {
  fc.assert(
    fc.property(paths, (list) => {
      const edges: [string, string][] = [];
      for (const p of list) for (let i = 1; i < p.length; i++) edges.push([p[i - 1]!, p[i]!]);
      if (sameLevels(list.map((path) => ({ path })))) expect(hasCycle(edges)).toBe(false);
    }),
    { numRuns: 500 },
  );
});
