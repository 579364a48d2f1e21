import type { ApiHandlers } from '../../../shared/api/dispatch';
import type { TeamService } from './team-service';

type TeamHandlers = Pick<ApiHandlers,
  'shareCasefile' | 'listTeamCasefiles' | 'openTeamCasefile' | 'leaveTeam' | 'teamStatus' | 'setTeamOnline' | 'setTeamReading' | 'teamDifferences' | 'mergeTeamDifferences' | 'dismissTeamConflict'
  | 'teamHistory' | 'markHistoryPoint' | 'compareHistoryPoints'>;

/** The team casefile calls of the API (see shared/api/contract.ts). */
export function createTeamHandlers(team: TeamService): TeamHandlers {
  return {
    shareCasefile: (args) => team.share(args),
    listTeamCasefiles: (args) => team.list(args),
    openTeamCasefile: (args) => team.open(args),
    leaveTeam: async ({ sessionId }) => {
      await team.leave(sessionId);
      return { left: true } as const;
    },
    teamStatus: async ({ sessionId }) => team.status(sessionId),
    setTeamOnline: async ({ sessionId, online }) => {
      const link = team.linkOf(sessionId);
      link.setOnline(online);
      return link.status();
    },
    setTeamReading: async ({ sessionId, articleId }) => {
      team.linkOf(sessionId).setReading(articleId);
      return { ok: true } as const;
    },
    teamDifferences: async ({ sessionId, analystId, minOverlap }) => team.differences(sessionId, analystId, minOverlap),
    mergeTeamDifferences: async (args) => team.mergeDifferences(args),
    teamHistory: ({ sessionId }) => team.history(sessionId),
    markHistoryPoint: ({ sessionId, label }) => team.markPoint(sessionId, label),
    compareHistoryPoints: (args) => team.comparePoints(args),
    dismissTeamConflict: async ({ sessionId, key }) => {
      const link = team.linkOf(sessionId);
      link.dismissConflict(key);
      return link.status();
    },
  };
}
