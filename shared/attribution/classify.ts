/**
 * What a source noun phrase names (an outlet, a document, a named person, …),
 * its sourcing type, the number of sources it states, and hedging words.
 */
import {
  ANONYMOUS_MARKERS, DOCUMENT_NOUNS, EXPERT_MARKERS, HEDGES, INSTITUTION_WORDS, KNOWN_OUTLETS, NUMBER_WORDS,
  OFFICE_HOLDERS, OUTLET_NAME_WORDS, OUTLET_NOUNS, WITNESS_MARKERS,
} from './lexicon';
import type { SourceKind, SourcingTypeId } from './types';

const KNOWN_OUTLET_SET = new Set(KNOWN_OUTLETS);
const INSTITUTION_SET = new Set(INSTITUTION_WORDS);
const OUTLET_WORD_SET = new Set(OUTLET_NAME_WORDS);
const NOT_IN_NAMES = new Set([...INSTITUTION_WORDS, ...OUTLET_NAME_WORDS, 'institute', 'university', 'college', 'school',
  'centre', 'center', 'project', 'studies', 'the', 'a', 'an', 'in', 'on', 'at', 'for', 'of', 'but', 'and', 'according',
  'white', 'national', 'security', 'foreign', 'defence', 'defense', 'federal', 'district', 'central', 'united', 'states',
  'kingdom', 'european', 'british', 'american', 'chinese', 'russian', 'western', 'eastern', 'northern', 'southern',
  'staff', 'general', 'watch', 'international', 'rights', 'nations', 'forces', 'command', 'guard', 'bureau', 'fund', 'reserve', 'ministry',
  'agency', 'police', 'republic', 'federation', 'union', 'organization', 'organisation', 'programme', 'program', 'initiative']);

const words = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}'’.&-]*/gu) ?? [];
const wordRe = (list: readonly string[]) => new RegExp(`(?:^|[^\\p{L}])(?:${list.map(escape).join('|')})(?![\\p{L}])`, 'iu');
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const ANONYMOUS_RE = wordRe(ANONYMOUS_MARKERS);
const WITNESS_RE = wordRe(WITNESS_MARKERS);
const EXPERT_RE = wordRe(EXPERT_MARKERS.map((m) => m.trim()));
const OUTLET_NOUN_RE = new RegExp(`^(?:the |a |an |its |local |state |public )?(?:[\\p{L}-]+ )?(?:${OUTLET_NOUNS.map(escape).join('|')})\\b`, 'iu');
const OFFICE_HOLDER_RE = new RegExp(`^(?:the|its|their|his|her|[\\p{L}'’-]+['’]s?)\\s+(?:[\\p{L}'’-]+\\s+){0,3}?(?:${OFFICE_HOLDERS.map(escape).join('|')})$`, 'iu');
const SPOKES_RE = /\bspokes(?:person|man|woman|people)\b|\bpress (?:office|secretary)\b/i;

/** The part of a noun phrase before its modifiers: "documents seen by the Courier" → "documents". */
function headPart(text: string): string {
  const partitive = /^(?:(?:at least |more than )?[\p{L}\d]+) of (?:the |those |these )?(?=\p{L})/iu;
  const rest = text.replace(partitive, '');
  if (rest !== text && !/^(?:them|us|those|these)\b/i.test(rest)) text = rest;
  const first = text.split(/,|\s(?:who|which|that|seen|reviewed|obtained|published|from|of|for|at|in|with|by|on|to|dated|familiar)\s/i)[0]!.trim();
  // "a report Kupol sent …": a document noun followed by the subject of a relative clause ends the head.
  const m = /^((?:\S+\s+){0,3}?(\S+))\s+\p{Lu}/u.exec(first);
  if (m && DOCUMENT_NOUNS.has(m[2]!.toLowerCase())) return m[1]!;
  return first;
}

/** A proper name that is an outlet: known by name, or a name ending in Times, Post, News, … */
export function isOutletName(text: string): boolean {
  const clean = text.replace(/["“”‘’]/g, '').replace(/^(?:the|a|an)\s+/i, '').trim().toLowerCase();
  if (KNOWN_OUTLET_SET.has(clean) || KNOWN_OUTLET_SET.has(`the ${clean}`)) return true;
  const ws = words(text.replace(/["“”]/g, ''));
  const caps = text.match(/\p{Lu}[\p{L}\p{N}'’&.-]*/gu) ?? [];
  if (!caps.length) return false;
  if (ws.some((w) => KNOWN_OUTLET_SET.has(w) && w.length > 3)) return true;
  // "France Info radio", "BBC Radio 4's Today programme": a name and the medium it broadcasts on.
  if (/\b(?:radio|television|tv|channel|programme|program|newspaper|magazine)(?:\s+\d+)?$/i.test(clean) && /^\p{Lu}/u.test(caps[0]!)) return true;
  const lastCap = caps[caps.length - 1]!.toLowerCase();
  return OUTLET_WORD_SET.has(lastCap) && !/\bnews conference\b/i.test(text);
}

/** What a source noun phrase names. */
export function sourceKind(text: string): SourceKind {
  const head = headPart(text);
  const headWords = words(head);
  const last = headWords[headWords.length - 1] ?? '';
  // "the paper said": the newspaper (a research paper "finds" or "shows", with a modifier).
  if (/^the paper$/i.test(head.trim())) return 'outlet';
  if (DOCUMENT_NOUNS.has(last)) return isOutletName(head.replace(/\s*\S+$/, '')) ? 'outlet' : 'document';
  if (isOutletName(head) || OUTLET_NOUN_RE.test(head)) return 'outlet';
  if (WITNESS_RE.test(text)) return 'witness';
  if (hasPersonName(text)) return 'person';
  if (SPOKES_RE.test(text) || OFFICE_HOLDER_RE.test(head.trim())) return 'institution';
  if (describesRole(head) || sourceCount(text) !== null) return 'anonymous';
  if (headWords.some((w) => INSTITUTION_SET.has(w))) return 'institution';
  // "Investors", "Critics", "Republicans" opening a sentence: people by role, not a name ("Brussels" is one).
  if (headWords.length === 1 && /(?:ers|ists|ans|ents|ors|ics|ees|ants)$/.test(last)) return 'anonymous';
  if (/^\p{Lu}/u.test(head.replace(/^(?:the|a|an)\s+/i, ''))) return 'institution';
  if (/s$/.test(last)) return 'anonymous';
  return 'unknown';
}

/** A role word in lower case ("officials", "sources"), or opening the phrase: "Staff" in "General Staff" is a name. */
function describesRole(head: string): boolean {
  const re = new RegExp(ANONYMOUS_RE.source, 'giu');
  for (const m of head.matchAll(re)) {
    const word = m[0].replace(/^[^\p{L}]/u, '');
    if (word === word.toLowerCase() || m.index === 0) return true;
  }
  return false;
}

/**
 * Two or more capitalised words in a row that are not an organisation: "Liu Pengyu", "Det Insp Sarah Lloyd".
 * A run right after "the" ("the Kenya Red Cross") or right before an institution word ("Judicial Conduct
 * Office") names an organisation.
 */
export function hasPersonName(text: string): boolean {
  const tokens = text.split(/[\s()]+/).filter(Boolean);
  let run = 0;
  let afterThe = false;
  const named = (next: string | undefined) => run >= 2 && !afterThe && !(next !== undefined && INSTITUTION_SET.has(next.toLowerCase()));
  for (let i = 0; i < tokens.length; i++) {
    const word = tokens[i]!.replace(/,$/, '');
    if (isNameWord(word)) {
      if (run === 0) afterThe = /^the$/i.test(tokens[i - 1] ?? '');
      run++;
      if (word !== tokens[i] && named(undefined)) return true;
      if (word !== tokens[i]) run = 0;
      continue;
    }
    if (named(word)) return true;
    run = 0;
  }
  return named(undefined);
}

/** A capitalised word that may be part of a person's name (not "Ministry", "NATO", "The"). */
export function isNameWord(word: string): boolean {
  const bare = word.replace(/['’]s$/, '').replace(/[.]$/, '');
  return /^\p{Lu}\p{Ll}[\p{L}'’-]*$/u.test(bare) && !NOT_IN_NAMES.has(bare.toLowerCase());
}

export function sourcingType(kind: SourceKind, text: string): SourcingTypeId {
  switch (kind) {
    case 'outlet': return 'outlet-citing-outlet';
    case 'document': return 'document';
    case 'witness': return 'direct-observation';
    case 'person': return EXPERT_RE.test(text) ? 'named-expert' : 'named-official';
    case 'anonymous': return 'anonymous';
    case 'institution': return /\b(?:think tank|institute|university|research|studies)\b/i.test(text) && !SPOKES_RE.test(text) ? 'named-expert' : 'official-statement';
    default: return /\p{Lu}/u.test(text.replace(/^(?:the|a|an)\s+/i, '')) ? 'official-statement' : 'anonymous';
  }
}

const COUNT_RE = new RegExp(`^(?:the\\s+)?((?:at least|more than|fewer than|about|some|nearly|almost|over)\\s+)?(${[...NUMBER_WORDS, '\\d[\\d,]*'].join('|')})\\b`, 'i');

/** The number of sources a noun phrase states: "two", "several", "at least four"; null when it states none. */
export function sourceCount(text: string): string | null {
  const m = COUNT_RE.exec(text.trim());
  if (!m) return null;
  const word = m[2]!.toLowerCase();
  if ((word === 'one' || word === 'some') && !m[1] && !/^\w+\s+(?:of|official|source|person|diplomat|insider)/i.test(text.trim())) return null;
  return m[0].replace(/^the\s+/i, '');
}

const HEDGE_RE = wordRe(HEDGES);

/** The first hedging word or phrase in the text, as written. */
export function findHedge(text: string): string | null {
  const m = HEDGE_RE.exec(text);
  return m ? m[0].replace(/^[^\p{L}]/u, '') : null;
}
