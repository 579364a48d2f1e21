import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { CopyIndex } from '../../../shared/copies/index';
import { fingerprint } from '../../../shared/copies/fingerprint';
import { normaliseText } from '../../../shared/text/normalise';
import { articleText, seededRandom } from '../../support/generate';
import { seedFiles } from './seeds';

function pairsFound(texts: string[]): string[] {
  const index = new CopyIndex();
  const pairs: string[] = [];
  texts.forEach((text, i) => {
    const fp = fingerprint(text);
    for (const m of index.matches(fp)) pairs.push(`${m.articleId}-${i}:${m.kind}`);
    index.add(String(i), fp);
  });
  return pairs;
}

describe('copies among the seed articles', () => {
  const seeds = seedFiles().map((f) => normaliseText(f.data.toString('utf8')));

  test('000 and 001 are flagged as near-duplicates, and no other pair is flagged at all', () => {
    expect(pairsFound(seeds)).toEqual(['0-1:near-duplicate']);
  });

  test('the similarity says how much of the shorter text (001) is in the other', () => {
    const index = new CopyIndex();
    index.addText('000', seeds[0]!);
    const [match] = index.matches(fingerprint(seeds[1]!));
    expect(match).toMatchObject({ articleId: '000', kind: 'near-duplicate' });
    expect(match!.similarity).toBeGreaterThan(0.9);
    expect(match!.similarity).toBeLessThan(1);
  });
});

describe('kinds of overlap', () => {
  const rand = seededRandom(7);
  const a = articleText(rand, 4_000);
  const b = articleText(rand, 4_000);
  const stock = 'The drones, which typically carry explosives, are inexpensive to produce en masse but relatively expensive to shoot down, officials said.';

  test('two articles sharing one stock paragraph are a partial overlap, not copies', () => {
    const [match] = (() => {
      const index = new CopyIndex();
      index.addText('a', `${a}\n\n${stock}`);
      return index.matches(fingerprint(`${stock}\n\n${b}`));
    })();
    expect(match).toMatchObject({ articleId: 'a', kind: 'partial-overlap', sharedParagraphs: 1 });
    expect(match!.similarity).toBeLessThan(0.2);
  });

  test('a lightly edited copy (a word changed per paragraph, chrome added) is a near-duplicate', () => {
    const edited = a.split('\n\n').map((p) => p.replace(/\b(\w+)\b/, 'Changed')).join('\n\n');
    const index = new CopyIndex();
    index.addText('a', a);
    expect(index.matches(fingerprint(`Skip to content\n\n${edited}\n\nRead more: other headlines`))[0]).toMatchObject({ kind: 'near-duplicate' });
  });

  test('unrelated articles are not flagged', () => {
    const index = new CopyIndex();
    index.addText('a', a);
    expect(index.matches(fingerprint(b))).toEqual([]);
  });

  test('a paragraph every article carries (site furniture) is not evidence of copying', () => {
    const footer = 'Our journalism is supported by readers like you. Subscribe today to get unlimited access to every story we publish, and support independent news.';
    const index = new CopyIndex();
    const r = seededRandom(11);
    for (let i = 0; i < 30; i++) index.addText(`x${i}`, `${articleText(r, 1_500)}\n\n${footer}`);
    expect(index.matches(fingerprint(`${articleText(r, 1_500)}\n\n${footer}`))).toEqual([]);
  });

  test('any text is a near-duplicate of itself with different spacing, case and punctuation', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), (seed) => {
        const text = articleText(seededRandom(seed), 1_500);
        const index = new CopyIndex();
        index.addText('original', text);
        const restyled = text.toUpperCase().replace(/ /g, '  ').replace(/\./g, ' ;');
        return index.matches(fingerprint(restyled))[0]?.kind === 'near-duplicate';
      }),
      { numRuns: 25 },
    );
  });
});

describe('scale', () => {
  test('finds a planted copy among 1,500 articles through the index, without comparing it to all of them', () => {
    const rand = seededRandom(3);
    const index = new CopyIndex();
    const texts = Array.from({ length: 1_500 }, () => articleText(rand, 2_000));
    texts.forEach((t, i) => index.addText(`a${i}`, t));
    const copy = `${texts[742]}\n\nAdded closing paragraph with a few words of commentary by the aggregator site.`;
    const fp = fingerprint(copy);
    expect(index.matches(fp).map((m) => [m.articleId, m.kind])).toEqual([['a742', 'near-duplicate']]);
    expect(index.candidateIds(fp).size).toBeLessThan(10);
  });
});
