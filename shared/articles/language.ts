/**
 * A small, honest language guess: the writing system first, then, for Latin
 * and Cyrillic text, which language's most common words it uses. It answers
 * '' (unknown) when the text is short or the evidence is weak, rather than
 * guessing; the analyst can always set the language by hand.
 */

/** BCP 47 codes this detector can answer, with their names for the UI. */
export const LANGUAGE_NAMES: Record<string, string> = {
  en: 'English', de: 'German', fr: 'French', es: 'Spanish', it: 'Italian', pt: 'Portuguese', nl: 'Dutch',
  pl: 'Polish', uk: 'Ukrainian', ru: 'Russian', zh: 'Chinese', ja: 'Japanese', ko: 'Korean', ar: 'Arabic',
  fa: 'Persian', he: 'Hebrew', el: 'Greek',
};

const STOPWORDS: Record<string, string[]> = {
  en: ['the', 'and', 'of', 'to', 'in', 'is', 'that', 'for', 'it', 'with', 'was', 'on', 'as', 'are', 'by', 'this', 'be', 'from', 'have', 'has', 'not', 'which', 'said'],
  de: ['der', 'die', 'und', 'in', 'den', 'von', 'zu', 'das', 'mit', 'sich', 'des', 'auf', 'für', 'ist', 'im', 'dem', 'nicht', 'ein', 'eine', 'als', 'auch', 'es', 'an', 'wurde'],
  fr: ['le', 'la', 'les', 'de', 'des', 'et', 'en', 'un', 'une', 'du', 'est', 'que', 'qui', 'dans', 'pour', 'pas', 'sur', 'au', 'par', 'avec', 'ce', 'il', 'sont'],
  es: ['el', 'la', 'de', 'que', 'y', 'en', 'los', 'del', 'se', 'las', 'por', 'un', 'para', 'con', 'no', 'una', 'su', 'al', 'lo', 'como', 'más', 'pero', 'sus', 'es'],
  it: ['il', 'di', 'che', 'e', 'la', 'per', 'un', 'in', 'non', 'una', 'sono', 'del', 'della', 'le', 'con', 'si', 'da', 'gli', 'al', 'nel', 'è', 'anche', 'dei'],
  pt: ['de', 'que', 'o', 'a', 'e', 'do', 'da', 'em', 'um', 'para', 'com', 'não', 'uma', 'os', 'no', 'se', 'na', 'por', 'mais', 'as', 'dos', 'como', 'foi', 'ao'],
  nl: ['de', 'het', 'een', 'en', 'van', 'in', 'is', 'dat', 'op', 'te', 'zijn', 'niet', 'met', 'voor', 'die', 'aan', 'er', 'ook', 'om', 'maar', 'worden', 'wordt'],
  pl: ['i', 'w', 'nie', 'na', 'się', 'z', 'do', 'że', 'to', 'jest', 'o', 'jak', 'ale', 'po', 'co', 'przez', 'od', 'za', 'dla', 'tym', 'oraz', 'został'],
  ru: ['и', 'в', 'не', 'на', 'что', 'с', 'по', 'это', 'как', 'из', 'но', 'его', 'к', 'от', 'за', 'для', 'о', 'же', 'был', 'было', 'также', 'который', 'или'],
  uk: ['і', 'в', 'у', 'не', 'на', 'що', 'з', 'до', 'це', 'як', 'та', 'за', 'від', 'для', 'й', 'його', 'але', 'також', 'був', 'було', 'які', 'який', 'або'],
};

/** Letters only one of the two Cyrillic languages uses. */
const UKRAINIAN_LETTERS = /[іїєґІЇЄҐ]/g;
const RUSSIAN_LETTERS = /[ыэъёЫЭЪЁ]/g;
const PERSIAN_LETTERS = /[پچژگ]/g;

const MIN_WORDS = 20;
/** Share of words that must be the winner's common words, and its lead over the runner-up. */
const MIN_STOPWORD_SHARE = 0.12;
const MIN_LEAD = 1.5;

export function detectLanguage(text: string): string {
  const sample = text.slice(0, 20_000);
  const scripts = countScripts(sample);
  const letters = scripts.latin + scripts.cyrillic + scripts.han + scripts.kana + scripts.hangul + scripts.arabic + scripts.hebrew + scripts.greek;
  if (letters < 40) return '';
  const share = (n: number) => n / letters;
  if (share(scripts.kana) > 0.1) return 'ja';
  if (share(scripts.hangul) > 0.3) return 'ko';
  if (share(scripts.han) > 0.3) return 'zh';
  if (share(scripts.arabic) > 0.5) return count(sample, PERSIAN_LETTERS) > 3 ? 'fa' : 'ar';
  if (share(scripts.hebrew) > 0.5) return 'he';
  if (share(scripts.greek) > 0.5) return 'el';
  if (share(scripts.cyrillic) > 0.5) return cyrillicLanguage(sample);
  if (share(scripts.latin) > 0.5) return byStopwords(sample, ['en', 'de', 'fr', 'es', 'it', 'pt', 'nl', 'pl']);
  return '';
}

function cyrillicLanguage(sample: string): string {
  const uk = count(sample, UKRAINIAN_LETTERS);
  const ru = count(sample, RUSSIAN_LETTERS);
  if (uk >= 3 && uk > ru * 3) return 'uk';
  if (ru >= 3 && ru > uk * 3) return 'ru';
  return byStopwords(sample, ['ru', 'uk']);
}

function byStopwords(sample: string, candidates: string[]): string {
  const words = sample.toLowerCase().match(/[\p{L}']+/gu) ?? [];
  if (words.length < MIN_WORDS) return '';
  const scores = candidates
    .map((lang) => {
      const set = new Set(STOPWORDS[lang]);
      return { lang, hits: words.filter((w) => set.has(w)).length };
    })
    .sort((a, b) => b.hits - a.hits);
  const [best, second] = scores;
  if (!best || best.hits / words.length < MIN_STOPWORD_SHARE) return '';
  if (second && best.hits < second.hits * MIN_LEAD) return '';
  return best.lang;
}

function countScripts(text: string) {
  return {
    latin: count(text, /\p{Script=Latin}/gu),
    cyrillic: count(text, /\p{Script=Cyrillic}/gu),
    han: count(text, /\p{Script=Han}/gu),
    kana: count(text, /[\p{Script=Hiragana}\p{Script=Katakana}]/gu),
    hangul: count(text, /\p{Script=Hangul}/gu),
    arabic: count(text, /\p{Script=Arabic}/gu),
    hebrew: count(text, /\p{Script=Hebrew}/gu),
    greek: count(text, /\p{Script=Greek}/gu),
  };
}

function count(text: string, re: RegExp): number {
  return text.match(re)?.length ?? 0;
}
