/** How the analyst has the articles list arranged: kept while the app runs, not saved in the casefile. */
import type { ArticleShow, ArticleSortKey } from '../../../shared/articles/list';
import { Store } from '../lib/store';

export interface ArticlesView {
  sort: ArticleSortKey;
  descending: boolean;
  show: ArticleShow;
  /** Only this outlet; '' for all. */
  outlet: string;
  query: string;
}

/** Newest first for dates and most first for claims; A to Z otherwise. */
export const NATURAL_DESCENDING: Record<ArticleSortKey, boolean> = { imported: false, date: true, outlet: false, title: false, claims: true };

export const articlesView = new Store<ArticlesView>({ sort: 'imported', descending: false, show: 'all', outlet: '', query: '' });

export function updateArticlesView(change: Partial<ArticlesView>): void {
  articlesView.set((v) => ({ ...v, ...change }));
}

export function showCopiesToReview(): void {
  updateArticlesView({ show: 'copies', outlet: '', query: '' });
}
