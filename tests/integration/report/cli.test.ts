/**
 * The command line as a user runs it: the built dist-electron/cli.cjs (run
 * `npm run build` first), spawned on real casefiles in a temp folder.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SCALES, generateCasefile } from '../../support/generate';
import { REPO_ROOT } from '../../support/web-host';
import { buildSeedCasefile, SEED_CLAIM_QUOTES, SEED_COUNTS } from '../../fixtures/report/seed-casefile';

const CLI = path.join(REPO_ROOT, 'dist-electron', 'cli.cjs');
const BIN = path.join(REPO_ROOT, 'bin', 'corroborate.js');
let dir: string;
let seedFile: string;

function run(args: string[], cwd = dir) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" before the integration tests.`);
  dir = mkdtempSync(path.join(os.tmpdir(), 'corroborate-cli-'));
  seedFile = path.join(dir, 'drones.corroborate');
  writeFileSync(seedFile, JSON.stringify(buildSeedCasefile()));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('corroborate report', () => {
  test('--help explains the command, the formats and the exit codes', () => {
    const r = run(['report', '--help']);
    expect(r.code).toBe(0);
    for (const word of ['--format', '--out', 'html', 'pdf', 'md', 'csv', 'jsonld', '--propositions', '--article', 'Exit status', 'Ctrl+C']) expect(r.stdout).toContain(word);
    expect(run(['--help']).stdout).toContain('report <casefile>');
    expect(run(['--version']).stdout).toMatch(/^corroborate \d+\.\d+\.\d+/);
  });

  test('the npm bin launcher runs the built command line', () => {
    const r = spawnSync(process.execPath, [BIN, '--version'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^corroborate /);
  });

  test.each(['html', 'md', 'csv', 'jsonld'] as const)('writes %s with every claim in it', (format) => {
    const out = path.join(dir, `seed.${format}`);
    const r = run(['report', seedFile, '--format', format, '--out', out, '--analyst', 'Dana Whitfield']);
    expect(r.stderr).toContain(`Wrote seed.${format}`);
    expect(r.code).toBe(0);
    const text = readFileSync(out, 'utf8');
    if (format === 'csv') {
      const rows = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
      expect(rows).toHaveLength(SEED_COUNTS.claims);
      expect(rows.find((row) => row.claim_id === 'c_prog_002')!.independent_roots).toBe('2');
    } else if (format === 'jsonld') {
      const doc = JSON.parse(text) as { first: { items: { motivation: string }[] } };
      expect(doc.first.items.filter((a) => a.motivation === 'classifying')).toHaveLength(SEED_COUNTS.claims);
    } else {
      const flat = text.replace(/\\/g, '').replace(/&amp;/g, '&');
      for (const quote of SEED_CLAIM_QUOTES.slice(0, 5)) expect(flat).toContain(quote);
      expect(text).toMatch(/4 appearances, 2 independent roots/);
    }
  });

  test('writes a PDF', () => {
    const out = path.join(dir, 'seed.pdf');
    const r = run(['report', seedFile, '-o', out]);
    expect(r.code).toBe(0);
    expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
  });

  test('without --out, names the file after the report title in the current folder', () => {
    const r = run(['report', seedFile, '-f', 'md', '--title', 'Drones: week 1/2', '-q']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(existsSync(path.join(dir, 'Drones week 1 2.md'))).toBe(true);
  });

  test('"-o -" writes to standard output, for pipelines', () => {
    const r = run(['report', seedFile, '-f', 'csv', '-o', '-']);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('\uFEFF"claim_ref"')).toBe(true);
  });

  test('--propositions and --sections narrow the report', () => {
    const out = path.join(dir, 'programme.md');
    const r = run(['report', seedFile, '-o', out, '--propositions', 'p_programme', '--sections', 'summary,propositions']);
    expect(r.code).toBe(0);
    const md = readFileSync(out, 'utf8');
    expect(md).toContain('Russia set up a drone programme in China');
    expect(md).not.toContain('China provides lethal aid to Russia');
    expect(md).not.toContain('## Appendix');
  });

  test('a bad casefile: exit 1, a message naming the file and the problem, no output file', () => {
    const bad = path.join(dir, 'broken.corroborate');
    writeFileSync(bad, '{"format":"corroborate-casefile","formatVersion":1,"meta":');
    const out = path.join(dir, 'broken.html');
    const r = run(['report', bad, '-o', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/broken\.corroborate.*(cut short|damaged|not valid)/);
    expect(existsSync(out)).toBe(false);
    const missing = run(['report', 'nowhere.corroborate']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('nowhere.corroborate');
    const wrongShape = path.join(dir, 'shape.corroborate');
    writeFileSync(wrongShape, JSON.stringify({ format: 'corroborate-casefile', formatVersion: 1, meta: {} }));
    expect(run(['report', wrongShape]).stderr).toMatch(/shape\.corroborate/);
  });

  test('bad options: exit 2 and a message that says what is wrong', () => {
    const cases: [string[], RegExp][] = [
      [['report', seedFile, '--format', 'docx'], /--format must be one of html, pdf, md, csv, jsonld/],
      [['report', seedFile, '--colour'], /^corroborate: Unknown option "--colour"\.\nRun "corroborate report --help" for usage\.\n$/],
      [['report', seedFile, '--format'], /^corroborate: --format needs a value\.\n/],
      [['report', seedFile, '--quiet=yes'], /^corroborate: --quiet does not take a value\.\n/],
      [['report'], /Name the casefile/],
      [['report', seedFile, '--sections', 'summary,charts'], /Unknown section: charts/],
      [['report', seedFile, '--propositions', 'p_nope'], /None of the chosen propositions exist/],
      [['report', seedFile, '-f', 'pdf', '-o', '-'], /PDF cannot go to standard output/],
      [['report', seedFile, '-o', path.join(dir, 'no', 'such', 'folder', 'x.html')], /does not exist/],
      [['frobnicate'], /Unknown command "frobnicate"/],
    ];
    for (const [args, message] of cases) {
      const r = run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(message);
    }
  });

  test('replaces an existing file only with a complete one', () => {
    const out = path.join(dir, 'replace.md');
    writeFileSync(out, 'old');
    expect(run(['report', seedFile, '-o', out]).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('# Chinese attack drones for Russia');
  });

  test('Ctrl+C stops a long export cleanly: exit 130 and no file, partial or whole', async () => {
    const big = mkdtempSync(path.join(os.tmpdir(), 'corroborate-cli-big-'));
    try {
      const file = path.join(big, 'typical.corroborate');
      writeFileSync(file, JSON.stringify(generateCasefile(SCALES.typical)));
      const out = path.join(big, 'typical.pdf');
      const child = spawn(process.execPath, [CLI, 'report', file, '-o', out], { cwd: big });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      // Progress appears after a second; interrupt once the export is well under way.
      await expect.poll(() => stderr, { timeout: 60_000, interval: 100 }).toMatch(/Writing|Laying out|Printing/);
      child.kill('SIGINT');
      const code = await new Promise<number | null>((resolve) => child.once('close', (c) => resolve(c)));
      expect(stderr).toContain('Interrupted');
      expect(code).toBe(130);
      expect(readdirSync(big)).toEqual(['typical.corroborate']);
      expect(statSync(file).size).toBeGreaterThan(0);
    } finally {
      rmSync(big, { recursive: true, force: true });
    }
  });
});

describe('corroborate list', () => {
  test('prints the article and proposition ids the report options take', () => {
    const r = run(['list', seedFile]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/p_programme\t4\tRussia set up a drone programme in China/);
    expect(r.stdout).toMatch(/a_003\tKyiv Independent\t2024-09-26/);
  });
});
