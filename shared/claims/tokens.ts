/** Words for searching: lower case, accents and zero-width characters dropped, split on anything not a letter or digit. */
const WORD = /[\p{L}\p{N}]+/gu;
const MARKS = /[\u0300-\u036f\u200b-\u200f\u2060\ufeff]/g;

export function foldText(text: string): string {
  return text.normalize('NFD').replace(MARKS, '').toLowerCase();
}

export function words(text: string): string[] {
  return foldText(text).match(WORD) ?? [];
}

/**
 * Fewest edits (insert, delete, substitute) that turn `term` into some prefix
 * of `word`, or `limit + 1` when that is more than `limit`: a typo-tolerant
 * "starts with", so "blomb" finds "bloomberg".
 */
export function prefixDistance(term: string, word: string, limit: number): number {
  const n = term.length;
  const m = Math.min(word.length, n + limit);
  let prev = new Array<number>(m + 1);
  let cur = new Array<number>(m + 1);
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = i;
    const tc = term.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      const cost = tc === word.charCodeAt(j - 1) ? 0 : 1;
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return limit + 1;
    [prev, cur] = [cur, prev];
  }
  let best = limit + 1;
  for (let j = 0; j <= m; j++) if (prev[j]! < best) best = prev[j]!;
  return best;
}

/** Typos tolerated in a search term of this length. */
export function allowedTypos(length: number): number {
  return length < 4 ? 0 : length < 8 ? 1 : 2;
}
