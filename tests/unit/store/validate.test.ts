import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { ApiError } from '../../../shared/api/dispatch';
import { casefileJsonSchema } from '../../../electron/services/casefile/fast-validate';
import { parseCasefileText } from '../../../electron/services/casefile/store';
import { ID_RULE } from '../../../shared/model/ids';

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
    expect(error.message).toBe(`Case.corroborate is not a valid casefile: claims.c_1.articleId: ${ID_RULE}.`);
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

describe('what the schema alone cannot see', () => {
  test.each([
    ['articles', 'a_000'], ['claims', 'c_1'], ['sources', 'src_liu'], ['propositions', 'p_1'], ['reviews', 'r_1'],
  ])('a record in %s whose id differs from its key is refused', (collection, key) => {
    const error = rejected((d) => (d[collection][key].id = 'someone_else'));
    expect(error.message).toBe(`Case.corroborate is not a valid casefile: ${collection}.${key}: id "someone_else" does not match its key.`);
  });

  test('copy flags and root judgements are checked the same way', () => {
    const error = rejected((d) => {
      d.copyFlags.f_1 = { id: 'f_2', articleA: 'a_000', articleB: 'a_002', similarity: 0.9, kind: 'near-duplicate', status: 'open' };
      d.rootJudgements.j_1 = { id: 'j_2', sourceA: 'src_liu', sourceB: 'src_bloomberg', relation: 'same', createdBy: 'x', createdAt: '' };
    });
    expect(error.message).toBe('Case.corroborate is not a valid casefile: rootJudgements.j_1: id "j_2" does not match its key (and 1 more problem).');
    expect(error.details).toMatchObject({ problems: [{ path: 'rootJudgements.j_1' }, { path: 'copyFlags.f_1' }] });
  });

  test.each([
    ['ends before it starts', { id: 'x_1', start: 40, end: 10 }],
    ['ends beyond the text', { id: 'x_1', start: 0, end: 10_000_000 }],
  ])('an excluded range that %s is refused', (_, range) => {
    const error = rejected((d) => d.articles.a_000.excluded.push(range));
    expect(error.message).toBe('Case.corroborate is not a valid casefile: articles.a_000.excluded: excluded range lies outside the article text.');
  });

  test('a shared passage that lies outside either article of its flag is refused (a colleague’s file is untrusted)', () => {
    const error = rejected((d) => {
      d.copyFlags.f_1 = {
        id: 'f_1', articleA: 'a_000', articleB: 'a_002', similarity: 0.3, kind: 'partial-overlap', status: 'open',
        passages: [{ a: { start: 0, end: 20 }, b: { start: 5, end: 10_000_000 }, words: 12 }],
      };
    });
    expect(error.message).toBe('Case.corroborate is not a valid casefile: copyFlags.f_1.passages: outside the article text.');
  });

  test('two sourcing types with one id are refused', () => {
    const error = rejected((d) => d.taxonomy.push({ ...d.taxonomy[0], label: 'Impostor' }));
    expect(error.message).toBe('Case.corroborate is not a valid casefile: taxonomy.named-official: two sourcing types share this id.');
  });

  test('the count of problems is the true count, not the length of the list', () => {
    const error = rejected((d) => {
      const claim = d.claims.c_1;
      for (let i = 0; i < 4_951; i++) d.claims[`bad_${i}`] = { ...claim, id: `bad_${i}`, articleId: 'a_gone' };
    });
    expect(error.message).toBe('Case.corroborate is not a valid casefile: claims.bad_0.articleId: unknown article (and 4,950 more problems).');
    expect((error.details as { problems: unknown[] }).problems).toHaveLength(50);
  });

  test('thousands of shape problems are counted too', () => {
    const error = rejected((d) => {
      for (let i = 0; i < 3_000; i++) d.claims[`bad_${i}`] = { ...d.claims.c_1, id: `bad_${i}`, notes: 7 };
    });
    expect(error.message).toMatch(/ \(and 2,999 more problems\)\.$/);
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
