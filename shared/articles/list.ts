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
 * all of them. A row of `previous` (the rows made before, of the same
 * articles) whose article, claim count and copy flags are unchanged is given
 * again, the same object: a list that draws a row only when it changes then
 * draws one row after a claim is added, not every row in view.
 */
export function articleRows(casefile: Pick<Casefile, 'articles' | 'claims' | 'copyFlags'>, claimCount?: (articleId: string) => number, previous: readonly ArticleRow[] = []): ArticleRow[] {
  const count = claimCount ?? countClaims(casefile.claims);
  const open = new Map<string, CopyFlag[]>();
  const linked = new Map<string, CopyFlag[]>();
  for (const f of Object.values(casefile.copyFlags)) {
    const target = f.status === 'open' ? open : f.status === 'linked' ? linked : null;
    if (!target) continue;
    for (const id of [f.articleA, f.articleB]) target.set(id, [...(target.get(id) ?? []), f]);
  }
  return Object.values(casefile.articles).map((article, i) => {
    const row = { article, claims: count(article.id), openFlags: open.get(article.id) ?? NO_FLAGS, linkedFlags: linked.get(article.id) ?? NO_FLAGS };
    const before = previous[i];
    return before && sameRow(before, row) ? before : row;
  });
}

const NO_FLAGS: CopyFlag[] = [];

function sameRow(a: ArticleRow, b: ArticleRow): boolean {
  return a.article === b.article && a.claims === b.claims && sameItems(a.openFlags, b.openFlags) && sameItems(a.linkedFlags, b.linkedFlags);
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
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

/** Sort keys that read only the article: the order they give changes only when the articles do. */
export type ArticleOrderKey = Exclude<ArticleSortKey, 'claims'>;

function compareArticles(a: Article, b: Article, key: ArticleOrderKey, descending: boolean): number {
  switch (key) {
    case 'date': return byText(a.publishedAt, b.publishedAt, descending);
    case 'outlet': return byText(a.outlet, b.outlet, descending);
    case 'title': return byText(a.title, b.title, descending);
    case 'imported': return descending ? importOrder(b, a) : importOrder(a, b);
  }
}

function importOrder(a: Article, b: Article): number {
  return a.createdAt.localeCompare(b.createdAt) || collator.compare(a.origin.fileName, b.origin.fileName);
}

export function sortRows(rows: ArticleRow[], key: ArticleSortKey, descending = false): ArticleRow[] {
  const compare = (a: ArticleRow, b: ArticleRow): number =>
    key === 'claims' ? (descending ? b.claims - a.claims : a.claims - b.claims) : compareArticles(a.article, b.article, key, descending);
  return [...rows].sort((a, b) => compare(a, b) || importOrder(a.article, b.article));
}

/** Article ids in the order `sortRows` gives their rows for `key`, from the articles alone. */
export function articleOrder(articles: Record<string, Article>, key: ArticleOrderKey, descending = false): string[] {
  return Object.values(articles)
    .sort((a, b) => compareArticles(a, b, key, descending) || importOrder(a, b))
    .map((a) => a.id);
}

/** `rows` in the order of `ids` (an `articleOrder`); rows of articles not in it are left out. */
export function rowsInOrder(rows: readonly ArticleRow[], ids: readonly string[]): ArticleRow[] {
  const byId = new Map(rows.map((r) => [r.article.id, r]));
  const out: ArticleRow[] = [];
  for (const id of ids) {
    const row = byId.get(id);
    if (row) out.push(row);
  }
  return out;
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
export function outletCounts(articles: Iterable<Article>): [string, number][] {
  const counts = new Map<string, number>();
  for (const { outlet } of articles) if (outlet) counts.set(outlet, (counts.get(outlet) ?? 0) + 1);
  return [...counts].sort((a, b) => collator.compare(a[0], b[0]));
}
