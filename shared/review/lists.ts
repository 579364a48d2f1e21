/**
 * The records of one casefile as arrays, listed once per comparison.
 * `Object.values` of a 40,000-key record costs 15–20 ms (the keys of a record
 * that large are enumerated in insertion order, which V8 sorts each time);
 * the comparison's steps share these lists instead of listing it again.
 */
import type { Casefile, Claim, Proposition } from '../model/schema';

export interface RecordLists {
  claims: readonly Claim[];
  propositions: readonly Proposition[];
}

export function recordLists(cf: Casefile): RecordLists {
  return { claims: Object.values(cf.claims), propositions: Object.values(cf.propositions) };
}
