/** The review queue's keys, active while the Proposed panel is showing beside the article. */
import {
  acceptActive, acceptAllConfident, acceptAndEdit, hasProposals, moveProposal, nextArticleWithProposals, nudgeSpan, rejectActive, spanFromSelection,
} from './actions';

/**
 * Carries out the queue's shortcut of `key`; false when the key means nothing
 * to the queue, or the article has no proposals left (then J/K, X … are the
 * claim keys again).
 */
export function handleProposalKey(key: string, shift: boolean): boolean {
  const action = actionOf(key, shift);
  if (!action || (action !== nextArticleWithProposals && !hasProposals() && idle)) return false;
  run(action);
  return true;
}

function actionOf(key: string, shift: boolean): (() => unknown) | null {
  switch (key) {
    case 'n': case 'N': return nextArticleWithProposals;
    case 'j': case 'J': case 'ArrowDown': return () => moveProposal(1);
    case 'k': case 'K': case 'ArrowUp': return () => moveProposal(-1);
    case 'a': case 'A': return shift ? acceptAllConfident : acceptActive;
    case 'e': case 'E': return acceptAndEdit;
    case 'x': case 'X': return rejectActive;
    case ']': return () => nudgeSpan('end', 1);
    case '[': return () => nudgeSpan('end', -1);
    case '{': return () => nudgeSpan('start', -1);
    case '}': return () => nudgeSpan('start', 1);
    case 's': case 'S': return spanFromSelection;
    default: return null;
  }
}

/**
 * Keys pressed in quick succession act one after the other, each on the queue
 * as the one before left it: A A accepts two proposals, never the same one twice.
 */
let queue: Promise<unknown> = Promise.resolve();
let pending = 0;
let idle = true;

function run(action: () => unknown): void {
  pending++;
  idle = false;
  queue = queue.then(action).catch(() => undefined).finally(() => {
    idle = --pending === 0;
  });
}
