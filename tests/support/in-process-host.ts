/**
 * A browser-mode host in the test's own process, over the real API handlers,
 * on a fresh workspace in a temp folder, for tests that speak HTTP to it
 * (tests/support/http.ts). web-host.ts starts the built host as a process.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createBackend, type Backend } from '../../electron/services/handlers';
import { workspacePolicy } from '../../electron/services/paths';
import { SettingsStore } from '../../electron/services/settings';
import { startWebHost, type WebHost } from '../../electron/web/server';

export interface TestWebHost {
  host: WebHost;
  backend: Backend;
  /** The temp folder holding the workspace, the static files and the settings. */
  base: string;
  workspace: string;
  /** Saves what is open, closes the host and removes the temp folder. */
  stop: () => Promise<void>;
}

export async function startTestWebHost(prefix: string, options: { log?: (line: string) => void } = {}): Promise<TestWebHost> {
  const base = mkdtempSync(path.join(os.tmpdir(), `corroborate-${prefix}-`));
  const workspace = path.join(base, 'workspace');
  const staticDir = path.join(base, 'static');
  mkdirSync(workspace);
  mkdirSync(staticDir);
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Corroborate</title>');
  const settings = new SettingsStore(path.join(base, 'config', 'settings.json'));
  await settings.update({ analystName: 'Dana Whitfield' });
  const backend = createBackend({ mode: 'web', version: '0.0.0-test', paths: workspacePolicy(workspace), settings, emit: () => undefined, openExternal: async () => false });
  const host = await startWebHost({ staticDir, handlers: backend.handlers, log: options.log });
  return {
    host, backend, base, workspace,
    stop: async () => {
      await backend.sessions.flushAll();
      await host.close();
      rmSync(base, { recursive: true, force: true });
    },
  };
}
