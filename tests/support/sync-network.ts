/**
 * A simulated team server and the links to it, for convergence tests. The
 * server holds its own Y.Doc, checks every incoming update with
 * `updateProblem` as the real one does, applies it and passes it on to every
 * other connected client, like Hocuspocus. Each link is a queue: a test can
 * hold it, deliver its messages out of order (server to client only: the
 * server's check reads an update against what it already holds, and a
 * WebSocket keeps a client's messages in order), duplicate them, cut a
 * client off (messages in flight are lost) and reconnect it (both sides send
 * what the other lacks, as the provider's sync step does).
 */
import * as Y from 'yjs';
import { updateProblem } from '../../shared/sync/check-update';

const FROM_SERVER = Symbol('from the server');

interface Link {
  doc: Y.Doc;
  up: Uint8Array[];
  down: Uint8Array[];
  connected: boolean;
  held: boolean;
}

export class SimulatedNetwork {
  readonly server = new Y.Doc();
  /** Updates the server refused, with the reason: an honest client should have none. */
  readonly refused: string[] = [];
  private readonly links = new Map<string, Link>();

  constructor(private readonly random: () => number) {
    this.server.on('update', (update: Uint8Array, origin: unknown) => {
      for (const [id, link] of this.links) if (link.connected && id !== origin) link.down.push(update);
    });
  }

  join(analystId: string, doc: Y.Doc): void {
    const link: Link = { doc, up: [], down: [], connected: false, held: false };
    this.links.set(analystId, link);
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== FROM_SERVER && link.connected) link.up.push(update);
    });
    this.connect(analystId);
  }

  connect(analystId: string): void {
    const link = this.link(analystId);
    if (link.connected) return;
    link.connected = true;
    link.up.push(Y.encodeStateAsUpdate(link.doc, Y.encodeStateVector(this.server)));
    link.down.push(Y.encodeStateAsUpdate(this.server, Y.encodeStateVector(link.doc)));
  }

  disconnect(analystId: string): void {
    const link = this.link(analystId);
    link.connected = false;
    link.up.length = 0;
    link.down.length = 0;
  }

  isConnected(analystId: string): boolean {
    return this.link(analystId).connected;
  }

  /** A held link keeps its messages until released. */
  hold(analystId: string, held: boolean): void {
    this.link(analystId).held = held;
  }

  /** Sends one message in flight a second time. */
  duplicate(): void {
    const queues = [...this.links.values()].flatMap((link) => [link.up, link.down]).filter((q) => q.length);
    const queue = queues[Math.floor(this.random() * queues.length)];
    if (queue) queue.push(queue[Math.floor(this.random() * queue.length)]!);
  }

  /** Delivers one message on a random link that can deliver; false when none can. */
  deliverOne(): boolean {
    const ready = [...this.links].filter(([, link]) => link.connected && !link.held && (link.up.length || link.down.length));
    const picked = ready[Math.floor(this.random() * ready.length)];
    if (!picked) return false;
    const [analystId, link] = picked;
    const upward = link.up.length > 0 && (link.down.length === 0 || this.random() < 0.5);
    if (upward) this.receive(analystId, link.up.shift()!);
    else Y.applyUpdate(link.doc, link.down.splice(Math.floor(this.random() * link.down.length), 1)[0]!, FROM_SERVER);
    return true;
  }

  /** Reconnects and releases everyone and delivers until nothing is in flight. */
  settle(): void {
    for (const [analystId, link] of this.links) {
      link.held = false;
      this.connect(analystId);
    }
    while (this.deliverOne());
  }

  private receive(analystId: string, update: Uint8Array): void {
    const problem = updateProblem(this.server, update, { analystId, role: 'editor' });
    if (problem) this.refused.push(`${analystId}: ${problem}`);
    else Y.applyUpdate(this.server, update, analystId);
  }

  private link(analystId: string): Link {
    const link = this.links.get(analystId);
    if (!link) throw new Error(`${analystId} has not joined`);
    return link;
  }
}
