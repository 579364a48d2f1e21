/**
 * 10,000 mutated casefiles fed to the loader. Each must be rejected with a
 * message naming the file, or loaded faithfully: exactly as the zod schema
 * (the definition of the format) reads it. This also checks that the fast
 * compiled validator and zod agree on every document.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { beforeAll, expect, test } from 'vitest';
import { ApiError } from '../../../shared/api/dispatch';
import { migrateCasefile } from '../../../shared/model/migrations';
import { Casefile } from '../../../shared/model/schema';
import { checkReferences } from '../../../shared/model/validate';
import { prepareFastValidation, validateCasefileInPlace, validatesVerbatim } from '../../../electron/services/casefile/fast-validate';
import { parseCasefileText } from '../../../electron/services/casefile/store';
import { seededRandom } from '../../support/generate';

const MUTANTS = 10_000;
const BASE_TEXT = readFileSync(path.resolve(__dirname, '..', '..', 'fixtures', 'casefiles', 'v1.corroborate'), 'utf8');
const NAME = 'mutant.corroborate';
const KNOWN_CODES = new Set(['empty', 'not-json', 'truncated', 'invalid-json', 'invalid-casefile', 'not-a-casefile', 'newer-version', 'unknown-version']);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The compiled validator on its own must agree with zod, field for field (the loader would hide a disagreement by asking zod). */
function checkFastValidator(text: string, i: number): boolean {
  let doc: unknown;
  try {
    doc = migrateCasefile(JSON.parse(text)).doc;
  } catch {
    return false;
  }
  const zod = Casefile.safeParse(structuredClone(doc));
  const before = structuredClone(doc);
  // The check that changes nothing: when it accepts, the document is the casefile exactly as zod reads it.
  if (validatesVerbatim(doc) && !(zod.success && isDeepStrictEqual(before, zod.data) && isDeepStrictEqual(doc, before))) {
    throw new Error(`mutant ${i}: accepted as it is, but zod reads it differently\n${text.slice(0, 2000)}`);
  }
  const fastOk = validateCasefileInPlace(doc);
  if (fastOk !== zod.success) throw new Error(`mutant ${i}: the compiled validator says ${fastOk}, zod says ${zod.success}\n${text.slice(0, 2000)}`);
  if (fastOk && !isDeepStrictEqual(doc, zod.data)) throw new Error(`mutant ${i}: the compiled validator's output differs from zod's`);
  return fastOk;
}

/** What the format says the text is: the zod reading, or null when it is not a valid casefile. */
function reference(text: string): Casefile | null {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return null;
  }
  try {
    const migrated = migrateCasefile(doc);
    for (const key of ['articles', 'claims', 'sources', 'propositions', 'rootJudgements', 'copyFlags', 'reviews']) {
      const record = migrated.doc[key];
      if (typeof record === 'object' && record !== null && Object.hasOwn(record, '__proto__')) return null;
    }
    const parsed = Casefile.safeParse(migrated.doc);
    if (!parsed.success || checkReferences(parsed.data).total) return null;
    return parsed.data;
  } catch {
    return null;
  }
}

function mutator(seed: number) {
  const rand = seededRandom(seed);
  const int = (n: number) => Math.floor(rand() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;

  /** Every place in the document: [container, key] pairs. */
  function places(node: Json, out: [Json[] | Record<string, Json>, string | number][] = []) {
    if (Array.isArray(node)) node.forEach((v, i) => { out.push([node, i]); places(v, out); });
    else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) { out.push([node, k]); places(v, out); }
    return out;
  }
  const values: (() => Json)[] = [
    () => null, () => true, () => 0, () => -1, () => 1.5, () => 1e300, () => 2 ** 53 + 2, () => '', () => 'x',
    () => 'x'.repeat(20_001), () => 'y'.repeat(200_001), () => [], () => ({}), () => '#zzzzzz', () => 'c_1', () => 'a_000',
    () => 'src_liu', () => 'p_1', () => 'nope', () => '__proto__', () => 'toString', () => 'é'.repeat(10_001), () => '\u0000', () => [1, 2, 3],
  ];

  function structural(doc: Json): Json {
    const all = places(doc);
    if (!all.length) return doc;
    const [container, key] = pick(all);
    const c = container as Record<string | number, Json>;
    switch (int(7)) {
      case 0: if (Array.isArray(container)) container.splice(key as number, 1); else delete c[key]; break;
      case 1: c[key] = pick(values)(); break;
      case 2: c[key] = JSON.parse(JSON.stringify(pick(all)[0])); break;
      case 3: if (!Array.isArray(container)) c[pick(['__proto__', 'extra', 'constructor', 'zz'])] = pick(values)(); else container.push(pick(values)()); break;
      case 4: { // rename a record key (ids must match their keys)
        if (!Array.isArray(container)) { const v = c[key]!; delete c[key]; c[`${String(key)}${pick(['', '_2', 'x'])}`] = v; }
        break;
      }
      case 5: { const v = c[key]; if (typeof v === 'number') c[key] = v + pick([-1, 1, 0.5, 1e9]); else if (typeof v === 'string') c[key] = v.slice(0, int(v.length + 1)); break; }
      default: { const [other, otherKey] = pick(all); const o = other as Record<string | number, Json>; const tmp = c[key]!; c[key] = o[otherKey]!; o[otherKey] = tmp; }
    }
    return doc;
  }

  function textual(text: string): string {
    const at = int(text.length + 1);
    switch (int(4)) {
      case 0: return text.slice(0, at);
      case 1: return text.slice(0, at) + String.fromCharCode(int(128)) + text.slice(at + 1);
      case 2: return text.slice(0, at) + pick(['{', '}', ',', '"', '\\', 'null', '\u2028', '\ufffd']) + text.slice(at);
      default: return text.slice(0, at) + text.slice(at + 1 + int(200));
    }
  }

  return (): string => {
    if (rand() < 0.25) return textual(BASE_TEXT);
    let doc = JSON.parse(BASE_TEXT) as Json;
    const n = 1 + int(3);
    for (let i = 0; i < n; i++) doc = structural(doc);
    if (rand() < 0.05) doc = [doc];
    return JSON.stringify(doc);
  };
}

// Every mutant goes through the compiled validator, as a large file's would, so that both are compared.
beforeAll(() => prepareFastValidation(Number.POSITIVE_INFINITY));

test(`${MUTANTS.toLocaleString('en')} mutated casefiles are each rejected with a message or loaded faithfully`, () => {
  const next = mutator(20240703);
  let loaded = 0;
  let schemaValid = 0;
  const codes = new Map<string, number>();
  for (let i = 0; i < MUTANTS; i++) {
    const text = next();
    const expected = reference(text);
    if (checkFastValidator(text, i)) schemaValid++;
    let actual: Casefile | null = null;
    try {
      actual = parseCasefileText(text, NAME).casefile;
    } catch (error) {
      if (!(error instanceof ApiError)) throw new Error(`mutant ${i} crashed the loader: ${String(error)}\n${text.slice(0, 300)}`, { cause: error });
      if (!error.message.startsWith(NAME) || !KNOWN_CODES.has(error.code)) throw new Error(`mutant ${i}: unclear rejection ${error.code}: ${error.message}`, { cause: error });
      codes.set(error.code, (codes.get(error.code) ?? 0) + 1);
    }
    if ((actual === null) !== (expected === null)) {
      throw new Error(`mutant ${i}: the loader ${actual ? 'accepted' : 'rejected'} what the schema ${expected ? 'accepts' : 'rejects'}\n${text.slice(0, 2000)}`);
    }
    if (actual && !isDeepStrictEqual(actual, expected)) throw new Error(`mutant ${i}: loaded differently from the schema's reading`);
    if (actual) loaded++;
  }
  // The mutations must exercise both outcomes and every kind of rejection a damaged file can give.
  expect(loaded).toBeGreaterThan(MUTANTS * 0.05);
  expect(schemaValid).toBeGreaterThanOrEqual(loaded);
  expect(MUTANTS - loaded).toBeGreaterThan(MUTANTS * 0.5);
  for (const code of ['truncated', 'invalid-json', 'invalid-casefile', 'not-a-casefile', 'unknown-version']) expect(codes.get(code) ?? 0).toBeGreaterThan(0);
});
