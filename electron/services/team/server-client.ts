/**
 * The team server's HTTP API as the app uses it (docs/team-sync.md, "The team
 * server and its clients"): who the token is, the casefiles shared with the
 * analyst, publishing a casefile, and the article text store. Every answer is
 * checked before use; the server is trusted with nothing.
 */
import { createHash } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { z } from 'zod';
import { ApiError } from '../../../shared/api/dispatch';
import { ANALYST_ID } from '../../../shared/sync/keys';
import { readFrames } from '../update-frames';

/** Longest article text accepted from the text store (the import's own limit is 2,000,000 characters). */
const MAX_TEXT_BYTES = 16_000_000;
/** How long one HTTP call may take before it counts as offline. */
const REQUEST_TIMEOUT_MS = 15_000;
/** How long reading a whole stored document may take (a large casefile is tens of megabytes). */
const DOCUMENT_TIMEOUT_MS = 120_000;
/** Largest stored document accepted (the server takes WebSocket messages up to 256 MB). */
const MAX_DOCUMENT_BYTES = 1024 * 1024 * 1024;
/** Texts asked for in one batch (the server's limit is 500), and batches under way at once. */
const TEXT_BATCH = 500;
const TEXT_BATCHES_AT_ONCE = 4;
/** Largest answer to a batch of texts taken (the server answers about 32 MB of texts, escaped as JSON). */
const MAX_BATCH_ANSWER_BYTES = 256 * 1024 * 1024;

const TeamId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/);
const Role = z.enum(['owner', 'editor', 'reviewer']);

const Me = z.object({
  analystId: z.string().regex(ANALYST_ID),
  name: z.string().min(1).max(200),
  teams: z.array(z.union([TeamId, z.object({ id: TeamId }).passthrough().transform((t) => t.id)])).max(1_000),
});
export type TeamMe = z.infer<typeof Me>;

const TextBatch = z.object({
  texts: z.record(z.string().regex(/^[0-9a-f]{64}$/), z.string()),
  missing: z.array(z.string()).max(TEXT_BATCH),
  more: z.array(z.string().regex(/^[0-9a-f]{64}$/)).max(TEXT_BATCH),
});

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

  /**
   * Article texts by hash, in batches (`POST /api/texts/batch`, up to four
   * under way at once): each text is kept only when it hashes to its name
   * and is no larger than any article; texts the server lacks are left out.
   * `sent` is called once the first requests are on their way (the caller
   * may then work while the server reads the texts). A server without the
   * batch route (400: `batch` is not a hash) is asked text by text.
   */
  async getTexts(hashes: readonly string[], options: { sent?: () => void } = {}): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    let queue = [...new Set(hashes)];
    let sent = options.sent;
    while (queue.length) {
      const batches: string[][] = [];
      for (let i = 0; i < queue.length; i += TEXT_BATCH) batches.push(queue.slice(i, i + TEXT_BATCH));
      queue = [];
      let next = 0;
      let waiting = Math.min(TEXT_BATCHES_AT_ONCE, batches.length);
      const onSent = () => {
        if (--waiting === 0) sent?.();
      };
      const worker = async () => {
        while (next < batches.length) {
          const batch = batches[next++]!;
          const answer = await this.textBatch(batch, onSent);
          if (answer === null) {
            sent?.();
            for (const hash of batch) {
              const text = await this.getText(hash).catch(() => undefined);
              if (text !== undefined) out.set(hash, text);
            }
            continue;
          }
          const asked = new Set(batch);
          for (const [hash, text] of Object.entries(answer.texts)) {
            if (!asked.has(hash) || Buffer.byteLength(text) > MAX_TEXT_BYTES) continue;
            if (createHash('sha256').update(text, 'utf8').digest('hex') === hash) out.set(hash, text);
          }
          // Asked again only when the server made progress on this batch (never a loop).
          if (Object.keys(answer.texts).length) queue.push(...answer.more.filter((hash) => asked.has(hash) && !out.has(hash)));
        }
      };
      await Promise.all(Array.from({ length: Math.min(TEXT_BATCHES_AT_ONCE, batches.length) }, worker));
      sent = undefined;
    }
    options.sent?.();
    return out;
  }

  private async textBatch(hashes: string[], sent?: () => void): Promise<z.infer<typeof TextBatch> | null> {
    const body = JSON.stringify({ hashes });
    const bytes = await this.requestBytes('POST', '/api/texts/batch', { body, limit: MAX_BATCH_ANSWER_BYTES, timeoutMs: DOCUMENT_TIMEOUT_MS, oldServer: true, sent });
    if (bytes === null) return null;
    let answer: unknown;
    try {
      answer = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
    } catch {
      throw new ApiError('team-bad-answer', 'The team server\'s answer to a batch of texts is not JSON.');
    }
    const parsed = TextBatch.safeParse(answer);
    if (!parsed.success) throw new ApiError('team-bad-answer', 'The team server\'s answer to a batch of texts is not one.');
    return parsed.data;
  }

  /**
   * The shared document as the server stores it (snapshot and logged
   * updates, in order), to apply before connecting so that the first sync
   * only brings what is newer; null from a server without the route.
   * The updates are as untrusted as anything the sync brings: every version
   * in them is checked when it is read.
   */
  async storedDocument(team: string, casefileId: string): Promise<Uint8Array[] | null> {
    const path = `/api/documents/${encodeURIComponent(team)}/${encodeURIComponent(casefileId)}`;
    const bytes = await this.requestBytes('GET', path, { limit: MAX_DOCUMENT_BYTES, timeoutMs: DOCUMENT_TIMEOUT_MS });
    if (bytes === null) return null;
    const read = readFrames(bytes);
    if (read.torn) throw new ApiError('team-bad-answer', 'The team server sent a document that is cut short or damaged.');
    return read.frames;
  }

  /**
   * A large body (a stored document, a batch of texts) with node:http(s)
   * into one buffer of the declared length (or gathered, when chunked), at
   * most `limit` bytes: about twice as fast as fetch's
   * arrayBuffer for tens of megabytes. Null on 404 (and, with
   * `oldServer`, 400 and 405: a server without the route); no redirects.
   * `sent` is called once the request has been handed to the system.
   */
  private requestBytes(method: string, path: string, options: { body?: string; limit: number; timeoutMs: number; oldServer?: boolean; sent?: () => void }): Promise<Uint8Array | null> {
    const url = new URL(`${this.url}${path}`);
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const { limit, timeoutMs } = options;
    return new Promise<Uint8Array | null>((resolve, reject) => {
      const offline = (error: Error) => reject(new ApiError('team-offline', `The team server at ${this.url} cannot be reached (${error.message}).`));
      const body = options.body === undefined ? undefined : Buffer.from(options.body, 'utf8');
      const headers: Record<string, string | number> = { Authorization: `Bearer ${this.token}` };
      if (body) Object.assign(headers, { 'Content-Type': 'application/json', 'Content-Length': body.length });
      const request = send(url, { method, headers, timeout: timeoutMs }, (response) => {
        const status = response.statusCode ?? 0;
        if (status < 200 || status >= 300) {
          const chunks: Buffer[] = [];
          let size = 0;
          response.on('data', (chunk: Buffer) => {
            if ((size += chunk.length) <= 4_096) chunks.push(chunk);
          });
          response.on('end', () => {
            if (status === 404 || (options.oldServer && (status === 400 || status === 405))) return resolve(null);
            const text = Buffer.concat(chunks).toString('utf8');
            reject(new ApiError(status === 401 || status === 403 ? 'team-refused' : 'team-error', refusalText(status, text)));
          });
          return;
        }
        const tooLarge = () => new ApiError('team-bad-answer', `The team server's answer to ${path.slice(0, 80)} is larger than ${limit} bytes.`);
        const length = response.headers['content-length'];
        response.on('error', offline);
        if (length === undefined) {
          // Chunked (a reverse proxy may send it so): gathered up to the limit.
          const chunks: Buffer[] = [];
          let size = 0;
          response.on('data', (chunk: Buffer) => {
            if ((size += chunk.length) > limit) {
              response.destroy();
              return reject(tooLarge());
            }
            chunks.push(chunk);
          });
          response.on('end', () => resolve(Buffer.concat(chunks, size)));
          return;
        }
        const declared = Number(length);
        if (!Number.isSafeInteger(declared) || declared < 0 || declared > limit) {
          response.destroy();
          return reject(tooLarge());
        }
        const out = Buffer.allocUnsafe(declared);
        let at = 0;
        response.on('data', (chunk: Buffer) => {
          if (at + chunk.length > declared) {
            response.destroy();
            return reject(new ApiError('team-bad-answer', 'The team server sent more than it declared.'));
          }
          chunk.copy(out, at);
          at += chunk.length;
        });
        response.on('end', () => (at === declared ? resolve(out) : reject(new ApiError('team-bad-answer', 'The team server\'s answer was cut short.'))));
      });
      request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
      request.on('error', offline);
      request.end(body, () => options.sent?.());
    });
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
  return refusalText(response.status, await response.text().catch(() => ''));
}

function refusalText(status: number, body: string): string {
  const text = body.slice(0, 300);
  let reason = text;
  try {
    const parsed = JSON.parse(text) as { error?: unknown; message?: unknown };
    reason = String(parsed.error ?? parsed.message ?? text);
  } catch {
    // a plain-text reason
  }
  if (status === 401) return `The team server does not accept this token${reason ? ` (${reason})` : ''}.`;
  if (status === 403) return `The team server refused: ${reason || 'no permission'}.`;
  return `The team server answered ${status}${reason ? `: ${reason}` : ''}.`;
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
