/**
 * The security scan must be able to fail: a copy of the app with its
 * protections switched off is reported, and an unchanged copy passes.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';

const REPO = path.resolve(__dirname, '../../..');
const SCRIPT = path.join(REPO, 'scripts', 'electronegativity.mjs');

function copyOfApp(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'corroborate-scan-'));
  cpSync(path.join(REPO, 'electron'), path.join(root, 'electron'), { recursive: true });
  mkdirSync(path.join(root, 'renderer'));
  cpSync(path.join(REPO, 'renderer', 'index.html'), path.join(root, 'renderer', 'index.html'));
  cpSync(path.join(REPO, 'package.json'), path.join(root, 'package.json'));
  // The CSP module reads from shared/ (not scanned).
  symlinkSync(path.join(REPO, 'shared'), path.join(root, 'shared'));
  return root;
}

function scan(root: string, allow?: string) {
  const args = [SCRIPT, '--root', root, ...(allow ? ['--allow', allow] : [])];
  const run = spawnSync(process.execPath, args, { cwd: REPO, encoding: 'utf8' });
  return { status: run.status, output: run.stdout + run.stderr };
}

function edit(file: string, from: string, to: string): void {
  const text = readFileSync(file, 'utf8');
  expect(text).toContain(from);
  writeFileSync(file, text.replace(from, to));
}

test('the unchanged app passes: every finding is fixed or justified', () => {
  const { status, output } = scan(copyOfApp());
  expect(output).toMatch(/0 unjustified, 0 files not scanned/);
  expect(status).toBe(0);
});

test('switching off the window\'s protections, or adding an unchecked openExternal, is reported', () => {
  const root = copyOfApp();
  const main = path.join(root, 'electron', 'shell', 'main.ts');
  // With the sandbox on, Electron ignores nodeIntegration (and so does the scan): remove both guards.
  edit(main, 'nodeIntegration: false,', 'nodeIntegration: true,');
  edit(main, '      sandbox: true,\n', '');
  edit(main, 'contextIsolation: true,', 'contextIsolation: false,');
  edit(main, 'webSecurity: true,', 'webSecurity: false,');
  edit(main, 'allowRunningInsecureContent: false,', 'allowRunningInsecureContent: true,');
  edit(path.join(root, 'electron', 'services', 'csp.ts'), `"script-src 'self'"`, `"script-src 'self' 'unsafe-eval'"`);
  writeFileSync(
    path.join(root, 'electron', 'shell', 'links.ts'),
    "import { shell } from 'electron';\nexport const openAnything = (url: string) => shell.openExternal(url);\n",
  );
  const { status, output } = scan(root);
  expect(status).toBe(1);
  for (const check of ['NODE_INTEGRATION_JS_CHECK', 'SANDBOX_JS_CHECK', 'CONTEXT_ISOLATION_JS_CHECK', 'WEB_SECURITY_JS_CHECK', 'INSECURE_CONTENT_JS_CHECK']) {
    expect(output).toMatch(new RegExp(`FINDING\\s+${check}\\s+electron/shell/main\\.ts`));
  }
  expect(output).toMatch(/FINDING\s+OPEN_EXTERNAL_JS_CHECK\s+electron\/shell\/links\.ts/);
  expect(output).toMatch(/FINDING\s+CSP_GLOBAL_CHECK\s+content-security-policy\.html:\d+\s+.*unsafe-eval/);
});

test('an allow-list entry without a reason is refused', () => {
  const allow = path.join(mkdtempSync(path.join(os.tmpdir(), 'corroborate-allow-')), 'allow.json');
  writeFileSync(allow, JSON.stringify([{ check: 'PRELOAD_JS_CHECK', file: 'electron/shell/main.ts', sample: 'x', why: '' }]));
  const { status, output } = scan(copyOfApp(), allow);
  expect(status).toBe(1);
  expect(output).toContain('needs a non-empty "why"');
});

test('the scan runs offline: it never opens a connection or looks up a host', () => {
  // Loaded before the script: any socket or DNS look-up is recorded and refused.
  const guard = path.join(mkdtempSync(path.join(os.tmpdir(), 'corroborate-offline-')), 'no-network.cjs');
  writeFileSync(guard, `
    const net = require('node:net'), dns = require('node:dns');
    const refuse = (what) => function () { process.stderr.write('NETWORK ATTEMPT: ' + what + '\\n'); throw new Error('offline'); };
    net.Socket.prototype.connect = refuse('connect');
    dns.lookup = refuse('dns.lookup');
    dns.promises.lookup = refuse('dns.promises.lookup');
  `);
  const run = spawnSync(process.execPath, ['--require', guard, SCRIPT], { cwd: REPO, encoding: 'utf8' });
  const output = run.stdout + run.stderr;
  expect(output).not.toMatch(/NETWORK ATTEMPT|Could not retrieve updated translations/);
  expect(output).toMatch(/0 unjustified, 0 files not scanned/);
  expect(run.status).toBe(0);
}, 60_000);
