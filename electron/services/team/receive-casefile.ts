/**
 * Opening a shared casefile this computer has no copy of yet
 * (docs/team-sync.md, "Opening a shared casefile"): the document as the
 * server stores it (one HTTP read of its snapshot and log, so the server
 * does not encode the whole document for this connection), then the first
 * sync, which only brings what is newer, then the article texts in batches,
 * fetched while every other record is materialised, then the articles: each
 * record materialised once. Everything received is checked as
 * anything from the server is: versions when they are read, records when
 * they are materialised, texts against their hashes. The app's *Open from
 * team server* and the team bench both run this.
 */
import * as Y from 'yjs';
import { ApiError } from '../../../shared/api/dispatch';
import type { Casefile } from '../../../shared/model/schema';
import type { CatchUp, SharedCasefile } from '../../../shared/sync/shared-casefile';
import { connectDocument, type DocumentConnection } from './connection';
import type { TeamServerClient } from './server-client';

/** How long opening a team casefile waits for the server's copy. */
export const FIRST_SYNC_TIMEOUT_MS = 30_000;

export interface ReceivedCasefile {
  /** The casefile materialised from the document on `base` (its patches turn `base` into it). */
  caught: CatchUp;
  /** The article texts fetched, by hash (each checked against it). */
  texts: Map<string, string>;
  /**
   * Milliseconds spent receiving the document (stored copy and first sync),
   * waiting for the texts after the other records were materialised (they
   * are fetched meanwhile), and materialising.
   */
  phases: { receive: number; texts: number; materialise: number };
}

export interface ReceiveOptions {
  client: TeamServerClient;
  token: string;
  team: string;
  casefileId: string;
  /** Over an empty Y.Doc, which receives the document. */
  shared: SharedCasefile;
  /** What the casefile is built on: an empty casefile with the team casefile's id. */
  base: Casefile;
  timeoutMs?: number;
}

export async function receiveCasefile(options: ReceiveOptions): Promise<ReceivedCasefile> {
  const { client, shared } = options;
  const t0 = performance.now();
  await receiveDocument(options);
  const received = performance.now();
  if (shared.allRefs().length === 0) throw new ApiError('team-bad-answer', `The team server has no casefile ${options.team}/${options.casefileId} yet (nothing was published there).`);
  // The texts are asked for first; while the server reads them, every record but the articles is materialised.
  let sent = () => undefined as void;
  const requested = new Promise<void>((resolve) => (sent = resolve));
  const fetching = client.getTexts(textHashesIn(shared), { sent });
  await Promise.race([requested, fetching.then(() => undefined, () => undefined)]);
  const refs = shared.allRefs();
  const others = shared.catchUp(options.base, { refs: refs.filter((ref) => ref.collection !== 'articles'), auditChanged: true }, () => undefined);
  const othersDone = performance.now();
  // Texts that could not be had now leave their articles waiting (listed); the link fetches them later.
  const texts = await fetching.catch(() => new Map<string, string>());
  const fetched = performance.now();
  const articles = shared.catchUp(others.state, { refs: refs.filter((ref) => ref.collection === 'articles'), auditChanged: false }, (hash) => texts.get(hash));
  const done = performance.now();
  const caught: CatchUp = {
    state: articles.state,
    patches: [...others.patches, ...articles.patches],
    problems: [...new Set([...others.problems, ...articles.problems])],
    missingTexts: articles.missingTexts,
    conflicts: [...others.conflicts, ...articles.conflicts],
  };
  return { caught, texts, phases: { receive: received - t0, texts: fetched - othersDone, materialise: othersDone - received + (done - fetched) } };
}

/** The stored document applied to `shared.doc`, then the first sync with the server (which brings the rest). */
async function receiveDocument(options: ReceiveOptions): Promise<void> {
  const { client, shared } = options;
  const stored = await client.storedDocument(options.team, options.casefileId).catch((error: unknown) => {
    // Refused or offline: the sync connection would be too, and says so. A bad answer: the sync brings everything.
    if (error instanceof ApiError && error.code !== 'team-bad-answer') throw error;
    return null;
  });
  if (stored?.length) {
    try {
      shared.doc.transact(() => {
        for (const update of stored) Y.applyUpdate(shared.doc, update);
      });
    } catch {
      // Not a readable update: what was applied is checked like anything else, and the sync brings the rest.
    }
  }
  await firstSync(options);
}

/** Connects once, until the document is in step with the server's; an error says why not. */
function firstSync(options: ReceiveOptions): Promise<void> {
  const timeoutMs = options.timeoutMs ?? FIRST_SYNC_TIMEOUT_MS;
  return new Promise<void>((resolve, reject) => {
    let connection: DocumentConnection | null = null;
    const finish = (error: ApiError | null) => {
      clearTimeout(timer);
      connection?.close();
      if (error) reject(error);
      else resolve();
    };
    const timer = setTimeout(() => finish(new ApiError('team-offline', `The team server at ${options.client.url} did not send the casefile within ${timeoutMs / 1000} s.`)), timeoutMs);
    connection = connectDocument({
      serverUrl: options.client.url, name: `${options.team}/${options.casefileId}`, doc: options.shared.doc, token: options.token,
      onSynced: () => finish(null),
      onAuthenticationFailed: ({ reason }) => finish(new ApiError('team-refused', `The team server refused: ${reason || 'no access to this casefile'}.`)),
    });
  });
}

/** The text hashes the document's article versions name (each version read and checked). */
function textHashesIn(shared: SharedCasefile): string[] {
  const hashes = new Set<string>();
  for (const ref of shared.allRefs()) {
    if (ref.collection !== 'articles') continue;
    for (const { version } of shared.versionsOf(ref)) {
      const hash = version.fields.textHash;
      if (typeof hash === 'string') hashes.add(hash);
    }
  }
  return [...hashes];
}
