/**
 * What the review queue's keys and buttons do: move, accept (one undoable
 * step: new sources, claim, type, chain and origin), accept and correct in the
 * chain editor, reject (remembered in the casefile), change the span.
 */
import {
  acceptProposalsCommand, DETECTOR_VERSION, isConfident, moveSpanEdge, rejectProposalCommand, withSpan, type Proposal,
} from '../../../shared/attribution';
import { newId } from '../../../shared/model/ids';
import { casefileStore, dispatch, writableCasefile } from '../app/casefile-store';
import { notify } from '../app/notices';
import { selectArticle, selectClaim, showMainView, showSidePanel, uiStore } from '../app/ui-store';
import { openChainEditor } from '../claims/actions';
import { revealSelectedClaim } from '../claims/claims-ui';
import { readSelection } from '../reading/dom-offsets';
import { detectArticles } from './detection';
import { proposalCounts, proposalsOf, proposalUi, setActiveProposal, setProposalSpan } from './proposals-ui';

function current(): { proposals: Proposal[]; index: number } {
  const opened = casefileStore.get();
  const proposals = opened ? proposalsOf(opened.casefile, uiStore.get().articleId) : [];
  const { activeId } = proposalUi.get();
  return { proposals, index: proposals.findIndex((p) => p.id === activeId) };
}

/** Whether the article being read has proposals to review. */
export function hasProposals(): boolean {
  return current().proposals.length > 0;
}

function activeProposal(): Proposal | null {
  const { proposals, index } = current();
  if (index >= 0) return proposals[index]!;
  if (!proposals.length) notify('info', 'No proposals in this article. Find them with “Find in this article”, or open another article.');
  else notify('info', 'Choose a proposal first (J/K).');
  return null;
}

/** Moves to the next (+1) or previous (-1) proposal of the article. */
export function moveProposal(delta: 1 | -1): void {
  const { proposals, index } = current();
  if (!proposals.length) return;
  const next = index < 0 ? (delta > 0 ? 0 : proposals.length - 1) : Math.max(0, Math.min(proposals.length - 1, index + delta));
  setActiveProposal(proposals[next]!.id);
}

/** After the active proposal leaves the queue, its neighbour becomes active. */
function activateNeighbourOf(proposals: Proposal[], gone: readonly string[]): void {
  const at = proposals.findIndex((p) => p.id === proposalUi.get().activeId);
  const rest = proposals.filter((p) => !gone.includes(p.id));
  const after = proposals.slice(Math.max(0, at)).find((p) => !gone.includes(p.id));
  setActiveProposal((after ?? rest[rest.length - 1])?.id ?? null);
}

async function accept(accepting: Proposal[]): Promise<string[] | null> {
  const opened = writableCasefile();
  if (!opened || !accepting.length) return null;
  const items = accepting.map((proposal) => ({ proposal, claimId: newId('claim') }));
  const done = await dispatch(acceptProposalsCommand(opened.casefile, items, DETECTOR_VERSION, newId));
  return done ? items.map((i) => i.claimId) : null;
}

/** A: the active proposal becomes a claim with its type and chain, in one undoable step. */
export async function acceptActive(): Promise<void> {
  const proposal = activeProposal();
  if (!proposal) return;
  const { proposals } = current();
  if (await accept([proposal])) activateNeighbourOf(proposals, [proposal.id]);
}

/** E: accepts the active proposal (one undoable step) and opens its chain in the chain editor to correct it. */
export async function acceptAndEdit(): Promise<void> {
  const proposal = activeProposal();
  if (!proposal) return;
  const { proposals } = current();
  const claimIds = await accept([proposal]);
  if (!claimIds) return;
  activateNeighbourOf(proposals, [proposal.id]);
  selectClaim(claimIds[0]!, proposal.articleId);
  revealSelectedClaim();
  showSidePanel('claim');
  openChainEditor();
}

/** Accepts every confident proposal of the article at once (one undoable step). */
export async function acceptAllConfident(): Promise<void> {
  const { proposals } = current();
  const confident = proposals.filter(isConfident);
  if (!confident.length) {
    notify('info', 'No confident proposals in this article; review them one by one (A accepts, X rejects).');
    return;
  }
  // Overlapping proposals cannot all be claims: the first of each overlapping run is taken.
  const taken: Proposal[] = [];
  for (const p of confident) if (!taken.some((t) => t.start < p.end && t.end > p.start)) taken.push(p);
  if (await accept(taken)) {
    activateNeighbourOf(proposals, taken.map((p) => p.id));
    notify('info', `Accepted ${taken.length} proposal${taken.length === 1 ? '' : 's'}. Undo with Ctrl+Z (⌘Z).`);
  }
}

/** X: rejects the active proposal; the same text in this article is not proposed again. */
export async function rejectActive(): Promise<void> {
  const proposal = activeProposal();
  if (!proposal || !writableCasefile()) return;
  const { proposals } = current();
  if (await dispatch(rejectProposalCommand(proposal))) activateNeighbourOf(proposals, [proposal.id]);
}

/** [ ] { }: moves an edge of the active proposal's span by a word. */
export function nudgeSpan(edge: 'start' | 'end', delta: 1 | -1): void {
  const proposal = activeProposal();
  const article = proposal ? casefileStore.get()?.casefile.articles[proposal.articleId] : undefined;
  if (!proposal || !article) return;
  const span = moveSpanEdge(article.text, proposal, edge, delta);
  const moved = withSpan(article, proposal, span.start, span.end);
  if (moved) setProposalSpan(proposal, { start: moved.start, end: moved.end, textHash: article.textHash });
}

/** S: the text selected in the reading view becomes the active proposal's span. */
export function spanFromSelection(): void {
  const proposal = activeProposal();
  const opened = casefileStore.get();
  if (!proposal || !opened) return;
  const read = readSelection((id) => opened.casefile.articles[id]?.text);
  const article = opened.casefile.articles[proposal.articleId];
  if (!read.ok || read.articleId !== proposal.articleId || !article) {
    notify('info', 'Select the words the claim should cover in the article, then press S.');
    return;
  }
  const moved = withSpan(article, proposal, read.start, read.end);
  if (!moved) {
    notify('info', 'That selection is empty or touches page chrome.');
    return;
  }
  setProposalSpan(proposal, { start: moved.start, end: moved.end, textHash: article.textHash });
  window.getSelection()?.removeAllRanges();
}

/** Opens the review queue on the current article. */
export function showProposals(): void {
  showMainView('read');
  showSidePanel('proposed');
  const { proposals, index } = current();
  if (index < 0 && proposals.length) setActiveProposal(proposals[0]!.id);
}

/** Finds the attributions of the current article now. */
export function detectCurrentArticle(): void {
  const { articleId } = uiStore.get();
  if (articleId) detectArticles([articleId], 'Reading this article for attributions');
}

export function detectWholeCasefile(): void {
  const opened = casefileStore.get();
  if (opened) detectArticles(Object.keys(opened.casefile.articles), 'Reading the casefile for attributions');
}

/** N: opens the next article (in the casefile's order) that still has proposals. */
export function nextArticleWithProposals(): void {
  const opened = casefileStore.get();
  if (!opened) return;
  const order = Object.keys(opened.casefile.articles);
  const withProposals = proposalCounts(opened.casefile);
  const at = order.indexOf(uiStore.get().articleId ?? '');
  const next = [...order.slice(at + 1), ...order.slice(0, Math.max(0, at))].find((id) => withProposals.has(id));
  if (!next) {
    notify('info', 'No other article has proposals left.');
    return;
  }
  selectArticle(next);
  setActiveProposal(proposalsOf(opened.casefile, next)[0]?.id ?? null);
}
