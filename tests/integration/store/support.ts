/** Shared set-up for the store tests: a temp workspace, a sessions object over it, articles from the seed corpus. */
import { createHash } from 'node:crypto';
import { chmodSync, closeSync, mkdtempSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SessionStatus } from '../../../shared/api/contract';
import type { Command } from '../../../shared/commands/commands';
import { newId } from '../../../shared/model/ids';
import { textHash } from '../../../shared/text/hash';
import { CasefileSessions } from '../../../electron/services/casefile/sessions';
import { desktopPolicy, workspacePolicy } from '../../../electron/services/paths';
import { seedPaths } from '../../support/fixtures';


export function tempDir(prefix = 'corroborate-store-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface Harness {
  workspace: string;
  sessions: CasefileSessions;
  statuses: { sessionId: string; status: SessionStatus }[];
  changed: string[];
  analyst: { name: string };
}

export function harness(opts: { workspace?: string; desktop?: boolean; analyst?: string; backupIntervalMs?: number } = {}): Harness {
  const workspace = opts.workspace ?? tempDir();
  const analyst = { name: opts.analyst ?? 'Dana Whitfield' };
  const statuses: Harness['statuses'] = [];
  const changed: string[] = [];
  const sessions = new CasefileSessions({
    paths: opts.desktop ? desktopPolicy(workspace) : workspacePolicy(workspace),
    analystName: () => analyst.name,
    backupIntervalMs: opts.backupIntervalMs,
    onStatus: (sessionId, status) => statuses.push({ sessionId, status }),
    onChangedOnDisk: (sessionId) => changed.push(sessionId),
    onOpened: async () => undefined,
  });
  return { workspace, sessions, statuses, changed, analyst };
}

/** An article.add command for one of the seed articles (0–4), or for any text. */
export function addArticle(n: number | string, extra: Partial<{ id: string; title: string }> = {}): Command {
  const text = typeof n === 'number' ? readFileSync(seedPaths()[n]!, 'utf8') : n;
  return {
    type: 'article.add',
    article: {
      id: extra.id ?? newId('a'), title: extra.title ?? `Seed ${n}`, outlet: 'Test outlet', author: '', publishedAt: '', url: '', language: 'en',
      notes: '', text, textHash: textHash(text), origin: { fileName: `seed-${n}.txt`, format: 'txt' }, excluded: [],
    },
  };
}

export function rename(title: string): Command {
  return { type: 'casefile.rename', title };
}

/** What a test compares to be sure nothing touched a file: its size, content hash and modification time. */
export function snapshot(file: string): { size: number; sha256: string; mtimeMs: number } {
  const info = statSync(file);
  const hash = createHash('sha256');
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(16 * 2 ** 20);
    for (let n; (n = readSync(fd, buffer, 0, buffer.length, null)) > 0;) hash.update(buffer.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return { size: info.size, sha256: hash.digest('hex'), mtimeMs: info.mtimeMs };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Bundles a TypeScript entry (with everything it imports) into one plain
 * script in a fresh folder anyone may read, so child processes start fast
 * and can run as another user.
 */
export async function bundleScript(entry: string): Promise<string> {
  const { build } = await import('esbuild');
  const outdir = tempDir('corroborate-child-');
  chmodSync(outdir, 0o755);
  const outfile = path.join(outdir, `${path.basename(entry, '.ts')}.cjs`);
  await build({ entryPoints: [entry], outfile, bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'error' });
  chmodSync(outfile, 0o644);
  return outfile;
}
