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
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000, maxBuffer: 256 * 1024 * 1024 });
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

  test('a byte-order mark stays at index 0 and CRLF line ends are kept: offsets index the text as Node reads it', () => {
    const body = 'Flood warning for the valley\r\n\r\nThe river could burst its banks tonight, the Environment Agency said on Tuesday.\r\n';
    writeFileSync(path.join(dir, 'bom.txt'), `\uFEFF${body}`, 'utf8');
    writeFileSync(path.join(dir, 'plain.txt'), body, 'utf8');
    const r = run(['detect', 'bom.txt', 'plain.txt']);
    expect(r.stderr).toBe('');
    const [withBom, without] = r.lines;
    const asRead = readFileSync(path.join(dir, 'bom.txt'), 'utf8');
    expect(asRead.charCodeAt(0)).toBe(0xfeff);
    const said = withBom!.attributions[0]!;
    expect(asRead.slice(...said.cue)).toBe('said');
    expect(asRead.slice(...said.source!)).toBe('the Environment Agency');
    expect(asRead.slice(...said.content!)).toBe('The river could burst its banks tonight');
    // The same text without the mark: every offset one less.
    expect(without!.attributions[0]!.cue).toEqual([said.cue[0] - 1, said.cue[1] - 1]);
  });

  test('an empty file gives an empty list; binary and UTF-16 files are refused by name and the others still printed', () => {
    writeFileSync(path.join(dir, 'empty.txt'), '');
    writeFileSync(path.join(dir, 'photo.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]));
    writeFileSync(path.join(dir, 'controls.bin'), Buffer.from('\u0001\u0002\u0003\u0004 said the \u0005\u0006\u0007\u0008', 'utf8'));
    writeFileSync(path.join(dir, 'utf16.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('The ministry said it was closed.', 'utf16le')]));
    writeFileSync(path.join(dir, 'good.txt'), 'The ministry said the border was closed.');
    const r = run(['detect', 'empty.txt', 'photo.jpg', 'controls.bin', 'utf16.txt', 'good.txt']);
    expect(r.code).toBe(1);
    expect(r.lines).toEqual([{ doc: 'empty', attributions: [] }, expect.objectContaining({ doc: 'good' })]);
    expect(r.stderr).toContain('photo.jpg: binary data, not a text file; skipped.');
    expect(r.stderr).toContain('controls.bin: binary data, not a text file; skipped.');
    expect(r.stderr).toContain('utf16.txt: UTF-16 text (convert it to UTF-8 first); skipped.');
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(3);
  });

  test('a very long line (2 MB, no line break) is read in bounded time and its offsets hold', () => {
    const sentence = 'Prices rose again in March, the statistics office said on Tuesday. ';
    const text = sentence.repeat(Math.ceil(2_000_000 / sentence.length));
    writeFileSync(path.join(dir, 'long.txt'), text, 'utf8');
    const t0 = Date.now();
    const r = run(['detect', 'long.txt']);
    expect(Date.now() - t0).toBeLessThan(30_000);
    expect(r.code).toBe(0);
    const found = r.lines[0]!.attributions;
    expect(found.length).toBeGreaterThan(20_000);
    const last = found[found.length - 1]!;
    expect(text.slice(...last.cue)).toBe('said');
    expect(text.slice(...last.source!)).toBe('the statistics office');
    expect(last.chain).toEqual(['the statistics office']);
  }, 60_000);

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
