/**
 * Which of their articles is which of mine: first by identical text (the
 * text hash), then, for the rest, by text similarity (another version of the
 * same article), using the near-duplicate index of shared/copies.
 */
import { CopyIndex } from '../copies/index';
import { fingerprint } from '../copies/fingerprint';
import type { Article, Casefile } from '../model/schema';
import type { ArticleMatch } from './types';
import { groupBy } from '../lib/collections';

export interface ArticleMatching {
  matched: ArticleMatch[];
  /** Their article id → the match. */
  byTheirs: Map<string, ArticleMatch>;
  onlyTheirs: string[];
  onlyMine: string[];
}

export function matchArticles(mine: Casefile, theirs: Casefile): ArticleMatching {
  const matched: ArticleMatch[] = [];
  const usedMine = new Set<string>();
  const usedTheirs = new Set<string>();
  const take = (m: Article, t: Article, kind: ArticleMatch['kind'], similarity: number) => {
    matched.push({ myArticleId: m.id, theirArticleId: t.id, kind, similarity, title: m.title || m.origin.fileName });
    usedMine.add(m.id);
    usedTheirs.add(t.id);
  };

  const myByHash = groupBy(Object.values(mine.articles), (a) => a.textHash);
  for (const t of Object.values(theirs.articles)) {
    const candidates = (myByHash.get(t.textHash) ?? []).filter((m) => !usedMine.has(m.id));
    const m = candidates.find((c) => c.id === t.id) ?? candidates[0];
    if (m) take(m, t, 'same-text', 1);
  }

  const restMine = Object.values(mine.articles).filter((a) => !usedMine.has(a.id));
  const restTheirs = Object.values(theirs.articles).filter((a) => !usedTheirs.has(a.id));
  if (restMine.length && restTheirs.length) {
    for (const { m, t, similarity } of similarPairs(restMine, restTheirs)) {
      if (!usedMine.has(m.id) && !usedTheirs.has(t.id)) take(m, t, 'similar-text', similarity);
    }
  }

  return {
    matched,
    byTheirs: new Map(matched.map((x) => [x.theirArticleId, x])),
    onlyTheirs: Object.keys(theirs.articles).filter((id) => !usedTheirs.has(id)),
    onlyMine: Object.keys(mine.articles).filter((id) => !usedMine.has(id)),
  };
}

/**
 * Candidate version pairs, best first. Ranked by Jaccard similarity, not by
 * containment: a shorter copy of an article (the same text without its page
 * chrome) is contained in every longer version, but only one version is the
 * closest.
 */
function similarPairs(mine: Article[], theirs: Article[]) {
  const index = new CopyIndex();
  const byId = new Map(mine.map((a) => [a.id, a]));
  for (const a of mine) index.addText(a.id, a.text);
  const pairs: { m: Article; t: Article; similarity: number; sameId: boolean }[] = [];
  for (const t of theirs) {
    for (const match of index.matches(fingerprint(t.text))) {
      if (match.kind !== 'near-duplicate') continue;
      const m = byId.get(match.articleId)!;
      pairs.push({ m, t, similarity: match.jaccard, sameId: m.id === t.id });
    }
  }
  return pairs.sort((a, b) => b.similarity - a.similarity || Number(b.sameId) - Number(a.sameId));
}
