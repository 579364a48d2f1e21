/**
 * The keyboard map: every shortcut of the reading view, the claims and the
 * chain editor, in one place. Buttons show them in their tooltips
 * (`withKey`) and the shortcut sheet (`?`) lists them all.
 */
const MOD = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl';

export interface Shortcut {
  keys: string[];
  label: string;
}

export const SHORTCUTS = {
  createClaim: { keys: ['C'], label: 'Create a claim from the selected text' },
  setType: { keys: ['1–8'], label: 'Sourcing type of the claim (or hop)' },
  nextClaim: { keys: ['J', '↓'], label: 'Next claim' },
  previousClaim: { keys: ['K', '↑'], label: 'Previous claim' },
  openChain: { keys: ['Enter'], label: 'Edit the attribution chain' },
  deleteClaim: { keys: ['Delete'], label: 'Delete the selected claim (asks first when a proposition uses it; undo with ' + MOD + '+Z)' },
  deselect: { keys: ['Esc'], label: 'Deselect / leave the chain editor' },
  markChrome: { keys: ['X'], label: 'Mark (or unmark) the selection as page chrome' },
  find: { keys: [MOD + '+F'], label: 'Find in article' },
  findNext: { keys: ['Enter', 'F3'], label: 'Next match (Shift: previous)' },
  claimsPanel: { keys: ['/'], label: 'Search the claims panel' },
  sourcesPanel: { keys: ['R'], label: 'Open the source registry' },
  addHop: { keys: ['Alt+N'], label: 'Add a hop after this one' },
  addHopBefore: { keys: ['Alt+Shift+N'], label: 'Add a hop before this one' },
  moveHopUp: { keys: ['Alt+↑'], label: 'Move the hop towards the article' },
  moveHopDown: { keys: ['Alt+↓'], label: 'Move the hop away from the article' },
  removeHop: { keys: ['Alt+Backspace'], label: 'Remove the hop' },
  pickSource: { keys: ['Enter', '↓'], label: 'Source field: Enter takes the name as typed (or creates it); ↓/↑ choose a similar one' },
  showProposals: { keys: ['P'], label: 'Open the Proposed panel (the attribution assistant’s review queue)' },
  nextProposal: { keys: ['J', '↓'], label: 'Next proposal' },
  previousProposal: { keys: ['K', '↑'], label: 'Previous proposal' },
  acceptProposal: { keys: ['A'], label: 'Accept: claim, sourcing type and chain in one undoable step' },
  acceptConfident: { keys: ['Shift+A'], label: 'Accept all confident proposals of this article' },
  editProposal: { keys: ['E'], label: 'Accept and correct it in the chain editor' },
  rejectProposal: { keys: ['X'], label: 'Reject (never proposed again for this text)' },
  widenEnd: { keys: [']', '['], label: 'Span: take in the next word / give back the last word' },
  widenStart: { keys: ['{', '}'], label: 'Span: take in the word before / give back the first word' },
  selectionAsSpan: { keys: ['S'], label: 'Span: use the text selected in the article' },
  nextProposedArticle: { keys: ['N'], label: 'Next article with proposals' },
  undo: { keys: [MOD + '+Z'], label: 'Undo' },
  redo: { keys: ['Shift+' + MOD + '+Z'], label: 'Redo' },
  shortcuts: { keys: ['?'], label: 'Show this sheet' },
} satisfies Record<string, Shortcut>;

export type ShortcutId = keyof typeof SHORTCUTS;

export const SHORTCUT_GROUPS: { title: string; ids: ShortcutId[] }[] = [
  { title: 'Claims in the reading view', ids: ['createClaim', 'setType', 'nextClaim', 'previousClaim', 'openChain', 'deleteClaim', 'deselect', 'markChrome'] },
  { title: 'Attribution chain editor', ids: ['setType', 'pickSource', 'addHop', 'addHopBefore', 'moveHopUp', 'moveHopDown', 'removeHop', 'deselect'] },
  { title: 'Proposed (attribution assistant), with the Proposed panel open', ids: [
    'showProposals', 'nextProposal', 'previousProposal', 'acceptProposal', 'acceptConfident', 'editProposal', 'rejectProposal',
    'widenEnd', 'widenStart', 'selectionAsSpan', 'nextProposedArticle',
  ] },
  { title: 'Finding', ids: ['find', 'findNext', 'claimsPanel', 'sourcesPanel'] },
  { title: 'General', ids: ['undo', 'redo', 'shortcuts'] },
];

export function keysOf(id: ShortcutId): string {
  return SHORTCUTS[id].keys.join(' / ');
}

/** "Create claim (C)": a button label or tooltip with its shortcut. */
export function withKey(label: string, id: ShortcutId): string {
  return `${label} (${keysOf(id)})`;
}
