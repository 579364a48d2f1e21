import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { API_EVENT_NAMES, type ApiEventName, type ApiEventPayload } from '../../shared/api/contract';
import { ApiError, dispatchApiCall, isExpectedError, systemErrorCode, toErrorBody, type ApiHandlers } from '../../shared/api/dispatch';
import { CONTENT_SECURITY_POLICY } from '../services/csp';
import { contentTypeOf } from '../services/content-types';
import { answerOpensWithFileText, apiAnswerParts } from '../services/casefile/serialise';
import { offerFileBytesFirst, type FileBytesSender } from '../services/casefile/file-bytes-first';
import { ACCEPT_FILE_BYTES_FIRST, CALLS_WITH_FILE_BYTES_FIRST, FILE_BYTES_LENGTH } from '../../shared/api/file-bytes-first';

/** Largest request body: imports arrive base64-encoded inside the JSON. */
export const MAX_BODY_BYTES = 160 * 1024 * 1024;
/** One cookie per instance: cookies are per host, not per port, so two instances in one browser would overwrite each other's. */
export function tokenCookieName(port: number): string {
  return `corroborate_token_${port}`;
}

export interface WebHostOptions {
  staticDir: string;
  handlers: ApiHandlers;
  port?: number;
  token?: string;
  /** A tab's event stream (`/api/events?client=ID`) opened or closed: the host lets a closed tab's casefiles go. */
  onClient?: (clientId: string, connected: boolean) => void;
  /** Where the details of unexpected errors go (the window only gets a plain sentence); stderr by default. */
  log?: (line: string) => void;
}

export interface WebHost {
  url: string;
  port: number;
  token: string;
  emit: <E extends ApiEventName>(event: E, payload: ApiEventPayload<E>) => void;
  close: () => Promise<void>;
}

/**
 * Browser mode: the built UI and the API over HTTP, on 127.0.0.1 only. Every
 * request must carry the per-run token (in the URL the first time, then in a
 * strict same-site cookie, and in a header for API calls) and come with our
 * own Host and Origin, which shuts out other sites and DNS rebinding.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  answerOpensWithFileText();
  const token = options.token ?? randomBytes(24).toString('base64url');
  const eventStreams = new Set<ServerResponse>();
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  let port = 0;

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) return void res.end();
      sendJson(res, statusOf(error), { ok: false, error: errorBody(error, `${req.method ?? ''} ${(req.url ?? '').slice(0, 200)}`) });
    });
  });

  /** The body the window sees; what nobody expected is logged in full first. */
  function errorBody(error: unknown, context: string) {
    if (!isExpectedError(error)) log(`Unexpected error (${context}): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return toErrorBody(error);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = parseRequestUrl(req.url, port);
    if (!url) return sendJson(res, 400, { ok: false, error: { code: 'bad-address', message: 'The address is malformed.' } });
    if (!hostAllowed(req, port) || !originAllowed(req, port)) return deny(res, 'Foreign Host or Origin.');
    const queryToken = url.searchParams.get('token');
    const cookie = tokenCookieName(port);
    const presented = queryToken ?? req.headers['x-corroborate-token'] ?? readCookie(req, cookie);
    if (typeof presented !== 'string' || !sameSecret(presented, token)) {
      return url.pathname.startsWith('/api/') ? deny(res, SESSION_ENDED) : sendSessionEndedPage(res);
    }
    if (queryToken) res.setHeader('Set-Cookie', `${cookie}=${token}; HttpOnly; SameSite=Strict; Path=/`);

    if (url.pathname === '/api/events' && req.method === 'GET') return openEventStream(res, url.searchParams.get('client'));
    if (url.pathname.startsWith('/api/')) return apiCall(req, res, url.pathname.slice(5));
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { ok: false, error: { code: 'method', message: 'Method not allowed' } });
    return serveStatic(res, url.pathname);
  }

  async function apiCall(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    if (req.method !== 'POST') return sendJson(res, 405, { ok: false, error: { code: 'method', message: 'API calls are POST' } });
    // Cross-site forms cannot set this header, so it doubles as CSRF protection; checked by value, whatever else came along.
    const header = req.headers['x-corroborate-token'];
    if (typeof header !== 'string' || !sameSecret(header, token)) return deny(res, SESSION_ENDED);
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req));
    } catch (error) {
      const refusal = error instanceof ApiError ? error : new ApiError('bad-json', 'The request body is not JSON.');
      return sendJson(res, statusOf(refusal), { ok: false, error: refusal.toBody() });
    }
    const fileBytesFirst = CALLS_WITH_FILE_BYTES_FIRST.includes(name) && req.headers[ACCEPT_FILE_BYTES_FIRST.toLowerCase()] === '1';
    let sentFirst: Uint8Array | undefined;
    const sendFirst: FileBytesSender = {
      start(bytes) {
        sentFirst = bytes;
        res.writeHead(200, { 'Content-Type': 'application/octet-stream', [FILE_BYTES_LENGTH]: String(bytes.byteLength), 'Cache-Control': 'no-store', ...securityHeaders() });
      },
      write(chunk) {
        res.write(chunk);
      },
      // Parsing blocks the event loop, which would stall the transfer: the bytes go out first.
      sent: async () => {
        if (res.writableNeedDrain && !res.destroyed) await drainedOrClosed(res);
      },
    };
    const dispatch = () => dispatchApiCall(options.handlers, name, body);
    try {
      const result = await (fileBytesFirst ? offerFileBytesFirst(sendFirst, dispatch) : dispatch());
      if (sentFirst) endWithParts(res, apiAnswerParts(result, sentFirst));
      else sendJsonParts(res, 200, apiAnswerParts(result));
    } catch (error) {
      const answer = { ok: false, error: errorBody(error, `API call ${name}`) };
      // Once the file's bytes went out, the status is sent: the verdict that ends the answer carries the refusal.
      if (sentFirst) endWithParts(res, [JSON.stringify(answer)]);
      else sendJson(res, statusOf(error), answer);
    }
  }

  function openEventStream(res: ServerResponse, client: string | null): void {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    // A dropped stream reconnects after a second, well inside the time a gone tab's casefiles are kept.
    res.write(': connected\nretry: 1000\n\n');
    eventStreams.add(res);
    const clientId = client && /^[\w-]{1,100}$/.test(client) ? client : null;
    if (clientId) options.onClient?.(clientId, true);
    res.on('close', () => {
      eventStreams.delete(res);
      if (clientId) options.onClient?.(clientId, false);
    });
  }

  async function serveStatic(res: ServerResponse, pathname: string): Promise<void> {
    const root = path.resolve(options.staticDir);
    let relative: string;
    try {
      relative = decodeURIComponent(pathname === '/' ? '/index.html' : pathname);
    } catch {
      return sendJson(res, 400, { ok: false, error: { code: 'bad-address', message: 'The address is malformed.' } });
    }
    const file = path.resolve(root, `.${relative}`);
    if (relative.includes('\0') || !file.startsWith(root + path.sep)) return deny(res, 'Path outside the app.');
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) return sendJson(res, 404, { ok: false, error: { code: 'not-found', message: 'Not found' } });
    res.writeHead(200, {
      'Content-Type': contentTypeOf(file),
      'Content-Length': info.size,
      'Cache-Control': 'no-store',
      ...securityHeaders(),
    });
    createReadStream(file).pipe(res);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    emit(event, payload) {
      if (!API_EVENT_NAMES.includes(event)) return;
      const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
      for (const stream of eventStreams) stream.write(frame);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const stream of eventStreams) stream.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** What a refused token means for the analyst, and the way back. */
export const SESSION_ENDED = "This window's session has ended (the server was restarted, or this address belongs to another instance). Open the address printed by `npm run web` again.";

function parseRequestUrl(raw: string | undefined, port: number): URL | null {
  try {
    return new URL(raw ?? '/', `http://127.0.0.1:${port}`);
  } catch {
    return null;
  }
}

/** Expected refusals are 4xx; only what nobody expected is a 500. */
function statusOf(error: unknown): number {
  if (error instanceof ApiError) {
    if (error.code === 'unknown-call' || error.code === 'invalid-arguments' || error.code === 'bad-json') return 400;
    if (error.code === 'not-found' || error.code === 'no-session') return 404;
    if (error.code === 'too-large') return 413;
    return 422;
  }
  if (systemErrorCode(error) === 'ENOENT') return 404;
  return isExpectedError(error) ? 422 : 500;
}

function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}

function hostAllowed(req: IncomingMessage, port: number): boolean {
  const host = req.headers.host;
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

function originAllowed(req: IncomingMessage, port: number): boolean {
  const origin = req.headers.origin;
  return origin === undefined || origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}

function sameSecret(presented: string, token: string): boolean {
  const a = Buffer.from(presented);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function readCookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

function deny(res: ServerResponse, reason: string): void {
  sendJson(res, 403, { ok: false, error: { code: 'forbidden', message: reason } });
}

/** A refused page load: the message and the way back, as a page a browser shows (not JSON, not a blank window). */
function sendSessionEndedPage(res: ServerResponse): void {
  const text = SESSION_ENDED.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/`([^`]*)`/g, '<code>$1</code>');
  res.writeHead(403, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', ...securityHeaders() });
  res.end(`<!doctype html><html lang="en"><meta charset="utf-8"><title>Corroborate: session ended</title><h1>Session ended</h1><p>${text}</p></html>`);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  sendJsonParts(res, status, [JSON.stringify(body)]);
}

/** JSON text written in parts: a casefile file's bytes among them go out without being joined into one string first. */
function sendJsonParts(res: ServerResponse, status: number, parts: (string | Uint8Array)[]): void {
  const length = parts.reduce((sum, part) => sum + (typeof part === 'string' ? Buffer.byteLength(part) : part.byteLength), 0);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': length, 'Cache-Control': 'no-store', ...securityHeaders() });
  endWithParts(res, parts);
}

/** Writes the parts in order and ends the answer (its headers are sent already or with the first part). */
function endWithParts(res: ServerResponse, parts: (string | Uint8Array)[]): void {
  for (const part of parts.slice(0, -1)) res.write(part);
  res.end(parts.at(-1));
}

/** Resolves when what was written has gone to the socket, or the window went away (no drain would come then). */
function drainedOrClosed(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/**
 * The request body as text. An oversized body is read to its end without
 * being kept, so that the client gets the 413 answer instead of a reset
 * connection; one far beyond the limit is cut off.
 */
function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = Number(req.headers['content-length']) > MAX_BODY_BYTES;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
      else if (size > 4 * MAX_BODY_BYTES) req.destroy();
    });
    req.on('end', () => {
      if (!tooLarge) return resolve(Buffer.concat(chunks).toString('utf8'));
      reject(new ApiError('too-large', `The request is larger than the limit of ${MAX_BODY_BYTES / 2 ** 20} MB, so it was not read. Import fewer or smaller files at a time.`));
    });
    req.on('error', reject);
  });
}
