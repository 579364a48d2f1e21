import { beforeAll, describe, expect, test } from 'vitest';
import { buildAnnotationCollection, type AnnotationCollection } from '../../../shared/report/jsonld';
import { buildReportText, reportModel } from '../../../shared/report/index';
import { ReportOptions } from '../../../shared/report/options';
import type { Casefile } from '../../../shared/model/schema';
import { buildSeedCasefile, SEED_COUNTS } from '../../fixtures/report/seed-casefile';
import { buildHostileCasefile } from '../../fixtures/report/hostile-casefile';
import { createW3cValidator, failures, samples, type Assertion } from './w3c';

const w3c = createW3cValidator();
let musts: Assertion[];
let seed: Casefile;
let collection: AnnotationCollection;

type Anno = Record<string, unknown> & { id: string; motivation: string; body: unknown[]; target: unknown };

beforeAll(async () => {
  musts = w3c.assertions('annotations/annotationMusts.test');
  seed = buildSeedCasefile();
  collection = await buildAnnotationCollection(reportModel(seed, ReportOptions.parse({ analyst: 'Dana Whitfield' }), { now: '2024-10-03T12:00:00Z' }));
});

describe('the W3C test suite as a validator', () => {
  // Composite, List and Independents came from a draft of the model; the suite's own schemas (like the final model) know only Choice.
  const DRAFT_TYPES = ['Composite', 'List', 'Independents'];

  test('accepts the suite’s correct samples and rejects each incorrect one', () => {
    expect(musts.length).toBe(54);
    const correct = samples('correct').filter((s) => s.annotation.type === 'Annotation' && !DRAFT_TYPES.includes((s.annotation.target as { type?: string }).type ?? ''));
    expect(correct.length).toBeGreaterThan(30);
    for (const { name, annotation } of correct) expect(failures(annotation, musts), name).toEqual([]);
    for (const { name, annotation } of samples('incorrect')) expect(failures(annotation, musts).length, name).toBeGreaterThan(0);
  });
});

describe('JSON-LD export of the seed casefile', () => {
  const items = () => collection.first.items as Anno[];
  const claimAnnos = () => items().filter((a) => a.motivation === 'classifying');
  const links = () => items().filter((a) => a.motivation === 'linking');

  test('every annotation passes every MUST assertion of the W3C suite', () => {
    expect(items().length).toBeGreaterThan(0);
    for (const anno of items()) expect(failures(anno, musts), anno.id).toEqual([]);
  });

  test('is one AnnotationCollection whose first page holds all the annotations', () => {
    expect(w3c.definition('collections.json#/definitions/annotationCollectionTypeValueFound')(collection)).toBe(true);
    expect(w3c.definition('collections.json#/definitions/firstRequiredIfTotalMoreThanZero')(collection)).toBe(true);
    expect(w3c.definition('collections.json#/definitions/annotationPageTypeValueFound')(collection.first)).toBe(true);
    expect(w3c.definition('collections.json#/definitions/itemsFound')(collection.first)).toBe(true);
    expect(collection.total).toBe(collection.first.items.length);
    expect(collection['@context']).toBe('http://www.w3.org/ns/anno.jsonld');
  });

  test('the file, written line by line, parses to the same collection with its total counted up front', async () => {
    const text = await buildReportText(reportModel(seed, ReportOptions.parse({ analyst: 'Dana Whitfield' }), { now: '2024-10-03T12:00:00Z' }), 'jsonld');
    expect(JSON.parse(text)).toEqual(collection);
    // One annotation per line, for diffs.
    expect(text.split('\n').filter((line) => line.trimStart().startsWith('{"@context"')).length).toBe(collection.total);
  });

  test('has one annotation per claim, anchored by quote and position on the article text', () => {
    expect(claimAnnos()).toHaveLength(SEED_COUNTS.claims);
    const quote = w3c.assertion('annotations/specificResource/4.2.4-textQuoteSelector.json');
    const position = w3c.assertion('annotations/specificResource/4.2.5-textPositionSelector.json');
    for (const anno of claimAnnos()) {
      expect(quote.validate(anno), anno.id).toBe(true);
      expect(position.validate(anno), anno.id).toBe(true);
      const target = anno.target as { type: string; source: string; selector: [{ exact: string; prefix: string; suffix: string }, { start: number; end: number }] };
      expect(target.type).toBe('SpecificResource');
      const claimId = decodeURIComponent(anno.id.split(':').pop()!);
      const claim = seed.claims[claimId]!;
      const text = seed.articles[claim.articleId]!.text;
      const [q, p] = target.selector;
      expect(text.slice(p.start, p.end)).toBe(q.exact);
      expect(text.slice(p.start - q.prefix.length, p.start)).toBe(q.prefix);
      expect(text.slice(p.end, p.end + q.suffix.length)).toBe(q.suffix);
    }
  });

  test('carries the sourcing as classifying and tagging bodies, with creator and created', () => {
    const purpose = w3c.assertion('annotations/bodiesTargets/3.3.5-bodyPurpose.json');
    const creator = w3c.assertion('annotations/3.3.1-annotationCreatorImplemented.json');
    const created = w3c.assertion('annotations/3.3.1-annotationCreatedImplemented.json');
    for (const anno of claimAnnos()) {
      expect(purpose.validate(anno) && creator.validate(anno) && created.validate(anno), anno.id).toBe(true);
    }
    const dev = claimAnnos().find((a) => a.id.endsWith(':claim:c_dev_000'))!;
    const bodies = dev.body as { purpose: string; value: string }[];
    expect(bodies.find((b) => b.purpose === 'classifying')?.value).toBe('Anonymous');
    expect(bodies.filter((b) => b.purpose === 'tagging').map((b) => b.value)).toEqual(['Bloomberg', 'European officials familiar with the matter']);
    expect(bodies.find((b) => b.purpose === 'describing')?.value).toContain('Kyiv Independent → Bloomberg');
    expect(dev.creator).toEqual({ type: 'Person', name: 'Dana Whitfield' });
    expect(dev.target).toMatchObject({ source: 'https://kyivindependent.com/allies-believe-china-developing-attack-drones/' });
  });

  test('links claims of one proposition across articles: target one claim, bodies the others', () => {
    const ids = new Set(claimAnnos().map((a) => a.id));
    const article = (iri: string) => seed.claims[decodeURIComponent(iri.split(':').pop()!)]!.articleId;
    // Every member with fellow members in other articles: programme 4, lethal aid 4, Shahed 2, unaware 3.
    expect(links()).toHaveLength(13);
    for (const link of links()) {
      const target = link.target as string;
      expect(ids.has(target)).toBe(true);
      const others = link.body.filter((b): b is string => typeof b === 'string');
      expect(others.length).toBeGreaterThan(0);
      for (const other of others) {
        expect(ids.has(other)).toBe(true);
        expect(article(other)).not.toBe(article(target));
      }
      expect((link.body.at(-1) as { value: string }).value).toMatch(/^Claims in other articles that make the same proposition, P\d/);
    }
    const shahed = links().find((l) => (l.target as string).endsWith(':claim:c_dev_000'))!;
    expect(shahed.body.slice(0, -1)).toEqual(['urn:corroborate:cf_seed_drones:claim:c_dev_001']);
  });

  test('a casefile with hostile text everywhere still gives valid annotations with text kept as data', async () => {
    const hostile = await buildAnnotationCollection(reportModel(buildHostileCasefile(), ReportOptions.parse({ analyst: '<script>alert(1)</script>' })));
    expect(hostile.first.items.length).toBeGreaterThan(0);
    for (const anno of hostile.first.items) expect(failures(anno, musts)).toEqual([]);
    const json = JSON.stringify(hostile);
    expect(json).toContain('<script>alert(1)</script>');
    // Non-http addresses never become the target's source.
    expect(json).not.toMatch(/"source":"javascript:/);
  });
});
