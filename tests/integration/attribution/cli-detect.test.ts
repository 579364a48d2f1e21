/**
 * `corroborate detect` as a scorer runs it: the built dist-electron/cli.cjs
 * (run `npm run build` first) on real text files in a temp folder.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_TAXONOMY } from '../../../shared/model/taxonomy';
import { REPO_ROOT } from '../../support/web-host';

const CLI = path.join(REPO_ROOT, 'dist-electron', 'cli.cjs');
const SEED = path.join(REPO_ROOT, 'tests', 'fixtures', 'seeds', '000_6b8ec881b83eeac9.txt');
let dir: string;

interface Line { doc: string; attributions: { cue: [number, number]; source: [number, number] | null; content: [number, number] | null; type: string; chain: string[] }[] }

function run(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, get lines() { return r.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Line); } };
}

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" before the integration tests.`);
  dir = mkdtempSync(path.join(os.tmpdir(), 'corroborate-detect-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('corroborate detect', () => {
  test('prints one JSON line per file whose offsets point into the file as read', () => {
    copyFileSync(SEED, path.join(dir, '000_6b8ec881b83eeac9.txt'));
    // A BOM, CRLF line ends, an emoji and a combining accent before the attribution: offsets stay JavaScript string indices.
    const tricky = '\uFEFF🚁 Breaking\r\n\r\nCafe\u0301 owners told Reuters that the shop had been searched.\r\n';
    writeFileSync(path.join(dir, 'tricky.story.txt'), tricky, 'utf8');
    const r = run(['detect', '000_6b8ec881b83eeac9.txt', 'tricky.story.txt', '--format', 'jsonl']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.lines.map((l) => l.doc)).toEqual(['000_6b8ec881b83eeac9', 'tricky.story']);

    const seedText = readFileSync(SEED, 'utf8');
    const seed = r.lines[0]!;
    expect(seed.attributions.length).toBeGreaterThanOrEqual(8);
    const slice = (s: [number, number] | null, text: string) => (s ? text.slice(s[0], s[1]) : null);
    const denial = seed.attributions.find((a) => slice(a.cue, seedText) === 'denied')!;
    expect(slice(denial.source, seedText)).toBe('Liu Pengyu, spokesperson for China’s embassy in the U.S.');
    expect(slice(denial.content, seedText)).toBe('China is providing lethal aid to Russia');
    expect(denial.type).toBe('named-official');
    expect(denial.chain).toEqual(['Bloomberg', 'Liu Pengyu, spokesperson for China’s embassy in the U.S.']);
    const ids = DEFAULT_TAXONOMY.map((t) => t.id);
    for (const a of seed.attributions) expect(ids).toContain(a.type);

    const [told] = r.lines[1]!.attributions;
    const asRead = readFileSync(path.join(dir, 'tricky.story.txt'), 'utf8');
    expect(slice(told!.cue, asRead)).toBe('told');
    expect(slice(told!.source, asRead)).toBe('Cafe\u0301 owners');
    expect(slice(told!.content, asRead)).toBe('the shop had been searched');
  });

  test('a missing, folder or non-UTF-8 input is reported and the other files are still printed', () => {
    writeFileSync(path.join(dir, 'good.txt'), 'The ministry said the border was closed.');
    writeFileSync(path.join(dir, 'latin1.txt'), Buffer.from([0x54, 0x68, 0xe9, 0x20, 0x6d, 0x69, 0x6e, 0x69, 0x73, 0x74, 0x72, 0x79]));
    const r = run(['detect', 'missing.txt', 'good.txt', 'latin1.txt', '.']);
    expect(r.code).toBe(1);
    expect(r.lines.map((l) => l.doc)).toEqual(['good']);
    expect(r.lines[0]!.attributions).toHaveLength(1);
    expect(r.stderr).toContain('missing.txt: no such file');
    expect(r.stderr).toContain('latin1.txt: not UTF-8 text');
    expect(r.stderr).toContain('.: is a folder');
  });

  test('a reader that stops early ("| head") ends the run quietly', async () => {
    const files = Array.from({ length: 40 }, () => SEED);
    const child = spawn(process.execPath, [CLI, 'detect', ...files], { cwd: dir });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  test('wrong options give usage help and exit 2; the help names the command', () => {
    expect(run(['detect']).code).toBe(2);
    const bad = run(['detect', 'good.txt', '--format', 'csv']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--format must be jsonl');
    const help = run(['detect', '--help']);
    expect(help.code).toBe(0);
    for (const word of ['--format', 'jsonl', 'JavaScript string indices', 'Exit status']) expect(help.stdout).toContain(word);
    expect(run(['--help']).stdout).toContain('detect <file>');
  });
});
