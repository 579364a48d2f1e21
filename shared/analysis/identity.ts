/**
 * Which registry entries stand for the same real source, and which articles
 * are copies of one text. Both are casefile-wide and feed the per-proposition
 * independence count and the citation graph.
 */
import { foldText } from '../claims/tokens';
import type { Article, Casefile, Source } from '../model/schema';
import { DisjointSet } from './disjoint-set';

/** Kinds whose name identifies them: two "Reuters" entries are one outlet. Anonymous groups never merge by name. */
const NAME_IDENTIFIES: ReadonlySet<Source['kind']> = new Set(['person', 'institution', 'outlet', 'document', 'other']);

/** "The Times", "the  times." and "Times" compare equal. */
export function nameKey(name: string): string {
  return foldText(name).replace(/[^\p{L}\p{N}]+/gu, ' ').trim().replace(/^the /, '');
}

export interface SourceIdentity {
  /** The representative id of a source's identity group (itself when alone). */
  canonical(sourceId: string): string;
  /** 'same' judgements that a 'distinct' judgement contradicts (same wins: it is transitive). */
  conflicts: { sourceA: string; sourceB: string }[];
}

/**
 * Groups registry entries into real sources: the analyst's 'same' judgements
 * (transitively), then entries whose names or aliases match, unless the
 * analyst declared them distinct.
 */
export function sourceIdentity(casefile: Pick<Casefile, 'sources' | 'rootJudgements'>): SourceIdentity {
  const set = new DisjointSet();
  const distinct: [string, string][] = [];
  for (const j of Object.values(casefile.rootJudgements)) {
    if (j.relation === 'same') set.union(j.sourceA, j.sourceB);
    else distinct.push([j.sourceA, j.sourceB]);
  }
  const conflicts = distinct.filter(([a, b]) => set.same(a, b)).map(([sourceA, sourceB]) => ({ sourceA, sourceB }));
  const keptApart = (a: string, b: string) =>
    distinct.some(([x, y]) => (set.same(x, a) && set.same(y, b)) || (set.same(x, b) && set.same(y, a)));

  const byName = new Map<string, string>();
  for (const source of Object.values(casefile.sources)) {
    if (!NAME_IDENTIFIES.has(source.kind)) continue;
    for (const name of [source.name, ...source.aliases]) {
      const key = `${source.kind}:${nameKey(name)}`;
      if (key.endsWith(':')) continue;
      const first = byName.get(key);
      if (first === undefined) byName.set(key, source.id);
      else if (!set.same(first, source.id) && !keptApart(first, source.id)) set.union(first, source.id);
    }
  }
  return { canonical: (id) => set.find(id), conflicts };
}

/** Articles linked as copies of one text (copy flags the analyst marked 'linked', transitively). */
export function copyGroups(casefile: Pick<Casefile, 'copyFlags'>): (articleId: string) => string {
  const set = new DisjointSet();
  for (const flag of Object.values(casefile.copyFlags)) {
    if (flag.status === 'linked') set.union(flag.articleA, flag.articleB);
  }
  return (id) => set.find(id);
}

/**
 * The registry entry for an article's outlet, matched by name or alias
 * (outlets first), so "Reuters" the publisher and "Reuters" the cited outlet
 * are one node; undefined when the registry has no such entry.
 */
export function outletSources(casefile: Pick<Casefile, 'sources'>): (article: Pick<Article, 'outlet'>) => string | undefined {
  const byName = new Map<string, Source>();
  for (const source of Object.values(casefile.sources)) {
    for (const name of [source.name, ...source.aliases]) {
      const key = nameKey(name);
      const held = byName.get(key);
      if (key && (!held || (held.kind !== 'outlet' && source.kind === 'outlet'))) byName.set(key, source);
    }
  }
  return (article) => byName.get(nameKey(article.outlet))?.id;
}
