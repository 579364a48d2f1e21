/** A throwaway Redis server from Debian's redis-server package, on a free port, for tests. */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './postgres';
import { waitFor } from './team-server';

export interface TestRedis {
  url: string;
  stop(): Promise<void>;
}

/** The redis-server binary, or null when it is not installed. */
export function redisBinary(): string | null {
  const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : null;
}

export async function startRedis(binary: string): Promise<TestRedis> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'corroborate-redis-'));
  const port = await freePort();
  const child = spawn(binary, ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await waitFor(() => /Ready to accept connections/.test(output) || child.exitCode !== null, 15_000, 'redis-server to start');
  if (child.exitCode !== null) throw new Error(`redis-server exited: ${output}`);
  return {
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
