import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { ApiError } from '../../../shared/api/dispatch';
import { casefileJsonSchema } from '../../../electron/services/casefile/fast-validate';
import { parseCasefileText } from '../../../electron/services/casefile/store';

const V1 = readFileSync(path.resolve(__dirname, '..', '..', 'fixtures', 'casefiles', 'v1.corroborate'), 'utf8');

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a test reaches into the JSON freely
function rejected(mutate: (doc: Record<string, any>) => void): ApiError {
  const doc = JSON.parse(V1);
  mutate(doc);
  try {
    parseCasefileText(JSON.stringify(doc), 'Case.corroborate');
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return error as ApiError;
  }
  throw new Error('expected the casefile to be rejected');
}

describe('references and odd ids', () => {
  test('a claim pointing at an inherited property name is not taken for an article', () => {
    const error = rejected((d) => (d.claims.c_1.articleId = 'toString'));
    expect(error.message).toBe('Case.corroborate is not a valid casefile: claims.c_1.articleId: unknown article.');
  });

  test('"__proto__" cannot be an id', () => {
    const error = rejected((d) => {
      d.sources = JSON.parse(JSON.stringify(d.sources).replace('"src_liu":', '"__proto__":'));
    });
    expect(error.message).toMatch(/^Case\.corroborate is not a valid casefile: sources\.__proto__: "__proto__" cannot be an id/);
  });

  test('the wrong shape names the field and counts the other problems', () => {
    const error = rejected((d) => {
      d.meta.title = 42;
      d.claims.c_1.chain[0].credibility = 9;
    });
    expect(error.code).toBe('invalid-casefile');
    expect(error.message).toMatch(/^Case\.corroborate is not a valid casefile: meta\.title: .*expected string.* \(and 1 more problem\)\.$/);
  });
});

test('the compiled schema closes every object, as zod strips unknown keys', () => {
  const open: string[] = [];
  const walk = (node: unknown, at: string) => {
    if (!node || typeof node !== 'object') return;
    const s = node as Record<string, unknown>;
    if (s.properties && s.additionalProperties !== false) open.push(at);
    for (const [k, v] of Object.entries(s)) walk(v, `${at}/${k}`);
  };
  walk(casefileJsonSchema(), '#');
  expect(open).toEqual([]);
});
