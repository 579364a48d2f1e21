/**
 * A team casefile's local side: the link (server, team, casefile, who I am
 * there) and the shared Y document, kept in a hidden folder beside the
 * casefile (`Drones.corroborate` → `.Drones.corroborate.team/`). Edits made
 * offline are in the document, so they survive a restart and are sent when
 * the connection returns. The token is not kept here (it is the analyst's,
 * in the app's settings).
 */
import { randomBytes } from 'node:crypto';
import { open, readFile, rename, rm, unlink } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import * as Y from 'yjs';
import { ANALYST_ID } from '../../../shared/sync/keys';
import { readPlainFile, recreateAsRealFolder, whatIsAt } from '../casefile/side-folders';

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
  const file = path.join(teamFolderOf(casefilePath), DOCUMENT_FILE);
  if ((await whatIsAt(file)) !== 'file') return false;
  try {
    Y.applyUpdate(doc, new Uint8Array(await readFile(file)), origin);
    return true;
  } catch {
    return false;
  }
}

export async function saveDocument(casefilePath: string, doc: Y.Doc): Promise<void> {
  const folder = teamFolderOf(casefilePath);
  await recreateAsRealFolder(folder);
  await writeAtomically(path.join(folder, DOCUMENT_FILE), Buffer.from(Y.encodeStateAsUpdate(doc)));
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
