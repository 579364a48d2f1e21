/**
 * The open casefile's link to its team, as the Node side reports it
 * (connection, changes waiting, who is online, conflicts, problems), and
 * the article I am reading, told to teammates.
 */
import type { TeamStatus } from '../../../shared/api/team';
import { casefileStore, dispatch, setCommentOnly, showOpened } from '../app/casefile-store';
import { notify } from '../app/notices';
import { uiStore } from '../app/ui-store';
import { api, bridge, CLIENT_ID } from '../lib/api';
import { Store } from '../lib/store';

export const teamStore = new Store<TeamStatus | null>(null);

// A reviewer's editing controls are read-only; comments stay open.
function followRole(): void {
  const opened = casefileStore.get();
  const reviewer = teamStore.get()?.role === 'reviewer';
  if (opened && reviewer !== opened.commentOnly) setCommentOnly(reviewer);
}
teamStore.subscribe(followRole);
casefileStore.subscribe(followRole);

/** Which dialog of the team casefile is open. */
export const teamDialogStore = new Store<null | 'share' | 'open'>(null);

let sessionOfStatus: string | null = null;

/** Shows the open casefile's team status, unless the one shown is newer (an event that overtook this answer). */
function showTeamStatus(sessionId: string, team: TeamStatus | null): void {
  if (casefileStore.get()?.sessionId !== sessionId) return;
  const shown = teamStore.get();
  if (team && shown && shown.sequence > team.sequence) return;
  teamStore.set(team);
}

bridge.on('teamStatus', ({ sessionId, team }) => showTeamStatus(sessionId, team));

// Another casefile: ask for its link (null when it is not shared).
casefileStore.subscribe(() => {
  const sessionId = casefileStore.get()?.sessionId ?? null;
  if (sessionId === sessionOfStatus) return;
  sessionOfStatus = sessionId;
  teamStore.set(null);
  if (sessionId) void api.teamStatus({ sessionId }).then((team) => team && showTeamStatus(sessionId, team), () => undefined);
});

// Teammates see which article I am reading.
let lastReading: string | null | undefined;
uiStore.subscribe(() => {
  const opened = casefileStore.get();
  const { articleId } = uiStore.get();
  if (!opened || !teamStore.get() || articleId === lastReading) return;
  lastReading = articleId;
  void api.setTeamReading({ sessionId: opened.sessionId, articleId }).catch(() => undefined);
});

export async function shareCasefile(serverUrl: string, token: string, team: string): Promise<TeamStatus> {
  const opened = casefileStore.get();
  if (!opened) throw new Error('No casefile is open.');
  const status = await api.shareCasefile({ sessionId: opened.sessionId, serverUrl, token: token || undefined, team });
  showTeamStatus(opened.sessionId, status);
  return status;
}

export async function openTeamCasefile(args: { link?: string; serverUrl?: string; team?: string; casefileId?: string; token?: string }): Promise<void> {
  // The link's status is asked for when the casefile shows (it may have connected meanwhile).
  showOpened(await api.openTeamCasefile({ ...args, clientId: CLIENT_ID }));
}

export async function setOnline(online: boolean): Promise<void> {
  const opened = casefileStore.get();
  if (opened) showTeamStatus(opened.sessionId, await api.setTeamOnline({ sessionId: opened.sessionId, online }));
}

export async function leaveTeam(): Promise<void> {
  const opened = casefileStore.get();
  if (!opened) return;
  await api.leaveTeam({ sessionId: opened.sessionId });
  teamStore.set(null);
  notify('info', 'This casefile is no longer shared: it stays here as a normal casefile.');
}

export async function dismissConflict(key: string): Promise<void> {
  const opened = casefileStore.get();
  if (opened) showTeamStatus(opened.sessionId, await api.dismissTeamConflict({ sessionId: opened.sessionId, key }));
}

/** Brings back my version of a claim a teammate deleted (as an import of the claim: one undoable step). */
export async function restoreMine(key: string): Promise<void> {
  const conflict = teamStore.get()?.conflicts.find((c) => c.key === key);
  if (!conflict || conflict.collection !== 'claims' || !conflict.yours) return;
  const done = await dispatch({ type: 'claim.import', claim: conflict.yours as never });
  if (done) await dismissConflict(key);
}

/** The connection in words: connected; offline with N changes waiting; reconnecting; refused with the reason. */
export function connectionLabel(team: TeamStatus): string {
  const waiting = team.waiting ? ` · ${team.waiting} change${team.waiting === 1 ? '' : 's'} waiting` : '';
  switch (team.connection) {
    case 'connected': return team.waiting ? `Connected · sending ${team.waiting}` : 'Connected';
    case 'connecting': return `Connecting…${waiting}`;
    case 'offline': return `Offline${waiting}`;
    case 'reconnecting': return `Reconnecting…${waiting}`;
    case 'refused': return `Refused: ${team.refusedReason ?? 'the server refused this token'}${waiting}`;
  }
}
