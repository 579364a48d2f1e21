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
}

export interface TeamCasefileListing {
  team: string;
  casefileId: string;
  title: string;
  role: TeamRole;
}

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
};
