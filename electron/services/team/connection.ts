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
class QuietWebSocket extends WebSocket {
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
  let online = true;
  // Going online while the last socket is still closing: connect once it has closed (connect() ignores a socket still open).
  socket.on('close', () => {
    if (online && socket.status !== WebSocketStatus.Connected) void socket.connect();
  });
  return {
    provider,
    goOnline: () => {
      online = true;
      void socket.connect();
    },
    goOffline: () => {
      online = false;
      socket.disconnect();
    },
    close: () => {
      provider.destroy();
      socket.destroy();
    },
  };
}
