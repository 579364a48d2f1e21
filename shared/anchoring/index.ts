/**
 * Anchoring claims (and other spans) in article text, after the W3C Web
 * Annotation model.
 *
 * - `createSelectors(text, start, end)`: the TextQuoteSelector (exact words and
 *   32 characters of prefix/suffix) and TextPositionSelector of a span. Use it
 *   whenever a claim is made or re-attached.
 * - `anchorClaim({ quote, position, textHash }, text, hash)`: where that span is
 *   on a (possibly different) text: `exact` (same words, same context), `moved`
 *   (similar or ambiguous place: flag for review) or `orphaned` (no place;
 *   start/end are the old ones). Never throws on odd selectors.
 * - `reanchorClaims(claims, text, hash)`: every claim of an article placed on a
 *   new text, with the anchor fields each claim should get.
 * - `reanchorRanges(ranges, old, text, hash)`: page-chrome ranges carried over.
 */
export { CONTEXT_CHARS, createSelectors, type Selectors } from './selectors';
export { anchorClaim, selectorsAt, MIN_SCORE, MAX_ERROR_RATE, type AnchorResult, type AnchorTarget } from './anchor';
export { reanchorClaims, reanchorRanges, type AnchoredClaim, type ClaimAnchor, type Reanchored } from './reanchor';
