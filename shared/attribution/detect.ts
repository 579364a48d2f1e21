/**
 * Finds attributions sentence by sentence: a reporting verb or phrase (the
 * cue), the noun phrase that speaks (the source) and what it says (the
 * content), in the orders news text uses them:
 *   subject-verb   "Liu Pengyu, spokesperson for …, denied that China …"
 *   content-first  "Chinese companies are …, Bloomberg reported on July 2, citing …"
 *   inverted       "\"We have seen nothing like this …,\" said fire chief Anton Weber."
 *   coordinated    "… stated there is no indication …, but emphasized that …"
 *   according-to   "According to Bloomberg, …" / "…, according to the Times."
 *   participle     "a report claiming that …"
 *   headline       "Tech giant to open AI lab in Lisbon – report"
 * Sources are then resolved and chained (resolve.ts).
 */
import {
  ADVERBS, AUXILIARIES, CLAUSE_ONLY_VERBS, CLAUSE_START_PRONOUNS, CUE_VERBS, DAYS_AND_MONTHS, EVIDENCE_VERBS,
  INTRO_WORDS, PREPOSITION_CUES, TELL_VERBS,
} from './lexicon';
import { sourceKind } from './classify';
import { splitSentences, type Sentence, type Span, type Token } from './text';
import type { Attribution } from './types';

/** An attribution as found in one sentence, before resolution and typing. */
export interface Found {
  cue: Span;
  lemma: string;
  source: Span | null;
  content: Span | null;
  pattern: Attribution['pattern'];
  /** Outlets or sources passed through on the way ("told Reuters", "citing LRT"), in chain order before the source. */
  via: Span[];
  /** Sources cited by the source ("…, citing European officials"): chain hops after it. */
  citing: Span[];
  sentence: number;
}

const DETERMINERS = new Set(['the', 'a', 'an', 'this', 'that', 'these', 'those', 'its', 'his', 'her', 'their', 'our', 'my', 'your', 'new', 'recent', 'latest', 'earlier', 'previous', 'initial', 'media', 'news', 'first', 'second', 'final', 'full', 'same', 'such', 'no', 'any', 'every', 'another', 'separate', 'detailed', 'internal', 'official', 'annual']);
/** Reporting verbs that are also common nouns ("a report", "the claim"). */
const NOUN_LIKE = new Set(['report', 'claim', 'note', 'post', 'estimate', 'quote', 'tweet', 'show', 'find', 'forecast', 'review', 'reply', 'respond', 'comment', 'publish', 'point', 'signal', 'highlight', 'warn', 'stress', 'maintain']);
const PARTICIPLE_CUES = new Set(['saying', 'adding', 'stating', 'noting', 'claiming', 'warning', 'arguing', 'insisting', 'explaining', 'telling', 'writing', 'suggesting', 'alleging', 'denying', 'confirming', 'asserting', 'declaring', 'acknowledging', 'admitting', 'reporting', 'indicating', 'revealing', 'stressing', 'emphasizing', 'emphasising', 'cautioning']);
const RELATIVES = new Set(['which', 'who', 'whom', 'that', 'because', 'while', 'although', 'if', 'where', 'when', 'whereas', 'since', 'after', 'before', 'as', 'but', 'so']);
const BE_FORMS = new Set(['is', 'was', 'were', 'are', 'be', 'been', 'being', 'am', "'s", 'get', 'got']);
const SKIPPABLE_OBJECTS = new Set(['reporters', 'journalists', 'lawmakers', 'parliament', 'me', 'us', 'him', 'her', 'them', 'colleagues', 'investors', 'analysts', 'staff', 'employees', 'supporters', 'viewers', 'listeners', 'readers', 'congress']);
const ADJUNCT_PREPOSITIONS = new Set(['on', 'in', 'at', 'via', 'by', 'during', 'over', 'through', 'from', 'to', 'with', 'late', 'early', 'earlier', 'last', 'this', 'outside', 'after', 'before', 'inside', 'later', 'overnight', 'yesterday', 'today', 'again']);

const isWord = (t: Token | undefined) => !!t && /^[\p{L}\p{N}]/u.test(t.text);
const isCap = (t: Token | undefined) => !!t && /^\p{Lu}/u.test(t.text);
const span = (tokens: Token[], from: number, to: number): Span | null => (to > from ? { start: tokens[from]!.start, end: tokens[to - 1]!.end } : null);

export function findAttributions(text: string): { sentences: Sentence[]; found: Found[] } {
  const sentences = splitSentences(text);
  const found: Found[] = [];
  sentences.forEach((sentence, index) => {
    const inSentence: Found[] = [];
    findInSentence(sentence, index, inSentence);
    inSentence.sort((a, b) => a.cue.start - b.cue.start);
    found.push(...inSentence);
  });
  return { sentences, found };
}

function findInSentence(sentence: Sentence, index: number, out: Found[]): void {
  const tokens = sentence.tokens;
  const taken: Span[] = [];
  headlineCues(sentence, index, out);
  prepositionCues(sentence, index, out, taken);
  for (let c = 0; c < tokens.length; c++) {
    const t = tokens[c]!;
    const lemma = CUE_VERBS.get(t.lower);
    if (!lemma || t.quoted || taken.some((s) => t.start >= s.start && t.end <= s.end)) continue;
    if (!isVerbHere(tokens, c, lemma)) continue;
    const f = PARTICIPLE_CUES.has(t.lower) && !precededByCoordination(tokens, c)
      ? participle(tokens, c, lemma, index, out)
      : verbCue(sentence, c, lemma, index, out);
    if (!f) continue;
    if (EVIDENCE_VERBS.has(lemma) && !(f.source && isEvidenceSource(sentence, f.source))) continue;
    out.push(f);
  }
}

/** A reporting verb used as a verb: not "a report", not "is said to", not "declined to comment". */
function isVerbHere(tokens: Token[], c: number, lemma: string): boolean {
  const t = tokens[c]!;
  const prev = tokens[c - 1];
  const next = tokens[c + 1];
  if (prev?.lower === 'to' && !PARTICIPLE_CUES.has(t.lower)) return false;
  if (prev && BE_FORMS.has(prev.lower) && !t.lower.endsWith('ing')) return false;
  if (prev && (prev.lower === 'be' || prev.lower === 'been') ) return false;
  if (next && (next.lower === 'to' || next.lower === 'by') && /(?:ed|said|told|thought|shown|found)$/.test(t.lower) && prev && !isWord(prev)) return false;
  if (NOUN_LIKE.has(lemma) || t.lower === 'report' || t.lower === 'reports') {
    if (prev && DETERMINERS.has(prev.lower)) return false;
    if (prev && /^\d/.test(prev.text)) return false;
    if (next && (CUE_VERBS.has(next.lower) || AUXILIARIES.has(next.lower)) && !t.lower.endsWith('ed')) return false;
    if (t.lower === lemma && prev && !(/s$/.test(prev.lower) || ['they', 'we', 'i', 'you'].includes(prev.lower) || AUXILIARIES.has(prev.lower) || ADVERBS.has(prev.lower))) return false;
    if (next?.lower === 'of' || next?.lower === 'on' && lemma === 'report') return false;
  }
  if (lemma === 'show' && next && (next.lower === 'no' || next.lower === 'signs')) return false;
  return true;
}

function isEvidenceSource(sentence: Sentence, source: Span): boolean {
  const text = sentence.tokens.filter((t) => t.start >= source.start && t.end <= source.end).map((t) => t.text).join(' ');
  const kind = sourceKind(text);
  return kind === 'document' || kind === 'outlet';
}

/** "Report: …" at the start of a headline, "… – report" or "…, sources say" at its end. */
function headlineCues(sentence: Sentence, index: number, out: Found[]): void {
  const tokens = sentence.tokens;
  if (!sentence.headline || tokens.length < 4) return;
  const first = tokens[0]!;
  const lastIndex = tokens.length - 1;
  if (/^reports?$/i.test(first.text) && tokens[1]?.text === ':') {
    out.push({ cue: first, lemma: 'report', source: null, content: span(tokens, 2, tokens.length), pattern: 'headline', via: [], citing: [], sentence: index });
  }
  const last = tokens[lastIndex]!;
  const dash = tokens[lastIndex - 1];
  if (/^reports?$/i.test(last.text) && dash && /^[-–—:|]$/.test(dash.text)) {
    out.push({ cue: last, lemma: 'report', source: null, content: span(tokens, 0, lastIndex - 1), pattern: 'headline', via: [], citing: [], sentence: index });
  }
}

/** "According to X, …", "…, according to X", "…, as per X". */
function prepositionCues(sentence: Sentence, index: number, out: Found[], taken: Span[]): void {
  const tokens = sentence.tokens;
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i]!.quoted) continue;
    const cueWords = PREPOSITION_CUES.find((phrase) => phrase.split(' ').every((w, k) => tokens[i + k]?.lower === w));
    if (!cueWords) continue;
    const cueEnd = i + cueWords.split(' ').length;
    let sourceEnd = cueEnd;
    while (sourceEnd < tokens.length && !isBoundary(tokens[sourceEnd]!) && !(tokens[sourceEnd]!.text === '.' && sourceEnd === tokens.length - 1)) sourceEnd++;
    if (sourceEnd === tokens.length - 1 && /^[.!?]$/.test(tokens[sourceEnd]!.text)) { /* sentence end */ }
    const source = span(tokens, cueEnd, sourceEnd);
    if (!source) continue;
    const cue = { start: tokens[i]!.start, end: tokens[cueEnd - 1]!.end };
    const start = clauseStart(tokens, 0);
    let content: Span | null;
    if (i <= start.index || (i === start.introStart && tokens[sourceEnd]?.text === ',')) {
      content = contentSpan(tokens, sourceEnd + 1, tokens.length);
    } else {
      let end = i;
      if (tokens[end - 1]?.text === ',') end--;
      content = contentSpan(tokens, clauseStart(tokens, 0, i).index, end);
    }
    taken.push(source);
    out.push({ cue, lemma: 'according to', source, content, pattern: 'according-to', via: [], citing: [], sentence: index });
    i = sourceEnd;
  }
}

const isBoundary = (t: Token) => !t.quoted && (t.text === ',' || t.text === ';' || t.text === ':' || t.text === '—' || t.text === '–' || t.text === '(' || t.text === ')');

/**
 * Where the clause of interest begins: after introductory phrases ("In a
 * statement to Bloomberg,", "Last week", "However,") and after the last
 * semicolon before `before`.
 */
function clauseStart(tokens: Token[], from: number, before = tokens.length): { index: number; introStart: number } {
  let i = from;
  for (let k = from; k < before; k++) if (tokens[k]!.text === ';' && !tokens[k]!.quoted) i = k + 1;
  const introStart = i;
  for (let guard = 0; guard < 4; guard++) {
    const t = tokens[i];
    if (!t) break;
    if (INTRO_WORDS.has(t.lower)) {
      const comma = findToken(tokens, i + 1, Math.min(before, i + 18), ',');
      if (comma >= 0 && !hasCue(tokens, i, comma)) { i = comma + 1; continue; }
    }
    const time = timePhraseEnd(tokens, i);
    if (time > i) { i = time; if (tokens[i]?.text === ',') i++; continue; }
    break;
  }
  return { index: i, introStart };
}

function hasCue(tokens: Token[], from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (CUE_VERBS.has(tokens[k]!.lower) && !tokens[k]!.quoted && !PARTICIPLE_CUES.has(tokens[k]!.lower) && tokens[k]!.lower !== 'according') return true;
  return false;
}

/** "Last week", "earlier this month", "On Tuesday", "Recently": the index after it, or `i`. */
function timePhraseEnd(tokens: Token[], i: number): number {
  const a = tokens[i]?.lower;
  const b = tokens[i + 1]?.lower;
  const c = tokens[i + 2]?.lower;
  if (!a) return i;
  if (['recently', 'yesterday', 'today', 'meanwhile', 'separately', 'earlier', 'later', 'previously', 'also', 'overnight'].includes(a) && tokens[i + 1]?.text !== ',' && b && !DAYS_AND_MONTHS.has(b) && b !== 'this' && b !== 'last') return i + 1;
  if ((a === 'last' || a === 'next' || a === 'this') && b && DAYS_AND_MONTHS.has(b)) return i + 2;
  if ((a === 'earlier' || a === 'later') && (b === 'this' || b === 'last') && c && DAYS_AND_MONTHS.has(c)) return i + 3;
  if (a === 'on' && b && DAYS_AND_MONTHS.has(b)) return i + 2 + (/^\d/.test(tokens[i + 2]?.text ?? '') ? 1 : 0);
  return i;
}

function findToken(tokens: Token[], from: number, to: number, text: string): number {
  for (let k = from; k < to; k++) if (tokens[k]!.text === text && !tokens[k]!.quoted) return k;
  return -1;
}

function precededByCoordination(tokens: Token[], c: number): boolean {
  let k = c - 1;
  while (k >= 0 && (ADVERBS.has(tokens[k]!.lower) || AUXILIARIES.has(tokens[k]!.lower))) k--;
  const prev = tokens[k];
  return !!prev && (prev.lower === 'and' || prev.lower === 'but' || prev.text === ',');
}

/** After the cue: the listener ("told Reuters"), adjuncts ("on Monday", "in a statement"), "that", a colon. */
function afterCue(tokens: Token[], c: number, lemma: string): { next: number; listener: Span | null; that: boolean } {
  let r = c + 1;
  let listener: Span | null = null;
  if (TELL_VERBS.has(lemma) && tokens[r] && tokens[r]!.lower !== 'that' && isWord(tokens[r])) {
    const from = r;
    const first = tokens[r]!;
    if (DETERMINERS.has(first.lower) || isCap(first) || SKIPPABLE_OBJECTS.has(first.lower)) {
      r++;
      while (r < tokens.length && r - from < 6) {
        const t = tokens[r]!;
        if (!isWord(t) || t.lower === 'that' || CLAUSE_START_PRONOUNS.has(t.lower) || (DETERMINERS.has(t.lower) && !['its', 'his', 'her', 'their', 'our', 'new', 'media', 'news'].includes(t.lower)) || AUXILIARIES.has(t.lower)) break;
        if (!isCap(t) && isCap(tokens[r - 1]) && !DETERMINERS.has(tokens[r - 1]!.lower) && !['by', 'outside', 'in', 'at', 'on', 'during'].includes(t.lower) && tokens[r - 1] !== first) break;
        if (['by', 'outside', 'in', 'at', 'on', 'during', 'via', 'after', 'before'].includes(t.lower)) break;
        r++;
      }
      listener = span(tokens, from, r);
    }
  }
  for (let guard = 0; guard < 3; guard++) {
    const t = tokens[r];
    if (!t) break;
    if (ADVERBS.has(t.lower) && t.lower !== 'not') { r++; continue; }
    if (ADJUNCT_PREPOSITIONS.has(t.lower)) {
      let k = r + 1;
      let end = -1;
      while (k < tokens.length && k - r <= 5 && isWord(tokens[k]) && tokens[k]!.lower !== 'that') {
        if (DAYS_AND_MONTHS.has(tokens[k]!.lower) || /^\d/.test(tokens[k]!.text) || (isCap(tokens[k]) && k > r)) end = k;
        k++;
      }
      if (end < 0 && (t.lower === 'yesterday' || t.lower === 'today' || t.lower === 'overnight' || t.lower === 'again' || t.lower === 'later')) end = r;
      if (end >= 0) {
        r = end + 1;
        while (/^\d/.test(tokens[r]?.text ?? '')) r++;
        continue;
      }
      // "in a filing with regulators", "in a note to clients": an adjunct running up to "that".
      const that = findToken(tokens, r + 1, Math.min(tokens.length, r + 8), 'that');
      if (that > 0 && !hasCue(tokens, r + 1, that) && !tokens.slice(r + 1, that).some((x) => !isWord(x) || AUXILIARIES.has(x.lower))) { r = that; continue; }
    }
    break;
  }
  const that = tokens[r]?.lower === 'that';
  return { next: that ? r + 1 : r, listener, that };
}

/** The content after the cue runs to the end of the sentence, or to the next coordinated report ("…, and called on …"). */
function contentAfter(tokens: Token[], from: number): Span | null {
  let end = tokens.length;
  for (let k = from + 1; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.quoted) continue;
    const nextWord = tokens[k + 1];
    if (t.text === ',' && nextWord && (PARTICIPLE_CUES.has(nextWord.lower) || nextWord.lower === 'citing' || (nextWord.lower === 'according' && tokens[k + 2]?.lower === 'to'))) { end = k; break; }
    if ((t.lower === 'and' || t.lower === 'but') && !tokens[k - 1]!.quoted) {
      let j = k + 1;
      while (j < tokens.length && (ADVERBS.has(tokens[j]!.lower) || AUXILIARIES.has(tokens[j]!.lower))) j++;
      const verb = tokens[j];
      const cueNext = verb && CUE_VERBS.has(verb.lower) && !PARTICIPLE_CUES.has(verb.lower);
      const pastAfterComma = tokens[k - 1]!.text === ',' && verb && /ed$/.test(verb.lower) && j === k + 1;
      if (cueNext || pastAfterComma) { end = tokens[k - 1]!.text === ',' ? k - 1 : k; break; }
    }
  }
  return contentSpan(tokens, from, end);
}

/** Trims a content span: a leading "that", final punctuation, and the quotation marks around a whole quote. */
function contentSpan(tokens: Token[], from: number, to: number): Span | null {
  if (tokens[from]?.lower === 'that') from++;
  while (to > from && !tokens[to - 1]!.quoted && /^[.,;:!?—–-]$/.test(tokens[to - 1]!.text)) to--;
  if (tokens[from]?.quote === 'open' && tokens[to - 1]?.quote === 'close') {
    const inner = tokens.slice(from + 1, to - 1);
    if (!inner.some((t) => t.quote)) {
      from++;
      to--;
      while (to > from && tokens[to - 1]!.text === ',') to--;
    }
  }
  return span(tokens, from, to);
}

/** The noun phrase of a subject: trailing auxiliaries and adverbs off, and anything before a relative word. */
function subjectPhrase(tokens: Token[], from: number, to: number): [number, number] {
  while (to > from && (AUXILIARIES.has(tokens[to - 1]!.lower) || ADVERBS.has(tokens[to - 1]!.lower) || tokens[to - 1]!.lower === 'also')) to--;
  for (let k = to - 1; k > from; k--) {
    const t = tokens[k]!;
    if (t.quoted || t.quote) { from = k + 1; break; }
    if (RELATIVES.has(t.lower) && !(t.lower === 'that' && k === from)) { from = k + 1; break; }
    if (t.lower === 'and' && k === from) { from = k + 1; break; }
  }
  while (from < to && (tokens[from]!.lower === 'and' || tokens[from]!.lower === 'but' || tokens[from]!.text === ',' || tokens[from]!.quote)) from++;
  return [from, to];
}

function hasVerbLike(tokens: Token[], from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const t = tokens[k]!;
    if (t.quoted) continue;
    if (AUXILIARIES.has(t.lower) || (CUE_VERBS.has(t.lower) && !PARTICIPLE_CUES.has(t.lower))) return true;
  }
  return false;
}

/** Words that can only be a clause (the content), not a speaker: an auxiliary, "that", a colon, a quote. */
function looksLikeContent(tokens: Token[], from: number): boolean {
  const t = tokens[from];
  if (!t) return false;
  if (t.lower === 'that' || t.text === ':' || t.quote === 'open') return true;
  let words = 0;
  for (let k = from; k < tokens.length && tokens[k]!.text !== ','; k++) {
    if (isWord(tokens[k])) words++;
    if (AUXILIARIES.has(tokens[k]!.lower) || tokens[k]!.lower === 'that') return true;
  }
  return words > 3 && !/^(?:the|a|an)$/.test(t.lower) && !isCap(t) ? true : words > 6;
}

function verbCue(sentence: Sentence, c: number, lemma: string, index: number, out: Found[]): Found | null {
  const tokens = sentence.tokens;
  const cue = tokens[c]!;
  const after = afterCue(tokens, c, lemma);
  const citing: Span[] = [];
  const via: Span[] = [];
  if (after.listener) (lemma === 'quote' ? citing : via).push(after.listener);
  let r = after.next;
  // "…, citing a military source, that …" / "…, citing European officials."
  if (tokens[r]?.text === ',' && tokens[r + 1]?.lower === 'citing') {
    let e = r + 2;
    while (e < tokens.length && !isBoundary(tokens[e]!) && !(e === tokens.length - 1 && /^[.!?]$/.test(tokens[e]!.text)) && tokens[e]!.lower !== 'that') e++;
    const cited = span(tokens, r + 2, e);
    if (cited) citing.push(cited);
    r = e;
    if (tokens[r]?.text === ',') r++;
    if (tokens[r]?.lower === 'that') r++;
  }
  const colon = tokens[r]?.text === ':';
  if (colon) r++;
  const restIsContent = r < tokens.length && (after.that || colon || looksLikeContent(tokens, r)) && !/^[.!?,)]$/.test(tokens[r]!.text);
  if (CLAUSE_ONLY_VERBS.has(lemma) && !(after.that || colon || (restIsContent && (lemma === 'believe' || lemma === 'think')))) return null;

  const start = clauseStart(tokens, 0, c).index;
  // Back to the clause boundary before the cue.
  let b = c - 1;
  while (b >= start && !(isBoundary(tokens[b]!) || tokens[b]!.quote === 'close')) b--;
  const [ps, pe] = subjectPhrase(tokens, Math.max(b + 1, start), c);
  const pre = pe > ps ? [ps, pe] as const : null;
  const coordinated = precededByCoordination(tokens, c) && (!pre || ['and', 'but'].includes(tokens[ps - 1]?.lower ?? ''));
  const boundaryIsComma = b >= start && (tokens[b]!.text === ',' || tokens[b]!.quote === 'close');
  const contentBeforeEnd = b >= start && tokens[b]!.quote === 'close' ? b + 1 : b;

  if (coordinated && (!pre || (pre && tokens[pe - 1]?.lower === 'and'))) {
    const earlier = [...out].reverse().find((f) => f.sentence === index && f.cue.start < cue.start && f.source);
    const source = earlier?.source ?? subjectSpan(tokens, start, c);
    return { cue, lemma, source, content: restIsContent ? contentAfter(tokens, r) : null, pattern: 'coordinated', via: earlier?.via ?? via, citing: earlier?.citing ?? citing, sentence: index };
  }
  if (!pre && boundaryIsComma && contentBeforeEnd > start) {
    // "…," said X  /  X, who …, said that …
    const before = contentSpan(tokens, start, contentBeforeEnd);
    if (!restIsContent || (tokens[b]!.quote === 'close' || tokens[b - 1]?.quote === 'close') && !after.that && !colon) {
      const sourceEnd = sourceEndAfter(tokens, r);
      if (sourceEnd > r && !after.that) {
        return { cue, lemma, source: span(tokens, r, sourceEnd), content: before, pattern: 'inverted', via, citing, sentence: index };
      }
    }
    if (!hasVerbLike(tokens, start, contentBeforeEnd) || restIsContent) {
      const [ss, se] = subjectPhrase(tokens, start, b);
      return { cue, lemma, source: span(tokens, ss, se), content: restIsContent ? contentAfter(tokens, r) : null, pattern: 'subject-verb', via: splitCitingSource(tokens, ss, se, via, citing), citing, sentence: index };
    }
    return null;
  }
  if (!pre) {
    if (c === 0 && restIsContent) return null;
    return null;
  }
  if (boundaryIsComma && contentBeforeEnd > start && !restIsContent && hasVerbLike(tokens, start, contentBeforeEnd)) {
    // Content first: "…, Bloomberg reported on July 2, citing …"
    return { cue, lemma, source: span(tokens, pre[0], pre[1]), content: contentSpan(tokens, start, contentBeforeEnd), pattern: 'content-first', via, citing, sentence: index };
  }
  if (!restIsContent) {
    if (sentence.headline || !boundaryIsComma) return null;
    return null;
  }
  // Subject-verb: the subject may run back over appositions to the clause start.
  let subjectFrom = pre[0];
  if (boundaryIsComma && !hasVerbLike(tokens, start, b)) subjectFrom = subjectPhrase(tokens, start, pre[1])[0];
  return { cue, lemma, source: span(tokens, subjectFrom, pre[1]), content: contentAfter(tokens, r), pattern: 'subject-verb', via: splitCitingSource(tokens, subjectFrom, pre[1], via, citing), citing, sentence: index };
}

/** "The Kyiv Post, citing LRT, said …": the source is the Kyiv Post; LRT is cited. */
function splitCitingSource(tokens: Token[], from: number, to: number, via: Span[], citing: Span[]): Span[] {
  for (let k = from; k < to; k++) {
    if (tokens[k]!.lower === 'citing' && tokens[k - 1]?.text === ',') {
      let e = k + 1;
      while (e < to && tokens[e]!.text !== ',') e++;
      const cited = span(tokens, k + 1, e);
      if (cited) citing.push(cited);
    }
  }
  return via;
}

/** The inverted source "said fire chief Anton Weber, …" runs to the end of the sentence or a following participle. */
function sourceEndAfter(tokens: Token[], from: number): number {
  let e = from;
  while (e < tokens.length) {
    const t = tokens[e]!;
    if (t.text === ',' && (PARTICIPLE_CUES.has(tokens[e + 1]?.lower ?? '') || tokens[e + 1]?.lower === 'citing' || tokens[e + 1]?.lower === 'according')) break;
    if (t.quote === 'open') break;
    e++;
  }
  while (e > from && /^[.,;:!?]$/.test(tokens[e - 1]!.text)) e--;
  return e;
}

function subjectSpan(tokens: Token[], from: number, to: number): Span | null {
  let e = from;
  while (e < to && isWord(tokens[e]) && !AUXILIARIES.has(tokens[e]!.lower) && !ADVERBS.has(tokens[e]!.lower) && !/ly$/.test(tokens[e]!.lower) && !(CUE_VERBS.has(tokens[e]!.lower) && e > from)) e++;
  return span(tokens, from, e);
}

/** "a report claiming that …", "…, adding that …" is handled as coordinated. */
function participle(tokens: Token[], c: number, lemma: string, index: number, _out: Found[]): Found | null {
  let d = c - 1;
  while (d >= 0 && d > c - 5 && isWord(tokens[d]) && !DETERMINERS.has(tokens[d]!.lower)) d--;
  if (d < 0 || !DETERMINERS.has(tokens[d]!.lower) || d === c - 1) return null;
  const after = afterCue(tokens, c, lemma);
  if (!after.that && tokens[after.next]?.text !== ':') return null;
  const content = contentAfter(tokens, after.next + (tokens[after.next]?.text === ':' ? 1 : 0));
  return { cue: tokens[c]!, lemma, source: span(tokens, d, c), content, pattern: 'participle', via: [], citing: [], sentence: index };
}
