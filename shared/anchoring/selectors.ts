import type { TextPositionSelector, TextQuoteSelector } from '../model/schema';

/** Characters of context kept on each side of a quote, as the W3C TextQuoteSelector suggests. */
export const CONTEXT_CHARS = 32;

export interface Selectors {
  quote: TextQuoteSelector;
  position: TextPositionSelector;
}

/**
 * The two W3C Web Annotation selectors of the span [start, end) of `text`:
 * the exact words with ~32 characters of context each side, and the offsets.
 */
export function createSelectors(text: string, start: number, end: number): Selectors {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > text.length) {
    throw new RangeError(`Span ${start}–${end} lies outside a text of ${text.length} characters`);
  }
  return {
    quote: {
      type: 'TextQuoteSelector',
      exact: text.slice(start, end),
      prefix: text.slice(Math.max(0, start - CONTEXT_CHARS), start),
      suffix: text.slice(end, end + CONTEXT_CHARS),
    },
    position: { type: 'TextPositionSelector', start, end },
  };
}
