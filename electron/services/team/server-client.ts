/**
 * The team server's HTTP API as the app uses it (docs/team-sync.md, "The team
 * server and its clients"): who the token is, the casefiles shared with the
 * analyst, publishing a casefile, and the article text store. Every answer is
 * checked before use; the server is trusted with nothing.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { ApiError } from '../../../shared/api/dispatch';
import { ANALYST_ID } from '../../../shared/sync/keys';

/** Longest article text accepted from the text store (the import's own limit is 2,000,000 characters). */
const MAX_TEXT_BYTES = 16_000_000;
/** How long one HTTP call may take before it counts as offline. */
const REQUEST_TIMEOUT_MS = 15_000;

const TeamId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/);
const Role = z.enum(['owner', 'editor', 'reviewer']);

const Me = z.object({
  analystId: z.string().regex(ANALYST_ID),
  name: z.string().min(1).max(200),
  teams: z.array(z.union([TeamId, z.object({ id: TeamId }).passthrough().transform((t) => t.id)])).max(1_000),
});
export type TeamMe = z.infer<typeof Me>;

const Listing = z.object({ team: TeamId, casefileId: z.string().min(1).max(100), title: z.string().max(2_000), role: Role });
export type TeamCasefileListing = z.infer<typeof Listing>;
export type TeamRole = z.infer<typeof Role>;

export class TeamServerClient {
  readonly url: string;

  constructor(url: string, private readonly token: string) {
    this.url = serverUrl(url);
  }

  async me(): Promise<TeamMe> {
    return Me.parse(await this.json('GET', '/api/me'));
  }

  async casefiles(): Promise<TeamCasefileListing[]> {
    return z.array(Listing).max(100_000).parse(await this.json('GET', '/api/casefiles'));
  }

  async publish(team: string, casefileId: string, title: string): Promise<void> {
    await this.json('POST', '/api/casefiles', { team, casefileId, title });
  }

  async putText(hash: string, text: string): Promise<void> {
    await this.request('PUT', `/api/texts/${hash}`, text, 'text/plain; charset=utf-8');
  }

  /** An article text by its hash; refused unless it hashes to that name. */
  async getText(hash: string): Promise<string> {
    const response = await this.request('GET', `/api/texts/${hash}`);
    const declared = Number(response.headers.get('content-length') ?? 0);
    if (declared > MAX_TEXT_BYTES) throw new ApiError('team-bad-answer', `The team server sent a text of ${declared} bytes; texts are at most ${MAX_TEXT_BYTES}.`);
    const bytes = Buffer.from(await response.arrayBuffer());
    if (bytes.length > MAX_TEXT_BYTES) throw new ApiError('team-bad-answer', 'The team server sent a text larger than any article.');
    if (createHash('sha256').update(bytes).digest('hex') !== hash) throw new ApiError('team-bad-answer', `The team server sent a text that does not match its hash ${hash.slice(0, 12)}…`);
    return bytes.toString('utf8');
  }

  private async json(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await this.request(method, path, body === undefined ? undefined : JSON.stringify(body), 'application/json');
    try {
      return await response.json();
    } catch {
      throw new ApiError('team-bad-answer', `The team server's answer to ${path} is not JSON.`);
    }
  }

  private async request(method: string, path: string, body?: string, contentType?: string): Promise<Response> {
    let response: Response;
    try {
      response = await fetch(`${this.url}${path}`, {
        method,
        body,
        headers: { Authorization: `Bearer ${this.token}`, ...(contentType && body !== undefined ? { 'Content-Type': contentType } : {}) },
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        redirect: 'error',
      });
    } catch (error) {
      throw new ApiError('team-offline', `The team server at ${this.url} cannot be reached (${error instanceof Error ? error.message : String(error)}).`);
    }
    if (response.ok) return response;
    throw new ApiError(response.status === 401 || response.status === 403 ? 'team-refused' : 'team-error', await refusal(response));
  }
}

async function refusal(response: Response): Promise<string> {
  const text = (await response.text().catch(() => '')).slice(0, 300);
  let reason = text;
  try {
    const parsed = JSON.parse(text) as { error?: unknown; message?: unknown };
    reason = String(parsed.error ?? parsed.message ?? text);
  } catch {
    // a plain-text reason
  }
  if (response.status === 401) return `The team server does not accept this token${reason ? ` (${reason})` : ''}.`;
  if (response.status === 403) return `The team server refused: ${reason || 'no permission'}.`;
  return `The team server answered ${response.status}${reason ? `: ${reason}` : ''}.`;
}

/** A team server's address, without a trailing slash; http(s) only. */
export function serverUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    throw new ApiError('bad-url', `"${url}" is not a server address.`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new ApiError('bad-url', 'A team server address starts with http:// or https://.');
  return `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`;
}

/** The WebSocket address of the server's Hocuspocus endpoint. */
export function syncUrl(url: string): string {
  return `${serverUrl(url).replace(/^http/, 'ws')}/sync`;
}

export interface TeamCasefileAddress {
  serverUrl: string;
  team: string;
  casefileId: string;
}

/** A link to a team casefile: `<url>/open/<team>/<casefileId>`. */
export function teamLink(address: TeamCasefileAddress): string {
  return `${serverUrl(address.serverUrl)}/open/${encodeURIComponent(address.team)}/${encodeURIComponent(address.casefileId)}`;
}

export function parseTeamLink(link: string): TeamCasefileAddress {
  const match = /^(.*)\/open\/([^/]+)\/([^/?#]+)\/?$/.exec(link.trim());
  if (!match) throw new ApiError('bad-link', 'A team casefile link ends in /open/<team>/<casefile>.');
  const team = decodeURIComponent(match[2]!);
  const casefileId = decodeURIComponent(match[3]!);
  if (!TeamId.safeParse(team).success) throw new ApiError('bad-link', `"${team}" is not a team name.`);
  return { serverUrl: serverUrl(match[1]!), team, casefileId };
}
