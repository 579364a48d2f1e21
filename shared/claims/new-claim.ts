import { createSelectors } from '../anchoring/selectors';
import type { CommandOf } from '../commands/commands';
import type { Article } from '../model/schema';

/**
 * The claim.add command for the span [start, end) of an article: anchored by
 * its TextQuoteSelector, TextPositionSelector and the article's text hash.
 */
export function newClaimCommand(article: Article, start: number, end: number, claimId: string): CommandOf<'claim.add'> {
  const { quote, position } = createSelectors(article.text, start, end);
  return {
    type: 'claim.add',
    claim: { id: claimId, articleId: article.id, quote, position, textHash: article.textHash, anchor: 'exact', chain: [], notes: '' },
  };
}
