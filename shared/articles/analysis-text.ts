import type { ExcludedRange } from '../model/schema';

/**
 * An article's text without its page-chrome ranges, for search and copy
 * detection. Each excluded range becomes a paragraph break, so words on either
 * side of it never run together.
 */
export function textWithoutExcluded(text: string, excluded: readonly Pick<ExcludedRange, 'start' | 'end'>[]): string {
  if (!excluded.length) return text;
  const ranges = [...excluded].sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const r of ranges) {
    if (r.start > at) out += text.slice(at, r.start);
    out += '\n';
    at = Math.max(at, r.end);
  }
  return out + text.slice(at);
}
