/**
 * Attribution chains across two casefiles: sources are told apart by name
 * (each casefile has its own source registry and ids), types by id.
 */
import { findType, rootTypeId } from '../model/casefile';
import type { Casefile, Claim, Hop, Source } from '../model/schema';
import { memoizeWeak } from '../lib/collections';
import { recordOf } from '../model/ids';
import { sourceCountText } from '../claims/source-count';

export function normaliseName(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/[\s\p{P}]+/gu, ' ').trim();
}

/** Every name a source goes by, normalised (cached: sources are immutable state). */
export const sourceNames = memoizeWeak((source: Source): Set<string> => new Set([source.name, ...source.aliases].map(normaliseName).filter(Boolean)));

/** True when their source and mine are the same by name or alias. */
export function sameSource(mine: Source | undefined, theirs: Source | undefined): boolean {
  if (!mine || !theirs) return !mine && !theirs;
  if (mine.name === theirs.name) return true;
  const names = sourceNames(mine);
  for (const n of sourceNames(theirs)) if (names.has(n)) return true;
  return false;
}

export function typeLabel(cf: Casefile, typeId: string | null): string {
  if (!typeId) return 'no sourcing type';
  return findType(cf, typeId)?.label ?? typeId;
}

export function rootTypeLabel(cf: Casefile, claim: Claim): string {
  return typeLabel(cf, rootTypeId(claim));
}

/** "Anonymous: Bloomberg → European officials familiar with the matter". */
export function describeChain(cf: Casefile, claim: Claim): string {
  if (!claim.chain.length) return 'No sourcing recorded';
  const hops = claim.chain.map((h) => {
    const source = h.sourceId ? recordOf(cf.sources, h.sourceId)?.name : undefined;
    const hedge = h.hedging ? ` (${h.hedging})` : '';
    return `${source ?? typeLabel(cf, h.typeId)}${hedge}`;
  });
  return `${rootTypeLabel(cf, claim)}: ${hops.join(' → ')}`;
}

const HOP_FIELDS = ['cue', 'hedging', 'quoteMode', 'sourceCount', 'anonymityReasonGiven', 'reliability', 'credibility'] as const;

/**
 * What differs between my chain and theirs, one line per difference
 * (empty when they are the same). Hops are compared position by position.
 */
export function chainDifferences(mine: Casefile, myClaim: Claim, theirs: Casefile, theirClaim: Claim): string[] {
  if (sameChain(mine, myClaim.chain, theirs, theirClaim.chain)) return NONE;
  const out: string[] = [];
  const a = myClaim.chain;
  const b = theirClaim.chain;
  if (a.length !== b.length) out.push(`hops: ${a.length} / ${b.length}`);
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    out.push(...hopDifferences(i + 1, mine, a[i]!, theirs, b[i]!));
  }
  return out;
}

const NONE: string[] = [];

/** The common case, checked without building any text: every hop the same. */
function sameChain(mine: Casefile, a: readonly Hop[], theirs: Casefile, b: readonly Hop[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.typeId !== y.typeId) return false;
    for (const field of HOP_FIELDS) if (x[field] !== y[field]) return false;
    if (!sameSource(x.sourceId ? recordOf(mine.sources, x.sourceId) : undefined, y.sourceId ? recordOf(theirs.sources, y.sourceId) : undefined)) return false;
  }
  return true;
}

function hopDifferences(n: number, mine: Casefile, a: Hop, theirs: Casefile, b: Hop): string[] {
  const out: string[] = [];
  if (a.typeId !== b.typeId) out.push(`hop ${n} type: ${typeLabel(mine, a.typeId)} / ${typeLabel(theirs, b.typeId)}`);
  const sa = a.sourceId ? recordOf(mine.sources, a.sourceId) : undefined;
  const sb = b.sourceId ? recordOf(theirs.sources, b.sourceId) : undefined;
  if (!sameSource(sa, sb)) out.push(`hop ${n} source: ${sa?.name ?? '(none)'} / ${sb?.name ?? '(none)'}`);
  for (const field of HOP_FIELDS) {
    if (a[field] === b[field]) continue;
    const va = field === 'sourceCount' ? sourceCountText(a.sourceCount) : normaliseValue(a[field]);
    const vb = field === 'sourceCount' ? sourceCountText(b.sourceCount) : normaliseValue(b[field]);
    if (va !== vb) out.push(`hop ${n} ${FIELD_LABELS[field]}: ${va || '(none)'} / ${vb || '(none)'}`);
  }
  return out;
}

const FIELD_LABELS: Record<(typeof HOP_FIELDS)[number], string> = {
  cue: 'cue',
  hedging: 'hedging',
  quoteMode: 'quote or paraphrase',
  sourceCount: 'number of sources',
  anonymityReasonGiven: 'reason for anonymity given',
  reliability: 'source reliability',
  credibility: 'information credibility',
};

function normaliseValue(v: string | number | boolean | null): string {
  if (v === null) return '';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  return String(v).trim().toLowerCase();
}
