/**
 * What a flaky network does to a team casefile's connection, through a TCP
 * relay in front of a real team server: while the server is away the app
 * retries with backoff (no busy loop), and a socket cut right after its
 * upgrade, which leaves the sync provider with two retries racing, still ends
 * in "Connected" with nothing waiting; and a socket that opens and then hears
 * nothing is dropped and dialled again.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Casefile } from '../../../shared/model/schema';
import { SILENT_SOCKET_MS } from '../../../electron/services/team/connection';
import { smallCasefile } from '../../support/random-commands';
import { startTcpProxy, type TcpProxy } from '../../support/tcp-proxy';
import { converged, eventually, sharePair, startServer, teamOf, type Analyst } from './support';

const opened: Analyst[] = [];
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const a of opened.splice(0)) await a.backend.sessions.close(a.sessionId).catch(() => undefined);
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

/** Dana shares a casefile on a new server; Ben reaches it through a relay. */
async function pairThroughRelay(id: string): Promise<{ dana: Analyst; ben: Analyst; server: Awaited<ReturnType<typeof startServer>>; relay: TcpProxy }> {
  const server = await startServer();
  cleanups.push(() => server.close());
  const relay = await startTcpProxy({ port: server.port });
  cleanups.push(() => relay.close());
  const tokens = await teamOf(server, ['dana', 'ben']);
  const start: Casefile = { ...smallCasefile(5), meta: { ...smallCasefile(5).meta, id } };
  const { dana, ben } = await sharePair(server, tokens, start, opened, relay.url);
  await eventually(() => expect(ben.team().connection).toBe('connected'));
  return { dana, ben, server, relay };
}

function firstClaim(a: Analyst): string {
  return Object.keys(a.casefile().claims).sort()[0]!;
}

describe('a team casefile on a flaky network', () => {
  it('retries with backoff while the server is away, then sends what was waiting', async () => {
    const { dana, ben, server, relay } = await pairThroughRelay('cf_flaky_away');
    await server.close();
    await eventually(() => expect(ben.team().connection).toBe('reconnecting'));
    await ben.run({ type: 'claim.setNotes', claimId: firstClaim(ben), notes: 'written while the server was away' });
    const before = relay.connections();
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    // Backoff from 1 s: a handful of attempts in 3 s. Retrying on every refusal made hundreds and kept a core busy.
    expect(relay.connections() - before).toBeLessThanOrEqual(5);
    expect(ben.team().waiting).toBe(1);

    // The first socket to the server back is cut right after its upgrade: the provider's own retry, several
    // attempts in by now, then races the fresh connection it starts, and may replace it once it has synced.
    relay.cutNextUpgrade();
    const back = await startServer({ dataDir: server.dataDir, port: server.port, adminToken: server.adminToken! });
    cleanups.push(() => back.close());
    await eventually(() => expect(ben.team().connection).toBe('connected'), 20_000);
    await converged(dana, ben);
    expect(dana.casefile().claims[firstClaim(dana)]!.notes).toBe('written while the server was away');
    await eventually(() => expect(ben.team().waiting).toBe(0));

    await new Promise((resolve) => setTimeout(resolve, 6_000));
    await eventually(() => expect(ben.team().connection).toBe('connected'), 10_000);
    await ben.run({ type: 'claim.setNotes', claimId: firstClaim(ben), notes: 'and once the line is good' });
    await eventually(() => expect(ben.team().waiting).toBe(0), 10_000);
    await converged(dana, ben);
  });

  it('ends connected with nothing waiting when a socket is cut right after its upgrade', async () => {
    const { dana, ben, relay } = await pairThroughRelay('cf_flaky_cut');
    relay.cutNextUpgrade();
    await ben.setOnline(false);
    await ben.run({ type: 'claim.setNotes', claimId: firstClaim(ben), notes: 'offline, then a bad line' });
    await ben.setOnline(true);
    await eventually(() => {
      expect(ben.team().connection).toBe('connected');
      expect(ben.team().waiting).toBe(0);
    });
    // The provider's second retry fires up to 2 s after the first; whatever it replaces, the app must say so and recover.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    await eventually(() => expect(ben.team().connection).toBe('connected'), 10_000);
    await ben.run({ type: 'claim.setNotes', claimId: firstClaim(ben), notes: 'and once more' });
    await eventually(() => expect(ben.team().waiting).toBe(0), 10_000);
    await converged(dana, ben);
    expect(dana.casefile().claims[firstClaim(dana)]!.notes).toBe('and once more');
  });

  it('drops a socket that opens and then hears nothing, and dials again', async () => {
    const { dana, ben, relay } = await pairThroughRelay('cf_flaky_stall');
    relay.stallNextUpgrade();
    await ben.setOnline(false);
    await ben.run({ type: 'claim.setNotes', claimId: firstClaim(ben), notes: 'sent down a line that stalls' });
    const before = relay.connections();
    await ben.setOnline(true);
    await new Promise((resolve) => setTimeout(resolve, SILENT_SOCKET_MS / 2));
    expect(ben.team().connection).toBe('reconnecting');
    expect(relay.connections() - before).toBe(1);
    await eventually(() => {
      expect(ben.team().connection).toBe('connected');
      expect(ben.team().waiting).toBe(0);
    }, SILENT_SOCKET_MS + 10_000);
    expect(relay.connections() - before).toBeGreaterThanOrEqual(2);
    await converged(dana, ben);
    expect(dana.casefile().claims[firstClaim(dana)]!.notes).toBe('sent down a line that stalls');
  });
});
