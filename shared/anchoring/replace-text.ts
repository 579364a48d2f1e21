import { current, isDraft, original, type Draft } from 'immer';
import type { Article, Casefile, Claim } from '../model/schema';
import { textHash } from '../text/hash';
import { reanchorClaims, reanchorRanges, type Reanchored } from './reanchor';

/**
 * The body of the `article.replaceText` command: gives the article its new
 * text and hash, re-anchors every claim of the article and carries its page
 * chrome over. Runs inside the command's immer draft, so undo restores it all.
 * Returns the placements, for callers that report them.
 */
export function replaceArticleText(d: Draft<Casefile>, article: Draft<Article>, text: string): Reanchored[] {
  if (article.text === text) return [];
  const hash = textHash(text);
  const claims = claimsOf(d, article.id);
  const placements = reanchorClaims(claims, text, hash);
  for (const placed of placements) {
    if (placed.changed) Object.assign(d.claims[placed.claimId]!, placed.next);
  }
  article.excluded = reanchorRanges(article.excluded, { text: article.text, hash: article.textHash }, text, hash);
  // Proposals were read from the old text's lines; the analyst marks chrome on the new text by hand.
  delete article.chromeProposals;
  article.text = text;
  article.textHash = hash;
  return placements;
}

/**
 * The article's claims, found without making a draft of every claim in the
 * casefile (tens of thousands): a claim's article never changes, so the
 * untouched base state tells which claims belong to it.
 */
function claimsOf(d: Draft<Casefile>, articleId: string): Claim[] {
  const base = original(d.claims);
  // Reflect.ownKeys asks the draft once; Object.keys would also ask it about every key.
  const keys = Reflect.ownKeys(d.claims).filter((k): k is string => typeof k === 'string');
  const ids = keys.filter((id) => (base?.[id] ?? d.claims[id]!).articleId === articleId);
  // As they are now, including changes made earlier in the same batch.
  return ids.map((id) => {
    const claim = d.claims[id]!;
    return isDraft(claim) ? current(claim) : (claim as Claim);
  });
}
