import { describe, expect, test } from 'vitest';
import { articleOrder, articleRows, filterRows, outletCounts, rowsInOrder, sortRows } from '../../../shared/articles/list';
import { ArticleSearch } from '../../../shared/articles/search';
import { textWithoutExcluded } from '../../../shared/articles/analysis-text';
import { emptyCasefile } from '../../../shared/model/casefile';
import type { Article, Casefile } from '../../../shared/model/schema';
import { textHash } from '../../../shared/text/hash';

function article(id: string, fields: Partial<Article>, createdAt: string): Article {
  const text = fields.text ?? `Text of ${id}.`;
  return {
    id, title: '', outlet: '', author: '', publishedAt: '', url: '', language: 'en', notes: '', text, textHash: textHash(text),
    origin: { fileName: `${id}.txt`, format: 'txt' }, excluded: [], createdBy: 'Dana', createdAt, ...fields,
  };
}

function casefile(): Casefile {
  const cf = emptyCasefile({ id: 'cf', title: 'T', analyst: 'Dana', now: '2024-01-01T00:00:00Z' });
  cf.articles = {
    a: article('a', { title: 'Drone factory in Xinjiang', outlet: 'Reuters', publishedAt: '2024-09-25', text: 'Kupol tested the Garpiya-3 drone at a factory in China.' }, '2024-10-01T10:00:00Z'),
    b: article('b', { title: 'Allies believe China developing drones', outlet: 'The Kyiv Independent', publishedAt: '2024-07-03', text: 'European officials familiar with the matter told Bloomberg.' }, '2024-10-01T10:00:01Z'),
    c: article('c', { title: 'Aggregator rewrite', outlet: '', publishedAt: '', text: 'The British Times reported that a western official said so.' }, '2024-10-01T10:00:02Z'),
  };
  cf.claims = {
    c1: { id: 'c1', articleId: 'b', quote: { type: 'TextQuoteSelector', exact: 'European', prefix: '', suffix: '' }, position: { type: 'TextPositionSelector', start: 0, end: 8 }, textHash: cf.articles.b!.textHash, anchor: 'exact', chain: [], notes: '', createdBy: 'Dana', createdAt: '2024-10-01T11:00:00Z' },
  };
  cf.copyFlags = { f1: { id: 'f1', articleA: 'a', articleB: 'c', similarity: 0.9, kind: 'near-duplicate', status: 'open' } };
  return cf;
}

const ids = (rows: { article: Article }[]) => rows.map((r) => r.article.id);

describe('article list', () => {
  const rows = articleRows(casefile());

  test('rows carry claim counts and open copy flags', () => {
    expect(rows.map((r) => [r.article.id, r.claims, r.openFlags.length])).toEqual([['a', 0, 1], ['b', 1, 0], ['c', 0, 1]]);
  });

  test('rows that did not change are kept, the same objects; a row whose claims, article or flags changed is new', () => {
    const before = casefile();
    const first = articleRows(before);
    const withClaim: Casefile = { ...before, claims: { ...before.claims, c2: { ...before.claims.c1!, id: 'c2', articleId: 'a' } } };
    const second = articleRows(withClaim, undefined, first);
    expect(second.map((r, i) => r === first[i])).toEqual([false, true, true]);
    expect(second[0]!.claims).toBe(1);
    const renamed: Casefile = { ...withClaim, articles: { ...withClaim.articles, b: { ...withClaim.articles.b!, title: 'Renamed' } } };
    const third = articleRows(renamed, undefined, second);
    expect(third.map((r, i) => r === second[i])).toEqual([true, false, true]);
    const decided: Casefile = { ...renamed, copyFlags: { f1: { ...renamed.copyFlags.f1!, status: 'linked' } } };
    const fourth = articleRows(decided, undefined, third);
    expect(fourth.map((r, i) => r === third[i])).toEqual([false, true, false]);
    expect(fourth[0]!.linkedFlags).toHaveLength(1);
    // Rows of other articles (one removed, so every position shifts) are never taken for these.
    const { a: _removed, ...rest } = decided.articles;
    const fifth = articleRows({ ...decided, articles: rest }, undefined, fourth);
    expect(fifth.map((r) => r.article.id)).toEqual(['b', 'c']);
    expect(fifth.some((r) => fourth.includes(r))).toBe(false);
  });

  test('sorts by each key; articles without a date or outlet go last either way', () => {
    expect(ids(sortRows(rows, 'imported'))).toEqual(['a', 'b', 'c']);
    expect(ids(sortRows(rows, 'imported', true))).toEqual(['c', 'b', 'a']);
    expect(ids(sortRows(rows, 'date', true))).toEqual(['a', 'b', 'c']);
    expect(ids(sortRows(rows, 'date'))).toEqual(['b', 'a', 'c']);
    expect(ids(sortRows(rows, 'outlet'))).toEqual(['a', 'b', 'c']);
    expect(ids(sortRows(rows, 'outlet', true))).toEqual(['b', 'a', 'c']);
    expect(ids(sortRows(rows, 'title'))).toEqual(['c', 'b', 'a']);
    expect(ids(sortRows(rows, 'claims', true))).toEqual(['b', 'a', 'c']);
  });

  test('the order by any key but claims comes from the articles alone, as sortRows gives it', () => {
    const { articles } = casefile();
    for (const key of ['imported', 'date', 'outlet', 'title'] as const) {
      for (const descending of [false, true]) {
        expect(rowsInOrder(rows, articleOrder(articles, key, descending))).toEqual(sortRows(rows, key, descending));
      }
    }
    expect(ids(rowsInOrder(rows.slice(1), articleOrder(articles, 'imported')))).toEqual(['b', 'c']);
  });

  test('filters by claims, copies, date and outlet', () => {
    expect(ids(filterRows(rows, { show: 'with-claims', outlet: '' }))).toEqual(['b']);
    expect(ids(filterRows(rows, { show: 'without-claims', outlet: '' }))).toEqual(['a', 'c']);
    expect(ids(filterRows(rows, { show: 'copies', outlet: '' }))).toEqual(['a', 'c']);
    expect(ids(filterRows(rows, { show: 'undated', outlet: '' }))).toEqual(['c']);
    expect(ids(filterRows(rows, { show: 'all', outlet: 'Reuters' }))).toEqual(['a']);
    expect(outletCounts(rows.map((r) => r.article))).toEqual([['Reuters', 1], ['The Kyiv Independent', 1]]);
  });
});

describe('fuzzy search', () => {
  const articles = Object.values(casefile().articles);

  test('finds titles and outlets despite typos', () => {
    const search = new ArticleSearch(articles);
    expect(search.search('kyiv indepndent')[0]).toMatchObject({ articleId: 'b', in: 'metadata' });
    expect(search.search('xinjang')[0]).toMatchObject({ articleId: 'a' });
  });

  test('finds words of the full text, every query word required', () => {
    const search = new ArticleSearch(articles);
    expect(search.search('garpiya factory').map((h) => h.articleId)).toEqual(['a']);
    expect(search.search('westren oficial').map((h) => h.articleId)).toEqual(['c']);
    expect(search.search('garpiya bloomberg')).toEqual([]);
    expect(search.search('   ')).toEqual([]);
  });

  test('page-chrome ranges are not searched', () => {
    const text = 'Drone report body.\nSubscribe to our newsletter Nikopol';
    const start = text.indexOf('Subscribe');
    const withChrome = article('d', { title: 'Report', text, excluded: [{ id: 'x', start, end: text.length, reason: 'chrome' }] }, '2024-10-01T10:00:03Z');
    expect(textWithoutExcluded(text, withChrome.excluded)).toBe('Drone report body.\n\n');
    const search = new ArticleSearch([withChrome]);
    expect(search.search('nikopol')).toEqual([]);
    expect(search.search('drone report')).toHaveLength(1);
  });
});
