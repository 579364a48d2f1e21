/**
 * Finding a source in the registry as the analyst types: fuzzy (fuse.js) over
 * names and aliases, so "Reuters", "reuters" and an alias like "the news
 * agency" all find one source.
 */
import Fuse from 'fuse.js';
import type { Source } from '../model/schema';
import { foldText } from './tokens';

export interface SourceMatch {
  source: Source;
  /** 0 is a perfect match, 1 no match (fuse.js score). */
  score: number;
  /** The name or alias typed exactly (ignoring case and accents). */
  exact: boolean;
}

export interface SourceMatcher {
  search(query: string, limit?: number): SourceMatch[];
  /** The source whose name or an alias is exactly `name` (ignoring case, accents, surrounding space). */
  exactly(name: string): Source | undefined;
}

export function createSourceMatcher(sources: readonly Source[]): SourceMatcher {
  const fuse = new Fuse(sources, {
    keys: [{ name: 'name', weight: 2 }, 'aliases', { name: 'affiliation', weight: 0.5 }],
    includeScore: true,
    ignoreLocation: true,
    ignoreDiacritics: true,
    threshold: 0.35,
  });
  const byName = new Map<string, Source>();
  for (const s of sources) {
    for (const n of [s.name, ...s.aliases]) {
      const key = foldText(n.trim());
      if (key && !byName.has(key)) byName.set(key, s);
    }
  }
  const exactly = (name: string) => byName.get(foldText(name.trim()));
  return {
    exactly,
    search(query, limit = 8) {
      const q = query.trim();
      if (!q) return [];
      const exact = exactly(q);
      const found = fuse.search(q.slice(0, 200), { limit: limit + 1 })
        .map((r) => ({ source: r.item, score: r.score ?? 1, exact: r.item === exact }));
      if (exact && !found.some((m) => m.exact)) found.unshift({ source: exact, score: 0, exact: true });
      found.sort((a, b) => Number(b.exact) - Number(a.exact) || a.score - b.score);
      return found.slice(0, limit);
    },
  };
}
