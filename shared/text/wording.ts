/** Small pieces of wording every layer uses: counts with their noun, and long text cut short for a label. */

/** "1 claim", "3 claims", "1,200 articles". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}

/** At most `max` characters, ending in "…" when cut (never splits a character made of two UTF-16 units). */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}
