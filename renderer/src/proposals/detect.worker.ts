/** Finds the attributions of articles off the window's thread; a Stop ends the worker itself. */
import { detectAttributions } from '../../../shared/attribution';
import type { DetectReply, DetectRequest } from './detection';

self.onmessage = (e: MessageEvent<DetectRequest>) => {
  const { job, articles, last } = e.data;
  for (const article of articles) {
    try {
      self.postMessage({ job, articleId: article.id, textHash: article.textHash, attributions: detectAttributions(article.text) } satisfies DetectReply);
    } catch (error) {
      self.postMessage({ job, articleId: article.id, textHash: article.textHash, error: error instanceof Error ? error.message : String(error) } satisfies DetectReply);
    }
  }
  if (last) self.postMessage({ job, done: true } satisfies DetectReply);
};
