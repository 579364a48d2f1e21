import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { anchorClaim, CONTEXT_CHARS, createSelectors, reanchorRanges } from '../../../shared/anchoring';
import { textHash } from '../../../shared/text/hash';
import { articleText, seededRandom } from '../../support/generate';

const text = 'Chinese companies are allegedly developing attack drones, Bloomberg reported, citing European officials familiar with the matter.';

function target(source: string, start: number, end: number) {
  return { ...createSelectors(source, start, end), textHash: textHash(source) };
}

describe('createSelectors', () => {
  test('keeps the exact words and 32 characters of context each side', () => {
    const start = text.indexOf('Bloomberg');
    const { quote, position } = createSelectors(text, start, start + 'Bloomberg reported'.length);
    expect(quote).toEqual({
      type: 'TextQuoteSelector',
      exact: 'Bloomberg reported',
      prefix: 'allegedly developing attack drones, '.slice(-CONTEXT_CHARS),
      suffix: ', citing European officials fami',
    });
    expect(position).toEqual({ type: 'TextPositionSelector', start, end: start + 18 });
  });

  test('shortens the context at the edges of the text', () => {
    expect(createSelectors(text, 0, 7).quote.prefix).toBe('');
    expect(createSelectors(text, text.length - 7, text.length).quote.suffix).toBe('');
  });

  test('refuses a span outside the text', () => {
    expect(() => createSelectors(text, 5, 2)).toThrow(RangeError);
    expect(() => createSelectors(text, 0, text.length + 1)).toThrow(/outside a text/);
    expect(() => createSelectors(text, -1, 3)).toThrow(RangeError);
  });

  test('round trip: any span of any text anchors back exactly where it was made', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 300 }), fc.nat(), fc.nat(), (s, a, b) => {
        const start = a % s.length;
        const end = start + 1 + (b % (s.length - start));
        const placed = anchorClaim(target(s, start, end), s, textHash(s));
        expect(placed).toEqual({ status: 'exact', start, end, score: 1 });
      }),
    );
  });
});

describe('anchorClaim', () => {
  test('an insertion before a claim shifts it and keeps it exact (generated articles)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.nat(), fc.string({ minLength: 1, maxLength: 200 }), (seed, at, insert) => {
        const source = articleText(seededRandom(seed), 2_000);
        const start = 1_000 + (at % 500);
        const claim = target(source, start, start + 60);
        const cut = at % start;
        const changed = `${source.slice(0, cut)}${insert}${source.slice(cut)}`;
        const placed = anchorClaim(claim, changed, textHash(changed));
        expect(placed.status).toBe('exact');
        expect(changed.slice(placed.start, placed.end)).toBe(claim.quote.exact);
        expect(placed.start).toBe(start + insert.length);
      }),
      { numRuns: 60 },
    );
  });

  test('when the hash matches, the position decides even if the words occur elsewhere too', () => {
    const doubled = `${text} ${text}`;
    const second = text.length + 1;
    const placed = anchorClaim(target(doubled, second, second + 7), doubled, textHash(doubled));
    expect(placed).toMatchObject({ status: 'exact', start: second });
  });

  test('a passage that now appears twice, each copy in the same context, is placed but flagged moved', () => {
    const para = 'A spokesperson said the drones were tested in May.';
    const claim = target(para, para.indexOf('the drones'), para.indexOf(' in May'));
    const doubled = `${para}\n\n${para}`;
    const placed = anchorClaim(claim, doubled, textHash(doubled));
    expect(placed.status).toBe('moved');
    expect(doubled.slice(placed.start, placed.end)).toBe('the drones were tested');
  });

  test('a repeated passage whose context tells the copies apart stays exact on the right copy', () => {
    const para = 'Officials said the drones were tested.';
    const source = `Intro.\n\n${para}\n\n${para}\n\nEnd.`;
    const second = source.lastIndexOf('the drones');
    const changed = `New intro.\n\n${para}\n\n${para}`;
    const placed = anchorClaim(target(source, second, second + 10), changed, textHash(changed));
    expect(placed).toMatchObject({ status: 'exact', start: changed.lastIndexOf('the drones') });
  });

  test('hostile and unusual characters are matched literally', () => {
    const hostile = 'Before. <script>alert(1)</script> \u202Egnp.exe\u202C said \u200Bzero\u200B-width 🚀🇺🇦 sources. After.';
    const start = hostile.indexOf('<script>');
    const end = hostile.indexOf(' sources');
    const changed = `New lead paragraph.\n\n${hostile.replace('Before.', 'Earlier.')}`;
    const placed = anchorClaim(target(hostile, start, end), changed, textHash(changed));
    expect(placed.status).toBe('exact');
    expect(changed.slice(placed.start, placed.end)).toBe(hostile.slice(start, end));
  });

  test('odd selectors (empty quote, position past the end) orphan the claim instead of throwing', () => {
    const empty = { quote: { type: 'TextQuoteSelector' as const, exact: '', prefix: '', suffix: '' }, position: { type: 'TextPositionSelector' as const, start: 5, end: 5 }, textHash: 'x' };
    expect(anchorClaim(empty, text, textHash(text)).status).toBe('orphaned');
    const beyond = { ...target(text, 0, 7), position: { type: 'TextPositionSelector' as const, start: 900, end: 990 }, textHash: textHash(text) };
    expect(anchorClaim(beyond, text, textHash(text))).toMatchObject({ status: 'exact', start: 0, end: 7 });
  });

  test('a claim on text that is gone is orphaned, keeping its old position', () => {
    const claim = target(text, 0, 31);
    const other = 'An unrelated article about grain exports from the port of Odesa.';
    expect(anchorClaim(claim, other, textHash(other))).toMatchObject({ status: 'orphaned', start: 0, end: 31 });
  });
});

describe('reanchorRanges (page chrome)', () => {
  const page = 'Skip to content\nHeadline\n\nBody of the article.\n\nRelated: Nikopol attack kills 4.';
  const chrome = [
    { id: 'x1', start: 0, end: 15, reason: 'navigation' },
    { id: 'x2', start: page.indexOf('Related'), end: page.length, reason: 'unrelated headlines' },
  ];
  const old = { text: page, hash: textHash(page) };

  test('follows the chrome to its new place', () => {
    const changed = `Skip to content\nHeadline\n\nBody of the article, with a new sentence. And more.\n\nRelated: Nikopol attack kills 4.`;
    const kept = reanchorRanges(chrome, old, changed, textHash(changed));
    expect(kept.map((r) => changed.slice(r.start, r.end))).toEqual(['Skip to content', 'Related: Nikopol attack kills 4.']);
    expect(kept.map((r) => r.reason)).toEqual(['navigation', 'unrelated headlines']);
  });

  test('drops chrome that is no longer in the text and clips ranges that reach past the old end', () => {
    const changed = 'Headline\n\nBody of the article.';
    expect(reanchorRanges(chrome, old, changed, textHash(changed))).toEqual([]);
    const overlong = [{ id: 'x3', start: 0, end: 10_000, reason: '' }];
    const kept = reanchorRanges(overlong, old, `${page}\n\nMore.`, textHash(`${page}\n\nMore.`));
    expect(kept).toEqual([{ id: 'x3', start: 0, end: page.length, reason: '' }]);
  });
});
