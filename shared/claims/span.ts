/**
 * Turning what the analyst selected into a claim's span, and keeping page
 * chrome (excluded ranges) out of claims. Offsets are into the article text.
 */
import type { ExcludedRange } from '../model/schema';

export type SpanCheck =
  | { ok: true; start: number; end: number; note: string | null }
  | { ok: false; message: string };

const SPACE = /\s/;

/** The selected span [start, end) trimmed of surrounding white space, with page chrome kept out. */
export function checkClaimSpan(text: string, start: number, end: number, excluded: readonly ExcludedRange[]): SpanCheck {
  let s = Math.max(0, Math.min(start, end));
  let e = Math.min(text.length, Math.max(start, end));
  [s, e] = trimSpace(text, s, e);
  if (e <= s) return { ok: false, message: 'Select the words of the claim in the article first, then press C.' };

  const chrome = excluded.filter((r) => r.start < e && r.end > s);
  if (!chrome.length) return { ok: true, start: s, end: e, note: null };
  if (chrome.some((r) => r.start <= s && r.end >= e)) {
    return { ok: false, message: 'That passage is marked as page chrome (not part of the article). Unmark it first (X) if it is article text.' };
  }
  // Chrome at the edges is trimmed off; chrome inside the selection would split the claim.
  for (const r of chrome) {
    if (r.start <= s) s = Math.max(s, r.end);
    else if (r.end >= e) e = Math.min(e, r.start);
    else return { ok: false, message: 'The selection crosses page chrome (not part of the article). Select the article text on one side of it.' };
  }
  [s, e] = trimSpace(text, s, e);
  if (e <= s) return { ok: false, message: 'That passage is marked as page chrome (not part of the article).' };
  return { ok: true, start: s, end: e, note: 'The selection touched page chrome; the claim covers only the article text.' };
}

function trimSpace(text: string, s: number, e: number): [number, number] {
  while (s < e && SPACE.test(text[s]!)) s++;
  while (e > s && SPACE.test(text[e - 1]!)) e--;
  return [s, e];
}

/** Excluded ranges with [start, end) added, merged with any range it touches. */
export function addExcluded(ranges: readonly ExcludedRange[], start: number, end: number, id: string): ExcludedRange[] {
  const touching = ranges.filter((r) => r.start <= end && r.end >= start);
  const merged: ExcludedRange = {
    id: touching[0]?.id ?? id,
    start: Math.min(start, ...touching.map((r) => r.start)),
    end: Math.max(end, ...touching.map((r) => r.end)),
    reason: touching.map((r) => r.reason).find(Boolean) ?? '',
  };
  return [...ranges.filter((r) => !touching.includes(r)), merged].sort((a, b) => a.start - b.start);
}

/** Excluded ranges with [start, end) taken out; a range split in two gives its second half `newId`. */
export function removeExcluded(ranges: readonly ExcludedRange[], start: number, end: number, newId: string): ExcludedRange[] {
  const out: ExcludedRange[] = [];
  for (const r of ranges) {
    if (r.end <= start || r.start >= end) {
      out.push(r);
      continue;
    }
    if (r.start < start) out.push({ ...r, end: start });
    if (r.end > end) out.push({ ...r, id: r.start < start ? newId : r.id, start: end });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** True when every character of [start, end) lies in page chrome. */
export function isAllExcluded(ranges: readonly ExcludedRange[], start: number, end: number): boolean {
  let at = start;
  for (const r of [...ranges].sort((a, b) => a.start - b.start)) {
    if (r.start > at) break;
    at = Math.max(at, r.end);
    if (at >= end) return true;
  }
  return at >= end && end > start;
}
