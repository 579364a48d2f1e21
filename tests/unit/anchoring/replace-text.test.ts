import { applyPatches } from 'immer';
import { describe, expect, test } from 'vitest';
import { createSelectors } from '../../../shared/anchoring';
import { applyCommand, CommandError, type Actor } from '../../../shared/commands/apply';
import { Command } from '../../../shared/commands/commands';
import { emptyCasefile } from '../../../shared/model/casefile';
import type { Casefile } from '../../../shared/model/schema';
import { textHash } from '../../../shared/text/hash';
import { edited, seed } from './seeds';

const dana: Actor = { name: 'Dana', now: '2026-01-01T10:00:00.000Z' };
const sam: Actor = { name: 'Sam', now: '2026-01-02T09:00:00.000Z' };
const text000 = seed('000');
const text001 = seed('001');

function claimCommand(id: string, articleId: string, text: string, quote: string): Command {
  const start = text.indexOf(quote);
  return {
    type: 'claim.add',
    claim: { id, articleId, ...createSelectors(text, start, start + quote.length), textHash: textHash(text), anchor: 'exact', chain: [], notes: '' },
  };
}

function casefileWith000(): Casefile {
  let cf = emptyCasefile({ id: 'cf', title: 'Drones', analyst: 'Dana', now: dana.now });
  const add = (id: string, text: string): Command => ({
    type: 'article.add',
    article: {
      id, title: 'Allies believe', outlet: 'Kyiv Independent', author: 'Dmytro Basmat', publishedAt: '2024-07-03', url: '', language: 'en',
      notes: '', text, textHash: textHash(text), origin: { fileName: `${id}.txt`, format: 'txt' }, excluded: [],
    },
  });
  const chromeStart = text000.indexOf('Xi, Putin to participate');
  const commands: Command[] = [
    add('a000', text000),
    add('a002', seed('002')),
    {
      type: 'article.setExcluded', articleId: 'a000', ranges: [
        { id: 'x-skip', start: 0, end: text000.indexOf('\n'), reason: 'navigation' },
        { id: 'x-related', start: chromeStart, end: text000.length, reason: 'unrelated headlines' },
      ],
    },
    claimCommand('c-developing', 'a000', text000, 'Chinese companies are allegedly developing attack drones'),
    claimCommand('c-denied', 'a000', text000, 'denied that China is providing lethal aid to Russia'),
    claimCommand('c-nato', 'a000', text000, 'NATO allies have repeatedly warned China against providing Russia with lethal military aid'),
    claimCommand('c-002', 'a002', seed('002'), 'Reuters reported that Russia has established a weapons program in China'),
  ];
  for (const command of commands) cf = applyCommand(cf, command, dana).state;
  return cf;
}

describe('article.replaceText', () => {
  test('re-importing seed 001 over 000 re-anchors the claims, drops the chrome that is gone and undoes completely', () => {
    const before = casefileWith000();
    const applied = applyCommand(before, { type: 'article.replaceText', articleId: 'a000', text: text001 }, sam);
    const after = applied.state;
    const article = after.articles.a000!;
    expect(article.text).toBe(text001);
    expect(article.textHash).toBe(textHash(text001));
    expect(article).toMatchObject({ modifiedBy: 'Sam', modifiedAt: sam.now });

    const developing = after.claims['c-developing']!;
    expect(developing.anchor).toBe('exact');
    expect(developing.textHash).toBe(textHash(text001));
    expect(text001.slice(developing.position.start, developing.position.end)).toBe('Chinese companies are allegedly developing attack drones');
    expect(after.claims['c-nato']).toMatchObject({ anchor: 'moved', quote: { exact: 'NATO allies have repeatedly warned China against providingRussia with lethal military aid' } });
    // The claim on the other article is untouched.
    expect(after.claims['c-002']).toBe(before.claims['c-002']);

    // 001 has no "Skip to content" line; its "Read also" line still carries the first related headline.
    expect(article.excluded.map((r) => r.id)).toEqual(['x-related']);
    const related = article.excluded[0]!;
    expect(text001.slice(related.start, related.end)).toContain('Xi, Putin to participate');
    expect(related.end).toBeLessThanOrEqual(text001.length);

    expect(applyPatches(after, applied.inversePatches)).toEqual(before);
    expect(applyPatches(before, applied.patches)).toEqual(after);
  });

  test('a deleted passage orphans its claim, which keeps its original quote; undo brings all back', () => {
    const before = casefileWith000();
    const text = edited('000-passage-deleted.txt');
    const applied = applyCommand(before, { type: 'article.replaceText', articleId: 'a000', text }, sam);
    const denied = applied.state.claims['c-denied']!;
    expect(denied.anchor).toBe('orphaned');
    expect(denied.quote).toEqual(before.claims['c-denied']!.quote);
    expect(denied.textHash).toBe(textHash(text000));
    expect(Object.keys(applied.state.claims)).toHaveLength(4);
    expect(applyPatches(applied.state, applied.inversePatches)).toEqual(before);
  });

  test('claims made or changed earlier in the same batch are re-anchored as they are then', () => {
    const before = casefileWith000();
    const text = edited('000-paragraphs-added.txt');
    const after = applyCommand(before, {
      type: 'batch', label: 'Edit', commands: [
        claimCommand('c-new', 'a000', text000, 'the drones have not yet been used in Ukraine') as Extract<Command, { type: 'claim.add' }>,
        { type: 'claim.setNotes', claimId: 'c-denied', notes: 'Check with the embassy' },
        { type: 'article.replaceText', articleId: 'a000', text },
      ],
    }, sam).state;
    const claim = after.claims['c-new']!;
    expect(claim.anchor).toBe('exact');
    expect(after.claims['c-denied']!.notes).toBe('Check with the embassy');
    expect(text.slice(claim.position.start, claim.position.end)).toBe('the drones have not yet been used in Ukraine');
    expect(claim.position.start).toBeGreaterThan(text000.indexOf('the drones have not yet'));
  });

  test('the same text changes nothing; an unknown article or empty text is refused', () => {
    const before = casefileWith000();
    const same = applyCommand(before, { type: 'article.replaceText', articleId: 'a000', text: text000 }, sam);
    expect(same.state.claims).toBe(before.claims);
    expect(same.state.articles).toBe(before.articles);
    expect(() => applyCommand(before, { type: 'article.replaceText', articleId: 'nope', text: 'x' }, sam)).toThrow(CommandError);
    expect(Command.safeParse({ type: 'article.replaceText', articleId: 'a000', text: '' }).success).toBe(false);
  });

  test('re-attaching an orphan to a selection of the new text makes it exact again', () => {
    const text = edited('000-passage-deleted.txt');
    let cf = applyCommand(casefileWith000(), { type: 'article.replaceText', articleId: 'a000', text }, sam).state;
    const quote = 'NATO allies have repeatedly warned China';
    const start = text.indexOf(quote);
    cf = applyCommand(cf, { type: 'claim.reattach', claimId: 'c-denied', ...createSelectors(text, start, start + quote.length), textHash: textHash(text) }, sam).state;
    expect(cf.claims['c-denied']).toMatchObject({ anchor: 'exact', quote: { exact: quote }, textHash: textHash(text) });
  });
});
