/** What the edit-text dialog and the Anchors panel do to the casefile. */
import { createSelectors } from '../../../shared/anchoring';
import type { ReplaceTextResult } from '../../../shared/api/contract';
import type { Casefile, Claim } from '../../../shared/model/schema';
import { normaliseText } from '../../../shared/text/normalise';
import { casefileStore, dispatch, runChange } from '../app/casefile-store';
import { notify } from '../app/notices';
import { showSidePanel } from '../app/ui-store';
import { claimsOf } from '../claims/claim-lists';
import { api } from '../lib/api';
import { readReadingSelection } from './selection';

export type AnchorCounts = ReplaceTextResult['anchors'];

export function anchorCounts(casefile: Casefile, articleId?: string): AnchorCounts {
  const counts = { exact: 0, moved: 0, orphaned: 0 };
  for (const claim of articleId ? claimsOf(casefile, articleId) : Object.values(casefile.claims)) counts[claim.anchor]++;
  return counts;
}

export function describeCounts(counts: AnchorCounts): string {
  const parts = [`${counts.exact} in place`];
  if (counts.moved) parts.push(`${counts.moved} moved (to review)`);
  if (counts.orphaned) parts.push(`${counts.orphaned} orphaned (to re-attach)`);
  return parts.join(', ');
}

function reportAfterEdit(counts: AnchorCounts): void {
  const total = counts.exact + counts.moved + counts.orphaned;
  notify('info', total ? `Text saved. Claims: ${describeCounts(counts)}.` : 'Text saved.');
  if (counts.moved || counts.orphaned) showSidePanel('anchors');
}

/** Saves an edited text (normalised here, as the command expects); true when saved. */
export async function saveArticleText(articleId: string, raw: string): Promise<boolean> {
  const text = normaliseText(raw);
  if (!text) {
    notify('error', 'An article needs some text. To remove the article, delete it from the articles list.');
    return false;
  }
  const saved = await dispatch({ type: 'article.replaceText', articleId, text });
  const current = casefileStore.get();
  if (saved && current) reportAfterEdit(anchorCounts(current.casefile, articleId));
  return saved;
}

/** Replaces an article's text with another version read from a file by the import pipeline. */
export async function replaceArticleFromFile(articleId: string, file: File): Promise<boolean> {
  try {
    const dataBase64 = await toBase64(file);
    const result = await runChange((c) =>
      api.replaceArticleText({ sessionId: c.sessionId, revision: c.status.revision, articleId, file: { name: file.name, dataBase64 } }),
    );
    if (!result) return false;
    if (result.unchanged) notify('info', `${file.name} holds the same text as the article; nothing changed.`);
    else reportAfterEdit(result.anchors);
    return true;
  } catch (error) {
    notify('error', `${file.name}: ${error instanceof Error ? error.message : String(error)}`);
    return false;
  }
}

/** Accepts a moved claim where it now sits: its selectors are taken afresh and it is exact again. */
export function acceptPlace(casefile: Casefile, claims: Claim[]): Promise<boolean> {
  const commands = claims.flatMap((claim) => {
    const article = casefile.articles[claim.articleId];
    if (!article || claim.textHash !== article.textHash) return [];
    const { quote, position } = createSelectors(article.text, claim.position.start, claim.position.end);
    return [{ type: 'claim.reattach' as const, claimId: claim.id, quote, position, textHash: article.textHash }];
  });
  if (!commands.length) return Promise.resolve(false);
  if (commands.length === 1) return dispatch(commands[0]!);
  return dispatch({ type: 'batch', label: `Accept ${commands.length} moved claims`, commands });
}

/** Re-attaches a claim to the passage selected in the reading view. */
export async function reattachToSelection(casefile: Casefile, claim: Claim): Promise<boolean> {
  const read = readReadingSelection((id) => casefile.articles[id]?.text);
  if (!read.ok) {
    notify('error', read.reason);
    return false;
  }
  const { articleId, start, end } = read.selection;
  const article = casefile.articles[articleId]!;
  if (articleId !== claim.articleId) {
    const own = casefile.articles[claim.articleId];
    notify('error', `This claim belongs to “${own?.title ?? 'another article'}”; open that article and select the passage there.`);
    return false;
  }
  const { quote, position } = createSelectors(article.text, start, end);
  const done = await dispatch({ type: 'claim.reattach', claimId: claim.id, quote, position, textHash: article.textHash });
  if (done) window.getSelection()?.removeAllRanges();
  return done;
}

async function toBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
