import { useEffect, useRef } from 'react';
import { Modal } from '../articles/Modal';
import { casefileStore } from '../app/casefile-store';
import { useStore } from '../lib/store';
import { deleteClaim, returnToReading } from './actions';
import { askToDeleteClaim, claimsUi } from './claims-ui';

/** "Delete this claim?" naming the propositions that use it: Enter deletes, Esc keeps it. */
export function ConfirmClaimDeletion() {
  const { confirmDelete } = useStore(claimsUi);
  const current = useStore(casefileStore);
  const deleteButton = useRef<HTMLButtonElement>(null);
  useEffect(() => deleteButton.current?.focus(), [confirmDelete]);
  const claim = confirmDelete ? current?.casefile.claims[confirmDelete.claimId] : undefined;
  if (!confirmDelete || !claim) return null;
  const close = (remove: boolean) => {
    askToDeleteClaim(null);
    returnToReading();
    if (remove) void deleteClaim(claim.id);
  };
  return (
    <Modal title="Delete this claim?" onClose={() => close(false)} testId="confirm-delete-claim"
      footer={<>
        <button type="button" onClick={() => close(false)}>Keep it <kbd>Esc</kbd></button>
        <button type="button" className="danger" ref={deleteButton} onClick={() => close(true)}>Delete claim <kbd>Enter</kbd></button>
      </>}>
      <p><bdi>“{claim.quote.exact}”</bdi></p>
      <pre className="confirm-uses">{confirmDelete.uses.join('\n')}</pre>
      <p className="muted">Deleting it takes it out of these. Undo (Ctrl+Z) restores everything.</p>
    </Modal>
  );
}
