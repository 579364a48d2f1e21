/**
 * A TCP relay in front of a real server, for tests of what a flaky network
 * does to a connection: it can drop the connections it carries, count the
 * ones it is asked for, or let the next WebSocket upgrade through and then
 * cut it, or hold back everything the server says on it after (a stalled
 * line: the socket is open and hears nothing).
 */
import net from 'node:net';

export interface TcpProxy {
  url: string;
  /** Connections asked for since the proxy started. */
  connections: () => number;
  /** Cuts every connection now carried. */
  dropAll: () => void;
  /** The next WebSocket upgrade is answered, then cut before anything else gets through. */
  cutNextUpgrade: () => void;
  /** The next WebSocket upgrade is answered; nothing the server sends after it gets through. */
  stallNextUpgrade: () => void;
  close: () => Promise<void>;
}

export async function startTcpProxy(target: { host?: string; port: number }): Promise<TcpProxy> {
  const open = new Set<net.Socket>();
  let asked = 0;
  let cutUpgrade = false;
  let stallUpgrade = false;
  const server = net.createServer((client) => {
    let stalled = false;
    asked += 1;
    const upstream = net.connect(target.port, target.host ?? '127.0.0.1');
    open.add(client).add(upstream);
    const end = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    client.pipe(upstream);
    upstream.on('data', (chunk: Buffer) => {
      if (stalled) return;
      client.write(chunk);
      if (!chunk.toString('latin1', 0, 12).startsWith('HTTP/1.1 101')) return;
      if (cutUpgrade) {
        cutUpgrade = false;
        client.end(end);
      } else if (stallUpgrade) {
        stallUpgrade = false;
        stalled = true;
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    connections: () => asked,
    dropAll: () => {
      for (const socket of open) socket.destroy();
      open.clear();
    },
    cutNextUpgrade: () => {
      cutUpgrade = true;
    },
    stallNextUpgrade: () => {
      stallUpgrade = true;
    },
    close: async () => {
      for (const socket of open) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
