import type { AnchorStatus, ExcludedRange, TextPositionSelector, TextQuoteSelector } from '../model/schema';
import { anchorClaim, type AnchorResult, type AnchorTarget } from './anchor';
import { createSelectors } from './selectors';

/** A claim as far as anchoring is concerned (a full `Claim` fits). */
export interface AnchoredClaim extends AnchorTarget {
  id: string;
  anchor?: AnchorStatus;
}

/** The anchor fields a claim gets on the new text. */
export interface ClaimAnchor {
  quote: TextQuoteSelector;
  position: TextPositionSelector;
  textHash: string;
  anchor: AnchorStatus;
}

export interface Reanchored {
  claimId: string;
  result: AnchorResult;
  /** True when any anchor field differs from the claim's current ones. */
  changed: boolean;
  next: ClaimAnchor;
}

/**
 * Places every claim again on a new version of its article's text.
 * Placed claims get fresh selectors and the new hash; a claim still flagged
 * `moved` stays flagged until the analyst accepts it; an orphan keeps its
 * original quote, position and hash, so a later version can place it again.
 */
export function reanchorClaims(claims: readonly AnchoredClaim[], text: string, hash: string): Reanchored[] {
  return claims.map((claim) => {
    const result = anchorClaim(claim, text, hash);
    const next = nextAnchor(claim, result, text, hash);
    return { claimId: claim.id, result, changed: anchorChanged(claim, next), next };
  });
}

function nextAnchor(claim: AnchoredClaim, result: AnchorResult, text: string, hash: string): ClaimAnchor {
  if (result.status === 'orphaned') {
    return { quote: claim.quote, position: claim.position, textHash: claim.textHash, anchor: 'orphaned' };
  }
  const { quote, position } = createSelectors(text, result.start, result.end);
  const anchor = result.status === 'exact' && claim.anchor === 'moved' ? 'moved' : result.status;
  return { quote, position, textHash: hash, anchor };
}

function anchorChanged(claim: AnchoredClaim, next: ClaimAnchor): boolean {
  return (
    claim.anchor !== next.anchor ||
    claim.textHash !== next.textHash ||
    claim.position.start !== next.position.start ||
    claim.position.end !== next.position.end ||
    claim.quote.exact !== next.quote.exact ||
    claim.quote.prefix !== next.quote.prefix ||
    claim.quote.suffix !== next.quote.suffix
  );
}

/**
 * Carries page-chrome ranges over to a new text: each is found again by its
 * old words and context, or else by its first and last words (a block of
 * chrome that lost some lines); a range whose words are gone is dropped.
 */
export function reanchorRanges(
  ranges: readonly ExcludedRange[],
  old: { text: string; hash: string },
  text: string,
  hash: string,
): ExcludedRange[] {
  const kept: ExcludedRange[] = [];
  for (const range of ranges) {
    const start = Math.min(range.start, old.text.length);
    const end = Math.min(Math.max(range.end, start), old.text.length);
    if (end <= start) continue;
    const placed = placeRange(old, start, end, text, hash);
    if (placed && placed.end > placed.start) kept.push({ ...range, ...placed });
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** Words at each end of a range used to find a block of chrome that changed inside. */
const RANGE_EDGE = 64;

function placeRange(old: { text: string; hash: string }, start: number, end: number, text: string, hash: string) {
  const find = (from: number, to: number) => {
    const placed = anchorClaim({ ...createSelectors(old.text, from, to), textHash: old.hash }, text, hash);
    return placed.status === 'orphaned' ? null : placed;
  };
  const whole = find(start, end);
  if (whole) return { start: whole.start, end: whole.end };
  if (end - start <= 2 * RANGE_EDGE) return null;
  const head = find(start, start + RANGE_EDGE);
  if (!head) return null;
  const tail = find(end - RANGE_EDGE, end);
  if (tail && tail.end > head.start) return { start: head.start, end: tail.end };
  // Chrome that ran to the end of the old text (related headlines) runs to the end of the new one.
  return end === old.text.length ? { start: head.start, end: text.length } : null;
}
