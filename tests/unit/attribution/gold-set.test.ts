/** The gold set is what the detector is measured on: every span must point at the words it quotes. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { DEFAULT_TAXONOMY } from '../../../shared/model/taxonomy';
import { GOLD_DIR, loadGoldSet } from '../../fixtures/attribution/gold';

const goldSet = loadGoldSet();
const TYPE_IDS = DEFAULT_TAXONOMY.map((t) => t.id);

describe('attribution gold set', () => {
  test('holds the five seeds and at least 41 written texts, 17 of them held out', () => {
    const seeds = readdirSync(path.join(GOLD_DIR, '..', 'seeds')).filter((f) => f.endsWith('.txt'));
    expect(seeds).toHaveLength(5);
    for (const seed of seeds) expect(goldSet.some(({ gold }) => gold.textFile === `../seeds/${seed}`)).toBe(true);
    expect(goldSet.filter(({ gold }) => !gold.textFile.startsWith('../seeds/')).length).toBeGreaterThanOrEqual(41);
    expect(goldSet.filter(({ gold }) => gold.heldOut).length).toBeGreaterThanOrEqual(17);
  });

  test.each(goldSet.map(({ gold, text }) => [gold.doc, gold, text] as const))('%s: every span quotes the text at its offsets', (_doc, gold, text) => {
    expect(gold.attributions.length).toBeGreaterThan(0);
    for (const a of gold.attributions) {
      for (const span of [a.cue, a.source, a.content]) {
        if (!span) continue;
        expect(span.start).toBeLessThan(span.end);
        expect(text.slice(span.start, span.end)).toBe(span.text);
      }
      expect(TYPE_IDS).toContain(a.type);
      expect(a.chain.length).toBeGreaterThan(0);
    }
  });

  test('the seed texts are the corpus files, byte for byte unchanged', () => {
    const seedDir = path.join(GOLD_DIR, '..', 'seeds');
    for (const file of readdirSync(seedDir)) {
      const bytes = readFileSync(path.join(seedDir, file));
      expect(bytes.toString('utf8').length).toBeGreaterThan(1000);
      expect(Buffer.from(bytes.toString('utf8'), 'utf8').equals(bytes)).toBe(true);
    }
  });
});
