/**
 * REFI-QDA counts text positions in Unicode code points (specification 10.2);
 * JavaScript strings count UTF-16 units. Both directions for one text.
 */
export interface PositionMap {
  toCodePoint(utf16: number): number;
  toUtf16(codePoint: number): number;
}

const SURROGATE = /[\uD800-\uDFFF]/;

export function positionMap(text: string): PositionMap {
  if (!SURROGATE.test(text)) return { toCodePoint: (i) => i, toUtf16: (i) => i };
  // utf16At[cp] = the UTF-16 offset of code point cp (plus one entry for the end).
  const utf16At: number[] = [];
  for (let i = 0; i < text.length; i++) {
    utf16At.push(i);
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
  }
  utf16At.push(text.length);
  return {
    toUtf16: (cp) => utf16At[Math.max(0, Math.min(cp, utf16At.length - 1))]!,
    toCodePoint: (u) => {
      let lo = 0;
      let hi = utf16At.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (utf16At[mid]! <= u) lo = mid;
        else hi = mid - 1;
      }
      return lo;
    },
  };
}
