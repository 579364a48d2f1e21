import type { Command } from './commands';

const LABELS: Record<string, string> = {
  'casefile.rename': 'Rename casefile',
  'casefile.setPublisher': 'Set fact-check publisher',
  'taxonomy.set': 'Change sourcing types',
  'assessmentScale.set': 'Change assessment scale',
  'article.add': 'Import article',
  'article.update': 'Edit article details',
  'article.remove': 'Remove article',
  'article.setExcluded': 'Mark page chrome',
  'article.confirmField': 'Confirm article details',
  'article.decideChrome': 'Decide on page chrome',
  'outlet.set': 'Edit outlet',
  'article.replaceText': 'Edit article text',
  'copyFlag.add': 'Flag possible copy',
  'copyFlag.decide': 'Decide on copy',
  'claim.add': 'Create claim',
  'claim.setChain': 'Edit attribution chain',
  'claim.setRootType': 'Set sourcing type',
  'claim.setNotes': 'Edit claim notes',
  'claim.reattach': 'Re-attach claim',
  'claim.remove': 'Delete claim',
  'source.add': 'Add source',
  'source.update': 'Edit source',
  'source.merge': 'Merge sources',
  'source.remove': 'Delete source',
  'proposition.add': 'Create proposition',
  'proposition.rename': 'Rename proposition',
  'proposition.assess': 'Assess proposition',
  'proposition.addMember': 'Add claim to proposition',
  'proposition.setStance': 'Change stance',
  'proposition.removeMember': 'Remove claim from proposition',
  'proposition.merge': 'Merge propositions',
  'proposition.split': 'Split proposition',
  'proposition.remove': 'Delete proposition',
  'roots.judge': 'Judge root sources',
  'proposal.reject': 'Reject proposal',
  'review.set': 'Review',
  'review.remove': 'Remove review',
  'claim.import': 'Merge claim',
  'proposition.import': 'Merge proposition',
  'source.import': 'Merge source',
  undo: 'Undo',
  redo: 'Redo',
};

/** A short human label for menus ("Undo Create claim") and the audit trail. */
export function describeCommand(command: Command | { type: 'undo' | 'redo'; label: string }): string {
  if (command.type === 'batch' || command.type === 'undo' || command.type === 'redo') {
    return command.type === 'batch' ? command.label : `${LABELS[command.type]}: ${command.label}`;
  }
  return LABELS[command.type] ?? command.type;
}
