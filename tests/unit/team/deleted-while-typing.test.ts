import { describe, expect, it } from 'vitest';
import { DeletedByTeammates, editedRecord } from '../../../electron/services/team/deleted-while-typing';
import { smallCasefile } from '../../support/random-commands';

const casefile = smallCasefile(3);
const [claim] = Object.values(casefile.claims);
const [proposition] = Object.values(casefile.propositions);

describe('records deleted by teammates, kept for an edit still being typed', () => {
  it('names the record a field edit changes, and none for commands that make or remove records', () => {
    expect(editedRecord({ type: 'claim.setNotes', claimId: 'c_1', notes: 'x' })).toEqual({ collection: 'claims', id: 'c_1' });
    expect(editedRecord({ type: 'proposition.rename', propositionId: 'p_1', statement: 'x' })).toEqual({ collection: 'propositions', id: 'p_1' });
    expect(editedRecord({ type: 'claim.remove', claimId: 'c_1' })).toBeNull();
  });

  it('brings back the record as it was deleted, once', () => {
    const deleted = new DeletedByTeammates();
    deleted.remember({ collection: 'claims', id: claim!.id }, claim);
    deleted.remember({ collection: 'propositions', id: proposition!.id }, proposition);
    expect(deleted.revival({ type: 'claim.setNotes', claimId: claim!.id, notes: 'typed' })).toEqual({ type: 'claim.import', claim });
    expect(deleted.revival({ type: 'proposition.rename', propositionId: proposition!.id, statement: 's' })).toEqual({ type: 'proposition.import', proposition });
    expect(deleted.revival({ type: 'claim.setNotes', claimId: 'c_other', notes: 'typed' })).toBeNull();
    deleted.forget({ collection: 'claims', id: claim!.id });
    expect(deleted.revival({ type: 'claim.setNotes', claimId: claim!.id, notes: 'typed' })).toBeNull();
  });

  it('remembers the 200 latest deletions only', () => {
    const deleted = new DeletedByTeammates();
    for (let i = 0; i < 201; i++) deleted.remember({ collection: 'claims', id: `c_${i}` }, { ...claim, id: `c_${i}` });
    expect(deleted.revival({ type: 'claim.setNotes', claimId: 'c_0', notes: '' })).toBeNull();
    expect(deleted.revival({ type: 'claim.setNotes', claimId: 'c_1', notes: '' })).not.toBeNull();
    expect(deleted.revival({ type: 'claim.setNotes', claimId: 'c_200', notes: '' })).not.toBeNull();
  });
});
