/**
 * The W3C Web Annotation test suite (w3c/web-annotation-tests) as a validator:
 * every definition file loaded into ajv (draft-04), and each assertion of a
 * .test list compiled against them.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv-draft-04';

export { W3C_DIR } from '../../support/fixtures';
import { W3C_DIR } from '../../support/fixtures';

/** RFC 3986 absolute URI: a scheme, then no spaces or characters outside the URI grammar. */
const URI = /^[a-z][a-z0-9+.-]*:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]*$/i;
/** RFC 3339 date-time, as xsd:dateTime in the model. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export interface Assertion {
  file: string;
  title: string;
  assertionType: string;
  validate: ValidateFunction;
}

function readJson(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

export function createW3cValidator() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addFormat('uri', (s: string) => URI.test(s));
  ajv.addFormat('date-time', (s: string) => DATE_TIME.test(s) && Number.isFinite(Date.parse(s)));
  const definitions = path.join(W3C_DIR, 'definitions');
  for (const f of readdirSync(definitions).filter((n) => n.endsWith('.json'))) ajv.addSchema(readJson(path.join(definitions, f)));

  /** The assertions listed in one of the suite's .test files, e.g. annotations/annotationMusts.test. */
  function assertions(testFile: string): Assertion[] {
    const list = readJson(path.join(W3C_DIR, testFile)).assertions as string[];
    return list.map((rel) => {
      const schema = readJson(path.join(W3C_DIR, rel));
      return { file: rel, title: String(schema.title ?? rel), assertionType: String(schema.assertionType), validate: ajv.compile(schema) };
    });
  }

  function assertion(rel: string): Assertion {
    const schema = readJson(path.join(W3C_DIR, rel));
    return { file: rel, title: String(schema.title ?? rel), assertionType: String(schema.assertionType), validate: ajv.compile(schema) };
  }

  function definition(ref: string): ValidateFunction {
    const fn = ajv.getSchema(ref);
    if (!fn) throw new Error(`No schema ${ref}`);
    return fn;
  }

  return { assertions, assertion, definition };
}

/** Failed assertions of one annotation, as readable lines. */
export function failures(annotation: unknown, list: Assertion[]): string[] {
  return list.filter((a) => !a.validate(annotation)).map((a) => `${a.file}: ${a.title}`);
}

/** The suite's sample annotations (its collections and non-JSON files left out). */
export function samples(kind: 'correct' | 'incorrect'): { name: string; annotation: Record<string, unknown> }[] {
  const dir = path.join(W3C_DIR, 'tools', 'samples', kind);
  const out: { name: string; annotation: Record<string, unknown> }[] = [];
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.json'))) {
    let annotation: unknown;
    try {
      annotation = JSON.parse(readFileSync(path.join(dir, name), 'utf8'));
    } catch {
      continue;
    }
    if (annotation && typeof annotation === 'object' && (annotation as { type?: unknown }).type !== 'AnnotationCollection' && (annotation as { type?: unknown }).type !== 'AnnotationPage') {
      out.push({ name, annotation: annotation as Record<string, unknown> });
    }
  }
  return out;
}
