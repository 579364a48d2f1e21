import { useMemo } from 'react';
import type { Article } from '../../../shared/model/schema';
import { useStore } from '../lib/store';
import { casefileStore } from '../app/casefile-store';
import { selectArticle, uiStore } from '../app/ui-store';

export function ArticlesPane({ onImport }: { onImport: () => void }) {
  const { casefile, readOnly } = useStore(casefileStore)!;
  const { articleId } = useStore(uiStore);
  const articles = useMemo(() => sortArticles(Object.values(casefile.articles)), [casefile.articles]);
  const claimCounts = useMemo(() => {
    const counts = new Map<string, number>();
    for (const c of Object.values(casefile.claims)) counts.set(c.articleId, (counts.get(c.articleId) ?? 0) + 1);
    return counts;
  }, [casefile.claims]);

  return (
    <nav className="pane articles-pane" aria-label="Articles">
      <div className="pane-header">
        <h2>Articles <span className="count">{articles.length}</span></h2>
      </div>
      {articles.length === 0 ? (
        <div className="empty-state">
          <p><strong>No articles yet.</strong></p>
          <p>Import the articles on your story: drop files here, or</p>
          <button type="button" className="primary" onClick={onImport} disabled={readOnly}>Import articles…</button>
          <p className="muted">Text, Markdown, web pages (HTML), PDF and Word (DOCX).</p>
        </div>
      ) : (
        <ul className="article-list">
          {articles.map((a) => (
            <li key={a.id}>
              <button
                type="button"
                className={`article-item${a.id === articleId ? ' selected' : ''}`}
                aria-current={a.id === articleId ? 'true' : undefined}
                onClick={() => selectArticle(a.id)}
              >
                <span className="article-meta">{a.outlet || 'Unknown outlet'}{a.publishedAt ? ` · ${a.publishedAt}` : ''}</span>
                <span className="article-title">{a.title || a.origin.fileName}</span>
                <span className="article-claims">{claimCounts.get(a.id) ?? 0} claims</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </nav>
  );
}

function sortArticles(articles: Article[]): Article[] {
  return articles.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.origin.fileName.localeCompare(b.origin.fileName));
}
