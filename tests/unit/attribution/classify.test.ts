/** The sourcing type a source noun phrase gets on its own (before any chain). */
import { describe, expect, test } from 'vitest';
import { sourceCount, sourceKind, sourcingType } from '../../../shared/attribution/classify';

const typeOf = (phrase: string) => sourcingType(sourceKind(phrase), phrase);

describe('sourcing type of a source noun phrase', () => {
  test.each([
    ['Dmitry Peskov', 'named-official'],
    ['Pentagon press secretary Pat Ryder', 'named-official'],
    ['Liu Pengyu, spokesperson for China’s embassy in the U.S.', 'named-official'],
    ['Fabian Hinz, a research associate at the International Institute for Strategic Studies', 'named-expert'],
    ['Goldman Sachs analysts', 'named-expert'],
    ['the Institute for the Study of War', 'named-expert'],
    ['a NATO spokesperson', 'official-statement'],
    ['the Kremlin', 'official-statement'],
    ["Ukraine's General Staff", 'official-statement'],
    ['Human Rights Watch', 'official-statement'],
    ['The Chinese foreign ministry', 'official-statement'],
    ['European officials familiar with the matter', 'anonymous'],
    ['two sources from a European intelligence agency', 'anonymous'],
    ['a senior U.S. official', 'anonymous'],
    ['Bloomberg', 'outlet-citing-outlet'],
    ['the British "Times"', 'outlet-citing-outlet'],
    ['state news agency RIA Novosti', 'outlet-citing-outlet'],
    ['A Reuters report', 'outlet-citing-outlet'],
    ['a report Kupol sent to the Russian defence ministry, seen by Reuters', 'document'],
    ['Documents seen by the Courier', 'document'],
    ['satellite images', 'document'],
    ['Witnesses', 'direct-observation'],
    ['a shopkeeper who gave only his first name, Ali', 'direct-observation'],
  ])('%s → %s', (phrase, type) => {
    expect(typeOf(phrase)).toBe(type);
  });

  test('the number of sources as written, or none', () => {
    expect(sourceCount('two sources with knowledge of the matter')).toBe('two');
    expect(sourceCount('multiple unnamed European officials')).toBe('multiple');
    expect(sourceCount('At least four of them')).toBe('At least four');
    expect(sourceCount('one of the officials')).toBe('one');
    expect(sourceCount('a western official')).toBeNull();
    expect(sourceCount('someone familiar')).toBeNull();
  });
});
