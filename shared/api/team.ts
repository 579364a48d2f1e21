/**
 * The team casefile part of the API contract (docs/team-sync.md): what the
 * window is told of a casefile's link to a team server.
 */
import { z } from 'zod';

export type TeamRole = 'owner' | 'editor' | 'reviewer';

/**
 * connecting: first contact; connected: in step with the server; offline:
 * no connection (edits wait, and go when it returns); reconnecting: trying
 * again after losing it; refused: the server will not take this token or
 * these edits (the reason says which).
 */
export type TeamConnection = 'connecting' | 'connected' | 'offline' | 'reconnecting' | 'refused';

export interface TeamPresence {
  analystId: string;
  name: string;
  /** The article they are reading; null when none. */
  articleId: string | null;
}

/** A record a teammate deleted that you had changed, or that your edit kept. */
export interface TeamConflict {
  /** Stable for one conflict: `<collection>/<id>`. */
  key: string;
  collection: string;
  recordId: string;
  /** 'deleted': a teammate deleted it after your edit (yours is kept, to restore); 'kept': your edit came after their deletion, so it stays. */
  kind: 'deleted' | 'kept';
  deletedBy: string[];
  /** What you had, to restore (claims only), when it was deleted. */
  yours: unknown;
  label: string;
}

export interface TeamStatus {
  serverUrl: string;
  team: string;
  casefileId: string;
  /** `<url>/open/<team>/<casefileId>`: what a teammate opens. */
  link: string;
  analystId: string;
  analystName: string;
  role: TeamRole;
  connection: TeamConnection;
  /** My changes the server has not confirmed yet. */
  waiting: number;
  /** Why the server refused (connection or an edit); null when it did not. */
  refusedReason: string | null;
  /** Teammates connected now, and what each is reading. */
  online: TeamPresence[];
  /** Everyone who has written in this casefile (me included), for "Differences with teammates". */
  analysts: { analystId: string; name: string }[];
  conflicts: TeamConflict[];
  /** Things received and left out (a teammate's bad data, a record not yet whole): shown, never silently dropped. */
  problems: string[];
  /**
   * Orders the statuses the Node side gives, in a call's answer or an event:
   * the higher is newer. They reach the window by different ways, in either
   * order, and an answer taken before an event must not undo it.
   */
  sequence: number;
}

export interface TeamCasefileListing {
  team: string;
  casefileId: string;
  title: string;
  role: TeamRole;
}

/** Why a history point was taken (docs/team-sync.md, "History points"). */
export type HistoryPointKind = 'opened' | 'teammates' | 'interval' | 'closed' | 'marked';

/**
 * A point in a shared casefile's history, kept on this computer: a snapshot
 * of the casefile as it was then, and what is known of the time before it.
 */
export interface HistoryPoint {
  id: string;
  /** When it was taken (ISO time). */
  at: string;
  kind: HistoryPointKind;
  /** The analyst's label for a marked point; otherwise what the app says of it ("Opened, in step with the server"). */
  label: string;
  /** Who changed the casefile between the previous point and this one (names), as far as this app saw it. */
  changedBy: string[];
  counts: { articles: number; claims: number; propositions: number };
  /** The snapshot's size on disk (compressed). */
  bytes: number;
}

/** A point whose description cannot be read: listed (so nothing vanishes silently), not comparable. */
export interface UnreadableHistoryPoint {
  id: string;
  problem: string;
}

export interface HistoryPoints {
  /** Oldest first. */
  points: HistoryPoint[];
  unreadable: UnreadableHistoryPoint[];
  /** The retention rule, in words, for the dialog. */
  retention: string;
}

/** One side of a history comparison: a point's id, or "now" (the casefile as it is). */
const pointRef = z.string().regex(/^(now|hp_[A-Za-z0-9_-]{1,80})$/, 'A history point is `now` or a point id.');

const url = z.string().trim().min(1).max(2_000);
const token = z.string().trim().min(1).max(1_000);
const teamName = z.string().trim().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'A team name is lower-case letters, digits and dashes.');
const sessionId = z.string().min(1).max(100);

export const TeamArgs = {
  share: z.object({ sessionId, serverUrl: url, token: token.optional(), team: teamName }).strict(),
  list: z.object({ serverUrl: url.optional(), token: token.optional() }).strict(),
  open: z.object({
    link: z.string().trim().min(1).max(4_000).optional(),
    serverUrl: url.optional(), team: teamName.optional(), casefileId: z.string().min(1).max(100).optional(),
    token: token.optional(), clientId: z.string().min(1).max(100).optional(),
  }).strict(),
  session: z.object({ sessionId }).strict(),
  online: z.object({ sessionId, online: z.boolean() }).strict(),
  reading: z.object({ sessionId, articleId: z.string().min(1).max(100).nullable() }).strict(),
  differences: z.object({ sessionId, analystId: z.string().min(1).max(64), minOverlap: z.number().min(0.01).max(1).optional() }).strict(),
  merge: z.object({
    sessionId, analystId: z.string().min(1).max(64), revision: z.number().int().min(0),
    accept: z.array(z.string().min(1).max(1_000)).max(500_000), minOverlap: z.number().min(0.01).max(1).optional(),
  }).strict(),
  dismiss: z.object({ sessionId, key: z.string().min(1).max(300) }).strict(),
  markPoint: z.object({ sessionId, label: z.string().trim().min(1, 'Give the point a label.').max(200) }).strict(),
  comparePoints: z.object({ sessionId, from: pointRef, to: pointRef, minOverlap: z.number().min(0.01).max(1).optional() }).strict(),
};
