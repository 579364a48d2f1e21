/**
 * A simulated analyst for the team-sync load bench: a Y.Doc with its own
 * SharedCasefile, connected to the team server through the Hocuspocus
 * provider over a real WebSocket (ws in Node), as the app's Node side is.
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import type { Patch } from 'immer';
import * as Y from 'yjs';
import { QuietWebSocket } from '../../electron/services/team/connection';
import type { Casefile, Claim } from '../../shared/model/schema';
import { SharedCasefile } from '../../shared/sync/shared-casefile';

export class BenchClient {
  readonly doc = new Y.Doc();
  readonly shared: SharedCasefile;
  private socket: HocuspocusProviderWebsocket | null = null;
  private provider: HocuspocusProvider | null = null;

  constructor(readonly analystId: string, private readonly token: string, private readonly documentName: string, clock: () => number) {
    this.shared = new SharedCasefile(this.doc, { analystId, analystName: analystId.toUpperCase(), deviceId: `${analystId}-bench`, now: clock });
  }

  /** Connects and resolves once the first sync with the server is done. */
  connect(url: string): Promise<void> {
    this.socket = new HocuspocusProviderWebsocket({ url: `${url.replace(/^http/, 'ws')}/sync`, WebSocketPolyfill: QuietWebSocket, messageReconnectTimeout: 600_000 });
    const provider = new HocuspocusProvider({ websocketProvider: this.socket, name: this.documentName, document: this.doc, token: this.token });
    this.provider = provider;
    return new Promise((resolve, reject) => {
      provider.on('synced', () => resolve());
      provider.on('authenticationFailed', ({ reason }: { reason: string }) => reject(new Error(`${this.analystId}: ${reason}`)));
      provider.on('stateless', ({ payload }: { payload: string }) => reject(new Error(`${this.analystId}: ${payload}`)));
      provider.attach();
    });
  }

  /** True once the server has acknowledged every local change. */
  get acknowledged(): boolean {
    return !!this.provider && this.provider.isSynced && !this.provider.hasUnsyncedChanges;
  }

  disconnect(): void {
    this.provider?.destroy();
    this.socket?.destroy();
    this.provider = null;
    this.socket = null;
  }

  /**
   * Writes a new note on a claim as `recordChange` writes a command's patches.
   * The reducer's own cost on the large casefile is the session bench's
   * figure; here only the claim the command touched is handed over.
   */
  setNotes(claim: Claim, notes: string): void {
    const before = { claims: { [claim.id]: claim } } as unknown as Casefile;
    const after = { claims: { [claim.id]: { ...claim, notes } } } as unknown as Casefile;
    const patches: Patch[] = [{ op: 'replace', path: ['claims', claim.id, 'notes'], value: notes }];
    this.shared.recordChange(before, after, patches);
  }

  /** Calls `listener` with the notes of every claim version a teammate's update brings. */
  onRemoteNotes(listener: (notes: string) => void): void {
    this.shared.versions.observe((event, transaction) => {
      if (transaction.local) return;
      for (const key of event.keysChanged) {
        if (!key.startsWith('claims/')) continue;
        // The note only, as the bench read it before versions were text: no check (the follower's catch-up checks).
        const text = this.shared.versions.get(key);
        const notes = text === undefined ? undefined : (JSON.parse(text) as { fields?: { notes?: unknown } }).fields?.notes;
        if (typeof notes === 'string') listener(notes);
      }
    });
  }
}
