/** The real API handlers over a fresh workspace and settings folder, as browser mode builds them, for tests that call the API directly. */
import { mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ApiEventName, ApiEventPayload } from '../../shared/api/contract';
import { afterEach } from 'vitest';
import type { OpenedCasefile } from '../../shared/api/contract';
import { dispatchApiCall } from '../../shared/api/dispatch';
import { createBackend, type Backend } from '../../electron/services/handlers';
import { workspacePolicy } from '../../electron/services/paths';
import { SettingsStore } from '../../electron/services/settings';

export interface TestBackend {
  backend: Backend;
  /** Every event the handlers emitted, in order. */
  events: { event: ApiEventName; payload: unknown }[];
  /** An API call checked against the contract, as the web host makes it. */
  call: (name: string, args: unknown) => Promise<unknown>;
}

export async function testBackend(prefix: string, analystName = 'Dana Whitfield'): Promise<TestBackend> {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  mkdirSync(path.join(dir, 'ws'));
  const settings = new SettingsStore(path.join(dir, 'config', 'settings.json'));
  await settings.update({ analystName });
  const events: TestBackend['events'] = [];
  const backend = createBackend({
    mode: 'web', version: 'test', paths: workspacePolicy(path.join(dir, 'ws')), settings,
    emit: <E extends ApiEventName>(event: E, payload: ApiEventPayload<E>) => void events.push({ event, payload }),
    openExternal: async () => false,
  });
  return { backend, events, call: (name, args) => dispatchApiCall(backend.handlers, name, args) };
}

/**
 * For a test file: each call gives a fresh backend with a new casefile open
 * ("Drones"); the casefiles are closed after each test.
 */
export function casefileBackends(prefix: string): () => Promise<TestBackend & { casefile: OpenedCasefile }> {
  const open: { backend: Backend; sessionId: string }[] = [];
  afterEach(async () => {
    for (const { backend, sessionId } of open.splice(0)) await backend.sessions.close(sessionId).catch(() => undefined);
  });
  return async () => {
    const t = await testBackend(prefix);
    const casefile = (await t.call('createCasefile', { title: 'Drones' })) as OpenedCasefile;
    open.push({ backend: t.backend, sessionId: casefile.sessionId });
    return { ...t, casefile };
  };
}
