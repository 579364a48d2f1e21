import { parse as parseHtml } from 'parse5';
import { describe, expect, test } from 'vitest';
import { applyPatches } from 'immer';
import { parseCasefileText } from '../../../electron/services/casefile/store';
import { applyCommand } from '../../../shared/commands/apply';
import type { Command } from '../../../shared/commands/commands';
import {
  buildClaimReviews, ClaimReviewRefused, jsonForScriptElement, writeClaimReviews, type JsonObject,
} from '../../../shared/interchange/claimreview';
import type { Casefile } from '../../../shared/model/schema';
import { collectText } from '../../../shared/report/sink';
import { buildSeedCasefile } from '../../fixtures/report/seed-casefile';
import { buildHostileCasefile, HOSTILE } from '../../fixtures/report/hostile-casefile';

/**
 * The fields Google's fact-check markup documentation lists for ClaimReview
 * (developers.google.com/search/docs/appearance/structured-data/factcheck,
 * "Structured data type definitions"): required claimReviewed, reviewRating
 * (with its required alternateName) and url; recommended author,
 * datePublished and itemReviewed; on the Claim, appearance and
 * firstAppearance; on the Rating, ratingValue, bestRating and worstRating.
 * `url` is the page of the published fact-check: present when the analyst
 * gave one (the tests below give it). (Google is phasing ClaimReview out of
 * Search results; its Fact Check Explorer still reads the same markup.)
 */
const GOOGLE_FIELDS = {
  claimReview: { required: ['claimReviewed', 'reviewRating', 'url'], recommended: ['author', 'datePublished', 'itemReviewed'] },
  rating: { required: ['alternateName'], recommended: ['ratingValue', 'bestRating', 'worstRating'] },
  claim: { recommended: ['appearance', 'firstAppearance'] },
} as const;

function missingFields(review: JsonObject): string[] {
  const missing: string[] = [];
  const need = (object: unknown, fields: readonly string[], where: string) => {
    for (const f of fields) {
      const value = (object as Record<string, unknown> | undefined)?.[f];
      if (value === undefined || value === null || value === '' || (Array.isArray(value) && !value.length)) missing.push(`${where}.${f}`);
    }
  };
  need(review, [...GOOGLE_FIELDS.claimReview.required, ...GOOGLE_FIELDS.claimReview.recommended], 'ClaimReview');
  need(review.reviewRating, [...GOOGLE_FIELDS.rating.required, ...GOOGLE_FIELDS.rating.recommended], 'Rating');
  need(review.itemReviewed, GOOGLE_FIELDS.claim.recommended, 'Claim');
  return missing;
}

const ANALYST = { name: 'Dana Whitfield', now: '2024-10-05T08:30:00.000Z' };

function withCommands(casefile: Casefile, commands: Command[]): Casefile {
  return commands.reduce((cf, command) => applyCommand(cf, command, ANALYST).state, casefile);
}

/** The seed casefile with a publisher and a published review for the programme proposition. */
function publishedSeed(): Casefile {
  const seed = buildSeedCasefile();
  const programme = seed.propositions.p_programme!;
  return withCommands(seed, [
    { type: 'casefile.setPublisher', publisher: { name: 'Desk Check', url: 'https://deskcheck.example/' } },
    { type: 'proposition.assess', propositionId: 'p_programme', assessment: { ...programme.assessment, reviewUrl: 'https://deskcheck.example/checks/drone-programme' } },
  ]);
}

describe('ClaimReview of the seed casefile', () => {
  const casefile = publishedSeed();
  const [review] = buildClaimReviews(casefile, ['p_programme']);

  test('has every field Google documents as required or recommended', () => {
    expect(missingFields(review!)).toEqual([]);
    expect(review!['@context']).toBe('https://schema.org');
    expect(review!['@type']).toBe('ClaimReview');
  });

  test('reviews the proposition, rated by its place on the casefile’s scale, for the casefile’s publisher', () => {
    expect(review!.claimReviewed).toBe('Russia set up a drone programme in China');
    // The scale lists the best rating first: corroborated, single source, contested, unverified.
    expect(casefile.assessmentScale).toEqual(['corroborated', 'single source', 'contested', 'unverified']);
    expect(review!.reviewRating).toEqual({ '@type': 'Rating', ratingValue: 3, bestRating: 4, worstRating: 1, alternateName: 'single source' });
    expect(review!.author).toEqual({ '@type': 'Organization', name: 'Desk Check', url: 'https://deskcheck.example/' });
    expect(review!.url).toBe('https://deskcheck.example/checks/drone-programme');
    // The day the assessment was last set.
    expect(review!.datePublished).toBe('2024-10-05');
  });

  test('the claim appears in each member’s article once, earliest first, with outlet, date and address', () => {
    const claim = review!.itemReviewed as { appearance: JsonObject[]; firstAppearance: JsonObject; datePublished: string };
    // Members: two claims in 002 (undated aggregator), one in 003 (26 Sept), one in 004 (27 Sept).
    expect(claim.appearance.map((a) => a.headline)).toEqual([
      'US raises concerns over alleged Russian drone production in China',
      'Russia has reportedly established a weapons programme in China',
      'China reportedly provides Russia with drone equipment for their involvement in the Ukraine conflict',
    ]);
    expect(claim.appearance[0]).toEqual({
      '@type': 'CreativeWork',
      url: 'https://kyivindependent.com/us-raises-concerns-over-alleged-russian-drone-production-in-china/',
      headline: 'US raises concerns over alleged Russian drone production in China',
      datePublished: '2024-09-26',
      publisher: { '@type': 'Organization', name: 'Kyiv Independent' },
      author: { '@type': 'Person', name: 'Sonya Bandouil' },
    });
    // No author given: the outlet is the author; no address: no url rather than an empty one.
    expect(claim.appearance[1]).toMatchObject({ author: { '@type': 'Organization', name: 'UK weekly news digest' } });
    expect(claim.appearance[1]).not.toHaveProperty('url');
    expect(claim.firstAppearance).toEqual(claim.appearance[0]);
    expect(claim.datePublished).toBe('2024-09-26');
  });

  test('without a review address or publisher, url and author are left out, not empty', () => {
    const [bare] = buildClaimReviews(buildSeedCasefile(), ['p_lethal_aid']);
    expect(bare).not.toHaveProperty('url');
    expect(bare).not.toHaveProperty('author');
    expect(bare!.reviewRating).toMatchObject({ alternateName: 'contested', ratingValue: 2 });
  });
});

describe('a proposition without a rating', () => {
  test('is refused with a message naming it, and nothing is written', async () => {
    const casefile = publishedSeed();
    const written: string[] = [];
    const attempt = writeClaimReviews(casefile, undefined, (t) => written.push(t));
    await expect(attempt).rejects.toThrow(ClaimReviewRefused);
    await expect(writeClaimReviews(casefile, undefined, () => undefined)).rejects.toThrow(/2 propositions are not rated: p_shahed “Chinese companies are developing Shahed-type attack drones for Russia”; p_unaware/);
    expect(written).toEqual([]);
  });

  test('only the chosen propositions count: rated ones export, one unrated among them refuses all', () => {
    const casefile = publishedSeed();
    expect(buildClaimReviews(casefile, ['p_programme', 'p_lethal_aid'])).toHaveLength(2);
    try {
      buildClaimReviews(casefile, ['p_programme', 'p_unaware']);
      expect.unreachable();
    } catch (error) {
      expect((error as ClaimReviewRefused).propositionIds).toEqual(['p_unaware']);
    }
  });

  test('a rating no longer on the scale is refused too (its position would mean nothing)', () => {
    const casefile = withCommands(publishedSeed(), [{ type: 'assessmentScale.set', labels: ['true', 'false'] }]);
    expect(() => buildClaimReviews(casefile, ['p_programme'])).toThrow(/rating “single source” is no longer on the scale/);
  });
});

describe('hostile strings', () => {
  function hostileRated(): Casefile {
    const hostile = buildHostileCasefile();
    // The hostile fixture rates with hostile labels: put them on the scale, and give a hostile publisher and review address.
    return withCommands(hostile, [
      { type: 'assessmentScale.set', labels: HOSTILE },
      { type: 'casefile.setPublisher', publisher: { name: HOSTILE[0]!, url: 'javascript:alert(1)' } },
      { type: 'proposition.assess', propositionId: 'p_0', assessment: { ...hostile.propositions.p_0!.assessment, reviewUrl: 'https://x.example/"><script>alert(9)</script>' } },
    ]);
  }

  test('are carried as data: the file parses back to exactly the statements, labels and names', async () => {
    const casefile = hostileRated();
    const text = await collectText((sink) => writeClaimReviews(casefile, undefined, sink));
    const reviews = JSON.parse(text) as JsonObject[];
    expect(reviews).toEqual(buildClaimReviews(casefile));
    expect(reviews.map((r) => r.claimReviewed)).toEqual(Object.values(casefile.propositions).map((p) => p.statement));
    expect(reviews.map((r) => (r.reviewRating as JsonObject).alternateName)).toEqual(Object.values(casefile.propositions).map((p) => p.assessment.rating));
    expect(reviews[0]!.author).toEqual({ '@type': 'Organization', name: HOSTILE[0] });
    // Not http(s): a javascript: address never becomes a link.
    expect(text).not.toContain('javascript:alert(1)');
    expect(text).not.toMatch(/"url":"javascript:/);
    // A real web address keeps its characters, percent-encoded by URL normalisation.
    expect(reviews[0]!.url).toBe('https://x.example/%22%3E%3Cscript%3Ealert(9)%3C/script%3E');
  });

  test('embedded in a <script type="application/ld+json">, cannot close it; the page’s parser reads back the same JSON', () => {
    const reviews = buildClaimReviews(hostileRated());
    const json = jsonForScriptElement(reviews);
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    const page = `<!doctype html><html><head><script type="application/ld+json">${json}</script></head><body><p id="after">after</p></body></html>`;
    const doc = parseHtml(page);
    const html = doc.childNodes.find((n) => n.nodeName === 'html') as unknown as { childNodes: { nodeName: string; childNodes: { nodeName: string; childNodes: { value?: string }[] }[] }[] };
    const head = html.childNodes.find((n) => n.nodeName === 'head')!;
    const scripts = head.childNodes.filter((n) => n.nodeName === 'script');
    expect(scripts).toHaveLength(1);
    expect(JSON.parse(scripts[0]!.childNodes.map((t) => t.value ?? '').join(''))).toEqual(reviews);
  });
});

describe('the publisher and the review address in the casefile', () => {
  test('are set through the reducer (one undo step), trimmed, cleared by an empty name, and survive saving and loading', () => {
    const seed = buildSeedCasefile();
    const set = applyCommand(seed, { type: 'casefile.setPublisher', publisher: { name: '  Desk Check ', url: ' https://deskcheck.example/ ' } }, ANALYST);
    expect(set.state.meta.publisher).toEqual({ name: 'Desk Check', url: 'https://deskcheck.example/' });
    expect(applyPatches(set.state, set.inversePatches).meta).not.toHaveProperty('publisher');
    expect(withCommands(set.state, [{ type: 'casefile.setPublisher', publisher: { name: ' ', url: 'https://x.example/' } }]).meta).not.toHaveProperty('publisher');

    const published = publishedSeed();
    const reloaded = parseCasefileText(JSON.stringify(published), 'drones.corroborate').casefile;
    expect(reloaded.meta.publisher).toEqual({ name: 'Desk Check', url: 'https://deskcheck.example/' });
    expect(reloaded.propositions.p_programme!.assessment.reviewUrl).toBe('https://deskcheck.example/checks/drone-programme');
    // A file from before these fields loads as it did.
    expect(parseCasefileText(JSON.stringify(buildSeedCasefile()), 'old.corroborate').casefile.meta).not.toHaveProperty('publisher');
  });
});
