import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { chainText, type ReportHop } from '../../../shared/report/model';
import { chainDifferences } from '../../../shared/review/chains';
import { parseSourceCount, sourceCountText, sourceCountValue } from '../../../shared/claims/source-count';
import { Hop, type Casefile } from '../../../shared/model/schema';

describe('number of sources: a count or a word', () => {
  test.each([
    ['2', 2], [' 12 ', 12], ['1,200', 1200], ['two', 2], ['Twelve', 12],
    ['several', 'several'], [' Several ', 'several'], ['MULTIPLE', 'multiple'], ['a  few', 'a few'], ['many', 'many'], ['unknown', 'unknown'],
    ['', null], ['   ', null],
  ])('"%s" is read as %j', (typed, expected) => {
    expect(parseSourceCount(typed)).toBe(expected);
  });

  test.each(['0', '-1', '1.5', '100001', 'lots', 'some', '2 officials', 'twenty-one'])('"%s" is not a number of sources', (typed) => {
    expect(parseSourceCount(typed)).toBeUndefined();
  });

  test('one wording for the editor and every report and review', () => {
    expect([1, 2, 'several', 'a few', 'unknown', null].map((c) => sourceCountText(c as never)))
      .toEqual(['1 source', '2 sources', 'several sources', 'a few sources', 'an unknown number of sources', '']);
    expect(sourceCountValue('multiple')).toBe('multiple');
    expect(sourceCountValue(3)).toBe('3');
    expect(sourceCountValue(null)).toBe('');
  });

  test('the casefile holds numbers and the closed set of words, nothing else', () => {
    const hop = (sourceCount: unknown) => Hop.safeParse({ id: 'h', sourceId: null, typeId: 't', sourceCount }).success;
    expect([2, 'several', 'unknown', null].map(hop)).toEqual([true, true, true, true]);
    expect([0, 1.5, 'lots', '2', ''].map(hop)).toEqual([false, false, false, false, false]);
  });
});

describe('a word count in the reports and the review comparison', () => {
  const v2 = (): Casefile => JSON.parse(readFileSync(path.resolve(__dirname, '../../fixtures/casefiles/v2.corroborate'), 'utf8'));

  test('the chain text of every export says the word', () => {
    const hop: ReportHop = {
      label: 'European officials', typeId: 'anonymous', typeLabel: 'Anonymous', color: '#000000', cue: '', hedging: '', quoteMode: '',
      sourceCount: 'several', anonymityReasonGiven: null, grade: '', note: '',
    };
    expect(chainText({ outlet: 'Kyiv Independent', chain: [hop] })).toBe('Kyiv Independent → European officials (anonymous, several sources)');
    expect(chainText({ outlet: 'Kyiv Independent', chain: [{ ...hop, sourceCount: 2 }] })).toBe('Kyiv Independent → European officials (anonymous, 2 sources)');
  });

  test('a review shows a count against a word as a difference, and the same word as none', () => {
    const mine = v2();
    const theirs = v2();
    expect(chainDifferences(mine, mine.claims.c_1!, theirs, theirs.claims.c_1!)).toEqual([]);
    theirs.claims.c_1!.chain[1]!.sourceCount = 3;
    expect(chainDifferences(mine, mine.claims.c_1!, theirs, theirs.claims.c_1!)).toEqual(['hop 2 number of sources: several sources / 3 sources']);
  });
});
