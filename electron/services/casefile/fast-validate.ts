/**
 * A compiled validator for casefiles, generated from the zod schema in
 * shared/model/schema.ts (which stays the one definition of the format).
 *
 * zod checks a large casefile about four times slower than the time JSON.parse
 * takes to read it; ajv's compiled code, fed zod's own JSON Schema, is far
 * faster. It validates the parsed document in place: it fills defaults and
 * drops unknown keys exactly as zod's parse would. When it rejects a document,
 * zod runs instead to name the problems. A fuzz test
 * (tests/unit/store/fuzz-loader.test.ts) checks that both agree.
 */
import type { ValidateFunction } from 'ajv';
import { z } from 'zod';
import * as schema from '../../../shared/model/schema';
import type { Casefile } from '../../../shared/model/schema';

/**
 * Parts of the casefile compiled as separate functions: V8 does not optimise
 * one huge function, so keeping each record type in its own function makes
 * validation several times faster.
 */
const COMPONENTS = {
  SourcingType: schema.SourcingType,
  Article: schema.Article,
  Claim: schema.Claim,
  Hop: schema.Hop,
  TextQuoteSelector: schema.TextQuoteSelector,
  TextPositionSelector: schema.TextPositionSelector,
  Source: schema.Source,
  Proposition: schema.Proposition,
  PropositionMember: schema.PropositionMember,
  Assessment: schema.Assessment,
  RootJudgement: schema.RootJudgement,
  CopyFlag: schema.CopyFlag,
  ReviewComment: schema.ReviewComment,
  AuditEntry: schema.AuditEntry,
  RejectedProposal: schema.RejectedProposal,
};

type JsonSchema = Record<string, unknown>;

/** The casefile's JSON Schema (draft 7) as zod describes it, with every object closed to unknown keys. */
export function casefileJsonSchema(): JsonSchema {
  const registry = z.registry<{ id: string }>();
  for (const [id, part] of Object.entries(COMPONENTS)) registry.add(part, { id });
  const generated = z.toJSONSchema(schema.Casefile, { io: 'input', target: 'draft-7', unrepresentable: 'throw', metadata: registry }) as JsonSchema;
  closeObjects(generated, false);
  return generated;
}

/** zod drops unknown keys; ajv does the same for objects marked `additionalProperties: false`. */
function closeObjects(node: unknown, insideAlternatives: boolean): void {
  if (Array.isArray(node)) {
    for (const item of node) closeObjects(item, insideAlternatives);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const s = node as JsonSchema;
  if (s.properties && s.additionalProperties === undefined) {
    // ajv would drop keys while trying a failing alternative; the format has no such objects, keep it so.
    if (insideAlternatives) throw new Error('casefile schema: an object inside anyOf/oneOf cannot be validated in place');
    s.additionalProperties = false;
  }
  for (const [key, value] of Object.entries(s)) closeObjects(value, insideAlternatives || key === 'anyOf' || key === 'oneOf');
}

/**
 * The same schema with every field that has a default required, checked
 * without filling or dropping anything: a document it accepts is one the
 * in-place validator would leave exactly as it is (no default to fill, no
 * unknown key to drop), so the file's own text is that casefile as JSON.
 */
export function verbatimJsonSchema(): JsonSchema {
  const generated = casefileJsonSchema();
  requireDefaulted(generated);
  return generated;
}

function requireDefaulted(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) requireDefaulted(item);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const s = node as JsonSchema;
  if (s.properties && typeof s.properties === 'object') {
    const defaulted = Object.entries(s.properties as JsonSchema).filter(([, p]) => typeof p === 'object' && p !== null && 'default' in p).map(([key]) => key);
    if (defaulted.length) s.required = [...new Set([...((s.required as string[] | undefined) ?? []), ...defaulted])];
  }
  for (const value of Object.values(s)) requireDefaulted(value);
}

interface Validators {
  inPlace: ValidateFunction;
  verbatim: ValidateFunction;
}

let compiled: Validators | null = null;
let compiling: Promise<Validators> | null = null;

/**
 * Compiling the validator takes a quarter of a second, which only pays off
 * for large files: until one comes along, smaller ones go straight to zod.
 */
export const FAST_VALIDATION_MIN_CHARS = 2_000_000;

/**
 * Loads ajv and compiles the validator when a text of this length would
 * repay it (ajv is not loaded at start-up: a tenth of browser mode's).
 */
export async function prepareFastValidation(textLength: number): Promise<void> {
  if (compiled !== null || textLength < FAST_VALIDATION_MIN_CHARS) return;
  compiling ??= import('ajv').then(({ default: Ajv }) => {
    const options = {
      // zod counts string length in UTF-16 units, as JavaScript does.
      unicode: false, inlineRefs: false, allErrors: false, strict: false, logger: false,
    } as const;
    return {
      inPlace: new Ajv({ ...options, useDefaults: true, removeAdditional: true }).compile(casefileJsonSchema()),
      verbatim: new Ajv({ ...options, useDefaults: false, removeAdditional: false }).compile(verbatimJsonSchema()),
    };
  });
  compiled = await compiling;
}

/** Delay before compiling in the background, so the window's first calls are answered first. */
const SOON_MS = 300;

/**
 * Compiles the validators in the background when a file this large may be
 * opened soon (the workspace's list holds one): the first open then does not
 * wait for the compilation (0.3–0.9 s). A timer that does not keep the process alive.
 */
export function prepareFastValidationSoon(bytes: number): void {
  if (compiled !== null || compiling !== null || bytes < FAST_VALIDATION_MIN_CHARS) return;
  setTimeout(() => void prepareFastValidation(bytes).catch(() => undefined), SOON_MS).unref();
}

/**
 * Checks a migrated document against the schema, filling defaults and
 * dropping unknown keys in place. True means `doc` is now a valid Casefile
 * (references still need checking); false means: ask zod what is wrong.
 */
export function validateCasefileInPlace(doc: unknown): doc is Casefile {
  if (compiled === null) throw new Error('validateCasefileInPlace: call prepareFastValidation first');
  return compiled.inPlace(doc) as boolean;
}

/**
 * True when `doc` is a valid casefile as it is: validating it in place would
 * change nothing. Does not change `doc`. Needs prepareFastValidation first.
 */
export function validatesVerbatim(doc: unknown): boolean {
  if (compiled === null) throw new Error('validatesVerbatim: call prepareFastValidation first');
  return compiled.verbatim(doc) as boolean;
}

/** The compiled validator, loaded now if need be: for casefiles built whole from an import (a REFI-QDA project), which are as large as their source. */
export async function loadFastValidator(): Promise<(doc: unknown) => doc is Casefile> {
  await prepareFastValidation(FAST_VALIDATION_MIN_CHARS);
  return validateCasefileInPlace;
}

/** The compiled validator once it is ready (see prepareFastValidation), else undefined: zod validates. */
export function fastValidator(): ((doc: unknown) => doc is Casefile) | undefined {
  return compiled === null ? undefined : validateCasefileInPlace;
}
