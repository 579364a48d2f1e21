/**
 * A deterministic generator of synthetic casefiles for benchmarks and load
 * tests: the same seed and scale always give the same casefile.
 */
import { emptyCasefile } from '../../shared/model/casefile';
import type { Casefile, Claim, Hop, SourceKind } from '../../shared/model/schema';
import { DEFAULT_TAXONOMY } from '../../shared/model/taxonomy';
import { textHash } from '../../shared/text/hash';

export interface Scale {
  name: string;
  articles: number;
  articleChars: number;
  claims: number;
  sources: number;
  propositions: number;
}

export const SCALES: Record<'typical' | 'large', Scale> = {
  typical: { name: 'typical', articles: 50, articleChars: 5_000, claims: 1_000, sources: 200, propositions: 200 },
  large: { name: 'large', articles: 2_000, articleChars: 5_000, claims: 40_000, sources: 5_000, propositions: 8_000 },
};

/** mulberry32: small, fast, good enough for test data. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'officials said drones china russia ukraine reported according sources familiar matter company factory ' +
  'programme production attack weapons defence ministry spokesperson denied statement intelligence european ' +
  'western agency documents report talks developed tested engine supply components military support war ' +
  'government embassy analysts believe evidence satellite imagery shipment export sanctions border region ' +
  'minister confirmed allegedly reportedly claimed investigation exclusive reuters bloomberg times official'
).split(' ');
const OUTLETS = ['Reuters', 'Bloomberg', 'The Times', 'Kyiv Independent', 'AP', 'BBC', 'Le Monde', 'Der Spiegel', 'NYT', 'Guardian'];
const KINDS: SourceKind[] = ['person', 'institution', 'outlet', 'document', 'anonymous-group', 'other'];

function sentence(rand: () => number): string {
  const n = 8 + Math.floor(rand() * 18);
  const words: string[] = [];
  for (let i = 0; i < n; i++) words.push(WORDS[Math.floor(rand() * WORDS.length)]!);
  const s = words.join(' ');
  return `${s[0]!.toUpperCase()}${s.slice(1)}.`;
}

export function articleText(rand: () => number, chars: number): string {
  const paragraphs: string[] = [];
  let length = 0;
  while (length < chars) {
    const sentences: string[] = [];
    const count = 2 + Math.floor(rand() * 4);
    for (let i = 0; i < count; i++) sentences.push(sentence(rand));
    const p = sentences.join(' ');
    paragraphs.push(p);
    length += p.length + 2;
  }
  return paragraphs.join('\n\n');
}

const AUTHOR = 'Benchmark Generator';
const T0 = Date.UTC(2024, 0, 1);

export function generateCasefile(scale: Scale, seed = 42): Casefile {
  const rand = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const at = (i: number) => new Date(T0 + i * 60_000).toISOString();
  const cf = emptyCasefile({ id: `cf_bench_${scale.name}`, title: `Benchmark casefile (${scale.name})`, analyst: AUTHOR, now: at(0) });

  const articleIds: string[] = [];
  for (let i = 0; i < scale.articles; i++) {
    const id = `a_${i}`;
    const text = articleText(rand, scale.articleChars);
    cf.articles[id] = {
      id, title: `Article ${i}: ${sentence(rand).slice(0, 80)}`, outlet: pick(OUTLETS), author: `Reporter ${i % 97}`,
      publishedAt: new Date(T0 + i * 86_400_000 / 4).toISOString().slice(0, 10), url: `https://example.org/news/${i}`,
      language: 'en', notes: '', text, textHash: textHash(text), origin: { fileName: `article-${i}.txt`, format: 'txt' },
      excluded: [], createdBy: AUTHOR, createdAt: at(i),
    };
    articleIds.push(id);
  }
  const sourceIds: string[] = [];
  for (let i = 0; i < scale.sources; i++) {
    const id = `s_${i}`;
    cf.sources[id] = {
      id, name: `${pick(['Official', 'Agency', 'Outlet', 'Analyst', 'Ministry', 'Group'])} ${i}`, kind: pick(KINDS), role: '',
      affiliation: pick(OUTLETS), aliases: rand() < 0.2 ? [`Alias ${i}`] : [], notes: '', createdBy: AUTHOR, createdAt: at(i),
    };
    sourceIds.push(id);
  }
  const claimIds: string[] = [];
  for (let i = 0; i < scale.claims; i++) {
    const articleId = articleIds[i % articleIds.length]!;
    const text = cf.articles[articleId]!.text;
    const start = Math.floor(rand() * (text.length - 200));
    const end = start + 40 + Math.floor(rand() * 150);
    const hops: Hop[] = [];
    const hopCount = 1 + Math.floor(rand() * 3);
    for (let h = 0; h < hopCount; h++) {
      hops.push({
        id: `h_${i}_${h}`, sourceId: pick(sourceIds), typeId: pick(DEFAULT_TAXONOMY).id, cue: pick(['according to', 'told', 'reported', '']),
        hedging: rand() < 0.3 ? 'reportedly' : '', quoteMode: null, sourceCount: null, anonymityReasonGiven: null,
        reliability: null, credibility: null, note: '',
      });
    }
    const claim: Claim = {
      id: `c_${i}`, articleId,
      quote: { type: 'TextQuoteSelector', exact: text.slice(start, end), prefix: text.slice(Math.max(0, start - 32), start), suffix: text.slice(end, end + 32) },
      position: { type: 'TextPositionSelector', start, end },
      textHash: cf.articles[articleId]!.textHash, anchor: 'exact', chain: hops, notes: '', createdBy: AUTHOR, createdAt: at(i),
    };
    cf.claims[claim.id] = claim;
    claimIds.push(claim.id);
  }
  for (let i = 0; i < scale.propositions; i++) {
    const id = `p_${i}`;
    const size = 2 + Math.floor(rand() * 6);
    const members = new Map<string, Casefile['propositions'][string]['members'][number]>();
    for (let m = 0; m < size; m++) {
      const claimId = pick(claimIds);
      members.set(claimId, { claimId, stance: rand() < 0.8 ? 'supports' : rand() < 0.5 ? 'contradicts' : 'mentions', addedBy: AUTHOR, addedAt: at(i) });
    }
    cf.propositions[id] = {
      id, statement: sentence(rand), members: [...members.values()],
      assessment: { rating: null, reliability: null, credibility: null, notes: '' }, createdBy: AUTHOR, createdAt: at(i),
    };
  }
  return cf;
}
