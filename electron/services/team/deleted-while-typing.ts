/**
 * Records teammates deleted, remembered for a while, so that a value the
 * analyst was still typing into one of them is not lost: the field saves as
 * it goes away, and instead of refusing that edit (the record is gone) the
 * record comes back with it. It is the rule an edit made offline after a
 * teammate's deletion already follows: the later edit keeps the record, and
 * both analysts are told.
 */
import type { Command, SingleCommand } from '../../../shared/commands/commands';
import type { Claim, Proposition, Source } from '../../../shared/model/schema';
import { refKey, type RecordRef } from '../../../shared/sync/keys';

/** How many deleted records are remembered (the oldest is forgotten first). */
const REMEMBERED = 200;

type Revivable = { collection: 'claims'; record: Claim } | { collection: 'propositions'; record: Proposition } | { collection: 'sources'; record: Source };

/** The record a command changes in place: the commands a typed field or a picker sends. */
export function editedRecord(command: Command): RecordRef | null {
  switch (command.type) {
    case 'claim.setChain':
    case 'claim.setRootType':
    case 'claim.setNotes':
    case 'claim.reattach':
      return { collection: 'claims', id: command.claimId };
    case 'proposition.rename':
    case 'proposition.assess':
    case 'proposition.setStance':
      return { collection: 'propositions', id: command.propositionId };
    case 'source.update':
      return { collection: 'sources', id: command.sourceId };
    default:
      return null;
  }
}

export class DeletedByTeammates {
  private readonly records = new Map<string, Revivable>();

  /** A record as it was just before a teammate's deletion reached this casefile. */
  remember(ref: RecordRef, record: unknown): void {
    if (ref.collection !== 'claims' && ref.collection !== 'propositions' && ref.collection !== 'sources') return;
    const key = refKey(ref);
    this.records.delete(key);
    this.records.set(key, { collection: ref.collection, record } as Revivable);
    if (this.records.size > REMEMBERED) this.records.delete(this.records.keys().next().value!);
  }

  /** Forgets a record brought back or deleted here (a later edit of it is refused as usual). */
  forget(ref: RecordRef): void {
    this.records.delete(refKey(ref));
  }

  /** The command that brings back the record `command` edits, when a teammate deleted it; else null. */
  revival(command: Command): SingleCommand | null {
    const ref = editedRecord(command);
    const deleted = ref && this.records.get(refKey(ref));
    if (!deleted) return null;
    switch (deleted.collection) {
      case 'claims': return { type: 'claim.import', claim: deleted.record };
      case 'propositions': return { type: 'proposition.import', proposition: deleted.record };
      case 'sources': return { type: 'source.import', source: deleted.record };
    }
  }
}
