import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface RunningWebHost {
  url: string;
  origin: string;
  token: string;
  workspace: string;
  process: ChildProcess;
  stop: () => Promise<void>;
}

/** The repository root: the nearest folder above this file with package.json (also when bundled into dist-electron/bench.cjs). */
export const REPO_ROOT = repositoryRoot(__dirname);

function repositoryRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`No package.json above ${from}`);
  }
}

/** Starts `dist-electron/web.cjs` (built by `npm run build`) on a free port with a fresh workspace. */
export async function startBuiltWebHost(opts: { workspace?: string; config?: string; port?: number } = {}): Promise<RunningWebHost> {
  const workspace = opts.workspace ?? mkdtempSync(path.join(os.tmpdir(), 'corroborate-ws-'));
  const config = opts.config ?? mkdtempSync(path.join(os.tmpdir(), 'corroborate-cfg-'));
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'dist-electron', 'web.cjs'), '--workspace', workspace, '--config', config, ...(opts.port ? ['--port', String(opts.port)] : [])], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web host did not start: ${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Open: (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`web host exited (${code}): ${output}`)));
  });
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: parsed.searchParams.get('token')!,
    workspace,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
