/**
 * Content words for comparing what two passages assert: folded, stop words
 * and attribution verbs dropped (who said it is the chain's business, not the
 * proposition's), and lightly stemmed so "programme", "program" and
 * "programs", or "established" and "establishes", meet.
 */
import { words } from '../claims/tokens';

const STOP_WORDS = new Set(
  (
    'a an the and or but if then than that this these those there here of in on at to for from by with without about into onto over under ' +
    'after before during since until as is are was were be been being am do does did done have has had having it its it\'s they them their ' +
    'he him his she her we us our you your i me my who whom whose which what when where why how not no nor so too very can could may might ' +
    'must shall should will would also just only both each either neither more most other such own same some any all one s t ' +
    'said says say saying told tell tells according reported reports reportedly allegedly claimed claims stated statement added noted'
  ).split(' '),
);

const SUFFIXES: [string, string][] = [
  ['ations', ''], ['ation', ''], ['tions', ''], ['tion', ''], ['ments', ''], ['ment', ''], ['ings', ''], ['ing', ''],
  ['edly', ''], ['ies', 'y'], ['ied', 'y'], ['ed', ''], ['es', ''], ['ly', ''], ['s', ''],
];

/** A rough English stem: enough for matching paraphrases, not for display. */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  let w = word;
  if (w.endsWith('mme')) w = w.slice(0, -2);
  for (const [suffix, replacement] of SUFFIXES) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 3 && !(suffix === 's' && /(ss|us|is)$/.test(w))) {
      w = w.slice(0, -suffix.length) + replacement;
      break;
    }
  }
  if (w.length > 4 && w.endsWith('e')) w = w.slice(0, -1);
  if (w.length > 4 && /([bdfgklmnprt])\1$/.test(w)) w = w.slice(0, -1);
  return w.replace(/is$/, 'iz').replace(/ys$/, 'yz');
}

/** The content terms of a text, in order (repeats kept). */
export function contentTerms(text: string): string[] {
  const out: string[] = [];
  for (const w of words(text)) if (w.length > 1 && !STOP_WORDS.has(w)) out.push(stem(w));
  return out;
}

/**
 * Features for similarity: the content terms, plus each pair of neighbouring
 * terms ("russia establish"), so shared phrasing counts for more than shared
 * vocabulary.
 */
export function similarityFeatures(text: string): string[] {
  const terms = contentTerms(text);
  const out = [...terms];
  for (let i = 1; i < terms.length; i++) out.push(`${terms[i - 1]} ${terms[i]}`);
  return out;
}
