import { describe, expect, test } from 'vitest';
import { parseDate } from '../../../shared/articles/dates';
import { detectLanguage } from '../../../shared/articles/language';
import { inferOutlet } from '../../../shared/articles/outlets';
import { inferTextMetadata, readByline } from '../../../shared/articles/text-metadata';
import { normaliseText } from '../../../shared/text/normalise';
import { seedFiles } from './seeds';

const seeds = seedFiles().map((f) => normaliseText(f.data.toString('utf8')));

describe('metadata read from the seed articles', () => {
  test('000 gives its headline, byline, date and outlet', () => {
    expect(inferTextMetadata(seeds[0]!)).toEqual({
      title: 'Allies believe China allegedly developing attack drones to aid Russia, Bloomberg reports',
      author: 'Dmytro Basmat',
      publishedAt: '2024-07-03',
      outlet: 'The Kyiv Independent',
    });
  });

  test('001, the same article without its page, gives the headline and guesses nothing else', () => {
    expect(inferTextMetadata(seeds[1]!)).toEqual({
      title: 'Allies believe China allegedly developing attack drones to aid Russia, Bloomberg reports', author: '', publishedAt: '', outlet: '',
    });
  });

  test('pages that print their headline twice give that headline', () => {
    expect(inferTextMetadata(seeds[2]!).title).toBe('China reportedly provides Russia with drone equipment for their involvement in the Ukraine conflict');
    expect(inferTextMetadata(seeds[3]!).title).toBe('US raises concerns over alleged Russian drone production in China');
  });

  test('a text without a headline is titled by its first sentence', () => {
    expect(inferTextMetadata(seeds[4]!).title).toBe('Russia has reportedly established a weapons programme in China to build drones for use against Ukraine.');
  });

  test('outlets named only as sources (Bloomberg, Reuters, the Times) are never taken for the publisher', () => {
    expect(seeds.map(inferOutlet)).toEqual(['The Kyiv Independent', '', '', 'The Kyiv Independent', '']);
  });
});

describe('bylines and dates', () => {
  test.each([
    ['by Dmytro Basmat July 3, 2024 4:45 AM 2 min read', 'Dmytro Basmat', '2024-07-03'],
    ['By Jane Roe, 5 September 2024', 'Jane Roe', '2024-09-05'],
    ['By Anna-Lena van der Berg and Tom Li', 'Anna-Lena van der Berg and Tom Li', ''],
    ['By Reuters', null, null],
    ['by the way, this is not a byline', null, null],
  ])('%s', (line, author, date) => {
    const read = readByline(line);
    if (author === null) expect(read).toBeNull();
    else expect(read).toEqual({ author, date });
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

  test('a date in the body is not taken for the publication date', () => {
    const text = 'Drones seen over the border\n\nOn March 4, 2024 officials said that the drones had been tested in 2023 and more would follow this year.';
    expect(inferTextMetadata(text).publishedAt).toBe('');
  });

  test('"Author:" and "Published:" lines are read', () => {
    const text = 'Drones seen over the border tonight\nAuthor: Maria Kowalska\nPublished: 12 March 2024\n\nBody text follows here.';
    expect(inferTextMetadata(text)).toMatchObject({ title: 'Drones seen over the border tonight', author: 'Maria Kowalska', publishedAt: '2024-03-12' });
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
