import { describe, expect, test } from 'vitest';
import { formatDateTime, parseDate, parseDateTime } from '../../../shared/articles/dates';
import { detectLanguage } from '../../../shared/articles/language';
import { outletNamed, outletOfUrl, outletRegistry } from '../../../shared/articles/outlet-registry';
import { readBylineLine } from '../../../shared/articles/page-lines';
import { readArticle } from '../../../shared/articles/reading';
import { readTextMetadata } from '../../../shared/articles/text-metadata';
import { normaliseText } from '../../../shared/text/normalise';
import { seedFiles } from './seeds';

const seeds = seedFiles().map((f) => normaliseText(f.data.toString('utf8')));
const registry = outletRegistry();
const values = (text: string) => {
  const m = readArticle(text, {}, registry).fields;
  return { title: m.title?.value ?? '', author: m.author?.value ?? '', publishedAt: m.publishedAt?.value ?? '', outlet: m.outlet?.value ?? '', cited: readArticle(text, {}, registry).cited };
};

describe('metadata read from the seed articles', () => {
  test('000 gives its headline, byline, date with time, outlet and the outlet it cites', () => {
    expect(values(seeds[0]!)).toEqual({
      title: 'Allies believe China allegedly developing attack drones to aid Russia, Bloomberg reports',
      author: 'Dmytro Basmat',
      publishedAt: '2024-07-03T04:45',
      outlet: 'The Kyiv Independent',
      cited: ['Bloomberg'],
    });
  });

  test('001, the same article without its page, gives the headline and guesses nothing else', () => {
    expect(values(seeds[1]!)).toEqual({
      title: 'Allies believe China allegedly developing attack drones to aid Russia, Bloomberg reports', author: '', publishedAt: '', outlet: '', cited: ['Bloomberg'],
    });
  });

  test('pages that print their headline twice give that headline', () => {
    expect(values(seeds[2]!).title).toBe('China reportedly provides Russia with drone equipment for their involvement in the Ukraine conflict');
    expect(values(seeds[3]!).title).toBe('US raises concerns over alleged Russian drone production in China');
  });

  test('a text without a headline is titled by its first sentence, with low confidence', () => {
    const title = readTextMetadata(seeds[4]!, registry).title!;
    expect(title.value).toBe('Russia has reportedly established a weapons programme in China to build drones for use against Ukraine.');
    expect(title.confidence).toBeLessThan(0.5);
  });

  test('the publication date is the "Published" line, not an "Updated" one above it; "Updated" counts only alone', () => {
    const head = 'Drone debris found near the border\nUpdated - October 19, 2024 10:42 pm\nPublished - October 19, 2024 09:10 pm\n\nDebris of a drone was found in a field on Saturday, police said.\n';
    expect(readTextMetadata(head, registry).publishedAt?.value).toBe('2024-10-19T21:10');
    const updatedOnly = head.replace('Published - October 19, 2024 09:10 pm\n', '');
    expect(readTextMetadata(updatedOnly, registry).publishedAt?.value).toBe('2024-10-19T22:42');
  });

  test('a wire credited in the byline, the author tag or a copyright line is a cited source, never the publisher', () => {
    const text = 'Baltic states to build a drone wall\nBy AFP\nVilnius, 11 October 2024\n\nThe three states will build a network of drones and sensors along their borders, their ministers said on Friday.\n\n© Agence France-Presse';
    expect(values(text)).toMatchObject({ outlet: '', author: '', cited: ['Agence France-Presse'] });
    const page = readArticle('Finland finds drone debris\n\nHELSINKI (Reuters) - Border guards found debris from a drone in a forest near the border, they said on Wednesday.', { author: { value: 'Reuters', origin: 'meta author' }, outlet: { value: 'Yahoo News', origin: 'og:site_name' } }, registry);
    expect(page.fields.author).toBeUndefined();
    expect(page.fields.outlet?.value).toBe('Yahoo News');
    expect(page.cited).toEqual(['Reuters']);
  });

  test('outlets named only as sources (Bloomberg, Reuters, the Times) are never taken for the publisher', () => {
    expect(seeds.map((s) => values(s).outlet)).toEqual(['The Kyiv Independent', '', '', 'The Kyiv Independent', '']);
  });
});

describe('the outlet registry', () => {
  test('"Reuters", "reuters.com", "Thomson Reuters" and a Reuters web address are one outlet', () => {
    const names = ['Reuters', 'reuters.com', 'Thomson Reuters', 'Thomson/Reuters'].map((n) => outletNamed(registry, n)?.name);
    expect(names).toEqual(['Reuters', 'Reuters', 'Reuters', 'Reuters']);
    expect(outletOfUrl(registry, 'https://www.reuters.com/world/europe/x')?.name).toBe('Reuters');
    expect(outletNamed(registry, 'reuters.com')?.kind).toBe('wire');
  });

  test('ships a few hundred outlets, each name unique', () => {
    expect(registry.entries.length).toBeGreaterThanOrEqual(250);
    expect(new Set(registry.entries.map((e) => e.name)).size).toBe(registry.entries.length);
  });

  test('an analyst\'s entry replaces the shipped one of that name and adds its domains', () => {
    const edited = outletRegistry([{ name: 'Reuters', kind: 'wire', domains: ['reuters.com', 'reuters.example'], aliases: [] }]);
    expect(outletOfUrl(edited, 'https://news.reuters.example/a')?.name).toBe('Reuters');
    expect(outletNamed(edited, 'Thomson Reuters')).toBeNull();
  });
});

describe('bylines and dates', () => {
  test.each([
    ['by Dmytro Basmat July 3, 2024 4:45 AM 2 min read', ['Dmytro Basmat']],
    ['By Jane Roe, 5 September 2024', ['Jane Roe']],
    ['By Anna-Lena van der Berg and Tom Li', ['Anna-Lena van der Berg', 'Tom Li']],
    ['Oleh Pavliuk, Roman Petrenko — Saturday, 28 September 2024, 15:41', ['Oleh Pavliuk', 'Roman Petrenko']],
    ['By JOHN LEICESTER and KEN MORITSUGU', ['John Leicester', 'Ken Moritsugu']],
    ['By Natasha Bertrand and Kylie Atwood, CNN', ['Natasha Bertrand', 'Kylie Atwood']],
    ['By Reuters', []],
    ['Max Seddon in Riga and Joe Leahy in Beijing', ['Max Seddon', 'Joe Leahy']],
    ['by the way, this is not a byline', []],
    ['The ministry said on Tuesday that drones had been seen.', null],
  ])('%s', (line, authors) => {
    expect(readBylineLine(line, registry)).toEqual(authors);
  });

  test.each([
    ['2024-07-03T04:45:00+03:00', '2024-07-03'],
    ['July 3, 2024', '2024-07-03'],
    ['Sept. 5th, 2024', '2024-09-05'],
    ['3 July 2024', '2024-07-03'],
    ['03.07.2024', '2024-07-03'],
    ['3/7/2024', ''],
    ['2024-02-30', ''],
    ['no date here', ''],
  ])('parseDate(%s) = %s', (text, iso) => {
    expect(parseDate(text)).toBe(iso);
  });

  test.each([
    ['Saturday, 28 September 2024, 15:41', '2024-09-28T15:41'],
    ['by Dmytro Basmat July 3, 2024 4:45 AM 2 min read', '2024-07-03T04:45'],
    ['Thursday, 26 September 2024 06:12 AM EDT', '2024-09-26T06:12-04:00'],
    ['Updated 4:45 PM EDT, Wed September 25, 2024', '2024-09-25T16:45-04:00'],
    ['Fri 27 Sep 2024 17.00 BST', '2024-09-27T17:00+01:00'],
    ['Published on 26/09/2024 - 17:22 GMT+2', '2024-09-26T17:22+02:00'],
    ['12:45 p.m., September 26, 2024', '2024-09-26T12:45'],
    ['2024-09-26T11:02:45.000Z', '2024-09-26T11:02+00:00'],
    ['10/04/2024', ''],
  ])('parseDateTime(%s) = %s', (text, iso) => {
    const read = parseDateTime(text);
    expect(read ? formatDateTime(read) : '').toBe(iso);
  });

  test('a date in the body is not taken for the publication date', () => {
    const text = 'Drones seen over the border\n\nOn March 4, 2024 officials said that the drones had been tested in 2023 and more would follow this year.';
    expect(values(text).publishedAt).toBe('');
  });

  test('a three-word headline above a byline is the headline, not a section label, and a short body sentence is not', () => {
    const text = 'Drone deliveries confirmed\n\nby Ian Smith September 27, 2024\n\nA western official said there was irrefutable evidence.';
    const lines = readTextMetadata(text, registry).lines.map((l) => l.role);
    expect(lines).toEqual(['headline', 'byline', 'body']);
    expect(values(text)).toMatchObject({ title: 'Drone deliveries confirmed', author: 'Ian Smith', publishedAt: '2024-09-27' });
  });

  test('"Author:" and "Published:" lines are read', () => {
    const text = 'Drones seen over the border tonight\nAuthor: Maria Kowalska\nPublished: 12 March 2024\n\nBody text follows here.';
    expect(values(text)).toMatchObject({ title: 'Drones seen over the border tonight', author: 'Maria Kowalska', publishedAt: '2024-03-12' });
  });
});

describe('language', () => {
  test.each([
    ['en', 'The ministry said that the drones were produced in a factory and that it has not been able to confirm the report, which was published by the agency on Tuesday.'],
    ['de', 'Das Ministerium sagte, dass die Drohnen in einer Fabrik hergestellt wurden und dass es den Bericht nicht bestätigen könne, der am Dienstag von der Agentur veröffentlicht wurde.'],
    ['fr', 'Le ministère a déclaré que les drones ont été produits dans une usine et qu’il ne pouvait pas confirmer le rapport, qui a été publié par l’agence mardi dans la soirée.'],
    ['es', 'El ministerio dijo que los drones fueron producidos en una fábrica y que no podía confirmar el informe, que fue publicado por la agencia el martes por la noche.'],
    ['ru', 'Министерство заявило, что беспилотники были произведены на заводе и что оно не может подтвердить доклад, который был опубликован агентством во вторник вечером.'],
    ['uk', 'Міністерство заявило, що безпілотники були виготовлені на заводі і що воно не може підтвердити звіт, який був опублікований агентством у вівторок увечері.'],
    ['zh', '外交部发言人表示，中国政府对无人机出口实施严格管控，不了解相关报道中提到的项目细节，并呼吁各方停止炒作。'],
  ])('recognises %s', (lang, text) => {
    expect(detectLanguage(text)).toBe(lang);
  });

  test('answers "unknown" for text too short to tell', () => {
    expect(detectLanguage('Drone factory')).toBe('');
    expect(detectLanguage('12 34 56 78 90 — 11 22 33')).toBe('');
  });

  test('the seeds are English', () => {
    expect(seeds.map(detectLanguage)).toEqual(['en', 'en', 'en', 'en', 'en']);
  });
});
