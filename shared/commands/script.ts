/**
 * A casefile described as data (articles, sources, claims by their quoted
 * words, chains, propositions, reviews) and built by applying the real
 * commands one by one, so the result is exactly what an analyst would have
 * after annotating the same articles in the app. The shipped sample casefile
 * and the test fixtures are made this way.
 */
import { createSelectors } from '../anchoring/selectors';
import { emptyCasefile } from '../model/casefile';
import type { Casefile, Hop, SourceKind, Stance } from '../model/schema';
import { textHash } from '../text/hash';
import { applyCommand, type Actor } from './apply';
import type { Command } from './commands';

export interface ScriptArticle {
  id: string;
  title: string;
  outlet: string;
  author?: string;
  publishedAt?: string;
  url?: string;
  notes?: string;
  fileName: string;
  /** Normalised text, as the import stores it. */
  text: string;
  /** Page chrome from the first occurrence of this line to the end of the text. */
  chromeFrom?: { line: string; reason: string };
}

export interface ScriptSource {
  id: string;
  name: string;
  kind: SourceKind;
  role?: string;
  affiliation?: string;
}

/** One hop: source, sourcing type, then optionally cue, hedging and number of sources. */
export type ScriptHop = [sourceId: string | null, typeId: string, cue?: string, hedging?: string, count?: number];

export interface ScriptClaim {
  id: string;
  articleId: string;
  /** The claim's words, found in the article's text (the first occurrence). */
  exact: string;
  chain: ScriptHop[];
  notes?: string;
}

export interface ScriptProposition {
  id: string;
  statement: string;
  members: [claimId: string, stance: Stance][];
  rating?: string;
  notes?: string;
}

export interface CasefileScript {
  id: string;
  title: string;
  analyst: string;
  /** When annotation starts; each command is one minute later than the one before. */
  startedAt: string;
  articles: ScriptArticle[];
  /** Pairs of articles the analyst linked as copies (they count as one source). */
  linkedCopies?: { id: string; articleA: string; articleB: string; similarity: number }[];
  sources: ScriptSource[];
  claims: ScriptClaim[];
  propositions: ScriptProposition[];
  /** Review comments; `at` defaults to the next minute of the annotation clock. */
  reviews?: { id: string; claimId: string; status: 'approved' | 'disputed' | 'needs-work'; comment: string; by: string; at?: string }[];
}

export function scriptHop(claimId: string, index: number, [sourceId, typeId, cue = '', hedging = '', count]: ScriptHop): Hop {
  return {
    id: `h_${claimId}_${index}`, sourceId, typeId, cue, hedging, quoteMode: null, sourceCount: count ?? null,
    anonymityReasonGiven: typeId === 'anonymous' ? false : null, reliability: null, credibility: null, note: '',
  };
}

export function buildCasefile(script: CasefileScript): Casefile {
  const start = Date.parse(script.startedAt);
  let casefile = emptyCasefile({ id: script.id, title: script.title, analyst: script.analyst, now: script.startedAt });
  let step = 0;
  const run = (command: Command, name = script.analyst) => {
    const actor: Actor = { name, now: new Date(start + 60_000 * ++step).toISOString() };
    casefile = applyCommand(casefile, command, actor).state;
  };

  for (const a of script.articles) addArticle(a, run);
  for (const c of script.linkedCopies ?? []) {
    run({ type: 'copyFlag.add', flag: { id: c.id, articleA: c.articleA, articleB: c.articleB, similarity: c.similarity, kind: 'near-duplicate', status: 'open' } });
    run({ type: 'copyFlag.decide', flagId: c.id, status: 'linked' });
  }
  for (const s of script.sources) {
    run({ type: 'source.add', source: { id: s.id, name: s.name, kind: s.kind, role: s.role ?? '', affiliation: s.affiliation ?? '', aliases: [], notes: '' } });
  }
  const texts = new Map(script.articles.map((a) => [a.id, a.text]));
  for (const c of script.claims) addClaim(c, texts.get(c.articleId), run);
  for (const p of script.propositions) {
    run({ type: 'proposition.add', proposition: { id: p.id, statement: p.statement, members: [], assessment: { rating: null, reliability: null, credibility: null, notes: '' } } });
    for (const [claimId, stance] of p.members) run({ type: 'proposition.addMember', propositionId: p.id, claimId, stance });
    if (p.rating || p.notes) {
      run({ type: 'proposition.assess', propositionId: p.id, assessment: { rating: p.rating ?? null, reliability: p.rating ? 'C' : null, credibility: p.rating ? 3 : null, notes: p.notes ?? '' } });
    }
  }
  for (const r of script.reviews ?? []) {
    const at = r.at ?? new Date(start + 60_000 * (step + 1)).toISOString();
    run({ type: 'review.set', review: { id: r.id, target: { kind: 'claim', id: r.claimId }, status: r.status, comment: r.comment, by: r.by, at } }, r.by);
  }
  return casefile;
}

function addArticle(a: ScriptArticle, run: (command: Command) => void): void {
  run({
    type: 'article.add',
    article: {
      id: a.id, title: a.title, outlet: a.outlet, author: a.author ?? '', publishedAt: a.publishedAt ?? '', url: a.url ?? '',
      language: 'en', notes: a.notes ?? '', text: a.text, textHash: textHash(a.text), origin: { fileName: a.fileName, format: 'txt' }, excluded: [],
    },
  });
  if (a.chromeFrom) {
    const from = a.text.indexOf(a.chromeFrom.line);
    if (from < 0) throw new Error(`Page chrome "${a.chromeFrom.line}" not found in article ${a.id}`);
    run({ type: 'article.setExcluded', articleId: a.id, ranges: [{ id: `x_${a.id}_tail`, start: from, end: a.text.length, reason: a.chromeFrom.reason }] });
  }
}

function addClaim(c: ScriptClaim, text: string | undefined, run: (command: Command) => void): void {
  const start = text?.indexOf(c.exact) ?? -1;
  if (!text || start < 0) throw new Error(`The words of claim ${c.id} are not in article ${c.articleId}`);
  const { quote, position } = createSelectors(text, start, start + c.exact.length);
  run({ type: 'claim.add', claim: { id: c.id, articleId: c.articleId, quote, position, textHash: textHash(text), anchor: 'exact', chain: [], notes: '' } });
  run({ type: 'claim.setChain', claimId: c.id, chain: c.chain.map((h, i) => scriptHop(c.id, i, h)) });
  if (c.notes) run({ type: 'claim.setNotes', claimId: c.id, notes: c.notes });
}
