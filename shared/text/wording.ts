/** Small pieces of wording every layer uses: counts with their noun, and long text cut short for a label. */

/** "1 claim", "3 claims", "1,200 articles". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${countText(n)} ${n === 1 ? one : many}`;
}

/** `n.toLocaleString('en')`; whole numbers below 1,000 (most counts) without asking ICU, which costs microseconds a call. */
function countText(n: number): string {
  return Number.isInteger(n) && n < 1000 && (n > 0 || Object.is(n, 0)) ? String(n) : n.toLocaleString('en');
}

/** At most `max` characters, ending in "…" when cut (never splits a character made of two UTF-16 units). */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}
