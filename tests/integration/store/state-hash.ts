import { createHash } from 'node:crypto';

/** A hash of a casefile's content that ignores key order (zod and immer order keys differently). */
export function stateHash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value, (_key, v: unknown) => (
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v
  ))).digest('hex');
}
