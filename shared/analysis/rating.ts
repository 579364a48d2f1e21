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

/** What weakens one claim's sourcing; `blocking` when the root cannot count toward corroboration. */
interface Weighing {
  blocking: boolean;
  /** "an anonymous source (a western official) known only through Aggregator's relay of The Times". */
  why: string;
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
  const weak = weighed.filter((x) => x.w.blocking);
  const standing = supporting.length - weak.length;
  const count = plural(supporting.length, 'independent root', 'independent roots');
  if (standing >= 2) {
    const caveats = weighed.filter((x) => x.w.why).map((x) => x.w.why);
    return { suggestion: 'corroborated', reason: `${count} that stand on their own${caveats.length ? `, though ${caveats.join('; ')}` : ''}.` };
  }
  if (supporting.length === 1) {
    const { root, w } = weighed[0]!;
    const tail = !w.why ? ` (${root.label})` : w.blocking ? `, and it is ${w.why}` : `, and ${w.why}`;
    return { suggestion: 'single source', reason: `Only 1 independent root${tail}.` };
  }
  const weakText = weak.map((x) => x.w.why);
  if (standing === 1) {
    return { suggestion: 'single source', reason: `${count}, but ${weak.length === 1 ? 'one is' : `${weak.length} are`} ${weakText.join('; ')}.` };
  }
  return { suggestion: 'single source', reason: `${count}, but none stands on its own: ${weakText.join('; ')}.` };
}

/** A root is as strong as its best-sourced supporting claim. */
function weighRoot(casefile: Casefile, root: RatedRoot): Weighing {
  let best: Weighing | null = null;
  for (const id of root.claimIds) {
    const claim = casefile.claims[id];
    if (!claim) continue;
    const w = weighClaim(casefile, claim, root.label);
    if (!best || (best.blocking && !w.blocking) || (best.blocking === w.blocking && best.why && !w.why)) best = w;
  }
  return best ?? { blocking: true, why: `${root.label}, whose claims are missing` };
}

function weighClaim(casefile: Casefile, claim: Claim, label: string): Weighing {
  const root = claim.chain[claim.chain.length - 1];
  const outlet = casefile.articles[claim.articleId]?.outlet || 'its article';
  if (!root) return { blocking: true, why: `a claim in ${outlet} not tagged yet` };
  if (UNSOURCED_TYPES.has(root.typeId)) return { blocking: true, why: `an unsourced statement in ${outlet}` };
  const relays = claim.chain.slice(0, -1).filter((h) => h.typeId === RELAY_TYPE);
  const through = relays.length ? ` known only through ${outlet}'s relay of ${relays.map((h) => sourceName(casefile, h)).join(' and ')}` : '';
  const grade = lowGrade(root);
  if (grade) return { blocking: true, why: `a source graded ${grade} (${label})${through}` };
  if (relays.length >= 2) return { blocking: true, why: `${label},${through}` };
  const hedging = claim.chain.map((h) => h.hedging.trim()).find(Boolean);
  const paraphrased = claim.chain.some((h) => h.quoteMode === 'paraphrase');
  if (isAnonymous(casefile, root)) {
    const what = `an anonymous source (${label})`;
    if (relays.length) return { blocking: true, why: `${what}${through}${paraphrased ? ', paraphrased' : ''}` };
    if (hedging) return { blocking: true, why: `${what} reported with hedging ("${hedging}")` };
    if (paraphrased) return { blocking: true, why: `${what}, paraphrased` };
    return { blocking: false, why: `${label} is anonymous` };
  }
  return { blocking: false, why: hedging ? `${label} is reported with hedging ("${hedging}")` : '' };
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
