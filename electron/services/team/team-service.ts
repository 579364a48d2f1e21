/**
 * Team casefiles in the app: sharing an open casefile, opening one from a
 * link or the server's list, leaving, and the live links of open sessions.
 * The same for the desktop app and browser mode (no `electron` import).
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import * as Y from 'yjs';
import type { MergeReviewResult, OpenedCasefile } from '../../../shared/api/contract';
import { ApiError } from '../../../shared/api/dispatch';
import type { HistoryPoint, HistoryPoints, TeamCasefileListing, TeamStatus } from '../../../shared/api/team';
import { emptyCasefile } from '../../../shared/model/casefile';
import type { Casefile } from '../../../shared/model/schema';
import { compareCasefiles, formatWhen, planMerge, type Comparison } from '../../../shared/review';
import { newId } from '../../../shared/model/ids';
import { SharedCasefile } from '../../../shared/sync/shared-casefile';
import type { CasefileSessions } from '../casefile/sessions';
import type { ReceivedChange } from '../casefile/session';
import type { PathPolicy } from '../paths';
import type { SettingsStore } from '../settings';
import { newDeviceId, readLink, removeTeamFolder, saveDocument, writeLink, type LinkRecord } from './local-document';
import { TeamServerClient, parseTeamLink, serverUrl, type TeamCasefileAddress } from './server-client';
import { receiveCasefile } from './receive-casefile';
import { TeamLink, type ReceivedDocument } from './team-link';
import { listPoints, loadPoint, RETENTION_IN_WORDS } from './history';

export interface TeamServiceOptions {
  sessions: CasefileSessions;
  paths: PathPolicy;
  settings: SettingsStore;
  received: (sessionId: string, change: ReceivedChange) => void;
  status: (sessionId: string, status: TeamStatus | null) => void;
}

export class TeamService {
  private readonly links = new Map<string, TeamLink>();

  constructor(private readonly options: TeamServiceOptions) {}

  status(sessionId: string): TeamStatus | null {
    return this.links.get(sessionId)?.status() ?? null;
  }

  linkOf(sessionId: string): TeamLink {
    const link = this.links.get(sessionId);
    if (!link) throw new ApiError('not-shared', 'This casefile is not shared with a team.');
    return link;
  }

  async share(args: { sessionId: string; serverUrl: string; token?: string; team: string }): Promise<TeamStatus> {
    const session = this.options.sessions.get(args.sessionId);
    if (session.readOnly) throw new ApiError('read-only', 'A casefile open read-only cannot be shared.');
    if (this.links.has(args.sessionId)) throw new ApiError('already-shared', 'This casefile is already shared with a team.');
    const { client, token } = this.client(args.serverUrl, args.token);
    const me = await client.me();
    if (!me.teams.includes(args.team)) throw new ApiError('team-refused', `You (${me.name}) are not in the team "${args.team}" on ${client.url}.`);
    await client.publish(args.team, session.casefile.meta.id, session.casefile.meta.title);
    await this.options.settings.rememberTeamServer(client.url, token);
    const link: LinkRecord = {
      serverUrl: client.url, team: args.team, casefileId: session.casefile.meta.id,
      analystId: me.analystId, analystName: me.name, deviceId: newDeviceId(), role: 'owner',
    };
    await writeLink(session.path, link);
    const teamLink = this.attach(args.sessionId, link, client);
    teamLink.seed();
    teamLink.start(token);
    await teamLink.flush();
    return teamLink.status();
  }

  async list(args: { serverUrl?: string; token?: string }): Promise<TeamCasefileListing[]> {
    return this.client(args.serverUrl, args.token).client.casefiles();
  }

  /** Opens a team casefile: the local copy linked to it when the workspace has one, else a new local copy. */
  async open(args: { link?: string; serverUrl?: string; team?: string; casefileId?: string; token?: string; clientId?: string }): Promise<OpenedCasefile & { team: TeamStatus }> {
    const address = addressOf(args);
    const { client, token } = this.client(address.serverUrl, args.token);
    const listing = (await client.casefiles()).find((c) => c.team === address.team && c.casefileId === address.casefileId);
    if (!listing) throw new ApiError('team-refused', `You have no role on ${address.team}/${address.casefileId} on ${client.url}.`);
    await this.options.settings.rememberTeamServer(client.url, token);
    const existing = await this.localCopyOf(address);
    const resumed = existing
      ? await this.resume(await this.options.sessions.open(existing, 'normal', args.clientId))
      : await this.openNewCopy(client, token, address, listing.title, listing.role, args.clientId);
    const team = this.status(resumed.sessionId);
    if (!team) throw new ApiError('team-error', 'The team casefile could not be linked.');
    return { ...resumed, team };
  }

  /** After a casefile is opened: when it is linked to a team, the link starts again (offline edits included). */
  async resume(opened: OpenedCasefile): Promise<OpenedCasefile> {
    const session = this.options.sessions.get(opened.sessionId);
    if (session.readOnly || this.links.has(opened.sessionId)) return opened;
    const link = await readLink(session.path);
    if (!link) return opened;
    const saved = this.options.settings.teamToken(link.serverUrl);
    const teamLink = this.attach(opened.sessionId, link, new TeamServerClient(link.serverUrl, saved?.token ?? ''));
    await teamLink.loadLocal();
    await teamLink.catchUpOnOpening();
    teamLink.start(saved?.token ?? '');
    return { ...opened, casefile: session.casefile, status: session.status() };
  }

  /** After Save As: the link and the shared document go with the casefile to its new place. */
  async moved(sessionId: string): Promise<void> {
    const link = this.links.get(sessionId);
    if (!link) return;
    await writeLink(link.session.path, link.link);
    await link.flush();
    await link.history.moved();
  }

  async leave(sessionId: string): Promise<void> {
    const link = this.linkOf(sessionId);
    await link.history.abandon();
    await link.close();
    this.links.delete(sessionId);
    await removeTeamFolder(link.session.path);
    this.options.status(sessionId, null);
  }

  /** The session closed: its link stops (the document stays beside the casefile for next time). */
  async closed(sessionId: string): Promise<void> {
    const link = this.links.get(sessionId);
    this.links.delete(sessionId);
    await link?.close();
  }

  async closeAll(): Promise<void> {
    for (const sessionId of [...this.links.keys()]) await this.closed(sessionId);
  }

  /** My judgment of the casefile compared with a teammate's (Review's comparison). */
  differences(sessionId: string, analystId: string, minOverlap?: number): Comparison {
    const link = this.linkOf(sessionId);
    const state = link.session.casefile;
    const { mine, theirs } = this.judgments(link, analystId);
    const name = link.status().analysts.find((a) => a.analystId === analystId)?.name ?? analystId;
    const comparison = compareCasefiles(mine, theirs, { minOverlap });
    return { ...comparison, colleague: { ...comparison.colleague, title: `${state.meta.title} as ${name} judges it`, newAnalysts: [name] } };
  }

  /** Takes the teammate's value for the accepted differences, through applyCommand (one undoable step). */
  mergeDifferences(args: { sessionId: string; analystId: string; revision: number; accept: string[]; minOverlap?: number }): MergeReviewResult {
    const link = this.linkOf(args.sessionId);
    const { mine, theirs } = this.judgments(link, args.analystId);
    const plan = planMerge(mine, theirs, compareCasefiles(mine, theirs, { minOverlap: args.minOverlap }), args.accept, newId);
    const change = plan.command ? link.session.apply(args.revision, plan.command) : null;
    return { change, summary: plan.summary, comparison: this.differences(args.sessionId, args.analystId, args.minOverlap) };
  }

  /** The history points kept beside the casefile (history.ts). */
  async history(sessionId: string): Promise<HistoryPoints> {
    const link = this.linkOf(sessionId);
    await link.history.settled();
    return { ...(await listPoints(link.session.path)), retention: RETENTION_IN_WORDS };
  }

  async markPoint(sessionId: string, label: string): Promise<HistoryPoint> {
    const link = this.linkOf(sessionId);
    if (link.session.readOnly) throw new ApiError('read-only', 'This casefile is open read-only: no history point can be kept for it here.');
    return link.history.mark(label);
  }

  /**
   * The casefile at one point (or now) compared with another, by Review's
   * comparison: `from` is the "mine" side, `to` the "theirs" side, so what
   * was added since reads as "only in theirs", with who did it from the
   * records themselves. Read-only: every difference is marked not mergeable.
   */
  async comparePoints(args: { sessionId: string; from: string; to: string; minOverlap?: number }): Promise<Comparison> {
    const link = this.linkOf(args.sessionId);
    await link.history.settled();
    const side = async (ref: string): Promise<{ casefile: Casefile; label: string; at: number }> => {
      if (ref === 'now') return { casefile: link.session.casefile, label: 'now', at: Infinity };
      const { point, casefile } = await loadPoint(link.session.path, ref);
      return { casefile, label: `“${point.label}” (${formatWhen(point.at)})`, at: Date.parse(point.at) };
    };
    if (args.from === args.to) throw new ApiError('same-point', 'Choose two different points to compare.');
    const from = await side(args.from);
    const to = await side(args.to);
    const comparison = compareCasefiles(from.casefile, to.casefile, { minOverlap: args.minOverlap });
    // A removed claim has no record on the later side to tell who removed it: the shared document's deletions do.
    const removedBy = (claimId: string) => deletionsOf(link, claimId).filter((d) => d.at <= to.at);
    return {
      ...comparison,
      differences: comparison.differences.map((d) => {
        const removals = d.kind === 'claim-only-mine' && d.myClaimId ? removedBy(d.myClaimId) : [];
        if (!removals.length) return { ...d, mergeable: false };
        return { ...d, mergeable: false, theirs: 'Removed', details: [...d.details, ...removals.map((r) => `removed by ${r.name}, ${formatWhen(new Date(r.at).toISOString())}`)] };
      }),
      colleague: { ...comparison.colleague, title: `${link.session.casefile.meta.title}: from ${from.label} to ${to.label}`, newAnalysts: [] },
    };
  }

  private judgments(link: TeamLink, analystId: string): { mine: Casefile; theirs: Casefile } {
    const state = link.session.casefile;
    return { mine: link.shared.judgedBy(state, link.link.analystId), theirs: link.shared.judgedBy(state, analystId) };
  }

  private attach(sessionId: string, link: LinkRecord, client: TeamServerClient, received?: ReceivedDocument): TeamLink {
    const teamLink = new TeamLink(this.options.sessions.get(sessionId), link, client, {
      received: (change) => this.options.received(sessionId, change),
      status: (status) => this.options.status(sessionId, status),
    }, received);
    this.links.set(sessionId, teamLink);
    return teamLink;
  }

  private client(url: string | undefined, token: string | undefined): { client: TeamServerClient; token: string } {
    const saved = this.options.settings.teamToken(url === undefined ? undefined : serverUrl(url));
    const address = url ?? saved?.url;
    const chosen = token ?? saved?.token;
    if (!address) throw new ApiError('no-team-server', 'Give the team server’s address.');
    if (!chosen) throw new ApiError('no-team-token', `Give your token for ${address} (your team server’s administrator made it for you).`);
    return { client: new TeamServerClient(address, chosen), token: chosen };
  }

  /** A casefile of the workspace already linked to this team casefile. */
  private async localCopyOf(address: TeamCasefileAddress): Promise<string | null> {
    const workspace = this.options.paths.workspace;
    const entries = await readdir(workspace).catch(() => [] as string[]);
    for (const entry of entries) {
      const match = /^\.(.+\.corroborate)\.team$/.exec(entry);
      if (!match) continue;
      const file = path.join(workspace, match[1]!);
      const link = await readLink(file);
      if (link && link.serverUrl === serverUrl(address.serverUrl) && link.team === address.team && link.casefileId === address.casefileId) return this.options.paths.display(file);
    }
    return null;
  }

  /**
   * A new local copy of a team casefile (receiveCasefile), saved and linked,
   * its link started on the document just received: the casefile was
   * materialised from it, so it is neither read back from disk nor
   * materialised a second time.
   */
  private async openNewCopy(client: TeamServerClient, token: string, address: TeamCasefileAddress, title: string, role: LinkRecord['role'], clientId?: string): Promise<OpenedCasefile> {
    const me = await client.me();
    const link: LinkRecord = { serverUrl: client.url, team: address.team, casefileId: address.casefileId, analystId: me.analystId, analystName: me.name, deviceId: newDeviceId(), role };
    const shared = new SharedCasefile(new Y.Doc(), { analystId: link.analystId, analystName: link.analystName, deviceId: link.deviceId });
    const analystName = this.options.settings.get().analystName || me.name;
    const base = emptyCasefile({ id: link.casefileId, title: title || link.casefileId, analyst: analystName, now: new Date().toISOString() });
    const { caught } = await receiveCasefile({ client, token, team: link.team, casefileId: link.casefileId, shared, base });
    const opened = await this.options.sessions.createFrom(caught.state, clientId);
    const session = this.options.sessions.get(opened.sessionId);
    await writeLink(session.path, link);
    await saveDocument(session.path, shared.doc);
    const teamLink = this.attach(opened.sessionId, link, client, { shared, caught });
    teamLink.start(token);
    return { ...opened, casefile: session.casefile, status: session.status() };
  }

}

/** Who deleted a claim in the shared document, and when (from their deletion stamps). */
function deletionsOf(link: TeamLink, claimId: string): { name: string; at: number }[] {
  const names = new Map(link.status().analysts.map((a) => [a.analystId, a.name]));
  return link.shared.versionsOf({ collection: 'claims', id: claimId })
    .filter((v) => v.version.deleted)
    .map((v) => ({ name: names.get(v.analystId) ?? v.analystId, at: parseInt(v.version.deleted!.slice(0, 9), 36) }))
    .filter((d) => Number.isFinite(d.at))
    .sort((a, b) => a.at - b.at);
}

function addressOf(args: { link?: string; serverUrl?: string; team?: string; casefileId?: string }): TeamCasefileAddress {
  if (args.link) return parseTeamLink(args.link);
  if (!args.serverUrl || !args.team || !args.casefileId) throw new ApiError('invalid-arguments', 'Give the link of the team casefile, or its server, team and id.');
  return { serverUrl: serverUrl(args.serverUrl), team: args.team, casefileId: args.casefileId };
}
