/**
 * The one rule for record ids (articles, claims, sources, hops, propositions,
 * copy flags, root judgements, reviews, sourcing types), and the one way to
 * look a record up by id.
 *
 * Ids are keys of plain objects in the casefile. An id such as "__proto__" or
 * "constructor" would reach Object.prototype instead of a record, so ids are
 * limited to a safe character set, never name a property every object
 * inherits, and lookups only ever see own properties.
 */

export const MAX_ID_LENGTH = 200;

/** Letters, digits, "_", "-", "." and ":"; starting with a letter, digit or "_". */
const SAFE_ID = /^[A-Za-z0-9_][A-Za-z0-9_.:-]*$/;

/** Every property a plain object inherits (fixed here, so the rule is the same in every process). */
const INHERITED_NAMES: ReadonlySet<string> = new Set([
  '__proto__', 'constructor', 'prototype',
  '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__',
  'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString', 'toString', 'valueOf',
]);

/**
 * The whole rule but the length as one regular expression, so that the zod
 * schema and the compiled JSON Schema validator (fast-validate.ts) check the same thing.
 */
export const ID_PATTERN = new RegExp(`^(?!(?:${[...INHERITED_NAMES].join('|')})$)${SAFE_ID.source.slice(1)}`);
export const ID_RULE = 'not a valid id: only letters, digits, "_", "-", "." and ":", and never a built-in name such as "__proto__"';

/** Why `id` cannot be a record id, or null when it can. */
export function idProblem(id: string): string | null {
  if (id.length > MAX_ID_LENGTH) return `not a valid id: longer than ${MAX_ID_LENGTH} characters`;
  return ID_PATTERN.test(id) ? null : ID_RULE;
}

/** The record stored under `id` itself, never a property inherited from Object.prototype. */
export function recordOf<T>(records: Readonly<Record<string, T>>, id: string): T | undefined {
  return Object.hasOwn(records, id) ? records[id] : undefined;
}

/**
 * Ids are made by whoever issues a command (never inside the pure reducer), so
 * that applying the same command twice, on either side of the API, gives the same state.
 */
export function newId(prefix: string): string {
  const bytes = new Uint8Array(10);
  globalThis.crypto.getRandomValues(bytes);
  let s = '';
  for (const b of bytes) s += b.toString(36).padStart(2, '0');
  return `${prefix}_${s}`;
}
