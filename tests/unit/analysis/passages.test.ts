/**
 * Passages are whole sentences: the splitter knows abbreviations, decimal
 * numbers and quotes; suggestions and "Find claims to add" offer whole
 * sentences, so a claim made from one keeps its context.
 */
import { describe, expect, test } from 'vitest';
import { searchPassages } from '../../../shared/analysis/passage-search';
import { splitPassages } from '../../../shared/analysis/passages';
import { suggestForText } from '../../../shared/analysis/suggestions';
import { applyCommand } from '../../../shared/commands/apply';
import { newClaimCommand } from '../../../shared/claims/new-claim';
import { analyst } from './build';
import { workedExample } from './worked-example';

const sentences = (text: string) => splitPassages(text).map((s) => text.slice(s.start, s.end));

describe('the sentence splitter', () => {
  test('abbreviations (U.S., Gen., Mr., Dec.) do not end a sentence', () => {
    expect(sentences('Gen. Kyrylo Budanov told the U.S. Senate about it in detail. Mr. Liu denied it on Dec. 31 in a statement.')).toEqual([
      'Gen. Kyrylo Budanov told the U.S. Senate about it in detail.',
      'Mr. Liu denied it on Dec. 31 in a statement.',
    ]);
  });

  test('decimal numbers and amounts stay inside their sentence', () => {
    expect(sentences('Russia aims to produce 1.4 million drones this year, up from 0.14 million. Prices rose 2.5% to $3.2 billion in total.')).toEqual([
      'Russia aims to produce 1.4 million drones this year, up from 0.14 million.',
      'Prices rose 2.5% to $3.2 billion in total.',
    ]);
  });

  test('a closing quote belongs to the sentence it ends; an opening quote starts the next', () => {
    expect(sentences('The ministry said: "We firmly oppose the accusation." "It is groundless," a spokesperson added later.')).toEqual([
      'The ministry said: "We firmly oppose the accusation."',
      '"It is groundless," a spokesperson added later.',
    ]);
    expect(sentences('Hinz called it “a new level of support for Russia.” The embassy did not reply to questions.')).toEqual([
      'Hinz called it “a new level of support for Russia.”',
      'The embassy did not reply to questions.',
    ]);
  });
});

describe('suggested passages are whole sentences', () => {
  const cf = workedExample();

  test('"it is neutral on the war…" is offered as the whole sentence that says who insists on it', () => {
    const found = suggestForText(cf, 'China is neutral on the war in Ukraine', { limit: 10 }).filter((s) => s.kind === 'passage');
    expect(found.map((s) => s.text)).toContain('China insists that it is neutral on the war in Ukraine, and has repeatedly denied supplying Russia with weapons.');
    for (const s of found) {
      const article = cf.articles[s.articleId]!;
      expect(splitPassages(article.text, article.excluded)).toContainEqual({ start: s.start, end: s.end });
    }
  });
});

describe('Find claims to add: passages not yet claimed', () => {
  const cf = workedExample();

  test('finds unclaimed sentences by their words (with a typo) and their article’s outlet', () => {
    const hits = searchPassages(cf, 'neutral Ukrane digest');
    expect(hits.map((h) => h.text)).toEqual(['China insists that it is neutral on the war in Ukraine, and has repeatedly denied supplying Russia with weapons.']);
    expect(hits[0]!.articleId).toBe('a004');
  });

  test('a sentence that is mostly claimed is not offered again; once claimed, it drops out', () => {
    // c003_nato is the whole of NATO's sentence in 003.
    expect(searchPassages(cf, 'deeply concerning allies consulting')).toEqual([]);
    // c003_programme covers less than half of the White House sentence around it: that sentence is still offered, whole.
    expect(searchPassages(cf, 'secret drone production project').map((h) => h.text)).toEqual([
      'According to a White House spokesperson, the U.S. expressed deep concern over a report claiming that Russia has established a secret drone production project in China.',
    ]);
    const hit = searchPassages(cf, 'neutral Ukraine digest')[0]!;
    const claimed = applyCommand(cf, newClaimCommand(cf.articles.a004!, hit.start, hit.end, 'c_new'), analyst).state;
    expect(claimed.claims.c_new!.quote.exact).toBe(hit.text);
    expect(searchPassages(claimed, 'neutral Ukraine digest')).toEqual([]);
  });

  test('page chrome is never offered, and every query word must match', () => {
    expect(searchPassages(cf, 'Nikopol')).toEqual([]);
    expect(searchPassages(cf, 'neutral zzzzqq')).toEqual([]);
  });
});
