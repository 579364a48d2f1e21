/** The articles pane's list: one row per article, sorted and filtered as the analyst asks. */
import type { Article, Casefile, CopyFlag } from '../model/schema';

export type ArticleSortKey = 'imported' | 'date' | 'outlet' | 'title' | 'claims';
export type ArticleShow = 'all' | 'with-claims' | 'without-claims' | 'copies' | 'undated';

export const SORT_LABELS: Record<ArticleSortKey, string> = {
  imported: 'Import order', date: 'Date', outlet: 'Outlet', title: 'Title', claims: 'Claims',
};
export const SHOW_LABELS: Record<ArticleShow, string> = {
  all: 'All articles', 'with-claims': 'With claims', 'without-claims': 'Without claims', copies: 'Copies and shared passages to review', undated: 'Without a date',
};

export interface ArticleRow {
  article: Article;
  claims: number;
  /** Copy flags on this article that the analyst has not decided yet. */
  openFlags: CopyFlag[];
  /** Flags the analyst linked as copies. */
  linkedFlags: CopyFlag[];
}

/**
 * One row per article. `claimCount` lets a caller that already groups the
 * claims by article (the renderer does, once per change) spare a pass over
 * all of them.
 */
export function articleRows(casefile: Pick<Casefile, 'articles' | 'claims' | 'copyFlags'>, claimCount?: (articleId: string) => number): ArticleRow[] {
  const count = claimCount ?? countClaims(casefile.claims);
  const open = new Map<string, CopyFlag[]>();
  const linked = new Map<string, CopyFlag[]>();
  for (const f of Object.values(casefile.copyFlags)) {
    const target = f.status === 'open' ? open : f.status === 'linked' ? linked : null;
    if (!target) continue;
    for (const id of [f.articleA, f.articleB]) target.set(id, [...(target.get(id) ?? []), f]);
  }
  return Object.values(casefile.articles).map((article) => ({
    article, claims: count(article.id), openFlags: open.get(article.id) ?? [], linkedFlags: linked.get(article.id) ?? [],
  }));
}

function countClaims(claims: Casefile['claims']): (articleId: string) => number {
  const counts = new Map<string, number>();
  for (const claim of Object.values(claims)) {
    const { articleId } = claim;
    counts.set(articleId, (counts.get(articleId) ?? 0) + 1);
  }
  return (articleId) => counts.get(articleId) ?? 0;
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** Empty values sort last whichever the direction, so undated or outlet-less articles never crowd the top. */
function byText(a: string, b: string, descending: boolean): number {
  if (!a || !b) return a ? -1 : b ? 1 : 0;
  return descending ? collator.compare(b, a) : collator.compare(a, b);
}

function importOrder(a: ArticleRow, b: ArticleRow): number {
  return a.article.createdAt.localeCompare(b.article.createdAt) || collator.compare(a.article.origin.fileName, b.article.origin.fileName);
}

export function sortRows(rows: ArticleRow[], key: ArticleSortKey, descending = false): ArticleRow[] {
  const compare = (a: ArticleRow, b: ArticleRow): number => {
    switch (key) {
      case 'date': return byText(a.article.publishedAt, b.article.publishedAt, descending);
      case 'outlet': return byText(a.article.outlet, b.article.outlet, descending);
      case 'title': return byText(a.article.title, b.article.title, descending);
      case 'claims': return descending ? b.claims - a.claims : a.claims - b.claims;
      case 'imported': return descending ? importOrder(b, a) : importOrder(a, b);
    }
  };
  return [...rows].sort((a, b) => compare(a, b) || importOrder(a, b));
}

export interface ArticleFilter {
  show: ArticleShow;
  /** Only this outlet; '' for all. */
  outlet: string;
}

export function filterRows(rows: ArticleRow[], filter: ArticleFilter): ArticleRow[] {
  return rows.filter((row) => {
    if (filter.outlet && row.article.outlet !== filter.outlet) return false;
    switch (filter.show) {
      case 'all': return true;
      case 'with-claims': return row.claims > 0;
      case 'without-claims': return row.claims === 0;
      case 'copies': return row.openFlags.length > 0;
      case 'undated': return !row.article.publishedAt;
    }
  });
}

/** The outlets present, for the filter menu, with how many articles each has. */
export function outletCounts(rows: ArticleRow[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const r of rows) if (r.article.outlet) counts.set(r.article.outlet, (counts.get(r.article.outlet) ?? 0) + 1);
  return [...counts].sort((a, b) => collator.compare(a[0], b[0]));
}
