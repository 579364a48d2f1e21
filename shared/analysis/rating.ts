/**
 * The suggested rating of a proposition, weighing what the analyst recorded
 * about each independent root, not only how many there are.
 *
 * A supporting root stands on its own unless its best-sourced claim is
 * - unsourced: the root hop is unattributed or not tagged yet;
 * - graded low on the Admiralty scale: reliability D–F or credibility 4–6;
 * - relayed through two or more outlets (outlet citing outlet citing outlet);
 * - anonymous and, besides, known only through another outlet's relay, or
 *   hedged ("allegedly"), or paraphrased.
 * Two roots that stand on their own make "corroborated"; one, or only weak
 * ones, "single source"; any denying root "contested"; none "unverified".
 * The reason is one sentence naming what weighed ("2 independent roots, but
 * one is an anonymous source (a western official) known only through
 * Aggregator's relay of The Times").
 */
import type { Casefile, Claim, Hop } from '../model/schema';
import { plural } from '../text/wording';

/** The computed assessment, in the words of the default assessment scale. */
export type SuggestedAssessment = 'corroborated' | 'single source' | 'contested' | 'unverified';

export interface RatedRoot {
  label: string;
  claimIds: readonly string[];
  stanceCounts: { supports: number; contradicts: number };
}

export interface RatingSuggestion {
  suggestion: SuggestedAssessment;
  /** One sentence saying why. */
  reason: string;
}

/** Default taxonomy ids the rule reads (a casefile may rename the types; ids stay). */
const UNSOURCED_TYPES = new Set(['unattributed']);
const ANONYMOUS_TYPE = 'anonymous';
const RELAY_TYPE = 'outlet-citing-outlet';
const LOW_RELIABILITY = new Set(['D', 'E', 'F']);

/** What weakens a claim's sourcing, found without building any text (thousands of propositions are rated at once). */
type Finding =
  | { kind: 'clean' | 'anonymous' | 'hedged' | 'anonymous-hedged' | 'anonymous-paraphrased' | 'anonymous-relayed' | 'relayed' | 'low-grade'; claim: Claim; root: Hop; hedging: string; paraphrased: boolean }
  | { kind: 'untagged' | 'unsourced' | 'missing'; claim: Claim | null; root: null; hedging: ''; paraphrased: false };

/** Findings that keep a root out of the corroboration count. */
const BLOCKING = new Set<Finding['kind']>(['untagged', 'unsourced', 'missing', 'low-grade', 'relayed', 'anonymous-relayed', 'anonymous-hedged', 'anonymous-paraphrased']);
/** Lower is better: the root is as strong as its best-sourced claim. */
const RANK: Record<Finding['kind'], number> = { clean: 0, hedged: 1, anonymous: 2, 'anonymous-hedged': 3, 'anonymous-paraphrased': 3, 'anonymous-relayed': 3, relayed: 3, 'low-grade': 3, unsourced: 4, untagged: 4, missing: 5 };

interface Weighing {
  blocking: boolean;
  /** The best-sourced claim's finding: nothing weighs when it is 'clean'. */
  best: Finding;
}

export function suggestRating(casefile: Casefile, roots: readonly RatedRoot[]): RatingSuggestion {
  const supporting = roots.filter((r) => r.stanceCounts.supports > 0);
  const denying = roots.filter((r) => r.stanceCounts.contradicts > 0);
  if (denying.length) {
    return {
      suggestion: 'contested',
      reason: `${plural(denying.length, 'independent root denies', 'independent roots deny')} it (${denying.map((r) => r.label).join('; ')}) against ${plural(supporting.length, 'supporting root', 'supporting roots')}.`,
    };
  }
  if (!supporting.length) return { suggestion: 'unverified', reason: 'No claim supports it yet.' };
  const weighed = supporting.map((root) => ({ root, w: weighRoot(casefile, root) }));
  const why = (x: (typeof weighed)[number]) => describe(casefile, x.w.best, x.root.label);
  const weak = weighed.filter((x) => x.w.blocking);
  const standing = supporting.length - weak.length;
  const count = plural(supporting.length, 'independent root', 'independent roots');
  if (standing >= 2) {
    const caveats = weighed.filter((x) => x.w.best.kind !== 'clean').map(why);
    return { suggestion: 'corroborated', reason: `${count} that stand on their own${caveats.length ? `, though ${caveats.join('; ')}` : ''}.` };
  }
  if (supporting.length === 1) {
    const only = weighed[0]!;
    const tail = only.w.best.kind === 'clean' ? ` (${only.root.label})` : only.w.blocking ? `, and it is ${why(only)}` : `, and ${why(only)}`;
    return { suggestion: 'single source', reason: `Only 1 independent root${tail}.` };
  }
  const weakText = weak.map(why);
  if (standing === 1) {
    return { suggestion: 'single source', reason: `${count}, but ${weak.length === 1 ? 'one is' : `${weak.length} are`} ${weakText.join('; ')}.` };
  }
  return { suggestion: 'single source', reason: `${count}, but none stands on its own: ${weakText.join('; ')}.` };
}

/** A root is as strong as its best-sourced supporting claim. */
function weighRoot(casefile: Casefile, root: RatedRoot): Weighing {
  let best: Finding = { kind: 'missing', claim: null, root: null, hedging: '', paraphrased: false };
  for (const id of root.claimIds) {
    const claim = casefile.claims[id];
    if (!claim) continue;
    const f = findingOf(casefile, claim);
    if (RANK[f.kind] < RANK[best.kind]) best = f;
    if (best.kind === 'clean') break;
  }
  return { blocking: BLOCKING.has(best.kind), best };
}

function findingOf(casefile: Casefile, claim: Claim): Finding {
  const chain = claim.chain;
  const root = chain[chain.length - 1];
  if (!root) return { kind: 'untagged', claim, root: null, hedging: '', paraphrased: false };
  if (UNSOURCED_TYPES.has(root.typeId)) return { kind: 'unsourced', claim, root: null, hedging: '', paraphrased: false };
  let relays = 0;
  let hedging = '';
  let paraphrased = false;
  for (let i = 0; i < chain.length; i++) {
    const hop = chain[i]!;
    if (i < chain.length - 1 && hop.typeId === RELAY_TYPE) relays++;
    if (!hedging && hop.hedging.trim()) hedging = hop.hedging.trim();
    if (hop.quoteMode === 'paraphrase') paraphrased = true;
  }
  const found = (kind: Finding['kind']): Finding => ({ kind, claim, root, hedging, paraphrased } as Finding);
  if (lowGrade(root)) return found('low-grade');
  if (relays >= 2) return found('relayed');
  if (isAnonymous(casefile, root)) {
    if (relays) return found('anonymous-relayed');
    if (hedging) return found('anonymous-hedged');
    if (paraphrased) return found('anonymous-paraphrased');
    return found('anonymous');
  }
  return found(hedging ? 'hedged' : 'clean');
}

/** The finding in words, for the reason sentence. */
function describe(casefile: Casefile, f: Finding, label: string): string {
  const outlet = (f.claim && casefile.articles[f.claim.articleId]?.outlet) || 'its article';
  if (f.root === null) {
    if (f.kind === 'untagged') return `a claim in ${outlet} not tagged yet`;
    return f.kind === 'unsourced' ? `an unsourced statement in ${outlet}` : `${label}, whose claims are missing`;
  }
  const relays = f.claim.chain.slice(0, -1).filter((h) => h.typeId === RELAY_TYPE);
  const through = relays.length ? ` known only through ${outlet}'s relay of ${relays.map((h) => sourceName(casefile, h)).join(' and ')}` : '';
  const anonymous = `an anonymous source (${label})`;
  switch (f.kind) {
    case 'low-grade': return `a source graded ${lowGrade(f.root)} (${label})${through}`;
    case 'relayed': return `${label},${through}`;
    case 'anonymous-relayed': return `${anonymous}${through}${f.paraphrased ? ', paraphrased' : ''}`;
    case 'anonymous-hedged': return `${anonymous} reported with hedging ("${f.hedging}")`;
    case 'anonymous-paraphrased': return `${anonymous}, paraphrased`;
    case 'anonymous': return `${label} is anonymous`;
    case 'hedged': return `${label} is reported with hedging ("${f.hedging}")`;
    case 'clean': return '';
  }
}

function isAnonymous(casefile: Casefile, hop: Hop): boolean {
  return hop.typeId === ANONYMOUS_TYPE || (hop.sourceId !== null && casefile.sources[hop.sourceId]?.kind === 'anonymous-group');
}

/** "D4" when the root hop's Admiralty grade is low; null when it is fair or not given. */
function lowGrade(hop: Hop): string | null {
  const low = (hop.reliability !== null && LOW_RELIABILITY.has(hop.reliability)) || (hop.credibility !== null && hop.credibility >= 4);
  return low ? `${hop.reliability ?? ''}${hop.credibility ?? ''}` : null;
}

function sourceName(casefile: Casefile, hop: Hop): string {
  return (hop.sourceId && casefile.sources[hop.sourceId]?.name) || 'another outlet';
}
