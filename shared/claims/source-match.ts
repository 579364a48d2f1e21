/**
 * Finding a source in the registry as the analyst types: fuzzy (fuse.js) over
 * names and aliases, so "Reuters", "reuters" and an alias like "the news
 * agency" all find one source, and the choices the source field offers.
 *
 * The field never files a claim under a source the analyst did not mean: only
 * an exact name or alias (ignoring case, accents and punctuation) is taken as
 * typed; a near match ("Kupol documents seen by Reuters" for "Reuters") is
 * only a suggestion, and otherwise the typed name becomes a new source.
 */
import Fuse from 'fuse.js';
import type { Source } from '../model/schema';
import { foldText } from './tokens';

export interface SourceMatch {
  source: Source;
  /** 0 is a perfect match, 1 no match (fuse.js score). */
  score: number;
  /** The name or alias typed exactly (see sourceKey). */
  exact: boolean;
}

export interface SourceMatcher {
  search(query: string, limit?: number): SourceMatch[];
  /** The source whose name or an alias is `name`, compared by sourceKey. */
  exactly(name: string): Source | undefined;
}

/**
 * A name as compared for an exact match: lower case, no accents, no
 * punctuation ("U.S." = "US", "China's" = "Chinas", "Kyiv-Independent" =
 * "Kyiv Independent"), single spaces.
 */
export function sourceKey(name: string): string {
  return foldText(name)
    .replace(/[.'’`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The source whose name or an alias is exactly `name` (by sourceKey); the first one wins when two share a name. */
export function exactMatcher(sources: Iterable<Source>): (name: string) => Source | undefined {
  const byName = new Map<string, Source>();
  for (const s of sources) {
    for (const n of [s.name, ...s.aliases]) {
      const key = sourceKey(n);
      if (key && !byName.has(key)) byName.set(key, s);
    }
  }
  return (name) => byName.get(sourceKey(name));
}

export function createSourceMatcher(sources: readonly Source[]): SourceMatcher {
  const fuse = new Fuse(sources, {
    keys: [{ name: 'name', weight: 2 }, 'aliases', { name: 'affiliation', weight: 0.5 }],
    includeScore: true,
    ignoreLocation: true,
    ignoreDiacritics: true,
    threshold: 0.35,
  });
  const exactly = exactMatcher(sources);
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

export type SourceOption =
  | { kind: 'source'; source: Source; exact: boolean }
  | { kind: 'create'; name: string };

/**
 * What the source field lists for `typed`, in order. The first option is what
 * Enter (or leaving the field) takes when the analyst has not moved to another
 * with ↓/↑: the exact match if there is one, else, where new sources may be
 * created, "Create source …" with exactly the typed name. Near matches follow
 * as suggestions. Without creation and without an exact match the list has no
 * default: `first` is null and a suggestion must be chosen.
 */
export function sourceOptions(matcher: SourceMatcher, typed: string, opts: { canCreate: boolean; exclude?: string; limit?: number }): {
  options: SourceOption[];
  /** The index Enter takes without ↓/↑, or null when nothing is taken unasked. */
  first: number | null;
} {
  const name = typed.trim();
  if (!name) return { options: [], first: null };
  const matches = matcher.search(name, opts.limit ?? 8).filter((m) => m.source.id !== opts.exclude);
  const exact = matches.find((m) => m.exact);
  const near: SourceOption[] = matches.filter((m) => !m.exact).map((m) => ({ kind: 'source', source: m.source, exact: false }));
  if (exact) return { options: [{ kind: 'source', source: exact.source, exact: true }, ...near], first: 0 };
  if (opts.canCreate) return { options: [{ kind: 'create', name }, ...near], first: 0 };
  return { options: near, first: null };
}
