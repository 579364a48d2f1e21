/**
 * How the team server keeps its shared documents (docs/team-sync.md,
 * "Storage"), as a Hocuspocus extension: a document is loaded from its last
 * snapshot and the updates stored since; every update an analyst's
 * connection sends (after TeamSync checked it) is appended to the store as
 * it is, in batches, without encoding the document; and once the log has
 * grown to about the snapshot's size, it is folded into a new snapshot in a
 * worker thread (compaction.ts), so nothing the event loop does grows with
 * the size of the document. Updates that came through Redis were appended by
 * the instance their analyst is connected to.
 *
 * Hocuspocus acknowledges an update as soon as it is applied; here each
 * acknowledgement is held back until the updates received before it are
 * durable, so an edit the analyst's app counts as sent survives a crash.
 */
import { Connection, IncomingMessage, MessageType, type beforeHandleMessagePayload, type Extension, type onLoadDocumentPayload, type onStoreDocumentPayload } from '@hocuspocus/server';
import * as Y from 'yjs';
import { Compactor } from './compaction';
import type { TeamStore } from './store';

/** A log this much larger than nothing is folded once it reaches half the snapshot's size. */
const MIN_COMPACT_BYTES = 4 * 1024 * 1024;
/** … or once it holds this many updates (each costs a little at every load). */
const MAX_LOG_UPDATES = 20_000;

interface Pending {
  updates: Uint8Array[];
  /** Updates queued, and appended (or given up on), since the document was loaded. */
  queued: number;
  written: number;
  /** Acknowledgements waiting for `written` to reach their count. */
  waiting: { upTo: number; resolve: () => void }[];
  /** The append under way, which then writes whatever queued meanwhile. */
  flushing: Promise<void> | null;
  logBytes: number;
  logUpdates: number;
  snapshotBytes: number;
  compacting: Promise<void> | null;
}

export class DocumentPersistence implements Extension {
  readonly extensionName = 'corroborate-documents';
  private readonly documents = new Map<string, Pending>();
  private readonly compactor = new Compactor();
  private readonly holding = new WeakSet<Connection>();
  private closing = false;

  constructor(
    private readonly store: TeamStore,
    private readonly log: (line: string) => void,
  ) {}

  async onLoadDocument({ document, documentName }: onLoadDocumentPayload): Promise<void> {
    await this.documents.get(documentName)?.flushing;
    const stored = await this.store.loadDocument(documentName);
    document.transact(() => {
      if (stored.snapshot) Y.applyUpdate(document, stored.snapshot);
      for (const update of stored.updates) Y.applyUpdate(document, update);
    });
    // Updates an analyst's connection sends (not Redis's, nor these just loaded), queued as Yjs applies
    // them, so before Hocuspocus acknowledges them.
    document.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin instanceof Connection && !this.closing) this.queue(documentName, update);
    });
    const oldForm = oldFormKey(document);
    if (oldForm !== null) {
      const reason = `${documentName} is stored in an old form (the version under ${oldForm.slice(0, 120)} is a Yjs value, not JSON text): not opened`;
      this.log(reason);
      throw new Error(reason);
    }
    const pending = this.pendingOf(documentName);
    pending.snapshotBytes = stored.snapshot?.length ?? 0;
    pending.logBytes = stored.updates.reduce((sum, u) => sum + u.length, 0);
    pending.logUpdates = stored.updates.length;
    this.compactWhenDue(documentName, pending);
  }

  /** Makes the connection hold each acknowledgement until what came before it is durable. */
  async beforeHandleMessage({ connection, documentName }: beforeHandleMessagePayload): Promise<void> {
    if (this.holding.has(connection)) return;
    this.holding.add(connection);
    const send = connection.send.bind(connection);
    let acknowledged: Promise<void> = Promise.resolve();
    connection.send = (message: Uint8Array) => {
      if (!isSyncStatus(message)) return send(message);
      const durable = this.durable(documentName);
      acknowledged = acknowledged.then(() => durable).then(() => send(message));
    };
  }

  private queue(name: string, update: Uint8Array): void {
    const pending = this.pendingOf(name);
    pending.updates.push(update);
    pending.queued += 1;
    pending.flushing ??= this.flush(name, pending);
  }

  /** Resolves once every update queued so far is appended (or could not be, which is logged). */
  private durable(name: string): Promise<void> {
    const pending = this.documents.get(name);
    if (!pending || pending.written >= pending.queued) return Promise.resolve();
    return new Promise((resolve) => pending.waiting.push({ upTo: pending.queued, resolve }));
  }

  /** Hocuspocus unloads a document after this: once every update is appended. */
  async onStoreDocument({ documentName }: onStoreDocumentPayload): Promise<void> {
    await this.documents.get(documentName)?.flushing;
  }

  /** Appends what is queued and stops compacting (an unfinished fold leaves the stored document as it was). */
  async close(): Promise<void> {
    for (const pending of this.documents.values()) await pending.flushing;
    this.closing = true;
    await this.compactor.close();
    for (const pending of this.documents.values()) await pending.compacting;
  }

  private pendingOf(name: string): Pending {
    let pending = this.documents.get(name);
    if (!pending) {
      pending = { updates: [], queued: 0, written: 0, waiting: [], flushing: null, logBytes: 0, logUpdates: 0, snapshotBytes: 0, compacting: null };
      this.documents.set(name, pending);
    }
    return pending;
  }

  private async flush(name: string, pending: Pending): Promise<void> {
    // Let the updates of the messages being handled now join this batch.
    await new Promise((resolve) => setImmediate(resolve));
    try {
      while (pending.updates.length) {
        const batch = pending.updates.splice(0);
        try {
          await this.store.appendUpdates(name, batch);
          pending.logBytes += batch.reduce((sum, u) => sum + u.length, 0);
          pending.logUpdates += batch.length;
        } catch (error) {
          this.log(`could not store ${batch.length} update(s) of ${name}: ${(error as Error).message}`);
        }
        pending.written += batch.length;
        const done = pending.waiting.filter((w) => w.upTo <= pending.written);
        pending.waiting = pending.waiting.filter((w) => w.upTo > pending.written);
        for (const waiter of done) waiter.resolve();
      }
    } finally {
      pending.flushing = null;
    }
    this.compactWhenDue(name, pending);
  }

  private compactWhenDue(name: string, pending: Pending): void {
    if (pending.compacting || this.closing) return;
    const due = pending.logBytes >= Math.max(MIN_COMPACT_BYTES, pending.snapshotBytes / 2) || pending.logUpdates >= MAX_LOG_UPDATES;
    if (!due || pending.logUpdates === 0) return;
    pending.logBytes = 0;
    pending.logUpdates = 0;
    pending.compacting = this.store
      .compactDocument(name, (parts) => this.compactor.fold(parts))
      .then((size) => {
        pending.snapshotBytes = size;
      })
      .catch((error: Error) => {
        if (!this.closing) this.log(`could not compact ${name}: ${error.message}`);
      })
      .finally(() => {
        pending.compacting = null;
      });
  }
}

/** Whether an outgoing message is Hocuspocus's acknowledgement of an update (`SyncStatus`). */
function isSyncStatus(message: Uint8Array): boolean {
  try {
    const incoming = new IncomingMessage(message);
    incoming.readVarString();
    return incoming.readVarUint() === MessageType.SyncStatus;
  } catch {
    return false;
  }
}

/** The key of a version stored as a Yjs value (the form before versions were JSON text), or null. */
function oldFormKey(document: Y.Doc): string | null {
  for (const [key, value] of document.getMap<unknown>('versions').entries()) if (typeof value !== 'string') return key;
  return null;
}
