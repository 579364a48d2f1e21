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

const HELP = `Usage: npm run web -- [--workspace DIR] [--port N] [--config DIR]

  --workspace DIR  folder that holds the casefiles (default: ~/Corroborate, or $CORROBORATE_WORKSPACE)
  --port N         port on 127.0.0.1 (default: a free one)
  --config DIR     folder for the app's settings (default: <workspace>/.corroborate-settings)
`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      workspace: { type: 'string' },
      port: { type: 'string' },
      config: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
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
  });
  host = await startWebHost({
    staticDir: path.join(__dirname, '..', 'dist', 'renderer'),
    handlers: backend.handlers,
    port: values.port ? Number(values.port) : undefined,
    onClient: (clientId, connected) => (connected ? backend.sessions.clientConnected(clientId) : backend.sessions.clientGone(clientId)),
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
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
