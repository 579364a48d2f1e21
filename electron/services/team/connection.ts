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

export function connectDocument(opts: { serverUrl: string; name: string; doc: Y.Doc; token: string } & ConnectionEvents): DocumentConnection {
  const { serverUrl, name, doc, token, ...events } = opts;
  const socket = new HocuspocusProviderWebsocket({ url: syncUrl(serverUrl), WebSocketPolyfill: WebSocket, maxDelay: 5_000 });
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
