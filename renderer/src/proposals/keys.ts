/** The review queue's keys, active while the Proposed panel is showing beside the article. */
import {
  acceptActive, acceptAllConfident, acceptAndEdit, moveProposal, nextArticleWithProposals, nudgeSpan, rejectActive, spanFromSelection,
} from './actions';

/** Carries out the queue's shortcut of `key`; false when the key means nothing to the queue. */
export function handleProposalKey(key: string, shift: boolean): boolean {
  switch (key) {
    case 'j': case 'J': case 'ArrowDown': moveProposal(1); return true;
    case 'k': case 'K': case 'ArrowUp': moveProposal(-1); return true;
    case 'a': case 'A': void (shift ? acceptAllConfident() : acceptActive()); return true;
    case 'e': case 'E': void acceptAndEdit(); return true;
    case 'x': case 'X': void rejectActive(); return true;
    case ']': nudgeSpan('end', 1); return true;
    case '[': nudgeSpan('end', -1); return true;
    case '{': nudgeSpan('start', -1); return true;
    case '}': nudgeSpan('start', 1); return true;
    case 's': case 'S': spanFromSelection(); return true;
    case 'n': case 'N': nextArticleWithProposals(); return true;
    default: return false;
  }
}
