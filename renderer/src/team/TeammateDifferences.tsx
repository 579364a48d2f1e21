import { useStore } from '../lib/store';
import { openTeammate } from '../review/review-store';
import { teamStore } from './team-store';

/** "Differences with teammates" in the Review view: one button per teammate who has written in this team casefile. */
export function TeammateDifferences() {
  const team = useStore(teamStore);
  const others = team?.analysts.filter((a) => a.analystId !== team.analystId) ?? [];
  if (!team || others.length === 0) return null;
  return (
    <div className="team-differences" role="group" aria-label="Differences with teammates">
      <span className="muted">Differences with teammates:</span>
      {others.map((a) => (
        <button key={a.analystId} type="button" onClick={() => void openTeammate(a.analystId, a.name)} title={`The casefile as you judge it compared with the casefile as ${a.name} judges it`}>
          {a.name}
        </button>
      ))}
    </div>
  );
}
