/**
 * Who is online in a team casefile and which article each is reading, from
 * Hocuspocus awareness. Awareness states come from other clients through the
 * server: each is checked, and one that is not a presence is left out.
 */
import { idProblem } from '../../../shared/model/ids';
import type { TeamPresence } from '../../../shared/api/team';
import { ANALYST_ID } from '../../../shared/sync/keys';

export type PresenceState = TeamPresence;

/** Teammates online (not this client, and each analyst once), by name. */
export function readPresence(states: Map<number, Record<string, unknown>>, ownClientId: number, ownAnalystId: string): TeamPresence[] {
  const byAnalyst = new Map<string, TeamPresence>();
  for (const [clientId, state] of states) {
    if (clientId === ownClientId) continue;
    const presence = presenceOf(state?.analyst);
    if (!presence || presence.analystId === ownAnalystId) continue;
    const known = byAnalyst.get(presence.analystId);
    if (!known || (!known.articleId && presence.articleId)) byAnalyst.set(presence.analystId, presence);
  }
  return [...byAnalyst.values()].sort((a, b) => a.name.localeCompare(b.name));
}

function presenceOf(value: unknown): TeamPresence | null {
  if (typeof value !== 'object' || value === null) return null;
  const { analystId, name, articleId } = value as Record<string, unknown>;
  if (typeof analystId !== 'string' || !ANALYST_ID.test(analystId)) return null;
  if (typeof name !== 'string' || name.length === 0 || name.length > 200) return null;
  const reading = typeof articleId === 'string' && idProblem(articleId) === null ? articleId : null;
  return { analystId, name, articleId: reading };
}
