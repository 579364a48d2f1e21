import { describe, expect, test } from 'vitest';
import { createSourceMatcher, sourceKey, sourceOptions } from '../../../shared/claims/source-match';
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

describe('what the source field offers, and what Enter takes without ↓/↑', () => {
  const registry = createSourceMatcher([
    ...sources,
    src('kupol', 'Kupol documents seen by Reuters'),
    src('nato-spox', 'NATO spokesperson'),
    src('us-embassy', 'U.S. Embassy in Beijing'),
    src('china-fm', "China's foreign ministry"),
  ]);
  const offer = (typed: string, canCreate = true) => {
    const { options, first } = sourceOptions(registry, typed, { canCreate });
    const label = (o: (typeof options)[number]) => (o.kind === 'create' ? `create:${o.name}` : `${o.exact ? 'exact' : 'near'}:${o.source.id}`);
    return { list: options.map(label), enter: first === null ? null : label(options[first]!) };
  };

  test('a name that is a substring of a registry name: a new source of exactly that name, the longer one only suggested', () => {
    const withoutReuters = createSourceMatcher([src('kupol', 'Kupol documents seen by Reuters')]);
    const { options, first } = sourceOptions(withoutReuters, 'Reuters', { canCreate: true });
    expect(options[first!]).toEqual({ kind: 'create', name: 'Reuters' });
    expect(options.slice(1).map((o) => o.kind === 'source' && o.source.id)).toEqual(['kupol']);
  });

  test('the exact name is offered first and taken, even when a longer name contains it', () => {
    expect(offer('Reuters')).toMatchObject({ enter: 'exact:reuters' });
    expect(offer('Reuters').list[0]).toBe('exact:reuters');
    expect(offer('Reuters').list).toContain('near:kupol');
    expect(offer('Reuters').list).not.toContain('create:Reuters');
  });

  test('a near-miss is only a suggestion: "US spokesperson" does not become "NATO spokesperson"', () => {
    const { list, enter } = offer('US spokesperson');
    expect(enter).toBe('create:US spokesperson');
    expect(list).toContain('near:nato-spox');
  });

  test('a prefix is not a match: "Bloom" creates "Bloom" unless Bloomberg is chosen', () => {
    expect(offer('Bloom')).toEqual({ list: ['create:Bloom', 'near:bloomberg'], enter: 'create:Bloom' });
  });

  test('case, accents, punctuation and spacing do not matter for the exact match', () => {
    expect(offer('reuters.').enter).toBe('exact:reuters');
    expect(offer('  THE  news-agency ').enter).toBe('exact:reuters');
    expect(offer('US Embassy in Beijing').enter).toBe('exact:us-embassy');
    expect(offer('Chinas foreign ministry').enter).toBe('exact:china-fm');
    expect(offer('zoe angstrom').enter).toBe('exact:zoe');
    expect(sourceKey('U.S.  Embassy — Beijing')).toBe('us embassy beijing');
  });

  test('a different word is never an exact match', () => {
    expect(offer('Reuters agency').enter).toBe('create:Reuters agency');
    expect(offer('The Time').enter).toBe('create:The Time');
  });

  test('where no source may be created, nothing is taken unless it is exact or chosen', () => {
    expect(offer('US spokesperson', false)).toEqual({ list: ['near:nato-spox'], enter: null });
    expect(offer('reuters', false).enter).toBe('exact:reuters');
    expect(offer('   ')).toEqual({ list: [], enter: null });
  });

  test('an excluded source (the one being merged) is never offered', () => {
    const { options } = sourceOptions(registry, 'Reuters', { canCreate: false, exclude: 'reuters' });
    expect(options.map((o) => o.kind === 'source' && o.source.id)).toEqual(['kupol']);
  });
});
