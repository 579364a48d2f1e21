/**
 * `corroborate serve`: a team server in this process until Ctrl+C or
 * SIGTERM (docs/team-sync.md). Prints its address and, on the first start
 * of a data folder, the admin token; refusals and admin actions go to
 * standard error, a line each.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startTeamServer } from '../services/team-server/index';

export const DEFAULT_PORT = 4455;
export const DEFAULT_DATA_DIR = 'corroborate-team';

const HELP = `Usage: corroborate serve [--data DIR] [--port N] [--host H] [--postgres URL] [--redis URL]

Starts a team server: analysts share casefiles through it (HTTP API and WebSocket on one port).

Options:
      --data DIR        server state: the SQLite file, article texts, the admin token's hash
                        (default: ./${DEFAULT_DATA_DIR})
      --port N          port to listen on (default: ${DEFAULT_PORT}; 0 picks a free one)
      --host H          address to listen on (default: 127.0.0.1; put TLS in front with a
                        reverse proxy before listening on a public address)
      --postgres URL    keep documents, analysts, tokens and texts in PostgreSQL
                        (or set CORROBORATE_POSTGRES_URL, which keeps the password out of "ps")
      --redis URL       share documents with other instances through Redis
                        (or set CORROBORATE_REDIS_URL)
  -h, --help            show this help

The first start of a data folder prints the admin token once; "corroborate team ..." uses it.
Stops cleanly (everything stored) on Ctrl+C or SIGTERM.
`;

export class ServeUsageError extends Error {}

interface Io {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

export async function serve(args: string[], io: Io, signal: AbortSignal): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      data: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      postgres: { type: 'string' },
      redis: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  if (positionals.length) throw new ServeUsageError(`Unexpected argument "${positionals[0]}".`);
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new ServeUsageError(`--port must be a number from 0 to 65535 (got "${values.port}").`);
  const dataDir = path.resolve(values.data ?? DEFAULT_DATA_DIR);
  const server = await startTeamServer({
    dataDir,
    port,
    host: values.host ?? '127.0.0.1',
    postgres: values.postgres ?? (process.env.CORROBORATE_POSTGRES_URL || undefined),
    redis: values.redis ?? (process.env.CORROBORATE_REDIS_URL || undefined),
    log: (line) => io.stderr.write(`${new Date().toISOString()} ${line}\n`),
  });
  io.stdout.write(`Team server at ${server.url}\nData folder: ${dataDir}\n`);
  if (server.adminToken) {
    io.stdout.write(`Admin token (shown once, keep it safe): ${server.adminToken}\n`);
    io.stdout.write(`  export CORROBORATE_ADMIN_TOKEN=${server.adminToken}\n  corroborate team add-team desk "News desk" --server ${server.url}\n`);
  }
  io.stdout.write('Stop with Ctrl+C.\n');
  await new Promise<void>((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
  io.stderr.write('Stopping the team server…\n');
  await server.close();
  return 0;
}
