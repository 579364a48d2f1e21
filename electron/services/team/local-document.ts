/**
 * A team casefile's local side: the link (server, team, casefile, who I am
 * there) and the shared Y document, kept in a hidden folder beside the
 * casefile (`Drones.corroborate` → `.Drones.corroborate.team/`). Edits made
 * offline are in the document, so they survive a restart and are sent when
 * the connection returns. The token is not kept here (it is the analyst's,
 * in the app's settings).
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { open, readFile, rename, rm, truncate, unlink } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import * as Y from 'yjs';
import { ANALYST_ID } from '../../../shared/sync/keys';
import { readPlainFile, recreateAsRealFolder, whatIsAt } from '../casefile/side-folders';
import { frames, readFrames } from '../update-frames';

export const LinkRecord = z.object({
  serverUrl: z.string().url().max(2_000),
  team: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/),
  casefileId: z.string().min(1).max(100),
  analystId: z.string().regex(ANALYST_ID),
  analystName: z.string().min(1).max(200),
  /** This device: part of every stamp it makes. */
  deviceId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  role: z.enum(['owner', 'editor', 'reviewer']).default('editor'),
}).strict();
export type LinkRecord = z.infer<typeof LinkRecord>;

const LINK_FILE = 'link.json';
const DOCUMENT_FILE = 'document.yjs';
/** How many of my changes the server had not acknowledged, for the connection state after a restart. */
const WAITING_FILE = 'waiting.json';
const MAX_WAITING = 1_000_000;
/** Updates since `document.yjs` was written, appended as they come (frames: length, CRC-32, bytes). */
const LOG_FILE = 'document.log';
/** The log is folded into a new `document.yjs` once it exceeds half of it, and at least this. */
const LOG_MIN_BYTES = 4 * 2 ** 20;
/** Appending never follows a symbolic link put in the log's place (O_NOFOLLOW where the system has it). */
const APPEND_FLAGS = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | (constants.O_NOFOLLOW ?? 0);

/** `Drones.corroborate` keeps its team link in `.Drones.corroborate.team/`. */
export function teamFolderOf(casefilePath: string): string {
  return path.join(path.dirname(casefilePath), `.${path.basename(casefilePath)}.team`);
}

export function newDeviceId(): string {
  return randomBytes(9).toString('base64url');
}

/** The link of a casefile, or null when it is not linked to a team (or the link is unreadable). */
export async function readLink(casefilePath: string): Promise<LinkRecord | null> {
  const folder = teamFolderOf(casefilePath);
  if ((await whatIsAt(folder)) !== 'folder') return null;
  try {
    const parsed = LinkRecord.safeParse(JSON.parse(await readPlainFile(path.join(folder, LINK_FILE))));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export async function writeLink(casefilePath: string, link: LinkRecord): Promise<void> {
  const folder = teamFolderOf(casefilePath);
  await recreateAsRealFolder(folder);
  await writeAtomically(path.join(folder, LINK_FILE), Buffer.from(JSON.stringify(link, null, 2)));
}

/** Loads the stored document into `doc`; false when there is none (or it cannot be read). */
export async function loadDocument(casefilePath: string, doc: Y.Doc, origin: unknown): Promise<boolean> {
  return new DocumentFile(doc).load(casefilePath, origin);
}

/** Writes the whole document beside the casefile (`document.yjs`; an update log there is folded in and removed). */
export async function saveDocument(casefilePath: string, doc: Y.Doc): Promise<void> {
  await new DocumentFile(doc).snapshot(casefilePath);
}

/**
 * The shared document kept beside a casefile while it is open: the whole
 * document in `document.yjs`, and each update since appended to
 * `document.log` as it comes (`add`, then `write`), so that keeping the copy
 * on disk costs what an update costs, not an encoding of the whole document
 * (seconds for a large casefile) after every teammate's edit. Once the log
 * exceeds half of `document.yjs` (at least 4 MB), or the casefile moved, the
 * next write is the whole document again and the log is removed.
 *
 * A write torn by a crash leaves a log whose last frame is cut or fails its
 * checksum: reading stops there and the log is cut back to its whole frames
 * before anything is appended. Updates are idempotent, so a log left beside a
 * newer `document.yjs` (a crash between writing it and removing the log)
 * changes nothing when it is read again.
 */
export class DocumentFile {
  private pending: Uint8Array[] = [];
  /** The team folder holding the `document.yjs` the log follows; null until one is read or written here. */
  private folder: string | null = null;
  private snapshotBytes = 0;
  private logBytes = 0;

  constructor(
    private readonly doc: Y.Doc,
    private readonly logMinBytes = LOG_MIN_BYTES,
  ) {}

  /** Reads `document.yjs` and the log after it into the document; false when there is none (or it cannot be read). */
  async load(casefilePath: string, origin: unknown): Promise<boolean> {
    const folder = teamFolderOf(casefilePath);
    const file = path.join(folder, DOCUMENT_FILE);
    const logFile = path.join(folder, LOG_FILE);
    if ((await whatIsAt(file)) !== 'file') return false;
    let snapshot: Uint8Array;
    try {
      // The file's own buffer (a Buffer is a Uint8Array), not a copy: tens of megabytes for a large casefile.
      snapshot = await readFile(file);
      Y.applyUpdate(this.doc, snapshot, origin);
    } catch {
      return false;
    }
    let logBytes = 0;
    if ((await whatIsAt(logFile)) === 'file') {
      try {
        const log = await readFile(logFile);
        const read = readFrames(log);
        this.doc.transact(() => {
          for (const update of read.frames) Y.applyUpdate(this.doc, update, origin);
        }, origin);
        logBytes = log.length - read.torn;
        if (read.torn) await truncate(logFile, logBytes);
      } catch {
        // A log that cannot be read or applied: the next write is the whole document (which removes it).
        return true;
      }
    }
    this.folder = folder;
    this.snapshotBytes = snapshot.length;
    this.logBytes = logBytes;
    return true;
  }

  /** An update of the document, written with the next `write`. */
  add(update: Uint8Array): void {
    this.pending.push(update);
  }

  /** Appends the updates added since the last write to the log (or writes the whole document, see the class). */
  async write(casefilePath: string): Promise<void> {
    if (this.pending.length === 0) return;
    const folder = teamFolderOf(casefilePath);
    const size = this.pending.reduce((sum, update) => sum + update.length, 0);
    if (this.folder !== folder || this.logBytes + size > Math.max(this.logMinBytes, this.snapshotBytes / 2)) return this.snapshot(casefilePath);
    const bytes = frames(this.pending);
    this.pending = [];
    try {
      const handle = await open(path.join(folder, LOG_FILE), APPEND_FLAGS, 0o644);
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      this.logBytes += bytes.length;
    } catch (error) {
      // What the log holds is no longer known: the next write is the whole document.
      this.folder = null;
      throw error;
    }
  }

  /** Writes the whole document as `document.yjs` and removes the log it replaces. */
  async snapshot(casefilePath: string): Promise<void> {
    const folder = teamFolderOf(casefilePath);
    this.pending = [];
    this.folder = null;
    const bytes = Y.encodeStateAsUpdate(this.doc);
    await recreateAsRealFolder(folder);
    await writeAtomically(path.join(folder, DOCUMENT_FILE), Buffer.from(bytes));
    await rm(path.join(folder, LOG_FILE), { force: true });
    this.folder = folder;
    this.snapshotBytes = bytes.length;
    this.logBytes = 0;
  }
}

/** The count of changes waiting last written beside the document; 0 when there is none or it cannot be read. */
export async function readWaiting(casefilePath: string): Promise<number> {
  try {
    const { waiting } = JSON.parse(await readPlainFile(path.join(teamFolderOf(casefilePath), WAITING_FILE))) as { waiting?: unknown };
    return Number.isSafeInteger(waiting) && (waiting as number) >= 0 ? Math.min(waiting as number, MAX_WAITING) : 0;
  } catch {
    return 0;
  }
}

export async function writeWaiting(casefilePath: string, waiting: number): Promise<void> {
  const folder = teamFolderOf(casefilePath);
  await recreateAsRealFolder(folder);
  await writeAtomically(path.join(folder, WAITING_FILE), Buffer.from(JSON.stringify({ waiting })));
}

/**
 * What says the casefile's file was saved in step with the shared document
 * (written on closing, when nothing was waiting to be caught up or held
 * back): the file's SHA-256 and the document's snapshot (state vector and
 * deletions). When both still match on opening, catching up on every record
 * would change nothing, and is skipped. It is taken (read and removed) on
 * opening, so it never outlives the next session.
 */
const IN_STEP_FILE = 'in-step.json';
const InStepRecord = z.object({ casefileSha256: z.string().regex(/^[0-9a-f]{64}$/), document: z.string().max(10_000_000) }).strict();

export async function writeInStep(casefilePath: string, casefileSha256: string, doc: Y.Doc): Promise<void> {
  const document = Buffer.from(Y.encodeSnapshot(Y.snapshot(doc))).toString('base64');
  const folder = teamFolderOf(casefilePath);
  await recreateAsRealFolder(folder);
  await writeAtomically(path.join(folder, IN_STEP_FILE), Buffer.from(JSON.stringify({ casefileSha256, document })));
}

/** Whether the casefile's file (by its SHA-256) and `doc` are as they were when saved in step; the record is removed either way. */
export async function takeInStep(casefilePath: string, casefileSha256: string | null, doc: Y.Doc): Promise<boolean> {
  const file = path.join(teamFolderOf(casefilePath), IN_STEP_FILE);
  if ((await whatIsAt(file)) !== 'file') return false;
  try {
    const parsed = InStepRecord.safeParse(JSON.parse(await readPlainFile(file)));
    if (!parsed.success || parsed.data.casefileSha256 !== casefileSha256) return false;
    return Buffer.from(Y.encodeSnapshot(Y.snapshot(doc))).equals(Buffer.from(parsed.data.document, 'base64'));
  } catch {
    return false;
  } finally {
    await rm(file, { force: true });
  }
}

/** Removes the link (leaving the team): the casefile stays a normal local casefile. */
export async function removeTeamFolder(casefilePath: string): Promise<void> {
  const folder = teamFolderOf(casefilePath);
  if ((await whatIsAt(folder)) === 'link') await unlink(folder);
  else await rm(folder, { recursive: true, force: true });
}

/** Writes a file of the team folder whole or not at all (temp file, fsync, rename). */
export async function writeAtomically(target: string, bytes: Buffer): Promise<void> {
  const temp = `${target}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(temp, 'wx');
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, target).catch(async (error: unknown) => {
    await unlink(temp).catch(() => undefined);
    throw error;
  });
}
