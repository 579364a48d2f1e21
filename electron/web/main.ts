/**
 * `npm run web`: browser mode. Serves the built UI and the API handlers on
 * 127.0.0.1 and prints the URL (with its per-run token) to open.
 */
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createBackend } from '../services/handlers';
import { workspacePolicy } from '../services/paths';
import { SettingsStore } from '../services/settings';
import { startWebHost, type WebHost } from './server';
import { APP_VERSION } from '../services/version';
import { argsErrorMessage } from '../cli/args-error';

const HELP = `Usage: npm run web -- [--workspace DIR] [--port N] [--config DIR]

  --workspace DIR  folder that holds the casefiles (default: ~/Corroborate, or $CORROBORATE_WORKSPACE)
  --port N         port on 127.0.0.1 (default: a free one)
  --config DIR     folder for the app's settings (default: <workspace>/.corroborate-settings)
`;

/** A mistake in how the host was started: one sentence, no stack. */
class StartupError extends Error {}

function readOptions() {
  try {
    return parseArgs({
      options: {
        workspace: { type: 'string' },
        port: { type: 'string' },
        config: { type: 'string' },
        help: { type: 'boolean' },
      },
    }).values;
  } catch (error) {
    const message = argsErrorMessage(error);
    // A wrong name is answered with the right ones; a missing value needs no list.
    const namesWrong = (error as NodeJS.ErrnoException).code !== 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE';
    if (message) throw new StartupError(namesWrong ? `${message} Options: --workspace DIR, --port N, --config DIR.` : message);
    throw error;
  }
}

function readPort(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port < 1 || port > 65_535) throw new StartupError(`--port must be a whole number from 1 to 65535 (got "${value}").`);
  return port;
}

/** Why the server could not listen, in the words an analyst can act on. */
function listenError(error: NodeJS.ErrnoException, port: number | undefined): Error {
  if (port === undefined) return error;
  if (error.code === 'EADDRINUSE') return new StartupError(`port ${port} is in use; choose another with --port or leave it out`);
  if (error.code === 'EACCES') return new StartupError(`port ${port} needs administrator rights; choose one above 1023 with --port or leave it out`);
  return error;
}

async function main(): Promise<void> {
  const values = readOptions();
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const port = readPort(values.port);
  const workspace = path.resolve(values.workspace ?? process.env.CORROBORATE_WORKSPACE ?? path.join(os.homedir(), 'Corroborate'));
  mkdirSync(workspace, { recursive: true });
  const settings = new SettingsStore(path.join(values.config ?? path.join(workspace, '.corroborate-settings'), 'settings.json'));
  await settings.load();

  let host: WebHost | null = null;
  const backend = createBackend({
    mode: 'web',
    version: APP_VERSION,
    paths: workspacePolicy(workspace),
    settings,
    emit: (event, payload) => host?.emit(event, payload),
    // The browser opens links itself (in a new tab, without opener); the host never launches programs.
    openExternal: async () => false,
    samplePath: path.join(__dirname, '..', 'examples', 'sample.corroborate'),
  });
  host = await startWebHost({
    staticDir: path.join(__dirname, '..', 'dist', 'renderer'),
    handlers: backend.handlers,
    port,
    onClient: (clientId, connected) => (connected ? backend.sessions.clientConnected(clientId) : backend.sessions.clientGone(clientId)),
  }).catch((error: NodeJS.ErrnoException) => {
    throw listenError(error, port);
  });
  process.stdout.write(`Corroborate is running in browser mode.\nWorkspace: ${workspace}\nOpen: ${host.url}\n`);

  const shutdown = async () => {
    const failures = await backend.sessions.flushAll();
    for (const f of failures) process.stderr.write(`Not saved: ${f.error}\n`);
    await host?.close();
    process.exit(failures.length ? 1 : 0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}

main().catch((error: unknown) => {
  if (error instanceof StartupError) process.stderr.write(`Corroborate: ${error.message}\nRun "npm run web -- --help" for the options.\n`);
  else process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(error instanceof StartupError ? 2 : 1);
});
