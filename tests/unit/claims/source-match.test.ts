import { describe, expect, test } from 'vitest';
import { createSourceMatcher } from '../../../shared/claims/source-match';
import type { Source } from '../../../shared/model/schema';

const src = (id: string, name: string, aliases: string[] = [], affiliation = ''): Source => ({
  id, name, kind: 'outlet', role: '', affiliation, aliases, notes: '', createdBy: 'Dana', createdAt: '2026-01-01T00:00:00Z',
});

const sources = [
  src('reuters', 'Reuters', ['the news agency']),
  src('bloomberg', 'Bloomberg', ['Bloomberg News']),
  src('times', 'The Times', ['the British Times']),
  src('liu', 'Liu Pengyu', [], 'Embassy of China in the U.S.'),
  src('officials', 'European officials familiar with the matter'),
  src('zoe', 'Zoë Ångström'),
];

describe('source matching', () => {
  const matcher = createSourceMatcher(sources);

  test('finds a source by its name in any case, by an alias, and despite a typo', () => {
    expect(matcher.search('reuters')[0]).toMatchObject({ source: { id: 'reuters' }, exact: true });
    expect(matcher.search('the news agency')[0]).toMatchObject({ source: { id: 'reuters' }, exact: true });
    expect(matcher.search('Bloomburg')[0]!.source.id).toBe('bloomberg');
    expect(matcher.search('british times')[0]!.source.id).toBe('times');
    expect(matcher.search('european officials')[0]!.source.id).toBe('officials');
    expect(matcher.search('zoe angstrom')[0]!.source.id).toBe('zoe');
  });

  test('an exact name or alias is recognised so no duplicate source is created', () => {
    expect(matcher.exactly('  REUTERS ')?.id).toBe('reuters');
    expect(matcher.exactly('Bloomberg News')?.id).toBe('bloomberg');
    expect(matcher.exactly('Bloomberg Television')).toBeUndefined();
  });

  test('nothing matches an unrelated name, and a blank query asks for nothing', () => {
    expect(matcher.search('Kupol')).toEqual([]);
    expect(matcher.search('   ')).toEqual([]);
  });
});
