import { useStore } from '../lib/store';
import { selectClaim } from '../app/ui-store';
import { dismissConflict, restoreMine, teamStore } from './team-store';

/**
 * Conflicts the analyst should know of, under the top bar until dismissed:
 * a claim they had changed that a teammate deleted (their version is kept,
 * to restore), or a claim their edit kept after a teammate deleted it.
 */
export function TeamConflicts() {
  const team = useStore(teamStore);
  if (!team || team.conflicts.length === 0) return null;
  return (
    <div className="team-conflicts" role="alert" data-testid="team-conflicts">
      {team.conflicts.map((c) => (
        <div key={c.key} className="team-conflict">
          <span>{c.label}</span>
          {c.kind === 'deleted' && c.collection === 'claims' && (
            <button type="button" onClick={() => void restoreMine(c.key)}>Restore my claim</button>
          )}
          {c.kind === 'kept' && c.collection === 'claims' && (
            <button type="button" className="link-button" onClick={() => selectClaim(c.recordId)}>Show it</button>
          )}
          <button type="button" className="icon-button" aria-label={c.kind === 'deleted' ? 'Let it go' : 'Dismiss'} title={c.kind === 'deleted' ? 'Let it go' : 'Dismiss'} onClick={() => void dismissConflict(c.key)}>×</button>
        </div>
      ))}
    </div>
  );
}
