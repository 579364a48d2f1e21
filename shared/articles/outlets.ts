/**
 * Outlets named in an article's lines: the publisher's own name (masthead,
 * "· novinite.com", "Support Ukrainska Pravda", a byline credit) and the
 * outlets it cites or runs copy from ("Source: Reuters", "© Thomson/Reuters",
 * "– The Times" ending a headline, "according to Reuters", "(AP)").
 *
 * Articles name other outlets all the time, so a cited outlet is never taken
 * for the publisher: it is recorded as the article's wire or cited source.
 */
import { memoizeWeak } from '../lib/collections';
import { outletKey, outletNamed, outletOfUrl, type OutletEntry, type OutletRegistry } from './outlet-registry';

export interface OutletGuess {
  name: string;
  origin: string;
  confidence: number;
}

/** Aliases too short or too common to be read as an outlet inside running text (a whole masthead line still is). */
const NOT_IN_RUNNING_TEXT = new Set(['time', 'express', 'medium', 'fortune', 'dawn', 'standard', 'national', 'record', 'australian', 'insider', 'liberation', 'babel', 'wired', 'echo', 'sun', 'independent', 'hill', 'i', 'welt', 'zeit', 'bild', 'telex']);
const MENTION_MIN_CHARS = 3;
const MENTION_KEEP_SHORT = new Set(['AP', 'FT', 'DW']);

/** Words right before a mention that make it a citation ("told Reuters", "according to the Times"). */
const CITED_BEFORE = /(?:according to|told|tell|tells|telling|to|by|per|via|citing|cited|quoted|in|from|with|on|for|said|says|reported|reports|agency|newspaper|outlet|broadcaster|source|sources|credit)\s*:?\s+(?:the\s+|a\s+|an\s+|news agency\s+)?["“'‘]?$/i;
/** Words right after a mention that make it a citation ("Bloomberg reported", "a Reuters report"). */
const CITED_AFTER = /^["”'’]?(?:'s|’s)?\s*(?:report|reports|reported|reporting|said|says|say|wrote|writes|claimed|claims|quoted|cited|revealed|learned|learnt|noted|has|had|was|is|journalist|correspondent|reporter|television|tv|radio|interview|article|story|investigation|analysis|wrote)\b/i;
/** Credits: "(Reuters)", "(Reuters, AFP)", "/TASS/", "©", "Copyright", "Source:", a headline ending "– The Times". */
const CREDIT_BEFORE = /(?:[(/]\s*(?:[\p{L}/ .-]+,\s*)*|©\s*(?:\d{4}\s*)?|copyright\s*(?:\(c\)|©)?\s*(?:\d{4}\.?\s*)?|^(?:source|sources|via|credit)s?\s*:\s*(?:[\p{L}/ .-]+(?:,|and)\s*)*)$/iu;
const CREDIT_AFTER = /^(?:\s*,\s*[\p{L}/ .-]+)*\s*[)/]/u;
const HEADLINE_SUFFIX = /\s[–—-]\s*$/;
const SELF_CUES = /\b(?:support(?:ing)?|subscribe|follow|sign up|community|newsletter|patreon|(?:editor|reporter|correspondent|journalist|writer)s? (?:for|at|with)|is an? independent|is the place|in English|join)\b/i;
const COPYRIGHT = /^(?:©|copyright)/i;
const SITE_LINE = /(?:^|[·•|]\s*)((?:[a-z0-9-]+\.)+[a-z]{2,})\s*$/i;
const URL_IN_TEXT = /^https?:\/\/\S+$/;
const BYLINE_CREDIT = /^(?:by\s+)?(?:[\p{L}'’.-]+\s+){0,6}?[\p{L}'’.-]+\s*,\s*([\p{L}][\p{L}\p{N} .&/-]{1,40})$/u;
const BY_OUTLET = /^by\s+(.+?)(?:\s+staff)?$/i;
const MASTHEAD_LINES = 10;
const MASTHEAD_MAX_CHARS = 60;

interface Mention {
  entry: OutletEntry;
  index: number;
  length: number;
}

/** Names usable in running text, by their first word (lower case), longest first: a scan looks names up where words start. */
const namesByFirstWord = memoizeWeak((registry: OutletRegistry): Map<string, string[]> => {
  const byWord = new Map<string, string[]>();
  for (const entry of registry.entries) {
    for (const name of [entry.name, ...entry.aliases]) {
      const usable = (name.length >= MENTION_MIN_CHARS || MENTION_KEEP_SHORT.has(name)) && !NOT_IN_RUNNING_TEXT.has(outletKey(name));
      const first = FIRST_WORD.exec(name);
      if (!usable || !first || first.index !== 0) continue;
      const key = first[0].toLowerCase();
      const list = byWord.get(key) ?? [];
      if (!list.includes(name)) list.push(name);
      byWord.set(key, list);
    }
  }
  for (const list of byWord.values()) list.sort((x, y) => y.length - x.length);
  return byWord;
});
const FIRST_WORD = /[\p{L}\p{N}]+/u;
const WORD_START = /(?<![\p{L}\p{N}])[\p{L}\p{N}]+/gu;
const LOWER_OR_DIGIT = /[\p{Ll}\p{N}]/u;

/** Outlets named in `line`, as written (case matters: "the times" in a sentence is no outlet). */
export function mentionsIn(line: string, registry: OutletRegistry): Mention[] {
  const byWord = namesByFirstWord(registry);
  const out: Mention[] = [];
  let after = 0;
  for (const word of line.matchAll(WORD_START)) {
    const names = word.index >= after ? byWord.get(word[0].toLowerCase()) : undefined;
    // No word boundary needed after: scraped pages glue names together ("The Kyiv IndependentKateryna").
    const name = names?.find((n) => line.startsWith(n, word.index) && !LOWER_OR_DIGIT.test(line[word.index + n.length] ?? ''));
    const entry = name ? outletNamed(registry, name) : null;
    if (!name || !entry) continue;
    out.push({ entry, index: word.index, length: name.length });
    after = word.index + name.length;
  }
  return out;
}

/** Whether the mention at `index` cites the outlet (or credits it as a wire) rather than naming the publisher. */
function isCitation(line: string, m: Mention): boolean {
  const before = line.slice(Math.max(0, m.index - 60), m.index);
  const after = line.slice(m.index + m.length, m.index + m.length + 40);
  return CITED_BEFORE.test(before) || CITED_AFTER.test(after.trimStart()) || CREDIT_BEFORE.test(before) || CREDIT_AFTER.test(after)
    || (HEADLINE_SUFFIX.test(before) && !after.trim());
}

/** A line that is nothing but an outlet's name, alias or domain ("UKRAINSKA PRAVDA", "Novinite.com", "**LRT English**"). */
export function mastheadOf(line: string, registry: OutletRegistry): OutletEntry | null {
  const bare = line.replace(/^[*_#\s]+|[*_\s]+$/g, '');
  // "© Agence France-Presse" is a credit, not a masthead.
  return bare.length <= MASTHEAD_MAX_CHARS && /^[\p{L}\p{N}]/u.test(bare) ? outletNamed(registry, bare) : null;
}

/** The outlet the lines say published them, with where that was read, or null. Wires credited are never the answer. */
export function outletFromLines(lines: readonly string[], registry: OutletRegistry): OutletGuess | null {
  const guesses: (OutletGuess & { at: number })[] = [];
  const add = (name: string, origin: string, confidence: number, at: number) => guesses.push({ name, origin, confidence, at });
  lines.forEach((raw, i) => {
    const line = raw.trim();
    const where = `line ${i + 1}`;
    const masthead = i < MASTHEAD_LINES ? mastheadOf(line, registry) : null;
    if (masthead) return add(masthead.name, `masthead ${where}`, 0.8, i);
    const site = SITE_LINE.exec(line);
    if (site && (site.index > 0 || line === site[1] || /^[·•|]/.test(line))) {
      const entry = outletNamed(registry, site[1]!);
      return add(entry?.name ?? site[1]!.toLowerCase(), `site name ${where}`, entry ? 0.8 : 0.6, i);
    }
    if (URL_IN_TEXT.test(line)) {
      const entry = outletOfUrl(registry, line);
      if (entry) return add(entry.name, `web address ${where}`, 0.75, i);
    }
    const credit = bylineCredit(line, registry);
    if (credit && credit.kind !== 'wire') return add(credit.name, `byline ${where}`, 0.6, i);
    const selfCue = SELF_CUES.test(line);
    if (!selfCue && !COPYRIGHT.test(line)) return;
    for (const m of mentionsIn(line, registry)) {
      if (selfCue && !isCitation(line, m)) add(m.entry.name, `self-reference ${where}`, 0.7, i);
      else if (COPYRIGHT.test(line.slice(0, m.index).trim()) && m.entry.kind !== 'wire') add(m.entry.name, `copyright ${where}`, 0.5, i);
    }
  });
  const short = new Set<string>();
  let firstShort = -1;
  lines.forEach((line, i) => {
    if (line.length > 80) return;
    for (const m of mentionsIn(line, registry)) {
      if (!isCitation(line, m)) {
        short.add(m.entry.name);
        if (firstShort < 0) firstShort = i;
      }
    }
  });
  if (short.size === 1) add([...short][0]!, `named alone on line ${firstShort + 1}`, 0.4, firstShort);
  return guesses.sort((a, b) => b.confidence - a.confidence || a.at - b.at)[0] ?? null;
}

/** "By Natasha Bertrand and Kylie Atwood, CNN", "Laura Gozzi, BBC News", "By Kyiv Post", "By Moscow Times Staff". */
function bylineCredit(line: string, registry: OutletRegistry): OutletEntry | null {
  if (line.length > 120) return null;
  const by = BY_OUTLET.exec(line);
  const named = by ? outletNamed(registry, by[1]!) : null;
  if (named) return named;
  const credit = BYLINE_CREDIT.exec(line);
  return credit ? outletNamed(registry, credit[1]!.trim()) : null;
}

/** Outlets the lines cite or credit as wires, in order of first mention, without `own` (the publisher). */
export function citedOutlets(lines: readonly string[], registry: OutletRegistry, own: string): string[] {
  const ownKey = own ? outletNamed(registry, own)?.name ?? own : '';
  const cited: string[] = [];
  for (const raw of lines) {
    const line = raw.trim();
    const credit = bylineCredit(line, registry);
    if (credit?.kind === 'wire' && credit.name !== ownKey && !cited.includes(credit.name)) cited.push(credit.name);
    for (const m of mentionsIn(line, registry)) {
      if (m.entry.name !== ownKey && !cited.includes(m.entry.name) && isCitation(line, m)) cited.push(m.entry.name);
    }
  }
  return cited;
}
