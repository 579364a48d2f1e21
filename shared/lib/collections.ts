/**
 * Collection helpers shared by every layer: lists kept per key, and results
 * computed once per object. Casefile records change only by being replaced
 * (immer), so a record is a safe cache key for as long as it lives.
 */

/** Appends `value` to the list under `key`, starting the list when there is none. */
export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The items in lists by key, each list in the items' order. */
export function groupBy<T, K>(items: Iterable<T>, keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) pushTo(groups, keyOf(item), item);
  return groups;
}

/** The value found most often in `list` (the first of those tied), or null for an empty list. */
export function mostCommon<T>(list: readonly T[]): T | null {
  const counts = new Map<T, number>();
  let best: T | null = null;
  let bestCount = 0;
  for (const x of list) {
    const n = (counts.get(x) ?? 0) + 1;
    counts.set(x, n);
    if (n > bestCount) [best, bestCount] = [x, n];
  }
  return best;
}

/** `compute` run once per key object and kept while the object lives (`compute` never returns undefined). */
export function memoizeWeak<K extends object, V>(compute: (key: K) => V): (key: K) => V {
  return memoizeIn(new WeakMap<K, V>(), compute);
}

/** `compute` run once per key for the life of the returned function (`compute` never returns undefined). */
export function memoize<K, V>(compute: (key: K) => V): (key: K) => V {
  return memoizeIn(new Map<K, V>(), compute);
}

function memoizeIn<K, V>(cache: { get(key: K): V | undefined; set(key: K, value: V): unknown }, compute: (key: K) => V): (key: K) => V {
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) {
      value = compute(key);
      cache.set(key, value);
    }
    return value;
  };
}
