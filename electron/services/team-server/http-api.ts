/**
 * The team server's HTTP API (docs/team-sync.md, "HTTP"): the admin's calls
 * to set up teams, analysts, tokens and roles, and the analysts' calls to
 * publish and share casefiles and keep article texts. Every body is read
 * with a size limit and checked with zod; every call needs a bearer token.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createHash } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { RecordId } from '../../../shared/model/schema';
import { ANALYST_ID } from '../../../shared/sync/keys';
import { FRAME_HEADER, frameHeader, frameHeaderOfFile } from '../update-frames';
import { documentName, TEAM_ID, TEAM_ROLES } from './names';
import type { TeamStore } from './store';
import { documentAccess } from './sync';
import { hashToken, newToken, readAdminTokenHash, sameHash } from './tokens';

/** Largest JSON body accepted. */
export const MAX_JSON_BYTES = 64 * 1024;
/** Largest article text accepted by the text store. */
export const MAX_TEXT_BYTES = 20 * 1024 * 1024;
/** Most texts asked for in one batch read. */
export const MAX_BATCH_TEXTS = 500;
/** A batch read answers with texts up to about this many bytes; the rest are listed in `more`, to be asked for again. */
export const MAX_BATCH_BYTES = 32 * 1024 * 1024;

const TeamId = z.string().regex(TEAM_ID, 'a team id is lowercase letters, digits and "-" (at most 64)');
const AnalystId = z.string().regex(ANALYST_ID, 'an analyst id is lowercase letters, digits and "-" (at most 64)');
const Name = z.string().trim().min(1).max(200);
const Role = z.enum(TEAM_ROLES);

const NewTeam = z.strictObject({ id: TeamId, name: Name });
const NewAnalyst = z.strictObject({ id: AnalystId, name: Name, team: TeamId });
const AnalystRef = z.strictObject({ analyst: AnalystId });
const AdminRole = z.strictObject({ team: TeamId, casefileId: RecordId, analyst: AnalystId, role: Role });
const NewCasefile = z.strictObject({ team: TeamId, casefileId: RecordId, title: z.string().max(20_000) });
const Share = z.strictObject({ analyst: AnalystId, role: Role });
const TextBatch = z.strictObject({ hashes: z.array(z.string().regex(/^[0-9a-f]{64}$/, 'a text is named by its SHA-256, 64 lowercase hex digits')).min(1).max(MAX_BATCH_TEXTS) });

const SHA256 = /^[0-9a-f]{64}$/;

export interface ApiDeps {
  store: TeamStore;
  dataDir: string;
  log: (line: string) => void;
  /** After a revocation or a role change: open connections follow it. */
  accessChanged: () => Promise<void>;
}

class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

type Reply = { status: number; body?: unknown };

export function createApiHandler(deps: ApiDeps): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    route(deps, request, response).catch((error: unknown) => {
      if (!(error instanceof HttpError)) deps.log(`error in ${request.method} ${request.url}: ${error instanceof Error ? error.message : String(error)}`);
      // Failed while sending (a streamed document, the reader gone): the answer is cut, which its length shows.
      if (response.headersSent) return void response.destroy();
      const status = error instanceof HttpError ? error.status : 500;
      sendJson(response, { status, body: { error: error instanceof HttpError ? error.message : 'internal error' } });
    });
  };
}

async function route(deps: ApiDeps, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://server');
  const method = request.method ?? 'GET';
  const parts = url.pathname.split('/').filter(Boolean);
  if (parts[0] === 'health' && parts.length === 1) return sendJson(response, { status: 200, body: { ok: true } });
  if (parts[0] === 'open' && parts.length === 3 && method === 'GET') return sendLinkPage(response);
  if (parts[0] === 'admin') return sendJson(response, await adminRoute(deps, request, method, parts.slice(1)));
  if (parts[0] === 'api' && parts[1] === 'texts' && parts[2] === 'batch' && parts.length === 3) return sendJson(response, await textBatchRoute(deps, request, method));
  if (parts[0] === 'api' && parts[1] === 'texts' && parts.length === 3) return textRoute(deps, request, response, method, parts[2]!);
  if (parts[0] === 'api' && parts[1] === 'documents' && parts.length === 4) return documentRoute(deps, request, response, method, parts[2]!, parts[3]!);
  if (parts[0] === 'api') return sendJson(response, await analystRoute(deps, request, method, parts.slice(1)));
  throw new HttpError(404, 'no such address');
}

async function adminRoute(deps: ApiDeps, request: IncomingMessage, method: string, path: string[]): Promise<Reply> {
  await requireAdmin(deps.dataDir, request);
  const { store, log } = deps;
  const call = `${method} ${path.join('/')}`;
  if (call === 'GET list') return { status: 200, body: await store.list() };
  if (method !== 'POST') throw new HttpError(404, 'no such admin call');
  if (call === 'POST teams') {
    const team = await readJson(request, NewTeam);
    if (!(await store.addTeam(team.id, team.name))) throw new HttpError(409, `team ${team.id} exists already`);
    log(`admin: added team ${team.id}`);
    return { status: 201, body: { id: team.id } };
  }
  if (call === 'POST analysts') {
    const analyst = await readJson(request, NewAnalyst);
    if (!(await store.teamExists(analyst.team))) throw new HttpError(404, `no team ${analyst.team}`);
    await store.addAnalyst(analyst.id, analyst.name, analyst.team);
    log(`admin: added analyst ${analyst.id} to team ${analyst.team}`);
    return { status: 201, body: { token: await issueToken(store, analyst.id) } };
  }
  if (call === 'POST tokens') {
    const { analyst } = await readJson(request, AnalystRef);
    if (!(await store.analyst(analyst))) throw new HttpError(404, `no analyst ${analyst}`);
    log(`admin: new token for ${analyst}`);
    return { status: 201, body: { token: await issueToken(store, analyst) } };
  }
  if (call === 'POST revoke') {
    const { analyst } = await readJson(request, AnalystRef);
    if (!(await store.analyst(analyst))) throw new HttpError(404, `no analyst ${analyst}`);
    const revoked = await store.revokeTokens(analyst);
    log(`admin: revoked ${revoked} token(s) of ${analyst}`);
    await deps.accessChanged();
    return { status: 200, body: { revoked } };
  }
  if (call === 'POST roles') {
    const grant = await readJson(request, AdminRole);
    await setRole(deps, grant.team, grant.casefileId, grant.analyst, grant.role);
    log(`admin: ${grant.analyst} is ${grant.role} of ${grant.team}/${grant.casefileId}`);
    return { status: 200, body: { ok: true } };
  }
  throw new HttpError(404, 'no such admin call');
}

async function analystRoute(deps: ApiDeps, request: IncomingMessage, method: string, path: string[]): Promise<Reply> {
  const { store } = deps;
  const analystId = await requireAnalyst(store, request);
  const call = `${method} ${path.join('/')}`;
  if (call === 'GET me') {
    const analyst = (await store.analyst(analystId))!;
    return { status: 200, body: { analystId, name: analyst.name, teams: analyst.teams } };
  }
  if (call === 'GET casefiles') return { status: 200, body: await store.casefilesOf(analystId) };
  if (call === 'POST casefiles') {
    const casefile = await readJson(request, NewCasefile);
    if (!(await store.isMember(analystId, casefile.team))) throw new HttpError(403, `you are not in team ${casefile.team}`);
    if (!(await store.addCasefile(casefile.team, casefile.casefileId, casefile.title))) throw new HttpError(409, `${casefile.team}/${casefile.casefileId} is published already`);
    await store.setRole(casefile.team, casefile.casefileId, analystId, 'owner');
    deps.log(`${analystId} published ${casefile.team}/${casefile.casefileId}`);
    return { status: 201, body: { team: casefile.team, casefileId: casefile.casefileId, title: casefile.title, role: 'owner' } };
  }
  if (method === 'POST' && path.length === 4 && path[0] === 'casefiles' && path[3] === 'roles') {
    const [team, casefileId] = [path[1]!, path[2]!];
    if ((await store.roleOf(team, casefileId, analystId)) !== 'owner') throw new HttpError(403, 'only an owner of the casefile shares it');
    const share = await readJson(request, Share);
    await setRole(deps, team, casefileId, share.analyst, share.role);
    deps.log(`${analystId} made ${share.analyst} ${share.role} of ${team}/${casefileId}`);
    return { status: 200, body: { ok: true } };
  }
  throw new HttpError(404, 'no such call');
}

async function setRole(deps: ApiDeps, team: string, casefileId: string, analyst: string, role: z.infer<typeof Role>): Promise<void> {
  if (!(await deps.store.casefileExists(team, casefileId))) throw new HttpError(404, `no casefile ${team}/${casefileId}: publish it first`);
  if (!(await deps.store.isMember(analyst, team))) throw new HttpError(404, `${analyst} is not in team ${team}`);
  await deps.store.setRole(team, casefileId, analyst, role);
  await deps.accessChanged();
}

async function textRoute(deps: ApiDeps, request: IncomingMessage, response: ServerResponse, method: string, hash: string): Promise<void> {
  await requireAnalyst(deps.store, request);
  if (!SHA256.test(hash)) throw new HttpError(400, 'a text is named by its SHA-256, 64 lowercase hex digits');
  if (method === 'GET') {
    const body = await deps.store.getText(hash);
    if (!body) throw new HttpError(404, 'no such text');
    response.writeHead(200, { ...SAFE_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': body.byteLength });
    response.end(body);
    return;
  }
  if (method !== 'PUT') throw new HttpError(405, 'texts are read with GET and stored with PUT');
  const body = await readBody(request, MAX_TEXT_BYTES);
  if (createHash('sha256').update(body).digest('hex') !== hash) throw new HttpError(400, 'the text does not hash to its name');
  await deps.store.putText(hash, body);
  sendJson(response, { status: 201, body: { hash } });
}

/**
 * Many texts at once (a new analyst opening a casefile fetches them all):
 * `{hashes}` (at most MAX_BATCH_TEXTS) → `{texts: {hash: text}, missing, more}`.
 * Texts beyond MAX_BATCH_BYTES in all are listed in `more`, to be asked for again.
 */
async function textBatchRoute(deps: ApiDeps, request: IncomingMessage, method: string): Promise<Reply> {
  await requireAnalyst(deps.store, request);
  if (method !== 'POST') throw new HttpError(405, 'a batch of texts is read with POST {hashes}');
  const { hashes } = await readJson(request, TextBatch);
  const unique = [...new Set(hashes)];
  const bodies = new Array<Uint8Array | null>(unique.length);
  // A few reads at a time: the file store reads on libuv's thread pool.
  await inParallel(unique.length, 16, async (i) => {
    bodies[i] = await deps.store.getText(unique[i]!);
  });
  const texts: Record<string, string> = {};
  const missing: string[] = [];
  const more: string[] = [];
  let size = 0;
  unique.forEach((hash, i) => {
    const body = bodies[i];
    if (!body) return void missing.push(hash);
    if (size > 0 && size + body.byteLength > MAX_BATCH_BYTES) return void more.push(hash);
    size += body.byteLength;
    texts[hash] = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  });
  return { status: 200, body: { texts, missing, more } };
}

/**
 * A shared document as the server stores it (its snapshot and the updates
 * logged since, as frames: length, CRC-32, bytes), for a new analyst's app
 * to apply before it connects; the sync connection then only exchanges
 * what is newer. Who may read it is exactly who may open the document's
 * sync connection (documentAccess): a valid token, in the team, any role.
 */
async function documentRoute(deps: ApiDeps, request: IncomingMessage, response: ServerResponse, method: string, team: string, casefileId: string): Promise<void> {
  if (method !== 'GET') throw new HttpError(405, 'a document is read with GET');
  const name = documentName(team, casefileId);
  const access = await documentAccess(deps.store, bearer(request) ?? undefined, name);
  if (access === 'invalid-token') throw new HttpError(401, 'a valid analyst token is needed');
  if (access === 'not a team casefile name') throw new HttpError(404, 'no such casefile');
  if (typeof access === 'string') {
    deps.log(`refused to send ${name.slice(0, 200)}: ${access}`);
    throw new HttpError(403, access);
  }
  const stored = await deps.store.readDocument(name);
  const snapshot = stored.snapshot;
  try {
    const snapshotHeader = snapshot === null ? null : 'file' in snapshot ? await frameHeaderOfFile(snapshot.file, snapshot.size) : frameHeader(snapshot);
    const snapshotSize = snapshot === null ? 0 : 'file' in snapshot ? snapshot.size : snapshot.byteLength;
    const length = (snapshotHeader ? FRAME_HEADER + snapshotSize : 0) + stored.updates.reduce((sum, update) => sum + FRAME_HEADER + update.byteLength, 0);
    response.writeHead(200, { ...SAFE_HEADERS, 'Content-Type': 'application/octet-stream', 'Content-Length': length });
    // Frame by frame: the snapshot, tens of megabytes, streamed from its file (or written as read), never copied.
    if (snapshot !== null && snapshotHeader) {
      response.write(snapshotHeader);
      if ('file' in snapshot) await pipeline(snapshot.file.createReadStream({ start: 0, end: snapshot.size - 1, autoClose: false, highWaterMark: 1 << 20 }), response, { end: false });
      else response.write(snapshot);
    }
    for (const update of stored.updates) {
      response.write(frameHeader(update));
      response.write(update);
    }
    response.end();
  } finally {
    if (snapshot !== null && 'file' in snapshot) await snapshot.file.close();
  }
}

async function inParallel(count: number, width: number, task: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(width, count) }, worker));
}

async function issueToken(store: TeamStore, analyst: string): Promise<string> {
  const token = newToken();
  await store.addToken(analyst, hashToken(token));
  return token;
}

function bearer(request: IncomingMessage): string | null {
  const header = request.headers.authorization ?? '';
  const match = /^Bearer ([A-Za-z0-9_-]{1,200})$/.exec(header);
  return match ? match[1]! : null;
}

async function requireAdmin(dataDir: string, request: IncomingMessage): Promise<void> {
  const token = bearer(request);
  const hash = await readAdminTokenHash(dataDir);
  if (!token || !hash || !sameHash(hashToken(token), hash)) throw new HttpError(401, 'an admin token is needed');
}

async function requireAnalyst(store: TeamStore, request: IncomingMessage): Promise<string> {
  const token = bearer(request);
  const analystId = token ? await store.analystOfToken(hashToken(token)) : null;
  if (!analystId) throw new HttpError(401, 'a valid analyst token is needed');
  return analystId;
}

/** The request body, refused with 413 beyond `limit` bytes. */
function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > limit) {
    request.resume();
    return Promise.reject(new HttpError(413, `the body is larger than ${limit} bytes`));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      // Stop keeping it; the 413 reply closes the connection.
      request.off('data', onData);
      request.resume();
      reject(new HttpError(413, `the body is larger than ${limit} bytes`));
    };
    request.on('data', onData);
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

async function readJson<T>(request: IncomingMessage, schema: z.ZodType<T>): Promise<T> {
  const text = (await readBody(request, MAX_JSON_BYTES)).toString('utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new HttpError(400, 'the body is not JSON');
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HttpError(400, `bad request: ${issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'invalid'}`);
  }
  return parsed.data;
}

const SAFE_HEADERS = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };

function sendJson(response: ServerResponse, reply: Reply): void {
  const body = JSON.stringify(reply.body ?? {});
  const close = reply.status === 413 ? { Connection: 'close' } : {};
  response.writeHead(reply.status, { ...SAFE_HEADERS, ...close, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
  response.end(body);
}

function sendLinkPage(response: ServerResponse): void {
  const body = 'This is a link to a team casefile. Open it in Corroborate: File > Open from team server, and paste the link.\n';
  response.writeHead(200, { ...SAFE_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
  response.end(body);
}
