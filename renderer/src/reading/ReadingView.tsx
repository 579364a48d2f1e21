import { useMemo } from 'react';
import { paragraphRanges } from '../../../shared/text/normalise';
import { useStore } from '../lib/store';
import { casefileStore } from '../app/casefile-store';
import { uiStore } from '../app/ui-store';

export function ReadingView() {
  const { casefile } = useStore(casefileStore)!;
  const { articleId } = useStore(uiStore);
  const article = articleId ? casefile.articles[articleId] : undefined;
  const paragraphs = useMemo(() => (article ? paragraphRanges(article.text) : []), [article]);

  if (!article) {
    return (
      <div className="reading-pane">
        <div className="empty-state">
          <p><strong>{Object.keys(casefile.articles).length ? 'Choose an article to read.' : 'Your articles will appear here.'}</strong></p>
          <p className="muted">Select a passage and press C to mark it as a claim, then 1–8 for how it is sourced.</p>
        </div>
      </div>
    );
  }
  return (
    <div className="reading-pane" aria-label="Reading view">
      <article className="reading">
        <header className="reading-header">
          <p className="reading-outlet">{article.outlet || 'Unknown outlet'}{article.publishedAt ? ` · ${article.publishedAt}` : ''}</p>
          <h2 className="reading-title">{article.title}</h2>
          {article.author && <p className="reading-byline">By {article.author}</p>}
        </header>
        <div className="reading-text" data-article-id={article.id}>
          {paragraphs.map((p) => (
            <p key={p.start} data-start={p.start}>{article.text.slice(p.start, p.end)}</p>
          ))}
        </div>
      </article>
    </div>
  );
}
