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
 */
import type { Extension, onChangePayload, onLoadDocumentPayload, onStoreDocumentPayload } from '@hocuspocus/server';
import * as Y from 'yjs';
import { Compactor } from './compaction';
import type { TeamStore } from './store';

/** The origin Hocuspocus's Redis extension gives the updates it applies. */
const REDIS_ORIGIN = '__hocuspocus__redis__origin__';
/** A log this much larger than nothing is folded once it reaches half the snapshot's size. */
const MIN_COMPACT_BYTES = 4 * 1024 * 1024;
/** … or once it holds this many updates (each costs a little at every load). */
const MAX_LOG_UPDATES = 20_000;

interface Pending {
  updates: Uint8Array[];
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

  onChange({ documentName, update, transactionOrigin }: onChangePayload): Promise<void> {
    // Updates applied while loading, or relayed by Redis, are stored already.
    if (!transactionOrigin || transactionOrigin === REDIS_ORIGIN || this.closing) return Promise.resolve();
    const pending = this.pendingOf(documentName);
    pending.updates.push(update);
    pending.flushing ??= this.flush(documentName, pending);
    return Promise.resolve();
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
      pending = { updates: [], flushing: null, logBytes: 0, logUpdates: 0, snapshotBytes: 0, compacting: null };
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
        } catch (error) {
          this.log(`could not store ${batch.length} update(s) of ${name}: ${(error as Error).message}`);
          continue;
        }
        pending.logBytes += batch.reduce((sum, u) => sum + u.length, 0);
        pending.logUpdates += batch.length;
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

/** The key of a version stored as a Yjs value (the form before versions were JSON text), or null. */
function oldFormKey(document: Y.Doc): string | null {
  for (const [key, value] of document.getMap<unknown>('versions').entries()) if (typeof value !== 'string') return key;
  return null;
}
