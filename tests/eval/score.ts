/**
 * Scores detected attributions against the gold set: precision, recall and F1
 * of cue, source and content spans (exact, and by overlap), and on the
 * attributions found (cues matched one to one), the accuracy of the sourcing
 * type, the chain, the number of sources and the hedging.
 */
import type { Attribution } from '../../shared/attribution';
import { sameName } from '../../shared/attribution/resolve';
import type { GoldAttribution, GoldDocument } from '../fixtures/attribution/gold';

type Range = [number, number];
export interface Counts { predicted: number; gold: number; tpPredicted: number; tpGold: number }
export interface RoleCounts { exact: Counts; overlap: Counts }
export interface Tally {
  docs: number;
  cue: RoleCounts;
  source: RoleCounts;
  content: RoleCounts;
  matched: number;
  type: number;
  chain: number;
  count: number;
  hedging: number;
}

const emptyCounts = (): Counts => ({ predicted: 0, gold: 0, tpPredicted: 0, tpGold: 0 });
const emptyRole = (): RoleCounts => ({ exact: emptyCounts(), overlap: emptyCounts() });
export const emptyTally = (): Tally => ({ docs: 0, cue: emptyRole(), source: emptyRole(), content: emptyRole(), matched: 0, type: 0, chain: 0, count: 0, hedging: 0 });

const overlaps = (a: Range, b: Range) => a[0] < b[1] && b[0] < a[1];
const same = (a: Range, b: Range) => a[0] === b[0] && a[1] === b[1];
const overlapLength = (a: Range, b: Range) => Math.max(0, Math.min(a[1], b[1]) - Math.max(a[0], b[0]));

function uniqueRanges(ranges: (Range | null)[]): Range[] {
  const seen = new Set<string>();
  return ranges.filter((r): r is Range => !!r && !seen.has(r.join(':')) && !!seen.add(r.join(':')));
}

function addRole(role: RoleCounts, predicted: (Range | null)[], gold: (Range | null)[]): void {
  const p = uniqueRanges(predicted);
  const g = uniqueRanges(gold);
  for (const [kind, match] of [['exact', same], ['overlap', overlaps]] as const) {
    const c = role[kind];
    c.predicted += p.length;
    c.gold += g.length;
    c.tpPredicted += p.filter((x) => g.some((y) => match(x, y))).length;
    c.tpGold += g.filter((y) => p.some((x) => match(x, y))).length;
  }
}

const range = (s: { start: number; end: number } | null): Range | null => (s ? [s.start, s.end] : null);

/** Gold and detected attributions paired one to one by the overlap of their cues (largest first). */
export function pairByCue(predicted: Attribution[], gold: GoldAttribution[]): [Attribution, GoldAttribution][] {
  const candidates: [number, number, number][] = [];
  predicted.forEach((p, i) => gold.forEach((g, j) => {
    const o = overlapLength([p.cue.start, p.cue.end], [g.cue.start, g.cue.end]);
    if (o > 0) candidates.push([o, i, j]);
  }));
  candidates.sort((a, b) => b[0] - a[0]);
  const usedP = new Set<number>();
  const usedG = new Set<number>();
  const pairs: [Attribution, GoldAttribution][] = [];
  for (const [, i, j] of candidates) {
    if (usedP.has(i) || usedG.has(j)) continue;
    usedP.add(i);
    usedG.add(j);
    pairs.push([predicted[i]!, gold[j]!]);
  }
  return pairs;
}

export function sameChain(predicted: string[], gold: string[]): boolean {
  return predicted.length === gold.length && predicted.every((hop, i) => sameName(hop, gold[i]!));
}

export function scoreDocument(tally: Tally, gold: GoldDocument, predicted: Attribution[]): void {
  tally.docs++;
  addRole(tally.cue, predicted.map((a) => range(a.cue)), gold.attributions.map((a) => range(a.cue)));
  addRole(tally.source, predicted.map((a) => range(a.source)), gold.attributions.map((a) => range(a.source)));
  addRole(tally.content, predicted.map((a) => range(a.content)), gold.attributions.map((a) => range(a.content)));
  for (const [p, g] of pairByCue(predicted, gold.attributions)) {
    tally.matched++;
    if (p.type === g.type) tally.type++;
    if (sameChain(p.chain.map((h) => h.name), g.chain)) tally.chain++;
    if ((p.count ?? '').toLowerCase() === (g.count ?? '').toLowerCase()) tally.count++;
    if (!!p.hedging === !!g.hedging) tally.hedging++;
  }
}

export interface Prf { precision: number; recall: number; f1: number }

export function prf(c: Counts): Prf {
  const precision = c.predicted ? c.tpPredicted / c.predicted : 0;
  const recall = c.gold ? c.tpGold / c.gold : 0;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}

export const accuracy = (hits: number, of: number) => (of ? hits / of : 0);
