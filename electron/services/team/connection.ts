/**
 * A Hocuspocus connection to one team document, from Node (the `ws`
 * WebSocket). Each document has its own socket, so going offline and back
 * is one document's affair.
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket, WebSocketStatus, type CompleteHocuspocusProviderConfiguration } from '@hocuspocus/provider';
import WebSocket from 'ws';
import type * as Y from 'yjs';
import { syncUrl } from './server-client';

export type ConnectionEvents = Partial<Pick<CompleteHocuspocusProviderConfiguration,
  'onStatus' | 'onSynced' | 'onAuthenticationFailed' | 'onStateless' | 'onUnsyncedChanges' | 'onAwarenessChange'>>;

export interface DocumentConnection {
  provider: HocuspocusProvider;
  goOnline(): void;
  goOffline(): void;
  close(): void;
}

/**
 * ws emits 'error' when a socket still connecting is closed (going offline,
 * closing the casefile, the provider retrying), after the provider has removed
 * its listeners; with no listener left, that error would be thrown from the
 * event loop. Each socket keeps one listener of its own that ignores it (the
 * provider's listeners still see every error while they are attached).
 */
export class QuietWebSocket extends WebSocket {
  constructor(address: string | URL, protocols?: string | string[]) {
    super(address, protocols);
    this.on('error', () => undefined);
  }
}

export function connectDocument(opts: { serverUrl: string; name: string; doc: Y.Doc; token: string } & ConnectionEvents): DocumentConnection {
  const { serverUrl, name, doc, token, ...events } = opts;
  const socket = new HocuspocusProviderWebsocket({ url: syncUrl(serverUrl), WebSocketPolyfill: QuietWebSocket, maxDelay: 5_000 });
  const provider = new HocuspocusProvider({ websocketProvider: socket, name, document: doc, token, ...events });
  provider.attach();
  forgetSyncWhenSocketReplaced(socket, provider);
  dropSilentSockets(socket);
  let online = true;
  // Going online while the last socket is still closing is ignored by connect(); connect once it has closed.
  // Otherwise the provider retries on its own, with backoff: connecting on every close as well would retry
  // at once on every refusal, a busy loop while the server is away.
  let connectWhenClosed = false;
  socket.on('close', () => {
    if (!connectWhenClosed) return;
    connectWhenClosed = false;
    if (online && socket.status !== WebSocketStatus.Connected) void socket.connect();
  });
  return {
    provider,
    goOnline: () => {
      online = true;
      connectWhenClosed = socket.status === WebSocketStatus.Connected && !socket.shouldConnect;
      void socket.connect();
    },
    goOffline: () => {
      online = false;
      connectWhenClosed = false;
      socket.disconnect();
    },
    close: () => {
      provider.destroy();
      socket.destroy();
    },
  };
}

/**
 * The provider learns that its handshake must be done again only from the
 * socket's close event, and emits `synced` only when that flag turns true.
 * Two paths replace a socket without that event: a retry that outlived its
 * connection (a socket cut right after its upgrade leaves the old retry
 * running beside a new one, and it later replaces the new, synced socket),
 * and the socket provider's own close after a long silence. The next
 * handshake then never said `synced`, and the app stayed at "Reconnecting…"
 * with its changes counted as waiting. So a socket that starts connecting
 * always resets the handshake.
 */
function forgetSyncWhenSocketReplaced(socket: HocuspocusProviderWebsocket, provider: HocuspocusProvider): void {
  socket.on('status', ({ status }: { status: WebSocketStatus }) => {
    if (status === WebSocketStatus.Connecting && provider.isSynced) provider.onClose();
  });
}

/**
 * How long a socket may stay open with nothing at all from the server (the
 * server answers a connection's token at once, before it loads the document)
 * before it is dropped and dialled again.
 */
export const SILENT_SOCKET_MS = 8_000;

/**
 * The provider closes a socket that falls silent only once it has heard from
 * it: a socket that opens and then hears nothing (a half-open line, a relay
 * or server that stalls) would wait for ever, the app at "Reconnecting…".
 * Such a socket is cut, and the provider dials again with its backoff.
 */
function dropSilentSockets(socket: HocuspocusProviderWebsocket): void {
  let timer: NodeJS.Timeout | undefined;
  socket.on('status', ({ status }: { status: WebSocketStatus }) => {
    clearTimeout(timer);
    // Connected is said twice: when the socket opens, and again at its first message.
    if (status !== WebSocketStatus.Connected || socket.lastMessageReceived) return;
    const opened = socket.webSocket;
    timer = setTimeout(() => {
      if (socket.webSocket === opened && !socket.lastMessageReceived) (opened as unknown as WebSocket | null)?.terminate();
    }, SILENT_SOCKET_MS);
    timer.unref();
  });
  socket.on('destroy', () => clearTimeout(timer));
}
