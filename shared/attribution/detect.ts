/**
 * Finds attributions sentence by sentence: a reporting verb or phrase (the
 * cue), the noun phrase that speaks (the source) and what it says (the
 * content), in the orders news text uses them:
 *   subject-verb   "Liu Pengyu, spokesperson for …, denied that China …"
 *   content-first  "Chinese companies are …, Bloomberg reported on July 2, citing …"
 *   inverted       "\"We have seen nothing like this …,\" said fire chief Anton Weber."
 *   parenthetical  "The plan, officials said, was shelved in March."
 *   coordinated    "… stated there is no indication …, but emphasized that …"
 *   according-to   "According to Bloomberg, …" / "…, according to the Times."
 *   participle     "a report claiming that …"
 *   headline       "Tech giant to open AI lab in Lisbon – report"
 * Sources are then resolved and chained (resolve.ts).
 */
import {
  ADVERBS, AUXILIARIES, CLAUSE_ONLY_VERBS, CLAUSE_START_PRONOUNS, CUE_VERBS, DAYS_AND_MONTHS, DOCUMENT_NOUNS, EVIDENCE_VERBS,
  INTRO_WORDS, NOT_SOURCES, NP_OBJECT_VERBS, PREPOSITION_CUES, TELL_VERBS,
} from './lexicon';
import { sourceKind } from './classify';
import { Lines, splitSentences, widenOverParagraphs, type Sentence, type Span, type Token } from './text';
import type { Attribution, SourceKind } from './types';

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
/** True determiners: a second one after a listener starts the content ("told Reuters the company …"). */
const QUOTE_MARKS = new Set(['"', '“', '”', '‘', '’', '«', '»', "'"]);
/** Words before a headline colon that label the story rather than speak: "Exclusive: …". */
const HEADLINE_LABELS = new Set(['report', 'reports', 'exclusive', 'breaking', 'update', 'updated', 'live', 'watch', 'video', 'photos', 'analysis', 'opinion', 'comment', 'explainer', 'factbox', 'timeline', 'editorial', 'review', 'interview', 'read', 'listen', 'podcast', 'correction', 'note', 'editor', 'editors', 'q&a', 'fact', 'check', 'insight', 'news', 'read also']);
const ARTICLES = new Set(['the', 'a', 'an', 'this', 'these', 'those', 'no', 'any', 'every', 'another']);
const PARTICIPLE_CUES = new Set(['saying', 'adding', 'stating', 'noting', 'claiming', 'warning', 'arguing', 'insisting', 'explaining', 'telling', 'writing', 'suggesting', 'alleging', 'denying', 'confirming', 'asserting', 'declaring', 'acknowledging', 'admitting', 'reporting', 'indicating', 'revealing', 'stressing', 'emphasizing', 'emphasising', 'cautioning']);
const RELATIVES = new Set(['which', 'who', 'whom', 'that', 'because', 'while', 'although', 'if', 'where', 'when', 'whereas', 'since', 'after', 'before', 'as', 'but', 'so']);
const PREPOSITIONS = new Set(['of', 'for', 'in', 'on', 'at', 'with', 'from', 'by', 'about', 'into', 'against', 'under', 'without', 'between', 'among']);
/** Words after which a participle is an adjective: "over alleged production". */
const ADJECTIVE_BEFORE = new Set(['over', 'amid', 'after', 'despite', 'following', 'regarding', 'about', 'concerning', 'the', 'a', 'an', 'of', 'its', 'their']);
const BE_FORMS = new Set(['is', 'was', 'were', 'are', 'be', 'been', 'being', 'am', "'s", 'get', 'got']);
const SKIPPABLE_OBJECTS = new Set([
  'reporters', 'journalists', 'lawmakers', 'parliament', 'me', 'us', 'him', 'her', 'them', 'you', 'colleagues', 'investors',
  'analysts', 'staff', 'employees', 'supporters', 'viewers', 'listeners', 'readers', 'congress', 'councillors', 'councilors',
  'mps', 'senators', 'delegates', 'shareholders', 'members', 'residents', 'students', 'judges', 'jurors', 'officials',
  'ministers', 'voters', 'customers', 'clients', 'workers', 'parents', 'police', 'detectives', 'investigators', 'doctors', 'crowds',
]);
const LISTENER_ENDS = new Set(['by', 'outside', 'in', 'at', 'on', 'during', 'via', 'after', 'before', 'about', 'over', 'with', 'from', 'last', 'earlier', 'this', 'later', 'late', 'when', 'as']);
const ADJUNCT_PREPOSITIONS = new Set(['on', 'in', 'at', 'via', 'by', 'during', 'over', 'through', 'from', 'to', 'with', 'late', 'early', 'earlier', 'last', 'this', 'outside', 'after', 'before', 'inside', 'later', 'overnight', 'yesterday', 'today', 'again']);

const ADJUNCT_START = new Set(['at', 'in', 'on', 'during', 'after', 'before', 'speaking', 'adding', 'when', 'while', 'last', 'earlier', 'later', 'told', 'via']);
const LISTENER_MEDIA = new Set(['radio', 'television', 'tv', 'newspaper', 'channel', 'programme', 'program', 'station', 'website', 'magazine', 'daily', 'agency', 'broadcaster', 'podcast']);
const NO_STATEMENT = new Set(['nothing', 'little', 'much', 'so', 'otherwise', 'anything', 'something', 'goodbye', 'hello', 'sorry']);
const isWord = (t: Token | undefined) => !!t && /^[\p{L}\p{N}]/u.test(t.text);
const isCap = (t: Token | undefined) => !!t && /^\p{Lu}/u.test(t.text);
const span = (tokens: Token[], from: number, to: number): Span | null => (to > from ? { start: tokens[from]!.start, end: tokens[to - 1]!.end } : null);

export function findAttributions(text: string): { sentences: Sentence[]; found: Found[] } {
  const sentences = splitSentences(text);
  const found: Found[] = [];
  const lines = new Lines(text);
  sentences.forEach((sentence, index) => {
    const inSentence: Found[] = [];
    findInSentence(sentence, index, inSentence);
    inSentence.sort((a, b) => a.cue.start - b.cue.start);
    for (const f of inSentence) if (f.content) f.content = widenOverParagraphs(text, lines, f.content);
    found.push(...inSentence);
  });
  return { sentences, found };
}

function findInSentence(sentence: Sentence, index: number, out: Found[]): void {
  const tokens = sentence.tokens;
  const taken: Span[] = [];
  headlineCues(sentence, index, out);
  prepositionCues(sentence, index, out, taken);
  passiveCues(sentence, index, out, taken);
  for (let c = 0; c < tokens.length; c++) {
    const t = tokens[c]!;
    const lemma = CUE_VERBS.get(t.lower);
    if (!lemma || t.quoted || taken.some((s) => t.start >= s.start && t.end <= s.end)) continue;
    if (!isVerbHere(tokens, c, lemma)) continue;
    // "United States", "State Department": a capitalised verb is a name, except in title-case headlines.
    if (isCap(t) && c > 0 && !sentence.headline) continue;
    const f = PARTICIPLE_CUES.has(t.lower) && !coordinatedWith(tokens, c)
      ? participle(tokens, c, lemma, index)
      : verbCue(sentence, c, lemma, index, out);
    if (!f || !fitsInside(out, f, index)) continue;
    if (EVIDENCE_VERBS.has(lemma) && !(f.source && (hasSourceKind(sentence, f.source, ['document', 'outlet']) || isPronounWithContent(sentence, f)))) continue;
    if (lemma === 'see' && !(f.source && hasSourceKind(sentence, f.source, ['witness']))) continue;
    out.push(f);
  }
}

/**
 * A report nested in the content of an earlier one ("…told the BBC the data
 * suggested a rise") keeps its source inside that content (the source is trimmed to it),
 * and reads subject-verb only.
 */
function fitsInside(out: Found[], f: Found, sentence: number): boolean {
  const outer = out.find((o) => o.sentence === sentence && o.content && o.content.start <= f.cue.start && f.cue.end <= o.content.end && o.cue.end <= f.cue.start);
  if (!outer) return true;
  if (f.pattern !== 'subject-verb' && f.pattern !== 'according-to' && f.pattern !== 'participle') return false;
  if (f.source && f.source.start < outer.content!.start) {
    if (f.source.end <= outer.content!.start) return false;
    f.source = { start: outer.content!.start, end: f.source.end };
  }
  return true;
}

/** A reporting verb used as a verb: not "a report", not "is said to", not "declined to comment". */
function isVerbHere(tokens: Token[], c: number, lemma: string): boolean {
  const t = tokens[c]!;
  const prev = tokens[c - 1];
  const next = tokens[c + 1];
  if (prev?.lower === 'to' && !PARTICIPLE_CUES.has(t.lower)) return false;
  if (prev && ['they', 'you', 'we', 'people'].includes(prev.lower) && tokens[c - 2]?.lower === 'as') return false;
  if (prev && (PREPOSITIONS.has(prev.lower) || ADJECTIVE_BEFORE.has(prev.lower) || ARTICLES.has(prev.lower))) return false;
  if (lemma === 'think' && next?.lower === 'tank') return false;
  // "adding to signs that …", "pointing to": a verb of movement, not of saying.
  if ((lemma === 'add' || lemma === 'point') && (next?.lower === 'to' || next?.lower === 'up')) return false;
  if (t.lower.endsWith('ing') && !PARTICIPLE_CUES.has(t.lower) && !(prev && BE_FORMS.has(prev.lower))) return false;
  if (prev && (BE_FORMS.has(prev.lower) || /['’]s$/.test(prev.lower)) && !t.lower.endsWith('ing') && !/^\p{Lu}/u.test(prev.text)) return false;
  if (prev && (prev.lower === 'be' || prev.lower === 'been') ) return false;
  if (next && (next.lower === 'to' || next.lower === 'by') && /(?:ed|said|told|thought|shown|found)$/.test(t.lower) && prev && !isWord(prev)) return false;
  // "the Herald's report", "Macron's remarks": a noun after a possessive.
  if (prev && /\p{L}['’]s$/u.test(prev.text) && !t.lower.endsWith('ed')) return false;
  // "state media", "state TV": the bare form before a noun is an adjective.
  if (t.lower === 'state' && next?.lower !== 'that') return false;
  if (NOUN_LIKE.has(lemma) || t.lower === 'report' || t.lower === 'reports') {
    if (prev && (t.lower.endsWith('ed') ? ARTICLES : DETERMINERS).has(prev.lower)) return false;
    if (prev && /^\d/.test(prev.text)) return false;
    if (next && !t.lower.endsWith('ed') && (CUE_VERBS.has(next.lower) || (AUXILIARIES.has(next.lower) && !isCap(prev)))) return false;
    if (t.lower === lemma && prev && next?.lower !== 'that' && !DOCUMENT_NOUNS.has(prev.lower) && !(/s$/.test(prev.lower) || ['they', 'we', 'i', 'you'].includes(prev.lower) || AUXILIARIES.has(prev.lower) || ADVERBS.has(prev.lower))) return false;
    if (next?.lower === 'of') return false;
  }
  if (lemma === 'show' && next && (next.lower === 'no' || next.lower === 'signs')) return false;
  return true;
}

/** "It also found that …": a pronoun that may stand for a report, with a content clause. */
function isPronounWithContent(sentence: Sentence, f: Found): boolean {
  const source = sentence.tokens.find((t) => t.start === f.source!.start);
  const beforeContent = f.content && sentence.tokens.filter((t) => t.end <= f.content!.start).pop();
  return !!source && ['it', 'they'].includes(source.lower) && f.source!.end === source.end && beforeContent?.lower === 'that';
}

function hasSourceKind(sentence: Sentence, source: Span, kinds: SourceKind[]): boolean {
  const text = sentence.tokens.filter((t) => t.start >= source.start && t.end <= source.end).map((t) => t.text).join(' ');
  return kinds.includes(sourceKind(text));
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
  // "Zelensky: Russia preparing new offensive" — a name, a colon, what the name says.
  const colon = tokens.findIndex((t) => t.text === ':');
  if (colon >= 1 && colon <= 4 && tokens.slice(0, colon).every((t) => isCap(t) || /^['’]s$/.test(t.text)) && !HEADLINE_LABELS.has(first.lower) && wordCount(tokens, colon + 1, tokens.length) >= 3) {
    out.push({ cue: tokens[colon]!, lemma: 'say', source: span(tokens, 0, colon), content: contentSpan(tokens, colon + 1, tokens.length), pattern: 'headline', via: [], citing: [], sentence: index });
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
    while (sourceEnd < tokens.length && !isBoundary(tokens[sourceEnd]!) && !(/^[.!?]$/.test(tokens[sourceEnd]!.text) && sourceEnd === tokens.length - 1)) sourceEnd++;
    const start = clauseStart(tokens, 0);
    // "According to the Institute for the Study of War, a US think tank, Russian forces …": the apposition is the source's.
    if (i <= start.index && tokens[sourceEnd]?.text === ',') sourceEnd = withApposition(tokens, sourceEnd);
    const source = span(tokens, cueEnd, sourceEnd);
    if (!source) continue;
    // "according to plan", "according to schedule": a manner, not a source.
    const head = tokens[cueEnd]!.lower === 'the' ? tokens[cueEnd + 1] : tokens[cueEnd];
    if (head && NOT_SOURCES.has(head.lower)) continue;
    const cue = { start: tokens[i]!.start, end: tokens[cueEnd - 1]!.end };
    let content: Span | null;
    if (i <= start.index || (i === start.introStart && tokens[sourceEnd]?.text === ',')) {
      content = contentAfter(tokens, sourceEnd + 1, sourceEnd + 1);
    } else if (tokens[sourceEnd]?.text === ',' && tokens[i - 1]?.text === ',' && wordCount(tokens, sourceEnd + 1, tokens.length) >= 2) {
      // "The drones were, according to the report, made in China.": the content is the whole clause.
      content = contentSpan(tokens, clauseStart(tokens, 0, i).index, tokens.length);
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

const PASSIVE_CUES = new Set(['reported', 'quoted', 'stated', 'claimed', 'announced', 'said']);

/**
 * Passives with an agent: "It was reported by the Baltic Times that …";
 * "He was quoted as saying by the Courier that …", "X was quoted by Y as saying …"
 * (Y relays X). Without an agent ("it was reported that") there is no source and no attribution.
 */
function passiveCues(sentence: Sentence, index: number, out: Found[], taken: Span[]): void {
  const tokens = sentence.tokens;
  for (let c = 1; c < tokens.length - 2; c++) {
    const cue = tokens[c]!;
    if (cue.quoted || !PASSIVE_CUES.has(cue.lower) || !BE_FORMS.has(tokens[c - 1]!.lower)) continue;
    let be = c - 1;
    while (be > 0 && BE_FORMS.has(tokens[be - 1]!.lower)) be--;
    if (tokens[be - 1] && AUXILIARIES.has(tokens[be - 1]!.lower)) be--;
    let r = c + 1;
    let agent: Span | null = null;
    let asSaying = false;
    for (let guard = 0; guard < 2; guard++) {
      if (tokens[r]?.lower === 'as' && PARTICIPLE_CUES.has(tokens[r + 1]?.lower ?? '')) {
        taken.push(tokens[r + 1]!);
        asSaying = true;
        r += 2;
      } else if (tokens[r]?.lower === 'by' && !agent) {
        let e = r + 1;
        while (e < tokens.length && isWord(tokens[e]) && tokens[e]!.lower !== 'that' && !(tokens[e]!.lower === 'as' && PARTICIPLE_CUES.has(tokens[e + 1]?.lower ?? ''))) e++;
        agent = span(tokens, r + 1, e);
        r = e;
      }
    }
    if (!agent) continue;
    const impersonal = tokens[be - 1]?.lower === 'it' && be - 1 === clauseStart(tokens, 0, be).index;
    if (!impersonal && !(cue.lower === 'quoted' && asSaying)) continue;
    if (tokens[r]?.text === ',') r++;
    const that = tokens[r]?.lower === 'that';
    if (that) r++;
    if (!that && impersonal) continue;
    const content = contentAfter(tokens, r, r);
    if (!content) continue;
    const lemma = CUE_VERBS.get(cue.lower)!;
    if (impersonal) {
      out.push({ cue, lemma, source: agent, content, pattern: 'passive', via: [], citing: [], sentence: index });
    } else {
      const start = clauseStart(tokens, 0, be).index;
      const [ss, se] = subjectPhrase(tokens, start, tokens[be - 1]?.text === ',' ? be - 1 : be);
      out.push({ cue, lemma, source: span(tokens, ss, se), content, pattern: 'passive', via: [agent], citing: [], sentence: index });
    }
    taken.push(cue);
  }
}

/** After a name and its comma: ", a US think tank," extends the noun phrase; returns the index of the closing comma or `comma`. */
function withApposition(tokens: Token[], comma: number): number {
  if (!['a', 'an', 'the'].includes(tokens[comma + 1]?.lower ?? '')) return comma;
  for (let k = comma + 2; k < Math.min(tokens.length, comma + 9); k++) {
    const t = tokens[k]!;
    if (t.text === ',') return wordCount(tokens, k + 1, tokens.length) >= 3 && !trailingSource(tokens, k + 1) ? k : comma;
    // A verb makes it a clause (the content), not an apposition: "According to officials, the talks failed, …".
    if (!isWord(t) || AUXILIARIES.has(t.lower) || t.lower === 'that' || (/\p{L}ed$/u.test(t.lower) && !isCap(t)) || (CUE_VERBS.has(t.lower) && tokens[k + 1]?.lower !== 'tank')) return comma;
  }
  return comma;
}

const isBoundary = (t: Token) => !t.quoted && (t.text === ',' || t.text === ';' || t.text === ':' || t.text === '—' || t.text === '–');

/**
 * Where the clause of interest begins: after introductory phrases ("In a
 * statement to Bloomberg,", "Last week", "However,") and after the last
 * semicolon before `before`.
 */
function clauseStart(tokens: Token[], from: number, before = tokens.length): { index: number; introStart: number } {
  let i = from;
  for (let k = from; k < before; k++) if (tokens[k]!.text === ';' && !tokens[k]!.quoted) i = k + 1;
  if (i === from) i = datelineEnd(tokens, i);
  const introStart = i;
  for (let guard = 0; guard < 4; guard++) {
    const t = tokens[i];
    if (!t) break;
    const time = timePhraseEnd(tokens, i);
    if (time > i) { i = time; if (tokens[i]?.text === ',') i++; continue; }
    if (['but', 'and', 'so', 'yet'].includes(t.lower)) { i++; continue; }
    // "At least 14 people died, …" opens the clause itself.
    if (INTRO_WORDS.has(t.lower) && !(t.lower === 'at' && ['least', 'most'].includes(tokens[i + 1]?.lower ?? ''))) {
      const comma = findToken(tokens, i + 1, Math.min(before, i + 18), ',');
      if (comma >= 0 && !hasCue(tokens, i, comma)) { i = comma + 1; continue; }
    }
    break;
  }
  return { index: i, introStart };
}

/** "ODESA, March 4 (Wirenews) -" / "LONDON (Reuters) —": the index after a wire dateline, or `i`. */
function datelineEnd(tokens: Token[], i: number): number {
  const first = tokens[i];
  if (!first || first.text !== first.text.toUpperCase() || !/\p{L}{2}/u.test(first.text)) return i;
  for (let k = i + 1; k < Math.min(tokens.length - 1, i + 14); k++) {
    if (tokens[k]!.text === ')' && /^[-–—]$/.test(tokens[k + 1]!.text)) return k + 2;
  }
  // "PARIS —", "NEW YORK, June 3 —": capitals, maybe a date, then a dash.
  let k = i;
  while (k < tokens.length && isWord(tokens[k]) && tokens[k]!.text === tokens[k]!.text.toUpperCase() && /\p{L}/u.test(tokens[k]!.text)) k++;
  if (tokens[k]?.text === ',') {
    k++;
    while (k < Math.min(tokens.length, i + 8) && (DAYS_AND_MONTHS.has(tokens[k]!.lower) || /^\d/.test(tokens[k]!.text) || tokens[k]!.text === '.')) k++;
  }
  if (k > i && /^[-–—]$/.test(tokens[k]?.text ?? '')) return k + 1;
  return i;
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

/** After the cue: the listener ("told Reuters"), adjuncts ("on Monday", "in a statement"), "that", a colon. */
function afterCue(tokens: Token[], c: number, lemma: string): { next: number; listener: Span | null; that: boolean } {
  let r = c + 1;
  let listener: Span | null = null;
  if (TELL_VERBS.has(lemma) && tokens[r] && tokens[r]!.lower !== 'that' && isWord(tokens[r])) {
    const from = r;
    const first = tokens[r]!;
    const proper = isCap(first);
    if (DETERMINERS.has(first.lower) || proper || SKIPPABLE_OBJECTS.has(first.lower)) {
      r++;
      while (r < tokens.length && r - from < 7) {
        const t = tokens[r]!;
        if (!isWord(t) || t.lower === 'that' || CLAUSE_START_PRONOUNS.has(t.lower) || AUXILIARIES.has(t.lower)) break;
        if (ARTICLES.has(t.lower)) break;
        if ((t.lower === 'of' || t.lower === 'for') && isCap(tokens[r + 1])) { r += 2; continue; }
        if (LISTENER_ENDS.has(t.lower)) break;
        // "told France Info radio that …": a common noun naming the medium still belongs to the listener.
        if (proper && !isCap(t) && !LISTENER_MEDIA.has(t.lower)) break;
        r++;
      }
      listener = span(tokens, from, r);
    }
  }
  for (let guard = 0; guard < 3; guard++) {
    const t = tokens[r];
    if (!t) break;
    if (ADVERBS.has(t.lower) && t.lower !== 'not') { r++; continue; }
    if (WEEKDAYS.has(t.lower)) { r++; continue; }
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
  // "quoted a senior official as saying …"
  if (tokens[r]?.lower === 'as' && PARTICIPLE_CUES.has(tokens[r + 1]?.lower ?? '')) r += 2;
  // "confirmed that account": "that" as a determiner before a short noun phrase ending the clause.
  const afterThat = tokens.slice(r + 1, r + 4);
  const phraseEnd = afterThat.findIndex((x) => !isWord(x));
  const determiner = (phraseEnd === 1 || phraseEnd === 2) && !afterThat.slice(0, phraseEnd).some((x) => AUXILIARIES.has(x.lower) || PRONOUNS_SUBJECT.has(x.lower));
  const that = tokens[r]?.lower === 'that' && !determiner;
  return { next: that ? r + 1 : r, listener, that };
}

const WEEKDAYS = new Set(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'yesterday', 'today', 'tonight', 'overnight']);
const PRONOUNS_SUBJECT = new Set(['he', 'she', 'they', 'it', 'we', 'i']);
const SUBORDINATORS = new Set(['although', 'though', 'while', 'whereas', 'because', 'if', 'when', 'since', 'as', 'unless', 'after', 'before']);
const CONTRAST = new Set(['although', 'though', 'while', 'whereas', 'but']);

/**
 * The content after the cue runs to the end of the sentence, or to what
 * follows it: a coordinated report ("…, and called on …"), a contrast
 * ("…, although China denies …"), a content-first source ("…, Bloomberg
 * reports"), or the end of a subordinate clause the cue stands in.
 */
function contentAfter(tokens: Token[], from: number, clauseFrom: number): Span | null {
  let end = tokens.length;
  const subordinate = SUBORDINATORS.has(tokens[clauseFrom]?.lower ?? '');
  for (let k = from + 1; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.quoted || t.quote) continue;
    const nextWord = tokens[k + 1];
    if (t.text === ',' && (subordinate || (nextWord && (PARTICIPLE_CUES.has(nextWord.lower) || nextWord.lower === 'citing' || CONTRAST.has(nextWord.lower) || (nextWord.lower === 'according' && tokens[k + 2]?.lower === 'to'))))) { end = k; break; }
    if (t.text === ',' && trailingSource(tokens, k + 1)) { end = k; break; }
    if (t.lower === 'and' || t.lower === 'but') {
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

/** ", Bloomberg reports" / ", the official said on Monday." closing the sentence. */
function trailingSource(tokens: Token[], from: number): boolean {
  for (let k = from; k < Math.min(tokens.length, from + 7); k++) {
    const t = tokens[k]!;
    if (!isWord(t) && t.quote === null && !["'", '’'].includes(t.text)) return false;
    if (k > from && CUE_VERBS.has(t.lower) && !PARTICIPLE_CUES.has(t.lower)) {
      const next = tokens[k + 1];
      return !next || /^[.,!?;]$/.test(next.text) || ADJUNCT_PREPOSITIONS.has(next.lower) || (TELL_VERBS.has(CUE_VERBS.get(t.lower)!) && (isCap(next) || DETERMINERS.has(next.lower) || SKIPPABLE_OBJECTS.has(next.lower)));
    }
    if (AUXILIARIES.has(t.lower) || t.lower === 'that') return false;
  }
  return false;
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
  for (let guard = 0; guard < 4; guard++) {
    while (to > from && tokens[to - 1]!.text === tokens[to - 1]!.lower && (AUXILIARIES.has(tokens[to - 1]!.lower) || ADVERBS.has(tokens[to - 1]!.lower))) to--;
    // "The data, which were released on Friday, show …": the time belongs to the relative clause.
    const timeFrom = tokens.slice(from, to).some((t) => t.text === ',') ? to : trailingTimePhrase(tokens, from, to);
    if (timeFrom === to) break;
    to = timeFrom;
  }
  for (let k = to - 1; k >= from; k--) {
    const t = tokens[k]!;
    if (t.quoted || t.quote) { from = k + 1; break; }
    const appositive = tokens[k - 1]?.text === ',' && ['who', 'which', 'whom'].includes(t.lower);
    if (RELATIVES.has(t.lower) && !appositive && !insideApposition(tokens, from, k)) { from = k + 1; break; }
    // "a senior official said the administration believes …": the nearer subject speaks.
    if (CUE_VERBS.has(t.lower) && !PARTICIPLE_CUES.has(t.lower) && k > from && !isCap(t) && !t.lower.endsWith('ed') && isVerbHere(tokens, k, CUE_VERBS.get(t.lower)!)) { from = k + 1; break; }
    if (t.lower === 'and' && k === from) { from = k + 1; break; }
  }
  while (from < to && (tokens[from]!.lower === 'and' || tokens[from]!.lower === 'but' || tokens[from]!.text === ',' || tokens[from]!.quote)) from++;
  // A stray quotation mark at either end (an unpaired one) is not part of the name; "the \"Times\"" keeps its pair.
  const marks = () => tokens.slice(from, to).filter((t) => QUOTE_MARKS.has(t.text)).length;
  if (from < to && QUOTE_MARKS.has(tokens[from]!.text) && marks() % 2 === 1) from++;
  if (to > from && QUOTE_MARKS.has(tokens[to - 1]!.text) && marks() % 2 === 1) to--;
  return [from, to];
}

/** "Zelensky, in his nightly video address, said": the source ends before a comma-enclosed prepositional phrase. */
function withoutParenthetical(tokens: Token[], from: number, b: number): number {
  let k = b - 1;
  while (k > from && tokens[k]!.text !== ',') k--;
  if (k > from && PREPOSITIONS.has(tokens[k + 1]?.lower ?? '') && tokens[k + 1]!.lower !== 'of') return k;
  return b;
}

/** A ", who …" or ", which …" clause opened before k: its words belong to the noun phrase. */
function insideApposition(tokens: Token[], from: number, k: number): boolean {
  for (let j = from + 1; j < k; j++) if (tokens[j - 1]!.text === ',' && (tokens[j]!.lower === 'who' || tokens[j]!.lower === 'which')) return true;
  return false;
}

/** "… on Wednesday", "… last week", "… later": where such a trailing time phrase starts (or `to`). */
function trailingTimePhrase(tokens: Token[], from: number, to: number): number {
  const last = tokens[to - 1];
  if (!last) return to;
  if (['yesterday', 'today', 'later', 'earlier', 'overnight', 'again', 'recently', 'previously'].includes(last.lower)) return to - 1;
  if (DAYS_AND_MONTHS.has(last.lower) || /^\d/.test(last.text)) {
    let k = to - 1;
    while (k > from && (DAYS_AND_MONTHS.has(tokens[k]!.lower) || /^\d/.test(tokens[k]!.text))) k--;
    if (['on', 'last', 'this', 'next', 'in', 'early', 'late', 'earlier'].includes(tokens[k]!.lower)) {
      while (k > from && ['earlier', 'later', 'on', 'early', 'late'].includes(tokens[k - 1]!.lower)) k--;
      return k;
    }
  }
  return to;
}

/** Words that can only be a clause (the content), not a speaker: an auxiliary, "that", a colon, a quote. */
function looksLikeContent(tokens: Token[], from: number): boolean {
  const t = tokens[from];
  if (!t) return false;
  if (t.lower === 'that' || t.text === ':' || t.quote === 'open') return true;
  if (PRONOUNS_SUBJECT.has(t.lower) && isWord(tokens[from + 1])) return true;
  if ((PREPOSITIONS.has(t.lower) || t.lower === 'to') && !(t.lower === 'at' && tokens[from + 1]?.lower === 'least') && !(t.lower === 'about' && /^\d/.test(tokens[from + 1]?.text ?? ''))) return false;
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
  // "…, citing a military source, that …" / "… reported citing preliminary information."
  const citingAt = tokens[r]?.text === ',' && tokens[r + 1]?.lower === 'citing' ? r + 1 : tokens[r]?.lower === 'citing' ? r : -1;
  if (citingAt >= 0) {
    let e = citingAt + 1;
    while (e < tokens.length && !isBoundary(tokens[e]!) && !(e === tokens.length - 1 && /^[.!?]$/.test(tokens[e]!.text)) && tokens[e]!.lower !== 'that') e++;
    const cited = span(tokens, citingAt + 1, e);
    if (cited) citing.push(cited);
    r = e;
    if (tokens[r]?.text === ',') r++;
    if (tokens[r]?.lower === 'that') r++;
  }
  const colon = tokens[r]?.text === ':';
  if (colon) r++;
  // "has said nothing about …", "said so": no statement follows.
  if (NO_STATEMENT.has(tokens[r]?.lower ?? '') && !colon) return null;
  const clauseNext = !PREPOSITIONS.has(tokens[r]?.lower ?? '') && tokens[r]?.lower !== 'to' && clauseAhead(tokens, r);
  const restIsContent = r < tokens.length && (after.that || colon || clauseNext || looksLikeContent(tokens, r)) && !/^[.!?,)]$/.test(tokens[r]!.text);
  const clauseOpens = after.that || colon || tokens[r]?.quote === 'open';
  const gerundDenial = lemma === 'deny' && /\p{L}ing$/u.test(tokens[r]?.lower ?? '');
  // "warned the bill could raise prices" reports a statement; "warned China against …" does not.
  const contentAfterAllowed = (!CLAUSE_ONLY_VERBS.has(lemma) || clauseOpens || clauseNext || ((lemma === 'believe' || lemma === 'think') && restIsContent))
    // "denied any wrongdoing", "forecast more rain": a noun phrase is not a statement; "denies providing aid" is.
    && (!NP_OBJECT_VERBS.has(lemma) || clauseOpens || clauseNext || gerundDenial);

  const start = clauseStart(tokens, 0, c).index;
  // Back to the clause boundary before the cue (a comma, or the end of a quotation).
  let b = c - 1;
  while (b >= start && !(isBoundary(tokens[b]!) || tokens[b]!.quote === 'close')) b--;
  const [ps, pe] = subjectPhrase(tokens, Math.max(b + 1, start), c);
  const pre = pe > ps;
  const boundaryIsComma = b >= start && (tokens[b]!.text === ',' || tokens[b]!.quote === 'close');
  const contentBeforeEnd = b >= start && tokens[b]!.quote === 'close' ? b + 1 : b;
  const before = boundaryIsComma && contentBeforeEnd > start ? contentSpan(tokens, start, contentBeforeEnd) : null;
  const beforeIsStatement = !!before && (tokens[contentBeforeEnd - 1]?.quote === 'close' || tokens[b - 1]?.quote === 'close' || wordCount(tokens, start, contentBeforeEnd) >= 3);
  const result = (source: Span | null, content: Span | null, pattern: Found['pattern'], viaHops = via, cited = citing): Found => {
    if (content && cited === citing) trailingCiting(tokens, c + 1, citing);
    return { cue, lemma, source, content, pattern, via: viaHops, citing: cited, sentence: index };
  };

  // "Danish broadcaster DR, which said that …": the relative pronoun stands for the noun phrase before it.
  if (pe - ps === 1 && (tokens[ps]!.lower === 'who' || tokens[ps]!.lower === 'which') && tokens[ps - 1]?.text === ',') {
    if (!restIsContent || !contentAfterAllowed) return null;
    return result(antecedentBefore(tokens, ps - 1), contentAfter(tokens, r, start), 'subject-verb');
  }

  if (coordinatedWith(tokens, c)) {
    if (!(restIsContent || gerundDenial) || !contentAfterAllowed) return null;
    const earlier = [...out].reverse().find((f) => f.sentence === index && f.cue.start < cue.start && f.source);
    return result(earlier?.source ?? subjectSpan(tokens, start, c), contentAfter(tokens, r, start), 'coordinated', earlier?.via ?? via, earlier?.citing ?? citing);
  }
  if (!pre) {
    if (!before) return null;
    // '"…," said fire chief Anton Weber.' / 'The drought has cut yields, says the association.'
    const quoteBefore = tokens[contentBeforeEnd - 1]?.quote === 'close' || tokens[b - 1]?.quote === 'close';
    if (isWord(tokens[r]) && !EVIDENCE_VERBS.has(lemma) && !after.that && !colon && (quoteBefore || hasFiniteVerb(tokens, start, contentBeforeEnd)) && !startsClause(tokens, r) && !tokens.slice(r).some((x) => x.quote)) {
      const sourceEnd = sourceEndAfter(tokens, r);
      if (sourceEnd > r) return result(span(tokens, r, sourceEnd), before, 'inverted');
    }
    // '"…," the bank's chief economist, Ann Lee, wrote in a note': the speaker between the quotation and the cue.
    const close = lastClosingQuote(tokens, start, b);
    if (close >= 0 && !restIsContent) {
      const [ss, se] = subjectPhrase(tokens, close + 1, b);
      if (se > ss && !hasFiniteVerb(tokens, ss, se)) return result(span(tokens, ss, se), contentSpan(tokens, start, close + 1), 'content-first');
    }
    // 'Liu Pengyu, spokesperson for …, denied that …': the subject runs back over its appositions.
    if (!restIsContent || !contentAfterAllowed) return null;
    const [ss, se] = subjectPhrase(tokens, start, withoutParenthetical(tokens, start, b));
    const sourceEnd = citingSplit(tokens, ss, se, citing);
    return result(span(tokens, ss, sourceEnd), contentAfter(tokens, r, start), 'subject-verb');
  }
  // "The plan, officials said, was shelved in March": the attribution stands inside its content.
  if (b > start && tokens[b]!.text === ',' && tokens[r]?.text === ',' && isWord(tokens[r + 1]) && !PARTICIPLE_CUES.has(tokens[r + 1]!.lower) && !['citing', 'according', 'and', 'but'].includes(tokens[r + 1]!.lower) && !hasFiniteVerb(tokens, start, b) && wordCount(tokens, ps, pe) <= 8) {
    return result(span(tokens, ps, pe), contentSpan(tokens, start, tokens.length), 'parenthetical');
  }
  if (!restIsContent) {
    // Content first: "…, Bloomberg reported on July 2, citing …"; '"…," the official added.'
    if (before && beforeIsStatement) return result(span(tokens, ps, pe), before, 'content-first');
    // "The think tank said the images, taken in May, showed …": a subject at the clause start, then the content.
    if (before || !contentAfterAllowed || !opensContent(tokens, r)) return null;
  }
  if (!contentAfterAllowed) return null;
  // Subject-verb: the subject may run back over appositions to the clause start.
  let subjectFrom = ps;
  if (boundaryIsComma && !hasFiniteVerb(tokens, start, b)) subjectFrom = subjectPhrase(tokens, start, pe)[0];
  const sourceEnd = citingSplit(tokens, subjectFrom, pe, citing);
  return result(span(tokens, subjectFrom, sourceEnd), contentAfter(tokens, r, start), 'subject-verb');
}

/** The last closing quotation mark in [from, to) followed by a comma, or -1. */
function lastClosingQuote(tokens: Token[], from: number, to: number): number {
  for (let k = to - 1; k >= from; k--) if (tokens[k]!.quote === 'close') return tokens[k + 1]?.text === ',' || tokens[k - 1]?.text === ',' ? k : -1;
  return -1;
}

/** The noun phrase ending just before `comma`: back to a verb, an auxiliary or a preposition other than "of". */
function antecedentBefore(tokens: Token[], comma: number): Span | null {
  let k = comma - 1;
  while (k >= 0 && isWord(tokens[k]) && !tokens[k]!.quoted) {
    const t = tokens[k]!;
    if ((PREPOSITIONS.has(t.lower) && t.lower !== 'of') || AUXILIARIES.has(t.lower) || t.lower === 'that' || (CUE_VERBS.has(t.lower) && !isCap(t)) || (/ed$/.test(t.lower) && !isCap(t))) break;
    k--;
  }
  return span(tokens, k + 1, comma);
}

/** A finite clause ahead (an auxiliary, a past tense, or a pronoun subject) before the next comma: "… the company was …". */
function clauseAhead(tokens: Token[], r: number): boolean {
  if (PRONOUNS_SUBJECT.has(tokens[r]?.lower ?? '') && isWord(tokens[r + 1])) return true;
  for (let k = r; k < Math.min(tokens.length, r + 10); k++) {
    const t = tokens[k]!;
    if (t.text === ',' || t.quote || /^[.;:!?—–-]$/.test(t.text) || t.lower === 'and' || t.lower === 'but' || (k > r && PREPOSITIONS.has(t.lower))) return false;
    if (AUXILIARIES.has(t.lower)) return true;
    if (k > r && /\p{L}ed$/u.test(t.lower) && !isCap(t) && !DETERMINERS.has(tokens[k - 1]!.lower)) return true;
  }
  return false;
}

function wordCount(tokens: Token[], from: number, to: number): number {
  let n = 0;
  for (let k = from; k < to; k++) if (isWord(tokens[k])) n++;
  return n;
}

/** An auxiliary or a past-tense verb outside quotes: the words before are a clause, not a subject. */
function hasFiniteVerb(tokens: Token[], from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const t = tokens[k]!;
    if (t.quoted) continue;
    if (AUXILIARIES.has(t.lower) || (CUE_VERBS.has(t.lower) && !PARTICIPLE_CUES.has(t.lower))) return true;
    // "The company, based in Dallas, …": a participle after a comma modifies the noun before it.
    if (k > from && /ed$/.test(t.lower) && !isCap(t) && !DETERMINERS.has(tokens[k - 1]!.lower) && tokens[k - 1]!.text !== ',') return true;
  }
  return false;
}

/** At least two words after the cue, not opening with a preposition: a statement after a plain subject. */
function opensContent(tokens: Token[], r: number): boolean {
  const t = tokens[r];
  if (!t || !isWord(t) || PREPOSITIONS.has(t.lower) || t.lower === 'to') return false;
  return wordCount(tokens, r, tokens.length) >= 2;
}

/** "that", an auxiliary or a clause-opening pronoun right after the cue: content follows, not a source. */
function startsClause(tokens: Token[], r: number): boolean {
  const t = tokens[r];
  if (!t) return false;
  if (t.lower === 'that' || CLAUSE_START_PRONOUNS.has(t.lower)) return true;
  for (let k = r; k < Math.min(tokens.length, r + 6) && tokens[k]!.text !== ','; k++) if (AUXILIARIES.has(tokens[k]!.lower)) return true;
  return false;
}

/** "… and said", "…, but emphasized", "…, adding": the cue shares the subject of the clause before. */
function coordinatedWith(tokens: Token[], c: number): boolean {
  let k = c - 1;
  while (k >= 0 && (ADVERBS.has(tokens[k]!.lower) || AUXILIARIES.has(tokens[k]!.lower))) k--;
  const prev = tokens[k];
  if (!prev) return false;
  if (prev.lower === 'and' || prev.lower === 'but') return k > 0;
  return prev.text === ',' && PARTICIPLE_CUES.has(tokens[c]!.lower);
}

/** "The Kyiv Post, citing LRT, said …": the source ends before ", citing"; LRT is cited. Returns the source's end. */
function citingSplit(tokens: Token[], from: number, to: number, citing: Span[]): number {
  for (let k = from + 1; k < to; k++) {
    if (tokens[k]!.lower === 'citing' && tokens[k - 1]!.text === ',') {
      let e = k + 1;
      while (e < to && tokens[e]!.text !== ',') e++;
      const cited = span(tokens, k + 1, e);
      if (cited) citing.push(cited);
      return k - 1;
    }
  }
  return to;
}

/** ", citing the country's border guard service" later in the sentence. */
function trailingCiting(tokens: Token[], from: number, citing: Span[]): void {
  for (let k = from; k < tokens.length; k++) {
    if (tokens[k]!.lower !== 'citing' || tokens[k - 1]?.text !== ',' || tokens[k]!.quoted) continue;
    let e = k + 1;
    while (e < tokens.length && !isBoundary(tokens[e]!) && !(e === tokens.length - 1 && /^[.!?]$/.test(tokens[e]!.text))) e++;
    const cited = span(tokens, k + 1, e);
    if (cited && !citing.some((x) => x.start === cited.start)) citing.push(cited);
    return;
  }
}

/** The inverted source "said fire chief Anton Weber, …" runs to the end of the sentence or a following participle. */
function sourceEndAfter(tokens: Token[], from: number): number {
  let e = from;
  while (e < tokens.length) {
    const t = tokens[e]!;
    if (t.text === ',' && (PARTICIPLE_CUES.has(tokens[e + 1]?.lower ?? '') || tokens[e + 1]?.lower === 'citing' || tokens[e + 1]?.lower === 'according')) break;
    // "…, the county's chief engineer, at a hearing on Thursday": an adjunct after the noun phrase.
    if (t.text === ',' && e > from && ADJUNCT_START.has(tokens[e + 1]?.lower ?? '')) break;
    if (t.quote === 'open') break;
    e++;
  }
  while (e > from && /^[.,;:!?]$/.test(tokens[e - 1]!.text)) e--;
  return e;
}

function subjectSpan(tokens: Token[], from: number, to: number): Span | null {
  while (from < to && (SUBORDINATORS.has(tokens[from]!.lower) || ['and', 'but', 'however', 'yet', 'so'].includes(tokens[from]!.lower))) from++;
  if (PRONOUNS_SUBJECT.has(tokens[from]?.lower ?? '')) return span(tokens, from, from + 1);
  let e = from;
  while (e < to && isWord(tokens[e]) && !AUXILIARIES.has(tokens[e]!.lower) && !ADVERBS.has(tokens[e]!.lower) && !/ly$/.test(tokens[e]!.lower) && !(e > from && (CUE_VERBS.has(tokens[e]!.lower) || (/ed$/.test(tokens[e]!.lower) && !isCap(tokens[e]))))) e++;
  return span(tokens, from, e);
}

/** "a report claiming that …", "…, adding that …" is handled as coordinated. */
function participle(tokens: Token[], c: number, lemma: string, index: number): Found | null {
  let d = c - 1;
  while (d >= 0 && d > c - 5 && isWord(tokens[d]) && !DETERMINERS.has(tokens[d]!.lower)) d--;
  if (d < 0 || !DETERMINERS.has(tokens[d]!.lower) || d === c - 1) return null;
  const after = afterCue(tokens, c, lemma);
  if (!after.that && tokens[after.next]?.text !== ':') return null;
  const content = contentAfter(tokens, after.next + (tokens[after.next]?.text === ':' ? 1 : 0), d);
  return { cue: tokens[c]!, lemma, source: span(tokens, d, c), content, pattern: 'participle', via: [], citing: [], sentence: index };
}
