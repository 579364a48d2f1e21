import { describe, expect, test } from 'vitest';
import { splitPassages } from '../../../shared/analysis/passages';
import { suggestForClaim, suggestForText } from '../../../shared/analysis/suggestions';
import { stem } from '../../../shared/analysis/terms';
import { seedArticles, workedExample } from './worked-example';

/** The three appearances of "Russia set up a drone programme in China". */
const APPEARANCES = {
  a002: 'Russia has established a weapons program in China to manufacture and deploy long-range attack drones for use in the war against Ukraine',
  a003: 'Russia has established a secret drone production project in China',
  a004: 'Russia has reportedly established a weapons programme in China to build drones for use against Ukraine.',
} as const;

function rankOf(list: { articleId: string; text: string }[], articleId: string, quote: string): number {
  return list.findIndex((s) => s.articleId === articleId && (s.text.includes(quote) || quote.includes(s.text)));
}

describe('suggestions on the seeds', () => {
  test('each appearance of the drone programme, as a claim, ranks the other two passages in the top five', () => {
    for (const [articleId, quote] of Object.entries(APPEARANCES)) {
      const b = seedArticles().claim('c', articleId, [], quote);
      const suggestions = suggestForClaim(b.cf, b.cf.claims.c!, { limit: 5 });
      for (const [otherId, otherQuote] of Object.entries(APPEARANCES)) {
        if (otherId === articleId) continue;
        const rank = rankOf(suggestions, otherId, otherQuote);
        expect(rank, `${otherId} for a claim in ${articleId}: ${JSON.stringify(suggestions.map((s) => s.text))}`).toBeGreaterThanOrEqual(0);
        expect(suggestions[rank]!.kind).toBe('passage');
      }
    }
  });

  test('once all three are claims, each ranks the other two claims in the top five', () => {
    const b = seedArticles();
    for (const [articleId, quote] of Object.entries(APPEARANCES)) b.claim(`c_${articleId}`, articleId, [], quote);
    for (const articleId of Object.keys(APPEARANCES)) {
      const suggestions = suggestForClaim(b.cf, b.cf.claims[`c_${articleId}`]!, { limit: 5 });
      const claimIds = suggestions.filter((s) => s.kind === 'claim').map((s) => (s.kind === 'claim' ? s.claimId : ''));
      const others = Object.keys(APPEARANCES).filter((a) => a !== articleId).map((a) => `c_${a}`);
      expect(claimIds).toEqual(expect.arrayContaining(others));
      // A claimed sentence is offered as its claim, not a second time as a passage.
      expect(suggestions.filter((s) => s.kind === 'passage' && others.some((o) => b.cf.claims[o]!.articleId === s.articleId && s.text.includes(b.cf.claims[o]!.quote.exact)))).toEqual([]);
    }
  });

  test('page chrome is never suggested, nor the claim\'s own article', () => {
    const b = seedArticles().claim('c', 'a000', [], 'Chinese companies are allegedly developing attack drones similar to the Iranian-produced Shahed-type drone');
    const all = suggestForClaim(b.cf, b.cf.claims.c!, { limit: 200, minScore: 0.001 });
    expect(all.length).toBeGreaterThan(10);
    for (const s of all) {
      expect(s.articleId).not.toBe('a000');
      const excluded = b.cf.articles[s.articleId]!.excluded;
      expect(excluded.some((r) => s.start < r.end && s.end > r.start), s.text).toBe(false);
    }
    // The same sentence in the linked copy 001 comes first, marked as a copy.
    expect(all[0]).toMatchObject({ articleId: 'a001', fromCopy: true, kind: 'passage' });
  });

  test('members already in the proposition can be left out; free text finds claims too', () => {
    const cf = workedExample();
    const claim = cf.claims.c002_programme!;
    const withAll = suggestForClaim(cf, claim, { limit: 5 });
    expect(withAll.some((s) => s.kind === 'claim' && s.claimId === 'c004_programme')).toBe(true);
    const without = suggestForClaim(cf, claim, { limit: 5, excludeClaimIds: new Set(['c003_programme', 'c004_programme']) });
    expect(without.some((s) => s.kind === 'claim' && (s.claimId === 'c004_programme' || s.claimId === 'c003_programme'))).toBe(false);
    const fromText = suggestForText(cf, 'Russia set up a drone programme in China', { limit: 5 });
    expect(fromText.filter((s) => s.kind === 'claim').length).toBeGreaterThanOrEqual(2);
  });

  test('a claim with only stop words gets no suggestions rather than noise', () => {
    const b = seedArticles().claim('c', 'a002', [], 'This is according to the');
    expect(suggestForClaim(b.cf, b.cf.claims.c!)).toEqual([]);
  });
});

describe('passages and terms', () => {
  test('sentences are split at full stops, not at abbreviations, and short fragments are dropped', () => {
    const text = 'The U.S. Ambassador to NATO Julianne Smith told Bloomberg. On Dec. 31 prices rose by 2.5 percent in Kyiv.\nComments\nIt ends here with a long enough sentence?';
    const spans = splitPassages(text).map((s) => text.slice(s.start, s.end));
    expect(spans).toEqual([
      'The U.S. Ambassador to NATO Julianne Smith told Bloomberg.',
      'On Dec. 31 prices rose by 2.5 percent in Kyiv.',
      'It ends here with a long enough sentence?',
    ]);
  });

  test('excluded ranges are left out of passages', () => {
    const text = 'First sentence of the article body. Page chrome sits right here in the middle. Last sentence of the article body.';
    const start = text.indexOf('Page chrome');
    const end = text.indexOf('Last');
    const spans = splitPassages(text, [{ start, end }]).map((s) => text.slice(s.start, s.end));
    expect(spans).toEqual(['First sentence of the article body.', 'Last sentence of the article body.']);
  });

  test('British and American spellings and inflections meet', () => {
    expect(stem('programme')).toBe(stem('program'));
    expect(stem('programs')).toBe(stem('program'));
    expect(stem('established')).toBe(stem('establish'));
    expect(stem('drones')).toBe(stem('drone'));
    expect(stem('specialised')).toBe(stem('specialized'));
  });
});
