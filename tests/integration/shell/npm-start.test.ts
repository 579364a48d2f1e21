/**
 * `npm start` on a machine where the desktop runtime (Electron) has not been
 * downloaded and cannot be: one sentence that says why and points to
 * `npm run web`, exit code 1, no stack trace, and no build started for
 * nothing. The download is pointed at a closed local port, so the test never
 * touches the network. On a machine where the runtime is already downloaded
 * `npm start` would open the app, so the test is skipped there.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { skipBecause } from '../../support/skip';
import { REPO_ROOT } from '../../support/web-host';

const runtimeDownloaded = existsSync(path.join(REPO_ROOT, 'node_modules', 'electron', 'path.txt'));

describe('npm start without the desktop runtime and without a network', () => {
  test('says in one sentence that the runtime is downloaded once on first start and points to npm run web', (ctx) => {
    if (runtimeDownloaded) return skipBecause(ctx, 'the desktop runtime is already downloaded here, so npm start would open the app');
    const cache = mkdtempSync(path.join(os.tmpdir(), 'corroborate-electron-cache-'));
    const env: NodeJS.ProcessEnv = { ...process.env, ELECTRON_MIRROR: 'http://127.0.0.1:9/', electron_config_cache: cache };
    delete env.ELECTRON_OVERRIDE_DIST_PATH;
    try {
      const result = spawnSync('npm', ['start'], { cwd: REPO_ROOT, env, encoding: 'utf8', timeout: 60_000 });
      expect(result.status).toBe(1);
      expect(result.stdout).toContain('The desktop app downloads its runtime (Electron, about 100 MB) once, on first start');
      const said = result.stderr.split('\n').filter((line) => line.trim() && !line.startsWith('(The download said:'));
      expect(said).toEqual([
        'Corroborate could not start: the desktop app downloads its runtime (Electron) once on first start, and that download failed, so connect to the network and run `npm start` again, or run `npm run web` to use Corroborate in your browser, which needs no download.',
      ]);
      expect(result.stderr).not.toMatch(/^\s+at /m);
      expect(result.stderr).not.toContain('Electron failed to install correctly');
      expect(result.stdout).not.toContain('vite build');
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  });
});
