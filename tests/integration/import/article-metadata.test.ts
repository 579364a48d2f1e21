/**
 * Import fills an article's details from the page as an analyst reads it:
 * fixture pages (tests/fixtures/articles/) through the real pipeline and
 * workers, then the analyst's confirmations, corrections and chrome
 * decisions through applyCommand, remembered for the outlet's next pages.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { planImport, type ImportSource } from '../../../electron/services/import/index';
import { applyCommand } from '../../../shared/commands/apply';
import type { Command, SingleCommand } from '../../../shared/commands/commands';
import { emptyCasefile } from '../../../shared/model/casefile';
import type { Article, Casefile } from '../../../shared/model/schema';
import { ARTICLES_DIR } from '../../eval/articles';

const blank = () => emptyCasefile({ id: 'cf_test', title: 'Test', analyst: 'Dana', now: '2024-09-10T09:00:00.000Z' });
const fixture = (name: string): ImportSource => ({ name, data: readFileSync(path.join(ARTICLES_DIR, name)) });
const apply = (casefile: Casefile, command: Command) => applyCommand(casefile, command, { name: 'Dana', now: '2024-10-01T09:00:00.000Z' }).state;

async function importInto(casefile: Casefile, sources: ImportSource[]): Promise<{ casefile: Casefile; articles: Article[] }> {
  const plan = await planImport(sources, casefile);
  const next = apply(casefile, { type: 'batch', label: 'import', commands: plan.commands });
  const ids = plan.commands.flatMap((c: SingleCommand) => (c.type === 'article.add' ? [c.article.id] : []));
  return { casefile: next, articles: ids.map((id) => next.articles[id]!) };
}

const lineOf = (a: Article, start: number, end: number) => a.text.slice(start, end);

describe('import fills the details with where each came from', () => {
  test('a Ukrainska Pravda page citing Reuters: headline, both authors, date with time, outlet from the title, Reuters as cited source', async () => {
    const { articles: [a] } = await importInto(blank(), [fixture('h03-ukrainska-pravda-no-og.html')]);
    expect(a).toMatchObject({
      title: 'Russia plans to produce Garpiya drones in China – Reuters',
      outlet: 'Ukrainska Pravda',
      author: 'Oleh Pavliuk, Roman Petrenko',
      publishedAt: '2024-09-28',
      publishedTime: '15:41+03:00',
      citedOutlets: ['Reuters', 'Bloomberg'],
    });
    expect(a!.metaOrigins).toMatchObject({ title: { origin: '<h1>' }, outlet: { origin: '<title> suffix' }, publishedAt: { origin: '<time datetime>' } });
    expect(a!.metaOrigins!.author!.origin).toMatch(/^byline line \d+$/);
    for (const origin of Object.values(a!.metaOrigins!)) expect(origin!.confidence).toBeGreaterThan(0);
  });

  test('a Newsmax text crediting "© Thomson/Reuters" is Newsmax\'s, with Reuters as its wire; its furniture is proposed as chrome', async () => {
    const { articles: [a] } = await importInto(blank(), [fixture('t03-newsmax-copy.txt')]);
    expect(a).toMatchObject({ title: 'China Denies Sending Weapons to Russia After Drone Report', outlet: 'Newsmax', publishedAt: '2024-09-26', publishedTime: '08:12-04:00', citedOutlets: ['Reuters'] });
    const proposed = a!.chromeProposals!.map((p) => lineOf(a!, p.start, p.end));
    expect(proposed).toEqual(expect.arrayContaining(['WATCH TV LIVE', 'Featured', '© 2024 Thomson/Reuters. All rights reserved.', 'Related Stories:']));
    expect(proposed).not.toContain('The denial came a day after the White House said it was deeply concerned about the report.');
    expect(a!.excluded).toEqual([]);
  });
});

describe('the analyst confirms, corrects and decides', () => {
  test('confirming keeps the origin; correcting makes it the analyst\'s; accepting chrome excludes it', async () => {
    const imported = await importInto(blank(), [fixture('t01-ukrainska-pravda-copy.txt')]);
    const a = imported.articles[0];
    let casefile = imported.casefile;
    casefile = apply(casefile, { type: 'article.confirmField', articleId: a!.id, field: 'title', value: a!.title });
    casefile = apply(casefile, { type: 'article.confirmField', articleId: a!.id, field: 'publishedAt', value: '2024-09-28T15:41+03:00' });
    const after = casefile.articles[a!.id]!;
    expect(after.metaOrigins!.title).toEqual({ origin: a!.metaOrigins!.title!.origin, confidence: 1, confirmed: true });
    expect(after).toMatchObject({ publishedAt: '2024-09-28', publishedTime: '15:41+03:00' });
    expect(after.metaOrigins!.publishedAt).toEqual({ origin: 'analyst', confidence: 1, confirmed: true });

    const [first, second, ...rest] = after.chromeProposals!;
    casefile = apply(casefile, { type: 'article.decideChrome', articleId: a!.id, acceptIds: [first!.id], rejectIds: [second!.id] });
    const decided = casefile.articles[a!.id]!;
    expect(decided.excluded.map((r) => lineOf(decided, r.start, r.end))).toEqual(['UKRAINSKA PRAVDA']);
    expect(decided.chromeProposals).toHaveLength(rest.length);
    expect(() => apply(casefile, { type: 'article.decideChrome', articleId: a!.id, acceptIds: [second!.id], rejectIds: [] })).toThrow(/No page-chrome proposal/);
    expect(() => apply(casefile, { type: 'article.confirmField', articleId: a!.id, field: 'publishedAt', value: 'last Tuesday' })).toThrow(/YYYY-MM-DD/);
  });

  test('an outlet corrected on one page is read for the next page of that domain; chrome accepted there is proposed again', async () => {
    const imported = await importInto(blank(), [fixture('h08-blog-edit-post.html')]);
    const blog = imported.articles[0];
    let casefile = imported.casefile;
    expect(blog).toMatchObject({ outlet: 'Drone Watch', url: 'https://dronewatch.example.org/2024/10/01/garpiya-3-what-we-know/' });
    casefile = apply(casefile, { type: 'article.confirmField', articleId: blog!.id, field: 'outlet', value: 'Drone Watch (J. Novák)' });
    const editLine = blog!.chromeProposals!.find((p) => lineOf(blog!, p.start, p.end) === 'Edit post')!;
    casefile = apply(casefile, { type: 'article.decideChrome', articleId: blog!.id, acceptIds: [editLine.id], rejectIds: [] });
    expect(casefile.outlets).toEqual([{ name: 'Drone Watch (J. Novák)', kind: 'newspaper', domains: ['dronewatch.example.org'], aliases: [], chromeLines: ['Edit post'] }]);

    // The blog's next page: no site name, a title without the blog's name; its domain tells the outlet.
    const next = '<html><head><title>Another post</title><link rel="canonical" href="https://dronewatch.example.org/2024/10/09/another/"></head>'
      + '<body><article><p>Edit post</p><h1>Another post on Garpiya drones</h1><p>The engine of the Garpiya-3 seems to be a copy of a German design, according to photographs of wreckage that Ukrainian officials published this week.</p></article></body></html>';
    const { articles: [b] } = await importInto(casefile, [{ name: 'next.html', data: Buffer.from(next) }]);
    expect(b).toMatchObject({ outlet: 'Drone Watch (J. Novák)', metaOrigins: { outlet: { origin: 'url domain' } } });
    const edit = b!.chromeProposals!.find((p) => lineOf(b!, p.start, p.end) === 'Edit post');
    expect(edit).toMatchObject({ confidence: 0.95, reason: 'accepted before on Drone Watch (J. Novák) pages' });
  });

  test('a line repeating across three articles of one outlet is proposed as chrome with high confidence', async () => {
    const page = (headline: string, body: string) => `Kyiv Post\n${headline}\nThe Kyiv Post Weekly Digest is out now\n\n${body}\n`;
    const sources = [
      page('Air defence downs drones over Kyiv overnight', 'The Air Force said on Monday that all drones launched by Russia overnight had been shot down over the Kyiv region.'),
      page('Power restored in Odesa after strike', 'Engineers restored power to most of Odesa by Tuesday morning, the regional governor said in a statement on Telegram.'),
      page('Debris damages homes near Bucha', 'Falling debris damaged four private houses near Bucha overnight, the regional military administration said on Wednesday.'),
    ].map((text, i) => ({ name: `kp${i}.txt`, data: Buffer.from(text) }));
    const { articles } = await importInto(blank(), sources);
    for (const a of articles) {
      const digest = a.chromeProposals!.find((p) => lineOf(a, p.start, p.end) === 'The Kyiv Post Weekly Digest is out now');
      expect(digest).toMatchObject({ confidence: 0.95, reason: 'repeats across Kyiv Post articles' });
    }
  });
});
