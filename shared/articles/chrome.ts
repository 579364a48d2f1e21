/**
 * Page chrome proposed on import: lines that are site furniture rather than
 * article (navigation, share and subscribe prompts, photo credits, bylines
 * and date lines, author boxes, related articles, tags). A line that repeats
 * across several articles of the same outlet, or that the analyst already
 * accepted as chrome on that outlet's pages, is proposed with high
 * confidence. Accepted proposals become the article's excluded ranges.
 */
import type { LineRole, PageLine } from './page-lines';
import { splitLines } from './page-lines';

export interface ChromeCandidate {
  start: number;
  end: number;
  reason: string;
  confidence: number;
}

const ROLE_CONFIDENCE: Partial<Record<LineRole, number>> = {
  furniture: 0.9, caption: 0.85, masthead: 0.85, byline: 0.8, date: 0.8, tail: 0.75, section: 0.6,
};
export const REPEATED_CONFIDENCE = 0.95;
/** A line seen in this many other articles of the same outlet is that outlet's furniture. */
const REPEATS_NEEDED = 2;
const REPEATED_MAX_CHARS = 200;

/** Proposals from the roles read for each line (page-lines.ts). */
export function chromeFromLines(lines: readonly PageLine[]): ChromeCandidate[] {
  const out: ChromeCandidate[] = [];
  for (const line of lines) {
    const confidence = ROLE_CONFIDENCE[line.role];
    if (confidence) out.push({ start: line.start, end: line.end, reason: line.reason || line.role, confidence });
  }
  return out;
}

export interface OutletArticle {
  key: string;
  outlet: string;
  text: string;
}

/**
 * Lines each article shares with at least two other articles of its outlet
 * (short lines only: a shared paragraph is a copy, not furniture), and lines
 * the analyst accepted as chrome on that outlet's pages before.
 */
export function repeatedChrome(articles: readonly OutletArticle[], remembered: (outlet: string) => readonly string[] = () => []): Map<string, ChromeCandidate[]> {
  const seen = new Map<string, Map<string, Set<string>>>();
  const linesOf = new Map(articles.map((a) => [a.key, splitLines(a.text).filter((l) => l.text.length <= REPEATED_MAX_CHARS)]));
  for (const a of articles) {
    if (!a.outlet) continue;
    const byLine = seen.get(a.outlet) ?? new Map<string, Set<string>>();
    seen.set(a.outlet, byLine);
    for (const line of linesOf.get(a.key)!) {
      const keys = byLine.get(line.text) ?? new Set<string>();
      keys.add(a.key);
      byLine.set(line.text, keys);
    }
  }
  const out = new Map<string, ChromeCandidate[]>();
  for (const a of articles) {
    if (!a.outlet) continue;
    const byLine = seen.get(a.outlet)!;
    const known = new Set(remembered(a.outlet));
    const proposals: ChromeCandidate[] = [];
    for (const line of linesOf.get(a.key)!) {
      if (known.has(line.text)) proposals.push({ start: line.start, end: line.end, reason: `accepted before on ${a.outlet} pages`, confidence: REPEATED_CONFIDENCE });
      else if (byLine.get(line.text)!.size > REPEATS_NEEDED) proposals.push({ start: line.start, end: line.end, reason: `repeats across ${a.outlet} articles`, confidence: REPEATED_CONFIDENCE });
    }
    if (proposals.length) out.set(a.key, proposals);
  }
  return out;
}

/** Proposals merged by place: one per line, the most confident reason kept. */
export function mergeProposals(...lists: readonly ChromeCandidate[][]): ChromeCandidate[] {
  const byStart = new Map<string, ChromeCandidate>();
  for (const p of lists.flat()) {
    const key = `${p.start}:${p.end}`;
    const had = byStart.get(key);
    if (!had || p.confidence > had.confidence) byStart.set(key, p);
  }
  return [...byStart.values()].sort((a, b) => a.start - b.start);
}
