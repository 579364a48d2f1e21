/**
 * Starts the app for an end-to-end test and returns a Playwright page on it.
 * By default: the built web host (browser mode) driven in Debian's Chromium.
 * With CORROBORATE_E2E_TARGET=electron and an Electron binary present, the same
 * specs drive the desktop app instead; without the binary they say so and stop.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { _electron, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { launchChromium } from './browser';
import { REPO_ROOT, startBuiltWebHost } from './web-host';

export type E2ETarget = 'web' | 'electron';

export interface RunningApp {
  target: E2ETarget;
  page: Page;
  /** The folder the app lists casefiles in and creates them in. */
  workspace: string;
  /** The app's settings folder (settings.json: analyst name, recent files, layouts). */
  config: string;
  /** Opens the app again on the same workspace and settings (a second tab, or after a restart). */
  reopen: () => Promise<Page>;
  stop: () => Promise<void>;
  /** Browser mode: the web host's process id (the Node process that serves the app and runs its exports). */
  hostPid?: number;
}

export const E2E_TARGET: E2ETarget = process.env.CORROBORATE_E2E_TARGET === 'electron' ? 'electron' : 'web';

/**
 * The Electron binary, when the electron package has fetched one. Reads the
 * package's path.txt rather than require('electron'), which would start a
 * download when the binary is missing.
 */
export function electronBinary(): string | null {
  try {
    const packageDir = path.dirname(createRequire(path.join(REPO_ROOT, 'package.json')).resolve('electron/package.json'));
    const pathFile = path.join(packageDir, 'path.txt');
    const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
    const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
    const binary = override ? path.join(override, relative ?? 'electron') : relative ? path.join(packageDir, 'dist', relative) : null;
    return binary && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

export async function launchApp(opts: { viewport?: { width: number; height: number }; workspace?: string } = {}): Promise<RunningApp> {
  const viewport = opts.viewport ?? { width: 1280, height: 800 };
  const workspace = opts.workspace ?? mkdtempSync(path.join(os.tmpdir(), 'corroborate-ws-'));
  const config = mkdtempSync(path.join(os.tmpdir(), 'corroborate-cfg-'));
  return E2E_TARGET === 'electron' ? launchElectron(workspace, config, viewport) : launchWeb(workspace, config, viewport);
}

async function launchWeb(workspace: string, config: string, viewport: { width: number; height: number }): Promise<RunningApp> {
  const host = await startBuiltWebHost({ workspace, config });
  const browser: Browser = await launchChromium();
  const context: BrowserContext = await browser.newContext({ viewport });
  const open = async () => {
    const page = await context.newPage();
    await page.goto(host.url);
    return page;
  };
  return {
    target: 'web',
    page: await open(),
    hostPid: host.process.pid,
    workspace,
    config,
    reopen: open,
    stop: async () => {
      await browser.close();
      await host.stop();
    },
  };
}

async function launchElectron(workspace: string, config: string, viewport: { width: number; height: number }): Promise<RunningApp> {
  const binary = electronBinary();
  if (!binary) {
    throw new Error('CORROBORATE_E2E_TARGET=electron, but no Electron binary is installed here (run the app once with `npm start` to fetch it). Desktop end-to-end tests cannot run on this machine.');
  }
  const start = async () => {
    const app = await _electron.launch({
      executablePath: binary,
      args: [REPO_ROOT, `--user-data-dir=${config}`],
      env: { ...process.env, CORROBORATE_WORKSPACE: workspace },
    });
    const page = await app.firstWindow();
    await page.setViewportSize(viewport);
    return { app, page };
  };
  let current = await start();
  return {
    target: 'electron',
    page: current.page,
    workspace,
    config,
    reopen: async () => {
      await current.app.close();
      current = await start();
      return current.page;
    },
    stop: () => current.app.close(),
  };
}
