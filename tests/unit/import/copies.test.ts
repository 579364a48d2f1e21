import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { CopyIndex, PARTIAL_OVERLAP_CONTAINMENT } from '../../../shared/copies/index';
import { MIN_PASSAGE_WORDS, sharedPassages } from '../../../shared/copies/passages';
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

/** Sentences of a generated article, so a test can copy some of them into another text. */
function sentencesOf(text: string): string[] {
  return text.split('\n\n').flatMap((p) => p.match(/[^.]+\./g) ?? []).map((s) => s.trim());
}

/** `count` fresh sentences, none from `text`. */
function freshSentences(rand: () => number, count: number): string[] {
  return sentencesOf(articleText(rand, count * 200)).slice(0, count);
}

describe('shared passages (not near-copies, no whole paragraph in common)', () => {
  const rand = seededRandom(21);
  const wire = articleText(rand, 5_000);
  const wireSentences = sentencesOf(wire);

  /** Containment of the shorter text's shingles in the other, counted directly. */
  function containment(a: string, b: string): number {
    const [sa, sb] = [new Set(fingerprint(a).shingles), new Set(fingerprint(b).shingles)];
    return [...sa].filter((x) => sb.has(x)).length / Math.min(sa.size, sb.size);
  }

  /**
   * A text of paragraphs that each hold one borrowed sentence among fresh
   * ones (so no paragraph is shared whole), with fresh sentences added until
   * just `share` of its shingles are also in the wire story.
   */
  function mixed(borrowed: string[], share: number, wrap = (s: string) => s): string {
    const paragraphs = borrowed.map((s) => [wrap(s)]);
    const text = () => paragraphs.map((p) => p.join(' ')).join('\n\n');
    for (let i = 0; containment(wire, text()) > share; i++) paragraphs[i % paragraphs.length]!.unshift(...freshSentences(rand, 1));
    return text();
  }

  function flagged(text: string) {
    const index = new CopyIndex();
    index.addText('wire', wire);
    return index.matches(fingerprint(text));
  }

  function wordsIn(text: string): string {
    return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).join(' ');
  }

  test('a rewrite sharing about a quarter of its text is flagged as sharing passages, with the passages placed in both texts', () => {
    const borrowed = wireSentences.filter((_, i) => i % 3 === 0).slice(0, 6);
    const rewrite = mixed(borrowed, 0.25);
    expect(containment(wire, rewrite)).toBeGreaterThan(0.23);
    const [match] = flagged(rewrite);
    expect(match).toMatchObject({ articleId: 'wire', kind: 'partial-overlap', sharedParagraphs: 0 });
    expect(match!.similarity).toBe(containment(wire, rewrite));

    const passages = sharedPassages({ text: wire }, { text: rewrite });
    for (const p of passages) expect(wordsIn(wire.slice(p.a.start, p.a.end))).toBe(wordsIn(rewrite.slice(p.b.start, p.b.end)));
    // Every borrowed sentence long enough to be a passage is one (and no fresh text is).
    const long = borrowed.filter((s) => wordsIn(s).split(' ').length >= MIN_PASSAGE_WORDS);
    expect(passages.map((p) => wordsIn(rewrite.slice(p.b.start, p.b.end))).sort()).toEqual(long.map(wordsIn).sort());
    expect(passages.every((p) => p.words === wordsIn(rewrite.slice(p.b.start, p.b.end)).split(' ').length)).toBe(true);
  });

  test('an article quoting about a third of a wire story verbatim is flagged as sharing passages', () => {
    const quoted = wireSentences.filter((_, i) => i % 2 === 0).slice(0, 8);
    const article = mixed(quoted, 0.35, (s) => `“${s}”, the agency reported.`);
    expect(containment(wire, article)).toBeGreaterThan(0.33);
    const [match] = flagged(article);
    expect(match).toMatchObject({ articleId: 'wire', kind: 'partial-overlap', sharedParagraphs: 0 });
    expect(match!.similarity).toBe(containment(wire, article));
    const passages = sharedPassages({ text: wire }, { text: article });
    expect(passages.length).toBe(quoted.filter((s) => wordsIn(s).split(' ').length >= MIN_PASSAGE_WORDS).length);
    for (const p of passages) expect(article.slice(p.b.start - 1, p.b.start)).toBe('“');
  });

  test('passages skip the page chrome of either article', () => {
    const chrome = wireSentences[0]!;
    const a = `${chrome}\n\n${freshSentences(rand, 3).join(' ')}`;
    const b = `${freshSentences(rand, 3).join(' ')} ${chrome}`;
    expect(sharedPassages({ text: a }, { text: b })).toHaveLength(1);
    expect(sharedPassages({ text: a, excluded: [{ start: 0, end: chrome.length }] }, { text: b })).toEqual([]);
  });
});

describe('every pair at or above the threshold is found', () => {
  /** Containment of the shorter text's shingles in the other, by comparing every pair. */
  function bruteForcePairs(texts: string[]): Map<string, number> {
    const sets = texts.map((t) => new Set(fingerprint(t).shingles));
    const pairs = new Map<string, number>();
    for (let j = 0; j < texts.length; j++) {
      for (let i = 0; i < j; i++) {
        const shorter = Math.min(sets[i]!.size, sets[j]!.size);
        if (shorter === 0) continue;
        const shared = [...sets[i]!].filter((s) => sets[j]!.has(s)).length;
        if (shared / shorter >= PARTIAL_OVERLAP_CONTAINMENT) pairs.set(`${i}-${j}`, shared / shorter);
      }
    }
    return pairs;
  }

  test('on small random corpora built from a shared pool of sentences, the index finds what brute force finds', () => {
    let pairsChecked = 0;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), (seed) => {
        const rand = seededRandom(seed);
        const pool = sentencesOf(articleText(rand, 3_000));
        const texts = Array.from({ length: 12 }, () => {
          const count = 2 + Math.floor(rand() * 10);
          return Array.from({ length: count }, () => pool[Math.floor(rand() * pool.length)]!).join(rand() < 0.5 ? ' ' : '\n\n');
        });
        const expected = bruteForcePairs(texts);
        pairsChecked += expected.size;
        const index = new CopyIndex();
        const found = new Map<string, number>();
        texts.forEach((text, j) => {
          const fp = fingerprint(text);
          for (const m of index.matches(fp)) found.set(`${m.articleId}-${j}`, m.similarity);
          index.add(String(j), fp);
        });
        for (const [pair, containment] of expected) {
          if (found.get(pair) !== containment) return false;
        }
        return true;
      }),
      { numRuns: 60 },
    );
    expect(pairsChecked).toBeGreaterThan(500);
  });
});

test('matching then adding in one pass finds what matching, then adding, finds', () => {
  const rand = seededRandom(5);
  const pool = sentencesOf(articleText(rand, 3_000));
  const texts = Array.from({ length: 30 }, () => Array.from({ length: 6 }, () => pool[Math.floor(rand() * pool.length)]!).join(' '));
  const twoSteps = new CopyIndex();
  const onePass = new CopyIndex();
  texts.forEach((text, i) => {
    const fp = fingerprint(text);
    const expected = twoSteps.matches(fp);
    twoSteps.add(String(i), fp);
    expect(onePass.matchThenAdd(String(i), fp)).toEqual(expected);
  });
  expect(onePass.matches(fingerprint(texts[0]!))).toEqual(twoSteps.matches(fingerprint(texts[0]!)));
});
