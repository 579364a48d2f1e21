/**
 * What the claim keys, buttons and menus do. Each action reads the current
 * casefile and view state, so a key, a button and a menu item share one path.
 */
import { claimDependents, describeDependents } from '../../../shared/analysis/dependents';
import { checkClaimSpan, addExcluded, isAllExcluded, removeExcluded } from '../../../shared/claims/span';
import { newClaimCommand } from '../../../shared/claims/new-claim';
import { kindForType, typeForDigit, updateHop } from '../../../shared/claims/chain';
import type { SingleCommand } from '../../../shared/commands/commands';
import type { Hop } from '../../../shared/model/schema';
import { newId } from '../../../shared/model/ids';
import { casefileStore, dispatch, dispatchLatest, writableCasefile } from '../app/casefile-store';
import { notify } from '../app/notices';
import { selectClaim, showMainView, showSidePanel, uiStore } from '../app/ui-store';
import { readSelection } from '../reading/dom-offsets';
import { paintPending } from '../reading/highlights';
import { sourceMatcher } from '../sources/SourcePicker';
import { claimsOf } from './claim-lists';
import { askToDeleteClaim, focusHop, revealSelectedClaim, setPendingHop } from './claims-ui';

/** The last claim change sent by a key, so a key pressed right after it (Enter) sees its result. */
let lastChange: Promise<unknown> = Promise.resolve();

function track<T>(change: Promise<T>): Promise<T> {
  lastChange = change.catch(() => undefined);
  return change;
}

function selectedClaim() {
  const current = casefileStore.get();
  const { claimId } = uiStore.get();
  return current && claimId ? current.casefile.claims[claimId] : undefined;
}

export async function createClaimFromSelection(): Promise<string | null> {
  const current = writableCasefile();
  if (!current) return null;
  const { casefile } = current;
  const read = readSelection((id) => casefile.articles[id]?.text);
  if (!read.ok) {
    notify('info', read.message);
    return null;
  }
  const article = casefile.articles[read.articleId]!;
  const span = checkClaimSpan(article.text, read.start, read.end, article.excluded);
  if (!span.ok) {
    notify('info', span.message);
    return null;
  }
  const twin = claimsOf(casefile, article.id).find((c) => c.position.start === span.start && c.position.end === span.end && c.anchor !== 'orphaned');
  if (twin) {
    selectClaim(twin.id, article.id);
    notify('info', 'A claim already covers exactly this text; it is now selected.');
    return null;
  }
  const id = newId('claim');
  // Drawn at once: in a large casefile the Node side takes a moment to confirm it.
  paintPending(span);
  const selectCreated = () => {
    window.getSelection()?.removeAllRanges();
    selectClaim(id, article.id);
    showSidePanel('claim');
    // The claim keys (1–8, Enter, J/K) act on it from here, whatever had the focus.
    returnToReading();
    if (span.note) notify('info', span.note);
  };
  const done = await track(dispatch(newClaimCommand(article, span.start, span.end, id), selectCreated));
  if (!done) {
    paintPending(null);
    return null;
  }
  return id;
}

/**
 * Sets the root sourcing type of the selected claim from number key `digit`,
 * after any change still on its way (C then 3 typed at once: the new claim).
 */
export function setRootTypeByDigit(digit: number): void {
  // Tracked at once, so a key pressed right after (Enter) waits for this change too, not only the one before.
  void track(lastChange.then(() => applyRootType(digit)));
}

function applyRootType(digit: number): Promise<unknown> | undefined {
  const claim = selectedClaim();
  const current = writableCasefile();
  if (!claim || !current) {
    if (!claim) notify('info', 'Select a claim first (click it, or J/K), then press 1–8 for its sourcing type.');
    return;
  }
  const type = typeForDigit(current.casefile.taxonomy, digit);
  if (!type) {
    notify('info', `There is no sourcing type ${digit}.`);
    return;
  }
  return dispatch({ type: 'claim.setRootType', claimId: claim.id, typeId: type.id, hopId: newId('hop') });
}

/** Selects the next (+1) or previous (-1) claim of the article in reading order. */
export function selectAdjacentClaim(delta: 1 | -1): void {
  const current = casefileStore.get();
  const { articleId, claimId } = uiStore.get();
  if (!current || !articleId) return;
  const claims = claimsOf(current.casefile, articleId).filter((c) => c.anchor !== 'orphaned');
  if (!claims.length) return;
  const at = claims.findIndex((c) => c.id === claimId);
  const next = at < 0 ? (delta > 0 ? 0 : claims.length - 1) : Math.max(0, Math.min(claims.length - 1, at + delta));
  selectClaim(claims[next]!.id, articleId);
  revealSelectedClaim();
}

/** Deletes the selected claim (Delete key, the button); see deleteClaimAsking. */
export function deleteSelectedClaim(): void {
  const claim = selectedClaim();
  if (claim) deleteClaimAsking(claim.id);
}

/**
 * Deletes a claim (the selected one, or one listed in a proposition). When a
 * proposition (or a review comment) uses it, the analyst is asked first, told what uses it.
 */
export function deleteClaimAsking(claimId: string): void {
  const current = writableCasefile();
  if (!current || !current.casefile.claims[claimId]) return;
  const uses = describeDependents(current.casefile, claimDependents(current.casefile, claimId));
  if (uses.length) askToDeleteClaim({ claimId, uses });
  else void deleteClaim(claimId);
}

/** Deletes a claim without asking and selects its neighbour in the article. */
export async function deleteClaim(claimId: string): Promise<void> {
  const current = casefileStore.get();
  const claim = current?.casefile.claims[claimId];
  if (!current || !claim) return;
  const siblings = claimsOf(current.casefile, claim.articleId).filter((c) => c.anchor !== 'orphaned');
  const at = siblings.findIndex((c) => c.id === claim.id);
  const next = siblings[at + 1] ?? siblings[at - 1];
  if (await dispatch({ type: 'claim.remove', claimId: claim.id })) {
    selectClaim(next?.id ?? null, claim.articleId);
    revealSelectedClaim();
    notify('info', 'Claim deleted. Undo with Ctrl+Z (⌘Z).');
  }
}

/** Marks the selected text as page chrome, or unmarks it when all of it is chrome already. */
export async function toggleChromeForSelection(): Promise<void> {
  const current = writableCasefile();
  if (!current) return;
  const { casefile } = current;
  const read = readSelection((id) => casefile.articles[id]?.text);
  if (!read.ok) {
    notify('info', 'Select the page chrome (text that is not part of the article) first, then press X.');
    return;
  }
  const article = casefile.articles[read.articleId]!;
  const [start, end] = [Math.min(read.start, read.end), Math.max(read.start, read.end)];
  const unmark = isAllExcluded(article.excluded, start, end);
  const ranges = unmark
    ? removeExcluded(article.excluded, start, end, newId('chrome'))
    : addExcluded(article.excluded, start, end, newId('chrome'));
  if (await dispatch({ type: 'article.setExcluded', articleId: article.id, ranges })) {
    window.getSelection()?.removeAllRanges();
    notify('info', unmark ? 'Unmarked: the text counts as article text again.' : 'Marked as page chrome: dimmed and left out of analysis.');
  }
}

/** Shows the chain editor: on the first hop still missing its source, else the root's type; a new hop for an untagged claim. */
export function openChainEditor(): void {
  void lastChange.then(showChainEditor);
}

function showChainEditor(): void {
  const claim = selectedClaim();
  if (!claim) {
    notify('info', 'Select a claim first (J/K moves between claims).');
    return;
  }
  showSidePanel('claim');
  const unnamed = claim.chain.find((h) => !h.sourceId);
  const root = claim.chain[claim.chain.length - 1];
  if (!root) setPendingHop({ claimId: claim.id, index: 0 });
  else focusHop(unnamed ? { hopId: unnamed.id, field: 'source' } : { hopId: root.id, field: 'type' });
}

/** Gives the keyboard back to the reading view, where the claim keys work. */
export function returnToReading(): void {
  (document.querySelector<HTMLElement>('.reading-pane') ?? document.body).focus({ preventScroll: true });
}

/** Selects a claim chosen in a list and shows it in the article. */
export function showClaim(claimId: string, articleId: string): void {
  selectClaim(claimId, articleId);
  showMainView('read');
  revealSelectedClaim();
}

/**
 * Changes a claim's chain with `edit`, applied to the chain as it is when the
 * change's turn comes in the casefile queue, so quick successive edits (and a
 * field saved just before another command) never overwrite each other.
 */
export function editChain(claimId: string, edit: (chain: Hop[]) => Hop[], before?: { label: string; commands: SingleCommand[] }): Promise<boolean> {
  if (!writableCasefile()) return Promise.resolve(false);
  return dispatchLatest((casefile) => {
    const claim = casefile.claims[claimId];
    if (!claim) return null;
    const chain = edit(claim.chain);
    const setChain = { type: 'claim.setChain' as const, claimId, chain };
    if (before) return { type: 'batch', label: before.label, commands: [...before.commands, setChain] };
    return JSON.stringify(chain) === JSON.stringify(claim.chain) ? null : setChain;
  });
}

/**
 * Files a hop under the source named `name`: the registry's source of that
 * name or alias as the registry is when the change is sent (so a name typed
 * twice in quick succession makes one source), or a new source.
 */
export function setHopSourceByName(claimId: string, hopId: string, name: string): Promise<boolean> {
  if (!writableCasefile()) return Promise.resolve(false);
  return dispatchLatest((casefile) => {
    const claim = casefile.claims[claimId];
    const hop = claim?.chain.find((h) => h.id === hopId);
    if (!claim || !hop) return null;
    const existing = sourceMatcher(casefile.sources).exactly(name);
    const sourceId = existing?.id ?? newId('src');
    const setChain = { type: 'claim.setChain' as const, claimId, chain: updateHop(claim.chain, hopId, { sourceId }) };
    if (existing) return setChain;
    const source = { id: sourceId, name: name.trim(), kind: kindForType(hop.typeId), role: '', affiliation: '', aliases: [], notes: '' };
    return { type: 'batch', label: 'Add source to chain', commands: [{ type: 'source.add', source }, setChain] };
  });
}
