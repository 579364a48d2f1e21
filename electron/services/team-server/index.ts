/**
 * The team server (docs/team-sync.md, "The team server and its clients"):
 * one process serving the HTTP API and the Hocuspocus WebSocket (`/sync`)
 * on one port. Storage is SQLite in the data folder, or PostgreSQL; with
 * Redis, several instances share documents. No `electron` import.
 */
import { mkdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { Redis } from '@hocuspocus/extension-redis';
import { Hocuspocus, type Extension } from '@hocuspocus/server';
import { WebSocketServer } from 'ws';
import { DocumentPersistence } from './document-persistence';
import { createApiHandler } from './http-api';
import { openPostgresEngine } from './postgres-engine';
import { openSqliteEngine } from './sqlite-engine';
import { TeamStore } from './store';
import { TeamSync } from './sync';
import { adminTokenOnFirstStart } from './tokens';

export interface TeamServerOptions {
  /** Server state: the SQLite file, the text store, the admin token's hash. */
  dataDir: string;
  /** Default 0: any free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** PostgreSQL connection URL: documents, analysts, tokens and texts there instead. */
  postgres?: string;
  /** Redis URL: several instances share documents through it. */
  redis?: string;
  /** Refusals and admin actions, a line each. */
  log?: (line: string) => void;
}

export interface TeamServer {
  url: string;
  port: number;
  /** Set on the first start of a data folder only (afterwards only its hash is kept). */
  adminToken: string | null;
  close(): Promise<void>;
}

/** Largest WebSocket message: a whole large casefile published at once fits. */
const MAX_MESSAGE_BYTES = 256 * 1024 * 1024;
/** How often open connections are checked against revocations and role changes made elsewhere. */
const RECHECK_MS = 5_000;

export async function startTeamServer(options: TeamServerOptions): Promise<TeamServer> {
  const log = options.log ?? (() => undefined);
  await mkdir(options.dataDir, { recursive: true });
  const adminToken = await adminTokenOnFirstStart(options.dataDir);
  const store = new TeamStore(options.postgres ? await openPostgresEngine(options.postgres) : await openSqliteEngine(options.dataDir, log));
  const documents = new DocumentPersistence(store, log);
  const sync = new TeamSync(store, log);
  const extensions: Extension[] = [sync, documents];
  if (options.redis) extensions.push(new Redis(redisConfiguration(options.redis)));
  const hocuspocus = new Hocuspocus({ name: 'corroborate-team-server', quiet: true, debounce: 500, maxDebounce: 3_000, extensions });

  const accessChanged = () => sync.recheckConnections();
  const http = createServer(createApiHandler({ store, dataDir: options.dataDir, log, accessChanged }));
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  http.on('upgrade', (request, socket: Duplex, head: Buffer) => {
    if (new URL(request.url ?? '/', 'http://server').pathname !== '/sync') return void socket.destroy();
    sockets.handleUpgrade(request, socket, head, (ws) => hocuspocus.handleConnection(ws, request));
  });
  const host = options.host ?? '127.0.0.1';
  const port = await listen(http, options.port ?? 0, host);
  const recheck = setInterval(() => void accessChanged().catch((error: Error) => log(`recheck failed: ${error.message}`)), RECHECK_MS);
  recheck.unref();

  return {
    url: `http://${urlHost(host)}:${port}`,
    port,
    adminToken,
    async close() {
      clearInterval(recheck);
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await documentsUnloaded(hocuspocus, UNLOAD_WAIT_MS);
      await documents.close();
      await hocuspocus.hooks('onDestroy', { instance: hocuspocus });
      await store.close();
    },
  };
}

/** How long a shutdown waits for Hocuspocus to store and unload the documents of closed connections. */
const UNLOAD_WAIT_MS = 3_000;

/** Waits until Hocuspocus has stored and let go of every document (Redis unsubscribed), or `ms` passed. */
async function documentsUnloaded(hocuspocus: Hocuspocus, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while ((hocuspocus.documents.size > 0 || hocuspocus.unloadingDocuments.size > 0) && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function redisConfiguration(url: string): ConstructorParameters<typeof Redis>[0] {
  const parsed = new URL(url);
  const db = Number(parsed.pathname.slice(1) || 0);
  return {
    host: parsed.hostname || '127.0.0.1',
    port: Number(parsed.port || 6379),
    options: {
      ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
      ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
      ...(Number.isInteger(db) ? { db } : {}),
      ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
    },
  };
}

function listen(http: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http.once('error', reject);
    http.listen(port, host, () => {
      http.off('error', reject);
      const address = http.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}
