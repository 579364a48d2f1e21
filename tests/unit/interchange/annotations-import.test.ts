import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { applyCommand } from '../../../shared/commands/apply';
import { planAnnotationImport, proposeMapping, tagCounts, type TagChoice } from '../../../shared/interchange/annotations-import';
import { AnnotationFileError, readAnnotationFile } from '../../../shared/interchange/annotations-read';
import { rootTypeId } from '../../../shared/model/casefile';
import { Casefile, type Claim } from '../../../shared/model/schema';
import { checkReferences } from '../../../shared/model/validate';
import { buildAnnotationCollection } from '../../../shared/report/jsonld';
import { reportModel } from '../../../shared/report/index';
import { ReportOptions } from '../../../shared/report/options';
import { FIXTURES_DIR } from '../../support/fixtures';
import { buildHostileCasefile } from '../../fixtures/report/hostile-casefile';
import { buildSeedCasefile } from '../../fixtures/report/seed-casefile';
import { createW3cValidator, failures } from '../report/w3c';

const HYPOTHESIS = readFileSync(path.join(FIXTURES_DIR, 'annotations', 'hypothesis-search.json'), 'utf8');
const ACTOR = { name: 'Importing Analyst', now: '2026-12-06T04:00:00.000Z' };

let counter = 0;
const context = { analyst: ACTOR.name, now: ACTOR.now, newId: (prefix: string) => `${prefix}_${++counter}` };

/** The casefile with its articles only: what a colleague has before bringing annotations in. */
function articlesOnly(casefile: Casefile): Casefile {
  return { ...casefile, claims: {}, propositions: {}, reviews: {}, rootJudgements: {} };
}

function importInto(casefile: Casefile, text: string, mapping?: Map<string, TagChoice>) {
  const read = readAnnotationFile(text);
  const plan = planAnnotationImport(casefile, read.annotations, mapping ?? proposeMapping(read.annotations, casefile.taxonomy), context);
  const after = plan.command ? applyCommand(casefile, plan.command, ACTOR).state : casefile;
  // What the loader would say of the result: a casefile it accepts, every reference intact.
  expect(checkReferences(Casefile.parse(after)).problems).toEqual([]);
  return { read, plan, after, claim: (ref: string) => after.claims[plan.placed.find((p) => p.ref === ref)!.claimId]! };
}

describe('a Hypothesis API search result on the seed articles', () => {
  const seed = articlesOnly(buildSeedCasefile());
  const { read, plan, claim } = importInto(seed, HYPOTHESIS);

  test('every row is accounted for: placed exact, moved or orphaned, not placed, or skipped with a reason', () => {
    expect(read.format).toBe('Hypothesis');
    expect(plan.counts).toEqual({ exact: 2, moved: 1, orphaned: 1, unplaced: 1, duplicates: 0 });
    expect(read.skipped).toEqual([{ ref: 'hyp6AbCdEfGhIj', reason: 'a page note or reply, not a passage of a text' }]);
    expect(plan.unplaced).toEqual([expect.objectContaining({ ref: 'hyp5AbCdEfGhIj', source: 'https://elsewhere.example/unrelated' })]);
  });

  test('an annotation on the article’s address lands on its words, with type, comment, tags, author and date', () => {
    const c = claim('hyp1AbCdEfGhIj');
    expect(c.articleId).toBe('a_003');
    expect(c.anchor).toBe('exact');
    expect(c.quote.exact).toBe('These reports are deeply concerning and Allies are consulting on this matter.');
    expect(seed.articles.a_003!.text.slice(c.position.start, c.position.end)).toBe(c.quote.exact);
    expect(rootTypeId(c)).toBe('official-statement');
    expect(c.notes).toBe('Official on the record, but only via email.\n\nTags: follow-up');
    expect(c).toMatchObject({ createdBy: 'Alice Fact-Checker', createdAt: '2024-09-27T08:15:02Z' });
    expect(c.chainProvenance).toEqual({ createdBy: 'Alice Fact-Checker', createdAt: '2024-09-27T08:15:02Z' });
  });

  test('words changed since it was made: moved, on the corrected words, for review', () => {
    const c = claim('hyp2AbCdEfGhIj');
    expect(c.anchor).toBe('moved');
    expect(c.quote.exact).toBe('there is no indication that the Chinese government was aware of these transactions');
    expect(rootTypeId(c)).toBe('named-official');
    // Hypothesis user with no display name: the account name.
    expect(claim('hyp3AbCdEfGhIj').createdBy).toBe('bob');
  });

  test('words gone from the article: an orphaned claim that keeps its quote; prototype names are just tags', () => {
    const c = claim('hyp3AbCdEfGhIj');
    expect(c.articleId).toBe('a_003');
    expect(c.anchor).toBe('orphaned');
    expect(c.quote.exact).toBe('An NSC official later retracted every word of this statement entirely');
    expect(c.notes).toBe('Removed from the page since.\n\nTags: __proto__, constructor');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('an address the casefile does not know: found by its words in another article; hostile text kept as text', () => {
    const c = claim('hyp4AbCdEfGhIj');
    expect(c.articleId).toBe('a_002');
    expect(c.anchor).toBe('exact');
    expect(rootTypeId(c)).toBe('outlet-citing-outlet');
    expect(c.notes).toBe('<script>alert("hypothesis")</script> Reuters again?\n\nTags: Reuters');
  });

  test('the proposed mapping turns tags that name a sourcing type into it and keeps the others as tags', () => {
    const mapping = proposeMapping(read.annotations, seed.taxonomy);
    expect(Object.fromEntries(mapping)).toMatchObject({
      'official statement': { kind: 'type', typeId: 'official-statement' },
      'Named-Official': { kind: 'type', typeId: 'named-official' },
      'outlet citing outlet': { kind: 'type', typeId: 'outlet-citing-outlet' },
      'follow-up': { kind: 'tag' },
      __proto__: { kind: 'tag' },
    });
    expect(tagCounts(read.annotations)[0]).toEqual({ tag: '__proto__', count: 1 });
  });

  test('importing the same file again adds nothing twice', () => {
    const once = importInto(seed, HYPOTHESIS).after;
    const twice = importInto(once, HYPOTHESIS);
    expect(twice.plan.counts.duplicates).toBe(3);
    // The orphan has no place to compare: it comes in again, still orphaned and listed as such.
    expect(twice.plan.counts.orphaned).toBe(1);
  });

  test('an ignored tag leaves no trace; a tag mapped to a type sets it', () => {
    const mapping = new Map<string, TagChoice>([['follow-up', { kind: 'ignore' }], ['official statement', { kind: 'type', typeId: 'anonymous' }]]);
    const c = importInto(seed, HYPOTHESIS, mapping).claim('hyp1AbCdEfGhIj');
    expect(c.notes).toBe('Official on the record, but only via email.');
    expect(rootTypeId(c)).toBe('anonymous');
  });
});

/** Same article, span, words, root type, notes, author and time: the claim as an analyst sees it. */
function essence(c: Claim) {
  return { articleId: c.articleId, start: c.position.start, end: c.position.end, exact: c.quote.exact, type: rootTypeId(c), notes: c.notes, createdBy: c.createdBy, createdAt: c.createdAt.replace(/\.\d{3}Z$/, 'Z') };
}

describe('round trip: this app’s W3C export brought into a casefile with the same articles', () => {
  const musts = createW3cValidator().assertions('annotations/annotationMusts.test');

  async function roundTrip(original: Casefile) {
    const collection = await buildAnnotationCollection(reportModel(original, ReportOptions.parse({}), { now: '2024-10-03T12:00:00Z' }));
    for (const anno of collection.first.items) expect(failures(anno, musts)).toEqual([]);
    const text = JSON.stringify(collection);
    const read = readAnnotationFile(text);
    // The chain's hops come as tagging bodies (source names); the root type comes back from the classifying body.
    const ignoreTags = new Map(tagCounts(read.annotations).map(({ tag }) => [tag, { kind: 'ignore' } as TagChoice]));
    const { plan, after } = importInto(articlesOnly(original), text, ignoreTags);
    return { read, plan, after };
  }

  const sorted = (cf: Casefile) => Object.values(cf.claims).map(essence).sort((a, b) => a.articleId.localeCompare(b.articleId) || a.start - b.start);

  test('the seed casefile: every claim back, on the same article and words, with its type, notes, author and time', async () => {
    const seed = buildSeedCasefile();
    const { read, plan, after } = await roundTrip(seed);
    // The linking annotations between claims are not places on a text: skipped, and said so.
    expect(read.skipped.length).toBeGreaterThan(0);
    expect(read.skipped.every((s) => s.reason.startsWith('a link between annotations'))).toBe(true);
    expect(plan.counts).toEqual({ exact: Object.keys(seed.claims).length, moved: 0, orphaned: 0, unplaced: 0, duplicates: 0 });
    expect(sorted(after)).toEqual(sorted(seed));
  });

  test('a casefile with hostile strings in every field: the same claims, nothing lost', async () => {
    const hostile = buildHostileCasefile();
    const { plan, after } = await roundTrip(hostile);
    expect(plan.counts.unplaced + plan.counts.duplicates + plan.counts.orphaned).toBe(0);
    expect(sorted(after)).toEqual(sorted(hostile));
  });
});

describe('W3C files from other tools', () => {
  const seed = articlesOnly(buildSeedCasefile());
  const text = seed.articles.a_003!.text;
  const exact = 'China has positioned itself as neutral in the Russia-Ukraine war';
  const start = text.indexOf(exact);
  /** As Recogito exports: creator object, tagging and commenting bodies, quote and position selectors. */
  const recogito = {
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    id: 'https://recogito.example/annotation/7f1c',
    type: 'Annotation',
    creator: { id: 'https://recogito.example/users/dora', name: 'Dora' },
    created: '2024-10-01T12:00:00+02:00',
    body: [{ type: 'TextualBody', purpose: 'tagging', value: 'Unattributed' }, { type: 'TextualBody', purpose: 'commenting', value: 'Stated as fact.' }],
    target: { source: 'https://kyivindependent.com/us-raises-concerns-over-alleged-russian-drone-production-in-china', selector: [{ type: 'TextQuoteSelector', exact }, { type: 'TextPositionSelector', start, end: start + exact.length }] },
  };

  test('a single annotation, a page, and a collection with embedded pages all come in', () => {
    const single = importInto(seed, JSON.stringify(recogito));
    expect(single.plan.counts.exact).toBe(1);
    const c = single.claim('https://recogito.example/annotation/7f1c');
    expect(essence(c)).toMatchObject({ articleId: 'a_003', start, exact, type: 'unattributed', notes: 'Stated as fact.', createdBy: 'Dora', createdAt: '2024-10-01T10:00:00Z' });

    const second = { ...recogito, id: 'urn:x:2', target: { ...recogito.target, selector: { type: 'TextQuoteSelector', exact: 'Beijing has also emerged' } } };
    const page = { type: 'AnnotationPage', items: [recogito], next: { type: 'AnnotationPage', items: [second] } };
    expect(importInto(seed, JSON.stringify(page)).plan.counts.exact).toBe(2);
    const collection = { '@context': 'http://www.w3.org/ns/anno.jsonld', type: 'AnnotationCollection', total: 2, first: page };
    expect(importInto(seed, JSON.stringify(collection)).plan.placed).toHaveLength(2);
  });

  test('bad annotations are listed with the reason and the good ones still come in', () => {
    const tooLong = { ...recogito, id: 'urn:x:long', target: { source: 'x', selector: { type: 'TextQuoteSelector', exact: 'x'.repeat(300_000) } } };
    const noTarget = { type: 'Annotation', id: 'urn:x:none', body: 'x' };
    const protoKeys = JSON.parse(`{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}, ${JSON.stringify(recogito).slice(1)}`) as unknown;
    const { read, plan } = importInto(seed, JSON.stringify([tooLong, noTarget, protoKeys, 42, null]));
    expect(plan.counts.exact).toBe(1);
    expect(read.skipped.map((s) => s.ref)).toEqual(['urn:x:long', 'urn:x:none', '#4', '#5']);
    expect(read.skipped[0]!.reason).toMatch(/^not a valid annotation \(TextQuoteSelector.exact: /);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('a file that is not an annotation export is refused with a message', () => {
    expect(() => readAnnotationFile('{ not json')).toThrow(AnnotationFileError);
    expect(() => readAnnotationFile('{"title": "a casefile?"}')).toThrow(/holds no annotations/);
    expect(() => readAnnotationFile('{"type": "AnnotationCollection", "first": "https://x.example/page1"}')).toThrow(/only a link/);
  });
});
