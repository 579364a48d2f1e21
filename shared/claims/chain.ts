/** Attribution chains: hops from the article outward, the last one being the root. */
import type { Casefile, Claim, Hop, SourceKind, SourcingType } from '../model/schema';
import { recordOf } from '../model/ids';

/** The types an analyst can pick, in taxonomy order: number key n picks the n-th. */
export function visibleTypes(taxonomy: readonly SourcingType[]): SourcingType[] {
  return taxonomy.filter((t) => !t.hidden);
}

/** The sourcing type number key `digit` (1–9) stands for, if any. */
export function typeForDigit(taxonomy: readonly SourcingType[], digit: number): SourcingType | undefined {
  return visibleTypes(taxonomy)[digit - 1];
}

export function newHop(id: string, typeId: string, sourceId: string | null = null): Hop {
  return {
    id, sourceId, typeId, cue: '', hedging: '', quoteMode: null, sourceCount: null,
    anonymityReasonGiven: null, reliability: null, credibility: null, note: '',
  };
}

export function updateHop(chain: readonly Hop[], hopId: string, patch: Partial<Omit<Hop, 'id'>>): Hop[] {
  return chain.map((h) => (h.id === hopId ? { ...h, ...patch } : h));
}

/** The chain with `hop` inserted at `index` (clamped). */
export function insertHop(chain: readonly Hop[], index: number, hop: Hop): Hop[] {
  const at = Math.max(0, Math.min(chain.length, index));
  return [...chain.slice(0, at), hop, ...chain.slice(at)];
}

export function removeHop(chain: readonly Hop[], hopId: string): Hop[] {
  return chain.filter((h) => h.id !== hopId);
}

/** The chain with a hop moved one place outward (+1) or inward (-1); unchanged at the ends. */
export function moveHop(chain: readonly Hop[], hopId: string, delta: -1 | 1): Hop[] {
  const from = chain.findIndex((h) => h.id === hopId);
  const to = from + delta;
  if (from < 0 || to < 0 || to >= chain.length) return [...chain];
  const next = [...chain];
  [next[from], next[to]] = [next[to]!, next[from]!];
  return next;
}

/** The kind a new source most likely has, from the sourcing type of the hop that names it. */
export function kindForType(typeId: string): SourceKind {
  switch (typeId) {
    case 'named-official':
    case 'named-expert':
      return 'person';
    case 'official-statement':
      return 'institution';
    case 'anonymous':
      return 'anonymous-group';
    case 'outlet-citing-outlet':
      return 'outlet';
    case 'document':
      return 'document';
    default:
      return 'other';
  }
}

export interface ChainStep {
  label: string;
  typeLabel: string | null;
  color: string | null;
}

/** The chain as the analyst reads it: the article's outlet, then each hop's source (or its type while unnamed). */
export function chainSteps(casefile: Pick<Casefile, 'articles' | 'sources' | 'taxonomy'>, claim: Claim): ChainStep[] {
  const article = recordOf(casefile.articles, claim.articleId);
  const steps: ChainStep[] = [{ label: article?.outlet || article?.title || 'Article', typeLabel: null, color: null }];
  for (const hop of claim.chain) {
    const type = casefile.taxonomy.find((t) => t.id === hop.typeId);
    const source = hop.sourceId ? recordOf(casefile.sources, hop.sourceId) : undefined;
    const unnamed = hop.typeId === 'unattributed' ? '(no source given)' : '(source not named yet)';
    steps.push({ label: source?.name ?? unnamed, typeLabel: type?.label ?? hop.typeId, color: type?.color ?? null });
  }
  return steps;
}

/** "Kyiv Independent → Bloomberg → European officials familiar with the matter". */
export function chainSummary(casefile: Pick<Casefile, 'articles' | 'sources' | 'taxonomy'>, claim: Claim): string {
  return chainSteps(casefile, claim).map((s) => s.label).join(' → ');
}
