/**
 * The embedded server's shared documents, as files (docs/team-sync.md,
 * "Storage"): each document has a folder `<dataDir>/documents/<sha256 of its
 * name>/` holding a snapshot `snapshot.<n>` (the whole state, written to a
 * temporary file and renamed into place) and update logs `log.<m>`, to which
 * every incoming update is appended as it is (a frame: length, CRC-32, bytes)
 * and synced. A snapshot `snapshot.<n>` holds everything in the logs before
 * `log.<n>`; the document is the newest snapshot and the logs from its
 * number on, in order.
 *
 * A crash (SIGKILL, power loss) can leave a log's last frame torn: reading
 * stops at the first frame whose length or checksum does not hold, and the
 * next append goes to a new log, never after a torn tail. Compaction starts a
 * new log for the appends that follow, folds the snapshot and the earlier
 * logs in a worker thread, writes the new snapshot and only then removes what
 * it replaces; cut at any point, the files still hold the whole document.
 */
import { createHash } from 'node:crypto';
import { mkdir, open, readdir, readFile, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { frames, readFrames } from '../update-frames';
import { syncFolder, writeFileDurably } from './durable-file';
import type { DocumentToSend, StoredDocument } from './store';

export const DOCUMENTS_FOLDER = 'documents';

const SNAPSHOT = /^snapshot\.(\d+)$/;
const LOG = /^log\.(\d+)$/;

interface DocumentState {
  folder: string;
  /** The newest snapshot's number (0: none yet). */
  snapshot: number;
  /** The log appends go to. */
  log: number;
  handle: FileHandle | null;
  /** Appends and log switches, one after another. */
  queue: Promise<unknown>;
  /** A compaction under way: loading waits for it. */
  compacting: Promise<number> | null;
}

export class DocumentFiles {
  private readonly documents = new Map<string, DocumentState>();

  constructor(
    private readonly dir: string,
    private readonly log: (line: string) => void = () => undefined,
  ) {}

  async load(name: string): Promise<StoredDocument> {
    const state = this.stateOf(name);
    await state.compacting;
    return this.serially(state, async () => {
      await state.handle?.close();
      state.handle = null;
      await mkdir(state.folder, { recursive: true });
      const { snapshots, logs, temporary } = await listing(state.folder);
      const newest = snapshots.at(-1) ?? 0;
      const snapshot = newest ? new Uint8Array(await readFile(path.join(state.folder, `snapshot.${newest}`))) : null;
      const updates: Uint8Array[] = [];
      for (const n of logs.filter((m) => m >= newest)) {
        const read = readFrames(await readFile(path.join(state.folder, `log.${n}`)));
        updates.push(...read.frames);
        if (read.torn) this.log(`${name}: log ${n} ends in a torn write (${read.torn} bytes), left out`);
      }
      // Left by a compaction cut short: replaced by the newest snapshot, or never finished.
      for (const n of snapshots.filter((m) => m < newest)) await rm(path.join(state.folder, `snapshot.${n}`), { force: true });
      for (const n of logs.filter((m) => m < newest)) await rm(path.join(state.folder, `log.${n}`), { force: true });
      for (const file of temporary) await rm(path.join(state.folder, file), { force: true });
      state.snapshot = newest;
      // Never append after a tail that may be torn: a new log.
      state.log = Math.max(newest, ...logs) + 1;
      return { snapshot, updates };
    });
  }

  /**
   * The document as stored, read only (nothing is cleaned up or reopened, so
   * it may be read while the document is loaded and appended to): the newest
   * snapshot, opened to be streamed (an open file stays readable if a
   * compaction removes it), and the whole frames of the logs after it. A
   * compaction that removes a log while it is read makes it read again, once
   * it is done. The caller closes the snapshot's file.
   */
  async read(name: string): Promise<DocumentToSend> {
    const state = this.stateOf(name);
    for (let attempt = 1; ; attempt++) {
      // A compaction removes files only once the snapshot replacing them is written: no need to wait for it, unless a file went.
      if (attempt > 1) await state.compacting?.catch(() => undefined);
      let file: FileHandle | null = null;
      try {
        const { snapshots, logs } = await listing(state.folder);
        const newest = snapshots.at(-1) ?? 0;
        file = newest ? await open(path.join(state.folder, `snapshot.${newest}`), 'r') : null;
        const snapshot = file ? { file, size: (await file.stat()).size } : null;
        const updates: Uint8Array[] = [];
        for (const n of logs.filter((m) => m >= newest)) updates.push(...readFrames(await readFile(path.join(state.folder, `log.${n}`))).frames);
        return { snapshot, updates };
      } catch (error) {
        await file?.close();
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || attempt >= 5) throw error;
      }
    }
  }

  /** Appends the updates to the document's log; resolves once they are synced to disk. */
  append(name: string, updates: readonly Uint8Array[]): Promise<void> {
    const state = this.stateOf(name);
    return this.serially(state, async () => {
      if (!state.handle) {
        await mkdir(state.folder, { recursive: true });
        state.handle = await open(path.join(state.folder, `log.${state.log}`), 'a', 0o600);
        await syncFolder(state.folder);
      }
      await state.handle.write(frames(updates));
      await state.handle.datasync();
    });
  }

  /** Folds the snapshot and the logs so far into a new snapshot with `fold` (appends go on meanwhile); resolves with its size. */
  compact(name: string, fold: (parts: Uint8Array[]) => Promise<Uint8Array>): Promise<number> {
    const state = this.stateOf(name);
    if (state.compacting) return state.compacting;
    const run = (async () => {
      const { from, upTo } = await this.serially(state, async () => {
        await state.handle?.close();
        state.handle = null;
        const range = { from: state.snapshot, upTo: state.log };
        state.log += 1;
        return range;
      });
      const { snapshots, logs } = await listing(state.folder);
      const parts: Uint8Array[] = [];
      if (snapshots.includes(from)) parts.push(new Uint8Array(await readFile(path.join(state.folder, `snapshot.${from}`))));
      for (const n of logs.filter((m) => m >= from && m <= upTo)) parts.push(...readFrames(await readFile(path.join(state.folder, `log.${n}`))).frames);
      const folded = await fold(parts);
      await writeFileDurably(path.join(state.folder, `snapshot.${upTo + 1}`), folded);
      state.snapshot = upTo + 1;
      for (const n of snapshots.filter((m) => m <= upTo)) await rm(path.join(state.folder, `snapshot.${n}`), { force: true });
      for (const n of logs.filter((m) => m <= upTo)) await rm(path.join(state.folder, `log.${n}`), { force: true });
      return folded.length;
    })();
    state.compacting = run.finally(() => {
      state.compacting = null;
    });
    return state.compacting;
  }

  async close(): Promise<void> {
    for (const state of this.documents.values()) {
      await state.compacting?.catch(() => undefined);
      await this.serially(state, async () => {
        await state.handle?.close();
        state.handle = null;
      }).catch(() => undefined);
    }
  }

  private stateOf(name: string): DocumentState {
    let state = this.documents.get(name);
    if (!state) {
      const folder = path.join(this.dir, createHash('sha256').update(name).digest('hex'));
      state = { folder, snapshot: 0, log: 1, handle: null, queue: Promise.resolve(), compacting: null };
      this.documents.set(name, state);
    }
    return state;
  }

  private serially<T>(state: DocumentState, task: () => Promise<T>): Promise<T> {
    const run = state.queue.then(task);
    state.queue = run.catch(() => undefined);
    return run;
  }
}

async function listing(folder: string): Promise<{ snapshots: number[]; logs: number[]; temporary: string[] }> {
  const names = await readdir(folder).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw error;
  });
  const numbers = (pattern: RegExp) => names.map((n) => pattern.exec(n)).filter((m) => m !== null).map((m) => Number(m[1])).sort((a, b) => a - b);
  return { snapshots: numbers(SNAPSHOT), logs: numbers(LOG), temporary: names.filter((n) => n.startsWith('.') && n.endsWith('.tmp')) };
}
