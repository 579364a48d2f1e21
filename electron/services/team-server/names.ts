/** Ids on a team server: teams and analysts share one rule; documents are `<team>/<casefileId>`. */
import { idProblem } from '../../../shared/model/ids';
import type { TeamRole } from '../../../shared/sync/check-update';
import { ANALYST_ID } from '../../../shared/sync/keys';

export type { TeamRole };
export const TEAM_ROLES = ['owner', 'editor', 'reviewer'] as const satisfies readonly TeamRole[];

/** A team's id follows the analyst id rule: lowercase letters, digits and "-". */
export const TEAM_ID = ANALYST_ID;

export interface DocumentName {
  team: string;
  casefileId: string;
}

export function documentName(team: string, casefileId: string): string {
  return `${team}/${casefileId}`;
}

export function parseDocumentName(name: string): DocumentName | null {
  const parts = name.split('/');
  if (parts.length !== 2) return null;
  const [team, casefileId] = parts as [string, string];
  return TEAM_ID.test(team) && idProblem(casefileId) === null ? { team, casefileId } : null;
}
