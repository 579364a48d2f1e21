/** Starting browser mode with a busy port or a wrong option: one clear sentence, no stack trace. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { REPO_ROOT } from '../../support/web-host';

const WEB = path.join(REPO_ROOT, 'dist-electron', 'web.cjs');
const workspace = mkdtempSync(path.join(os.tmpdir(), 'corroborate-startup-'));
let busy: net.Server;
let busyPort: number;

beforeAll(async () => {
  busy = net.createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  busyPort = (busy.address() as net.AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => busy.close(() => resolve())));

function startWeb(args: string[]) {
  return spawnSync(process.execPath, [WEB, '--workspace', workspace, ...args], { encoding: 'utf8', timeout: 20_000 });
}

describe('npm run web refuses to start with a clear sentence', () => {
  test('a port already in use', () => {
    const r = startWeb(['--port', String(busyPort)]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`Corroborate: port ${busyPort} is in use; choose another with --port or leave it out\nRun "npm run web -- --help" for the options.\n`);
  });

  test.each([
    [['--port', 'eighty'], /^Corroborate: --port must be a whole number from 1 to 65535 \(got "eighty"\)\.\n/],
    [['--prot', '8080'], /^Corroborate: Unknown option "--prot"\. Options: --workspace DIR, --port N, --config DIR\.\n/],
    [['--port'], /^Corroborate: --port needs a value\.\n/],
  ])('%j', (args, message) => {
    const r = startWeb(args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
