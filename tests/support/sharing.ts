import { expect } from 'vitest';

/**
 * Every object of `b` that is shared with `base` is shared at the same place
 * in `a`, and the reverse: the same structural sharing, which derived data
 * relies on to tell what changed.
 */
export function expectSameSharing(a: unknown, b: unknown, base: unknown, path = ''): void {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return;
  expect(a === base, `sharing at ${path || 'root'}`).toBe(b === base);
  if (a === base || typeof base !== 'object' || base === null) return;
  for (const key of Object.keys(a)) {
    expectSameSharing((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], (base as Record<string, unknown>)[key], `${path}/${key}`);
  }
}
