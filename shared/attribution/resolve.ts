/**
 * Resolves sources to what they stand for and builds each attribution's
 * chain from the article outward:
 *  - "he", "she" → the latest named person (or singular source) before it;
 *    "it" → the latest institution, outlet or document; "they" → the latest plural source;
 *  - "the spokesperson", "the officials", "the ministry" → the latest source with that head noun;
 *  - "the news outlet", "the paper", "the agency" → the latest outlet;
 *  - "Campbell" → the latest "Kurt Campbell, …".
 * "X told Reuters", "In a statement to Bloomberg," and "…, citing Y" add hops.
 */
import { findHedge, isNameWord, isOutletName, sourceCount, sourceKind, sourcingType } from './classify';
import type { Found } from './detect';
import { PRONOUNS } from './lexicon';
import type { Sentence, Span } from './text';
import type { Attribution, ChainHop, SourceKind } from './types';

/** `at`: where it was mentioned (for a resolved pronoun, the pronoun; `span` is then its antecedent). */
interface Mention { name: string; span: Span; kind: SourceKind; chain: ChainHop[]; first?: boolean; at?: number }

const REFERRING_HEADS = new Set([
  'official', 'officials', 'spokesperson', 'spokesman', 'spokeswoman', 'ministry', 'company', 'report', 'audit',
  'agency', 'government', 'department', 'minister', 'president', 'source', 'sources', 'people', 'person', 'study',
  'firm', 'group', 'union', 'council', 'commission', 'police', 'force', 'court', 'judge', 'lawyer', 'document',
  'documents', 'survey', 'analyst', 'analysts', 'diplomat', 'diplomats', 'embassy', 'office', 'service', 'army',
  'military', 'bank', 'prosecutor', 'prosecutors', 'insider', 'insiders', 'expert', 'experts', 'assistant',
  'chief', 'mayor', 'secretary', 'ambassador', 'governor', 'researchers', 'scientists', 'authorities', 'statement',
  'administration', 'association', 'board', 'witness', 'witnesses', 'investigators', 'employees', 'engineers',
  'tank', 'institute', 'charity', 'organisation', 'organization', 'regulator', 'watchdog', 'party', 'campaign', 'office',
]);
const OUTLET_REFERENCES = /^(?:the|this|that) (?:news outlet|outlet|news agency|agency|newspaper|paper|daily|broadcaster|magazine|publication|network|channel|site|website|tabloid|news organization|news organisation)$/i;
const INTRO_VIA = /\b(?:in (?:a|an) (?:statement|interview|email|e-mail|comments?|remarks?|post|message|letter) (?:to|with)|speaking (?:to|with)|talking to|writing (?:in|for)) ([^,]+),/i;
const INTRO_CITING = /^\s*citing ([^,]+),/i;
/** "In a report seen by the news agency, Kupol told …": the outlet that saw the document is a hop. */
const INTRO_SEEN = /\bin (?:a|an) [^,]*?\b(?:seen|reviewed|obtained) by ([^,]+),/i;
const DOCUMENT_CHANNEL = '(?:a|an|its|their|the) (?:[\\p{L}-]+ ){0,3}(?:filing|filings|advisory|report|letter|note|memo|submission|notice|prospectus|document|documents|court papers|lawsuit|complaint|indictment)';
/** "…, it said in a filing", "In an updated report, Kupol informed …": an institution speaking through a document. */
const IN_DOCUMENT_AFTER = new RegExp(`^[^,.;]{0,30}?\\bin ${DOCUMENT_CHANNEL}\\b`, 'iu');
const IN_DOCUMENT_BEFORE = new RegExp(`^\\s*(?:\\p{L}+\\s+)?in ${DOCUMENT_CHANNEL}\\b[^,]*,`, 'iu');
const DATELINE = /^[^\n]{0,80}?\((\p{Lu}[\p{L}.& ]{1,40})\)\s*[-–—]/mu;

const norm = (s: string) => s.toLowerCase().replace(/["“”‘’']/g, '').replace(/^(?:the|a|an)\s+/, '').replace(/\s+/g, ' ').trim();
const lastWord = (s: string) => (s.toLowerCase().match(/[\p{L}]+/gu) ?? []).pop() ?? '';

export function resolveAttributions(text: string, sentences: Sentence[], found: Found[]): Attribution[] {
  const ownOutlet = DATELINE.exec(text.slice(0, 400))?.[1];
  const persons = personMentions(text, sentences);
  const history: Mention[] = [];
  const result: Attribution[] = [];
  for (const f of found) {
    const sentence = sentences[f.sentence]!;
    const before = text.slice(sentence.start, f.cue.start);
    const viaHops: ChainHop[] = [];
    for (const v of f.via) {
      const hop = outletHop(text, v, history);
      if (hop) viaHops.push(hop);
    }
    const intro = INTRO_VIA.exec(before);
    if (intro && isOutletName(intro[1]!)) {
      const start = sentence.start + intro.index + intro[0].indexOf(intro[1]!);
      viaHops.push({ name: intro[1]!.trim(), kind: 'outlet', span: { start, end: start + intro[1]!.trim().length } });
    }
    const citedHops: ChainHop[] = f.citing.map((c) => hopFor(text, c, history, persons)).filter((h) => h.kind !== 'unknown');
    const seen = INTRO_SEEN.exec(before);
    if (seen) {
      const start = sentence.start + seen.index + seen[0].lastIndexOf(seen[1]!);
      const hop = outletHop(text, { start, end: start + seen[1]!.trim().length }, history);
      if (hop) viaHops.push(hop);
    }
    const introCiting = INTRO_CITING.exec(before);
    if (introCiting) {
      const start = sentence.start + introCiting.index + introCiting[0].indexOf(introCiting[1]!);
      citedHops.push(hopFor(text, { start, end: start + introCiting[1]!.length }, history, persons));
    }

    let chain: ChainHop[];
    let resolvedSource: Span | null = null;
    let countText: string | null = null;
    if (f.source) {
      const sourceText = text.slice(f.source.start, f.source.end);
      const antecedent = resolve(sourceText, f.source, history, persons);
      if (antecedent && antecedent.span !== f.source) resolvedSource = antecedent.span;
      const own: ChainHop[] = antecedent ? antecedent.chain : [{ name: sourceText, kind: kindOf(sourceText), span: f.source }];
      chain = [...viaHops.filter((v) => !own.some((o) => sameName(o.name, v.name))), ...own, ...citedHops];
      countText = sourceCount(sourceText) ?? (antecedent ? sourceCount(antecedent.name) : null);
      const mention: Mention = { name: antecedent?.name ?? sourceText, span: antecedent?.span ?? f.source, kind: antecedent?.kind ?? kindOf(sourceText), chain: [...viaHops, ...own].filter((h, i, all) => all.findIndex((x) => sameName(x.name, h.name)) === i), at: f.source.start };
      history.push(mention);
    } else {
      chain = [...viaHops, ...citedHops];
      if (!chain.length) chain = [{ name: text.slice(f.cue.start, f.cue.end), kind: f.lemma === 'report' ? 'outlet' : 'unknown', span: null }];
    }
    for (const hop of [...viaHops, ...citedHops]) history.push({ name: hop.name, span: hop.span ?? f.cue, kind: hop.kind, chain: [hop], at: f.cue.start });
    if (ownOutlet) chain = chain.filter((h, i) => i > 0 || chain.length === 1 || !sameName(h.name, ownOutlet));
    const root = chain[chain.length - 1]!;
    const content = f.content ? text.slice(f.content.start, f.content.end) : '';
    result.push({
      cue: { start: f.cue.start, end: f.cue.end },
      source: f.source,
      content: f.content,
      resolvedSource,
      type: root.span === null && !f.source && f.lemma === 'report' ? 'outlet-citing-outlet' : throughDocument(text, f, before) && (root.kind === 'institution' || root.kind === 'unknown') ? 'document' : sourcingType(root.kind, root.name),
      hedging: findHedge(content) ?? findHedge(before),
      count: countText ?? (citedHops.length ? sourceCount(citedHops[citedHops.length - 1]!.name) : null),
      chain,
      pattern: f.pattern,
    });
  }
  linkAccordingTo(found, result);
  nestInOutletContent(result);
  return result;
}

/** The source spoke through a document: "said in a filing", "In an updated report, Kupol informed …". */
function throughDocument(text: string, f: Found, before: string): boolean {
  const afterCue = text.slice(f.cue.end, f.content && f.content.start > f.cue.end ? f.content.start : f.cue.end + 80);
  return IN_DOCUMENT_AFTER.test(afterCue) || IN_DOCUMENT_BEFORE.test(before);
}

/** "Allies believe China …, Bloomberg reports": a report inside an outlet's content is relayed by that outlet. */
function nestInOutletContent(result: Attribution[]): void {
  result.forEach((outer, i) => {
    const content = outer.content;
    if (!content || outer.chain.length !== 1 || outer.chain[0]!.kind !== 'outlet') return;
    const outlet = outer.chain[0]!;
    // Results are in text order: the ones inside the content sit next to the outer one.
    for (let j = i - 1; j >= 0 && result[j]!.cue.end > content.start; j--) nest(result[j]!, outer, content, outlet);
    for (let j = i + 1; j < result.length && result[j]!.cue.start < content.end; j++) nest(result[j]!, outer, content, outlet);
  });
}

function nest(inner: Attribution, outer: Attribution, content: Span, outlet: ChainHop): void {
  if (inner === outer || !inner.source || inner.cue.start < content.start || inner.cue.end > content.end) return;
  if (inner.source.start < content.start || inner.chain.some((h) => sameName(h.name, outlet.name))) return;
  inner.chain = [outlet, ...inner.chain];
}

/** "According to Bloomberg, …, officials told the news outlet": both attributions share the chain Bloomberg → officials. */
function linkAccordingTo(found: Found[], result: Attribution[]): void {
  found.forEach((f, i) => {
    const a = result[i]!;
    if (f.pattern !== 'according-to' || a.chain.length !== 1 || a.chain[0]!.kind !== 'outlet' || !a.content) return;
    for (let j = i - 1; j >= 0 && found[j]!.sentence === f.sentence; j--) linkPair(a, result[j]!);
    for (let j = i + 1; j < found.length && found[j]!.sentence === f.sentence; j++) linkPair(a, result[j]!);
  });
}

function linkPair(a: Attribution, b: Attribution): void {
  if (!b.content || !overlaps(a.content!, b.content)) return;
  const rest = b.chain.filter((h) => !sameName(h.name, a.chain[0]!.name));
  if (!rest.length || rest.some((h) => h.kind === 'outlet')) return;
  a.chain = [a.chain[0]!, ...rest];
  b.chain = [a.chain[0]!, ...rest];
  a.type = b.type;
  a.count = a.count ?? b.count;
}

const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;

export function sameName(a: string, b: string): boolean {
  const x = norm(a);
  const y = norm(b);
  return x === y || (x.length > 2 && y.length > 2 && (x.includes(y) || y.includes(x)));
}

/** The listener of "told X" as a hop, when X is an outlet ("Reuters", "the news outlet"). */
function outletHop(text: string, span: Span, history: Mention[]): ChainHop | null {
  const name = text.slice(span.start, span.end);
  if (OUTLET_REFERENCES.test(name.trim())) {
    const outlet = recent(history, span.start).reverse().find((m) => m.kind === 'outlet');
    return outlet ? { name: outlet.name, kind: 'outlet', span: outlet.span } : null;
  }
  return sourceKind(name) === 'outlet' ? { name, kind: 'outlet', span } : null;
}

function hopFor(text: string, span: Span, history: Mention[], persons: Mention[]): ChainHop {
  const name = text.slice(span.start, span.end);
  const antecedent = resolve(name, span, history, persons);
  if (antecedent) return { name: antecedent.name, kind: antecedent.kind, span: antecedent.span };
  return { name, kind: sourceKind(name), span };
}

/** What a source stands for, or null when it names itself. */
function resolve(sourceText: string, span: Span, history: Mention[], persons: Mention[]): Mention | null {
  const clean = sourceText.trim();
  const lower = clean.toLowerCase();
  const earlier = (list: Mention[]) => recent(list, span.start);
  const partitive = /^(?:(?:at least|more than|all|most|some|none|one|two|three|four|five|several|many|both|each) )+of (them|those|these)$/i.exec(clean);
  if (partitive) return resolve('they', span, history, persons);
  if (PRONOUNS.has(lower)) {
    const candidates = [...earlier(persons).filter((m) => m.first), ...earlier(history)].sort((a, b) => a.span.end - b.span.end);
    const fits = (m: Mention) => {
      if (lower === 'he' || lower === 'she' || lower === 'i') return m.kind === 'person' || m.kind === 'witness' || ((m.kind === 'anonymous' || m.kind === 'unknown') && !/s$/.test(lastWord(m.name)));
      if (lower === 'it') return m.kind === 'institution' || m.kind === 'outlet' || m.kind === 'document';
      return m.kind === 'institution' || /s$/.test(lastWord(m.name));
    };
    return [...candidates].reverse().find(fits) ?? null;
  }
  const firstChunk = clean.split(',')[0]!.trim();
  if (OUTLET_REFERENCES.test(firstChunk)) {
    const lastOutlet = earlier(history).reverse().find((m) => m.kind === 'outlet') ?? null;
    // "the agency" may be a news agency or a government one: an earlier "… agency" wins.
    if (!/\bagency$/i.test(firstChunk) || /\bnews agency$/i.test(firstChunk)) return lastOutlet;
    const named = earlier(history).reverse().find((m) => /\bagency\b/i.test(m.name));
    return named && (!lastOutlet || named.span.start > lastOutlet.span.start) ? named : lastOutlet;
  }
  const chunkWords = firstChunk.split(/\s+/);
  if (/^the$/i.test(chunkWords[0]!) && chunkWords.length <= 4 && !chunkWords.slice(1).some(isNameWord)) {
    const head = lastWord(firstChunk);
    if (!REFERRING_HEADS.has(head)) return null;
    const stem = head.replace(/s$/, '');
    return [...earlier(history)].reverse().find((m) => m.span.start !== span.start && new RegExp(`\\b${stem}`, 'i').test(m.name)) ?? null;
  }
  // A surname ends the full name it stands for ("Campbell" → "Kurt Campbell, …"); "China" is not one in "China's embassy".
  if (chunkWords.length === 1 && isNameWord(clean) && !isOutletName(clean)) {
    const candidates = [...earlier(persons), ...earlier(history)].sort((a, b) => a.span.end - b.span.end);
    return [...candidates].reverse().find((m) => m.span.start !== span.start && m.name !== clean && new RegExp(`(?:^|\\s)${clean.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:$|,)`).test(m.name)) ?? null;
  }
  return null;
}

/** An unresolved "he" or "she" is still a person, "it" an institution, "they" a group. */
function kindOf(sourceText: string): SourceKind {
  const lower = sourceText.trim().toLowerCase();
  if (lower === 'he' || lower === 'she' || lower === 'i') return 'person';
  if (lower === 'it') return 'institution';
  if (lower === 'they' || lower === 'we') return 'anonymous';
  return sourceKind(sourceText);
}

/** Antecedents are near: the last mentions before `position` (lists are in text order), not the whole article. */
const WINDOW = 120;

function recent(list: Mention[], position: number): Mention[] {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid]!.at ?? list[mid]!.span.start) < position) lo = mid + 1;
    else hi = mid;
  }
  return list.slice(Math.max(0, lo - WINDOW), lo).filter((m) => m.span.end <= position);
}

/** Named people mentioned anywhere ("Jens Stoltenberg"), for "he" and surnames that refer back to them. */
function personMentions(text: string, sentences: Sentence[]): Mention[] {
  const mentions: Mention[] = [];
  for (const s of sentences) {
    let runStart = -1;
    const tokens = s.tokens;
    for (let i = 0; i <= tokens.length; i++) {
      const t = tokens[i];
      const name = !!t && isNameWord(t.text) && !(i === 0 && PRONOUNS.has(t.lower));
      if (name && runStart < 0) runStart = i;
      if (!name && runStart >= 0) {
        if (i - runStart >= 2) {
          const span = { start: tokens[runStart]!.start, end: tokens[i - 1]!.end };
          const nameText = text.slice(span.start, span.end);
          if (!isOutletName(nameText)) mentions.push({ name: nameText, span, kind: 'person', chain: [{ name: nameText, kind: 'person', span }], first: !mentions.some((m) => m.span.start >= s.start) });
        }
        runStart = -1;
      }
    }
  }
  return mentions;
}
