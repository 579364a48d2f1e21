/**
 * Headless Chromium kept running between PDF exports (ChromiumKeeper, as
 * browser mode does it), with the real Chromium and real files: two exports
 * in a row print with one browser and each gives the whole report; the
 * browser closes once idle, and at once when an export is cancelled; neither
 * leaves a Chromium process or a temp file behind; and Ctrl+C stays the
 * host's to handle while a browser is kept.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { exportReport } from '../../../electron/services/export/index';
import { ChromiumKeeper } from '../../../electron/services/export/pdf';
import { ExportCancelled } from '../../../shared/report/progress';
import { ReportOptions } from '../../../shared/report/options';
import { SCALES, generateCasefile } from '../../support/generate';
import { buildSeedCasefile, SEED_CLAIM_QUOTES } from '../../fixtures/report/seed-casefile';
import { chromiumProcessesOf, isRunning } from '../../support/processes';

const options = ReportOptions.parse({ analyst: 'Dana Whitfield' });
let tmp: string;
let out: string;
const savedTmpdir = process.env.TMPDIR;

// Everything the export and Chromium put in the temp folder goes into a folder of this test's own, checked empty at the end.
beforeEach(() => {
  out = mkdtempSync(path.join(os.tmpdir(), 'corroborate-keeper-out-'));
  tmp = mkdtempSync(path.join(os.tmpdir(), 'corroborate-keeper-tmp-'));
  process.env.TMPDIR = tmp;
});
afterEach(() => {
  if (savedTmpdir === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = savedTmpdir;
  rmSync(tmp, { recursive: true, force: true });
  rmSync(out, { recursive: true, force: true });
});

const chromiumProcesses = () => chromiumProcessesOf(process.pid);
/** The browser processes themselves (each export's own, or the kept one): Chromium started directly by this process. */
const browsers = () => chromiumProcesses().filter((p) => p.ppid === process.pid).map((p) => p.pid);

async function pdfText(bytes: Uint8Array, name: string): Promise<{ text: string; pages: number }> {
  const file = path.join(out, name);
  writeFileSync(file, bytes);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
  return { text, pages };
}

const flatten = (text: string) => text.replace(/\s+/g, ' ').replace(/- /g, '-');

describe('a Chromium kept between PDF exports', () => {
  test('two exports in a row print with one browser, each the whole report; once idle, no process or temp file is left', async () => {
    // Long enough for the first export to join its pages after it has released the browser, on a busy machine.
    const keeper = new ChromiumKeeper(8_000);
    const casefile = buildSeedCasefile();
    const first = await exportReport({ casefile, options, format: 'pdf', generator: 'Corroborate test', chromium: keeper });
    const kept = browsers();
    expect(kept).toHaveLength(1);
    const second = await exportReport({ casefile, options: { ...options, title: 'Second export' }, format: 'pdf', generator: 'Corroborate test', chromium: keeper });
    expect(browsers()).toEqual(kept);

    for (const [i, exported] of [first, second].entries()) {
      const { text, pages } = await pdfText(exported.chunks[0]!, `export-${i}.pdf`);
      expect(text).toContain(i === 0 ? 'Chinese attack drones for Russia' : 'Second export');
      for (let n = 1; n <= pages; n++) expect(text).toContain(`Page ${n} of ${pages}`);
      for (const quote of SEED_CLAIM_QUOTES) expect(flatten(text)).toContain(flatten(quote));
    }
    // Between exports, only the kept browser's folders are in the temp folder: no report, no part, no footer.
    expect(readdirSync(tmp).filter((f) => f.startsWith('corroborate-pdf-'))).toEqual([]);

    await expect.poll(() => keeper.running, { timeout: 30_000 }).toBe(false);
    await expect.poll(() => chromiumProcesses().length, { timeout: 10_000 }).toBe(0);
    await expect.poll(() => readdirSync(tmp), { timeout: 10_000 }).toEqual([]);
  });

  test('a cancelled export closes the kept browser at once: no process or temp file is left, and the next export starts another', async () => {
    const keeper = new ChromiumKeeper(60_000);
    const controller = new AbortController();
    const running = exportReport({
      casefile: generateCasefile(SCALES.typical), options, format: 'pdf', generator: 'Corroborate test', chromium: keeper, signal: controller.signal,
      onProgress: (p) => {
        if (p.label === 'Printing the PDF' && !controller.signal.aborted) setTimeout(() => controller.abort(), 300);
      },
    });
    const error = await running.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExportCancelled);
    expect(keeper.running).toBe(false);
    await expect.poll(() => chromiumProcesses().length, { timeout: 10_000 }).toBe(0);
    await expect.poll(() => readdirSync(tmp), { timeout: 10_000 }).toEqual([]);

    const again = await exportReport({ casefile: buildSeedCasefile(), options, format: 'pdf', generator: 'Corroborate test', chromium: keeper });
    expect((await pdfText(again.chunks[0]!, 'again.pdf')).text).toContain('Chinese attack drones for Russia');
    await keeper.close();
    await expect.poll(() => chromiumProcesses().length, { timeout: 10_000 }).toBe(0);
    expect(readdirSync(tmp)).toEqual([]);
  });

  test('Ctrl+C while a browser is kept is the host’s: it saves and exits as it means to, and Chromium goes with it', async () => {
    const saved = path.join(out, 'saved');
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, '..', '..', 'fixtures', 'report', 'keeper-sigint.ts'), saved], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const closed = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
    await expect.poll(() => output, { timeout: 60_000, interval: 100 }).toContain('exported');
    const kept = chromiumProcessesOf(child.pid!);
    expect(kept.length).toBeGreaterThan(0);
    child.kill('SIGINT');
    expect(await closed).toBe(0);
    expect(readFileSync(saved, 'utf8')).toBe('saved');
    await expect.poll(() => kept.filter((p) => isRunning(p.pid)).length, { timeout: 10_000 }).toBe(0);
    // tsx's cache aside (the host here is a TypeScript file run by tsx).
    await expect.poll(() => readdirSync(tmp).filter((f) => !f.startsWith('tsx-')), { timeout: 10_000 }).toEqual([]);
  });

  test('without a keeper, each export starts its own browser and closes it before it returns', async () => {
    await exportReport({ casefile: buildSeedCasefile(), options, format: 'pdf', generator: 'Corroborate test' });
    expect(browsers()).toEqual([]);
    await expect.poll(() => chromiumProcesses().length, { timeout: 10_000 }).toBe(0);
    expect(readdirSync(tmp)).toEqual([]);
  });
});
