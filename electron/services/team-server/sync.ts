/**
 * The WebSocket side of the team server, as a Hocuspocus extension: who may
 * open a document (a valid token and a role on the casefile), and the check
 * of every incoming update before Hocuspocus applies it (`updateProblem`).
 *
 * Hocuspocus 3.4 does not wait for `beforeSync`, so the check runs in
 * `beforeHandleMessage`, whose promise it does wait for. Each connection's
 * messages are checked one after another, and a check starts only once the
 * message before it has been applied: an update may build on the previous one.
 */
import { IncomingMessage, MessageType, type beforeHandleMessagePayload, type Connection, type Extension, type Hocuspocus, type onAuthenticatePayload } from '@hocuspocus/server';
import type * as Y from 'yjs';
import { updateProblem } from '../../../shared/sync/check-update';
import { parseDocumentName, type TeamRole } from './names';
import type { TeamStore } from './store';
import { hashToken } from './tokens';

/** What a connection carries once authenticated (Hocuspocus's `context`). */
export interface SyncContext {
  analystId: string;
  role: TeamRole;
  tokenHash: string;
}

const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

/** How a refusal reaches Hocuspocus: it closes the connection with this reason. */
class Refusal extends Error {
  readonly code = 4403;
  constructor(readonly reason: string) {
    // No message: Hocuspocus logs hook errors that have one, and refusals are logged here.
    super('');
  }
}

export class TeamSync implements Extension {
  readonly extensionName = 'corroborate-team-sync';
  /** Runs before the persistence and Redis extensions see anything. */
  readonly priority = 2000;
  private instance: Hocuspocus | null = null;
  private readonly queues = new WeakMap<Connection, Promise<void>>();
  private readonly refused = new WeakSet<Connection>();

  constructor(
    private readonly store: TeamStore,
    private readonly log: (line: string) => void,
  ) {}

  async onConfigure({ instance }: { instance: Hocuspocus }): Promise<void> {
    this.instance = instance;
  }

  async onAuthenticate({ token, documentName }: onAuthenticatePayload): Promise<SyncContext> {
    const context = await this.authenticate(token, documentName);
    if (typeof context !== 'string') return context;
    this.log(`refused a connection to ${documentName.slice(0, 200)}: ${context}`);
    throw new Refusal(context);
  }

  private authenticate(token: string | undefined, documentName: string): Promise<SyncContext | string> {
    return documentAccess(this.store, token, documentName);
  }

  beforeHandleMessage({ connection, update, document, documentName }: beforeHandleMessagePayload): Promise<void> {
    const previous = this.queues.get(connection) ?? Promise.resolve();
    const check = previous.then(afterPendingApply).then(() => this.check(connection, document, documentName, update));
    // The queue goes on after a refusal; every later message is refused too.
    this.queues.set(connection, check.catch(() => undefined));
    return check;
  }

  /** Closes the connections whose token was revoked, and follows role changes (also those made on another instance). */
  async recheckConnections(): Promise<void> {
    for (const document of this.instance?.documents.values() ?? []) {
      const place = parseDocumentName(document.name);
      for (const connection of document.getConnections()) {
        const context = connection.context as SyncContext;
        if (!place || !context.tokenHash) continue;
        const analystId = await this.store.analystOfToken(context.tokenHash);
        const role = analystId ? await this.store.roleOf(place.team, place.casefileId, analystId) : null;
        if (!analystId || !role) this.cutOff(connection, analystId ? 'role removed' : 'token revoked');
        else context.role = role;
      }
    }
  }

  private check(connection: Connection, document: Y.Doc, documentName: string, message: Uint8Array): void {
    const context = connection.context as SyncContext;
    if (this.refused.has(connection)) throw new Refusal('an earlier update was refused');
    const problem = messageProblem(document, message, context);
    if (problem === null) return;
    this.refused.add(connection);
    this.log(`refused an update from ${context.analystId} to ${documentName}: ${problem}`);
    connection.sendStateless(JSON.stringify({ refused: problem }));
    throw new Refusal(`refused: ${problem}`);
  }

  private cutOff(connection: Connection, reason: string): void {
    const context = connection.context as SyncContext;
    this.log(`closed ${context.analystId}'s connection to ${connection.document.name}: ${reason}`);
    connection.sendStateless(JSON.stringify({ refused: reason }));
    connection.webSocket.close(4401, reason);
  }
}

/**
 * Who may open a shared document, for the sync connection and for reading its
 * stored state over HTTP alike: a valid (not revoked) token of an analyst who
 * is in the team and has a role on the casefile (any role: reviewers read).
 * The context, or why not: `invalid-token`, `no role on this casefile`, or
 * `not a team casefile name`.
 */
export async function documentAccess(store: TeamStore, token: string | undefined, documentName: string): Promise<SyncContext | string> {
  const place = parseDocumentName(documentName);
  if (!place) return 'not a team casefile name';
  const tokenHash = hashToken(token ?? '');
  const analystId = token ? await store.analystOfToken(tokenHash) : null;
  if (!analystId) return 'invalid-token';
  const role = await store.roleOf(place.team, place.casefileId, analystId);
  if (!role || !(await store.isMember(analystId, place.team))) return 'no role on this casefile';
  return { analystId, role, tokenHash };
}

/** Why an incoming message may not be applied, or null (messages that change nothing pass). */
function messageProblem(document: Y.Doc, data: Uint8Array, writer: SyncContext): string | null {
  let update: Uint8Array | null;
  try {
    update = updateIn(data);
  } catch {
    return 'not a readable message';
  }
  return update === null ? null : updateProblem(document, update, { analystId: writer.analystId, role: writer.role });
}

/** The Yjs update a sync message carries (step 2 or an update), or null for any other message. */
function updateIn(data: Uint8Array): Uint8Array | null {
  const message = new IncomingMessage(data);
  message.readVarString();
  const type = message.readVarUint();
  if (type !== MessageType.Sync && type !== MessageType.SyncReply) return null;
  const syncType = message.readVarUint();
  return syncType === SYNC_STEP_2 || syncType === SYNC_UPDATE ? message.readVarUint8Array() : null;
}

/** Waits until the promise callbacks queued so far (Hocuspocus applying the previous message) have run. */
function afterPendingApply(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
