import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { newHop } from '../../../shared/claims/chain';
import { ClaimSearchIndex, UNTAGGED } from '../../../shared/claims/search-index';
import { allowedTypos, prefixDistance, words } from '../../../shared/claims/tokens';
import type { Casefile, Claim } from '../../../shared/model/schema';
import { generateCasefile, SCALES } from '../../support/generate';
import { apply, casefileWith000, claimQuote } from './fixtures';

function annotated(): Casefile {
  let cf = casefileWith000();
  cf = claimQuote(cf, 'shahed', 'Chinese companies are allegedly developing attack drones similar to the Iranian-produced Shahed-type drone');
  cf = claimQuote(cf, 'denial', 'denied that China is providing lethal aid to Russia');
  cf = claimQuote(cf, 'iran', 'Iran has been producing Shahed-type drones for Russia');
  cf = apply(cf,
    { type: 'source.add', source: { id: 'bb', name: 'Bloomberg', kind: 'outlet', role: '', affiliation: '', aliases: ['Bloomberg News'], notes: '' } },
    { type: 'source.add', source: { id: 'eu', name: 'European officials familiar with the matter', kind: 'anonymous-group', role: '', affiliation: '', aliases: [], notes: '' } },
    { type: 'source.add', source: { id: 'liu', name: 'Liu Pengyu', kind: 'person', role: 'spokesperson', affiliation: '', aliases: [], notes: '' } },
    { type: 'claim.setChain', claimId: 'shahed', chain: [newHop('h1', 'outlet-citing-outlet', 'bb'), newHop('h2', 'anonymous', 'eu')] },
    { type: 'claim.setChain', claimId: 'denial', chain: [newHop('h3', 'outlet-citing-outlet', 'bb'), newHop('h4', 'named-official', 'liu')] },
    { type: 'claim.setNotes', claimId: 'iran', notes: 'Background, no source given' },
  );
  return cf;
}

describe('claim search index', () => {
  const cf = annotated();
  const index = ClaimSearchIndex.build(cf);
  const find = (query: string, more = {}) => index.search({ query, ...more }).ids;

  test('finds claims by their words, their notes and the names of sources in their chains, in reading order', () => {
    expect(find('')).toEqual(['shahed', 'denial', 'iran']);
    expect(find('shahed')).toEqual(['shahed', 'iran']);
    expect(find('bloomberg')).toEqual(['shahed', 'denial']);
    expect(find('bloomberg news')).toEqual(['shahed', 'denial']);
    expect(find('europ offic')).toEqual(['shahed']);
    expect(find('background')).toEqual(['iran']);
    expect(find('liu lethal')).toEqual(['denial']);
  });

  test('with article words, also finds claims by their article\'s outlet and title; the claims panel does not', () => {
    const article = cf.articles.a000!;
    const finder = ClaimSearchIndex.build(cf, { articleWords: true });
    const outletWord = words(article.outlet)[0]!;
    const titleWord = words(article.title).find((w) => w.length > 5 && !find(w).length)!;
    expect(titleWord, 'a title word no claim text contains').toBeTruthy();
    expect(finder.search({ query: titleWord }).ids).toEqual(['shahed', 'denial', 'iran']);
    expect(find(titleWord)).toEqual([]);
    expect(finder.search({ query: `${outletWord} lethal` }).ids).toEqual(['denial']);
  });

  test('tolerates typos in longer words, ranks whole words first, and every word must match', () => {
    expect(find('blomberg')).toEqual(['shahed', 'denial']);
    expect(find('shahd-type')).toEqual(['shahed', 'iran']);
    expect(find('drone')).toEqual(['shahed', 'iran']);
    expect(find('iran')).toEqual(['iran', 'shahed']);
    expect(find('shahed pengyu')).toEqual([]);
    expect(find('xq')).toEqual([]);
  });

  test('filters by sourcing type, source, article, proposition, review status and anchor', () => {
    expect(find('', { typeId: 'anonymous' })).toEqual(['shahed']);
    expect(find('', { typeId: UNTAGGED })).toEqual(['iran']);
    expect(find('', { sourceId: 'bb' })).toEqual(['shahed', 'denial']);
    expect(find('', { sourceId: 'liu', typeId: 'anonymous' })).toEqual([]);
    expect(find('drones', { articleId: 'a000' })).toEqual(['shahed', 'iran']);
    expect(find('', { articleId: 'elsewhere' })).toEqual([]);
    expect(find('', { review: 'unreviewed' })).toHaveLength(3);
    expect(find('', { anchor: 'orphaned' })).toEqual([]);

    const reviewed = apply(cf,
      { type: 'proposition.add', proposition: { id: 'p1', statement: 'China provides lethal aid to Russia', members: [{ claimId: 'denial', stance: 'contradicts', addedBy: 'Dana', addedAt: '2026-03-01' }], assessment: { rating: null, reliability: null, credibility: null, notes: '' } } },
      { type: 'review.set', review: { id: 'r1', target: { kind: 'claim', id: 'shahed' }, status: 'disputed', comment: '', by: 'Sam', at: '2026-03-02T00:00:00Z' } },
      { type: 'review.set', review: { id: 'r2', target: { kind: 'claim', id: 'shahed' }, status: 'approved', comment: '', by: 'Sam', at: '2026-03-03T00:00:00Z' } },
    );
    const next = ClaimSearchIndex.build(reviewed);
    expect(next.search({ propositionId: 'p1' }).ids).toEqual(['denial']);
    expect(next.search({ review: 'approved' }).ids).toEqual(['shahed']);
    expect(next.search({ review: 'disputed' }).ids).toEqual([]);
    expect(next.search({ review: 'unreviewed' }).ids).toEqual(['denial', 'iran']);
  });

  test('a rebuilt index sees edited notes and renamed sources', () => {
    const edited = apply(cf,
      { type: 'claim.setNotes', claimId: 'iran', notes: 'Checked against Kupol filings' },
      { type: 'source.update', sourceId: 'liu', patch: { name: 'Embassy spokesperson' } },
    );
    const next = ClaimSearchIndex.build(edited);
    expect(next.search({ query: 'kupol' }).ids).toEqual(['iran']);
    expect(next.search({ query: 'background' }).ids).toEqual([]);
    expect(next.search({ query: 'embassy spokes' }).ids).toEqual(['denial']);
    expect(next.search({ query: 'pengyu' }).ids).toEqual([]);
  });

  test('hostile and invisible characters neither break nor hide a search', () => {
    const edited = apply(cf, { type: 'claim.setNotes', claimId: 'iran', notes: 'see\u200B <script>alert(1)</script> \u202Eevil 🛩 Kyïv' });
    const next = ClaimSearchIndex.build(edited);
    expect(next.search({ query: 'see' }).ids).toEqual(['iran']);
    expect(next.search({ query: '<script>' }).ids).toEqual(['iran']);
    expect(next.search({ query: 'kyiv' }).ids).toEqual(['iran']);
    expect(next.search({ query: '🛩 ' }).ids).toEqual(['shahed', 'denial', 'iran']);
  });
});

describe('claim search on a generated casefile', () => {
  const cf = generateCasefile({ ...SCALES.typical, articles: 20, claims: 600 }, 7);
  const index = ClaimSearchIndex.build(cf);
  const wordsOf = (c: Claim) => new Set(words([
    c.quote.exact, c.notes, ...c.chain.flatMap((h) => [h.cue, h.hedging, h.note]),
    ...c.chain.flatMap((h) => (h.sourceId ? [cf.sources[h.sourceId]!.name, ...cf.sources[h.sourceId]!.aliases] : [])),
  ].join(' ')));
  const vocabulary = [...new Set(Object.values(cf.claims).flatMap((c) => [...wordsOf(c)]))];

  test('finds exactly the claims with a word starting with each term, plus only near misses', () => {
    fc.assert(fc.property(
      fc.array(fc.tuple(fc.constantFrom(...vocabulary), fc.integer({ min: 1, max: 12 })), { minLength: 1, maxLength: 3 }),
      fc.constantFrom(null, 'anonymous', 'document'),
      (picks, typeId) => {
        const terms = picks.map(([w, n]) => w.slice(0, n));
        const found = new Set(index.search({ query: terms.join(' '), typeId }).ids);
        for (const c of Object.values(cf.claims)) {
          const own = [...wordsOf(c)];
          const rootOk = !typeId || c.chain[c.chain.length - 1]?.typeId === typeId;
          const prefixMatch = terms.every((t) => own.some((w) => w.startsWith(t)));
          const nearMatch = terms.every((t) => own.some((w) => w.startsWith(t)
            || (w[0] === t[0] && prefixDistance(t, w, allowedTypos(t.length)) <= allowedTypos(t.length))));
          if (rootOk && prefixMatch) expect(found.has(c.id)).toBe(true);
          if (found.has(c.id)) expect(rootOk && nearMatch).toBe(true);
        }
      },
    ), { numRuns: 60 });
  });
});
