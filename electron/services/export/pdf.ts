/**
 * PDF from the HTML report. Two engines print it: Electron's own
 * webContents.printToPDF on the desktop (the shell passes it in through
 * HostServices.renderPdf), and headless Chromium through playwright-core in
 * browser mode and on the command line. Both print the same HTML with the
 * same print stylesheet; this file holds the Chromium one and the shared
 * page settings.
 */
import { existsSync, rmSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ApiError } from '../../../shared/api/dispatch';
import { escapeHtml } from '../../../shared/report/escape';
import { ExportCancelled } from '../../../shared/report/progress';
import { joinPdfParts } from './pdf-merge';
import { shorten } from '../../../shared/text/wording';

export interface PdfJob {
  /** Shown in the page footer beside the page numbers. */
  title: string;
  signal?: AbortSignal;
  onStage?: (label: string) => void;
  /**
   * False for one part of a long report: the footer shows the title only,
   * and the page numbers are stamped once the parts are joined (pdf-merge.ts).
   */
  pageNumbers?: boolean;
}

/** Prints a self-contained HTML report to PDF bytes. */
export type PdfRenderer = (html: string, job: PdfJob) => Promise<Uint8Array>;

/** A4 with room for the footer; the report's @page rule uses the same margins. */
export const PDF_PAGE = { format: 'A4', margin: { top: '16mm', right: '14mm', bottom: '18mm', left: '14mm' } } as const;

/** Footer with the report title and "Page n of m"; Chromium fills the pageNumber/totalPages spans. */
export function pdfFooterTemplate(title: string, pageNumbers = true): string {
  const short = shorten(title, 90);
  const numbers = pageNumbers ? '<span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span>' : '';
  return `<div style="width:100%;font:8px system-ui,sans-serif;color:#5b6470;padding:0 14mm;display:flex;justify-content:space-between"><bdi>${escapeHtml(short)}</bdi>${numbers}</div>`;
}

/** Parts printed at the same time: one per core on a typical laptop, without starving the UI. */
const PARALLEL_PARTS = 2;

/**
 * Chromium features turned off. Headless Chromium is the whole browser, and
 * since about version 150 it loads the address bar's suggestion popup, two
 * WebUI pages in a renderer of their own, for every new window: 0.7–2.6 s of
 * CPU per export beside the report's own renderer. Playwright passes its own
 * --disable-features and Chromium honours only the last one given, so this
 * list repeats Playwright's (playwright-core 1.65) before adding the popup's.
 */
const DISABLED_FEATURES = [
  // Playwright's own.
  'AvoidUnnecessaryBeforeUnloadCheckSync', 'DestroyProfileOnBrowserClose', 'HttpsUpgrades', 'HttpsFirstBalancedModeAutoEnable', 'LensOverlay', 'MediaRouter',
  'PaintHolding', 'ThirdPartyStoragePartitioning', 'AvoidCorsURLLoaderRestartOnRedirect', 'OptimizationHints', 'NetworkTimeServiceQuerying', 'AimEnabled', 'PreconnectToSearch',
  // The address bar's popup.
  'WebUIOmniboxPopup', 'WebUIOmniboxAimPopup', 'WebUIOmniboxFullPopup',
];

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  `--disable-features=${DISABLED_FEATURES.join(',')}`,
];

/** The Chromium binary: $CORROBORATE_CHROMIUM, $CHROMIUM_PATH, or the usual Linux locations. */
export function chromiumPath(): string {
  const candidates = [process.env.CORROBORATE_CHROMIUM, process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  const found = candidates.find((c): c is string => !!c && existsSync(c));
  if (!found) {
    throw new ApiError('no-chromium', 'PDF export needs Chromium or Chrome. Install it, or set CORROBORATE_CHROMIUM to its path; HTML, Markdown, CSV and JSON-LD exports work without it.');
  }
  return found;
}

/**
 * Prints a report's parts with one headless Chromium and joins them into one
 * PDF. Chromium's own footer is not used: it lays out the footer template
 * once per page, which costs more than the report itself on long reports.
 * The footer is printed once instead and stamped with the page numbers onto
 * every page (pdf-merge.ts). With a `keeper`, the browser is the one it keeps
 * running between exports (each export still gets a fresh context of its own);
 * without one, a browser is started for this export and closed after it.
 */
export async function chromiumPdfDocument(parts: string[], job: PdfJob, onPart?: (done: number) => void, keeper?: ChromiumKeeper): Promise<Uint8Array> {
  // The footer prints beside the first parts rather than before them.
  const [footer, printed] = await withChromium(job.signal, keeper, (context, dir) => Promise.all([printFooter(context, dir, job.title), printParts(context, dir, parts, job, onPart)]));
  if (parts.length > 1) job.onStage?.('Joining the pages');
  const joined = await joinPdfParts(printed, job.title, footer);
  if (job.signal?.aborted) throw new ExportCancelled();
  return joined;
}

type Browser = import('playwright-core').Browser;
type Context = import('playwright-core').BrowserContext;

/** Starts a headless Chromium for printing reports. */
async function launchChromium(): Promise<Browser> {
  // Loaded on first use: playwright-core is large, and most exports and CLI runs never print a PDF.
  const { chromium } = await import('playwright-core');
  // Ctrl+C is the host's: Playwright's own handler would exit the process (code 130) as soon as the browser
  // is closed, before the host has saved its casefiles; a kept browser would make that so for a minute after
  // each export. Chromium still goes with the process (Playwright kills it on exit), or with the export when
  // the host cancels it.
  // Chromium's own temp files go into a folder of their own, removed when the browser closes or, if the
  // process exits with a browser still running (Playwright then kills it, leaving what it had made), on exit.
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'corroborate-chromium-'));
  const removeTmp = () => rmSync(tmp, { recursive: true, force: true });
  process.once('exit', removeTmp);
  const forget = () => {
    process.off('exit', removeTmp);
    removeTmp();
  };
  try {
    const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true, handleSIGINT: false, env: { ...process.env, TMPDIR: tmp } });
    browser.once('disconnected', forget);
    return browser;
  } catch (error) {
    forget();
    throw error;
  }
}

/** How long a kept browser waits for the next export before it is closed. */
export const KEEP_WARM_MS = 60_000;

/**
 * One headless Chromium kept running between PDF exports, so that an export
 * made soon after another does not wait for a browser to start (browser mode
 * keeps one per host). It starts with the first export, and closes once no
 * export has used it for `idleMs`, when an export using it is cancelled, or
 * on close(). Each export prints in a context of its own, closed after it:
 * nothing of one report (pages, files, cache) is seen by the next.
 */
export class ChromiumKeeper {
  private browser: Promise<Browser> | null = null;
  private users = 0;
  private idle: NodeJS.Timeout | null = null;

  constructor(private readonly idleMs = KEEP_WARM_MS) {}

  /** The kept browser, started if needed; release() it when done. */
  async acquire(): Promise<Browser> {
    this.users++;
    this.stopIdleTimer();
    const pending = (this.browser ??= this.launch());
    try {
      return await pending;
    } catch (error) {
      if (this.browser === pending) this.browser = null;
      this.release();
      throw error;
    }
  }

  /** True when another export is using the browser too. */
  get shared(): boolean {
    return this.users > 1;
  }

  private launch(): Promise<Browser> {
    const pending = launchChromium();
    // A browser that crashes or is closed is forgotten: the next export starts another.
    void pending.then((browser) => browser.on('disconnected', () => {
      if (this.browser === pending) this.browser = null;
    }), () => undefined);
    return pending;
  }

  release(): void {
    this.users = Math.max(0, this.users - 1);
    if (this.users > 0 || !this.browser) return;
    this.stopIdleTimer();
    this.idle = setTimeout(() => void this.close(), this.idleMs);
    // A kept browser never holds a process open by its timer alone.
    this.idle.unref();
  }

  /** Closes the browser (its processes and profile folder go with it); the next export starts another. */
  async close(): Promise<void> {
    this.stopIdleTimer();
    const pending = this.browser;
    this.browser = null;
    if (pending) await pending.then((browser) => browser.close(), () => undefined).catch(() => undefined);
  }

  /** True while a browser is running or starting. */
  get running(): boolean {
    return this.browser !== null;
  }

  private stopIdleTimer(): void {
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
  }
}

/**
 * Runs `use` with a fresh context of a headless Chromium and a temp folder,
 * closing both whatever happens; the browser too unless a keeper keeps it.
 * Nothing but each report file may load, and no script runs: the report is
 * untrusted content. Cancelling closes the browser at once, kept or not, so
 * a cancelled export leaves no Chromium working on it.
 */
async function withChromium<T>(signal: AbortSignal | undefined, keeper: ChromiumKeeper | undefined, use: (context: Context, dir: string) => Promise<T>): Promise<T> {
  if (signal?.aborted) throw new ExportCancelled();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'corroborate-pdf-'));
  let browser: Browser;
  try {
    browser = keeper ? await keeper.acquire() : await launchChromium();
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  const closeBrowser = () => (keeper ? keeper.close() : browser.close()).catch(() => undefined);
  let context: Context | null = null;
  // Another export printing with the same kept browser goes on: only this one's context is closed.
  const stop = () => void (keeper?.shared ? context?.close().catch(() => undefined) : closeBrowser());
  signal?.addEventListener('abort', stop, { once: true });
  try {
    context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    const result = await use(context, dir);
    if (signal?.aborted) throw new ExportCancelled();
    return result;
  } catch (error) {
    if (signal?.aborted) throw new ExportCancelled();
    throw error;
  } finally {
    signal?.removeEventListener('abort', stop);
    if (keeper && (!signal?.aborted || keeper.shared)) {
      await context?.close().catch(() => undefined);
      keeper.release();
    } else {
      keeper?.release();
      await closeBrowser();
    }
    await rm(dir, { recursive: true, force: true });
  }
}

/** Opens one file in the page, letting nothing else load. */
async function openFile(page: import('playwright-core').Page, file: string, html: string): Promise<void> {
  await writeFile(file, html, 'utf8');
  const fileUrl = pathToFileURL(file).href;
  await page.unroute('**/*');
  await page.route('**/*', (route) => (route.request().url() === fileUrl ? route.continue() : route.abort()));
  await page.goto(fileUrl, { waitUntil: 'load', timeout: 0 });
}

/** A blank page with the footer (the title) in its bottom margin: the stamp for every page of the report. */
async function printFooter(context: Context, dir: string, title: string): Promise<Uint8Array> {
  const page = await context.newPage();
  await openFile(page, path.join(dir, 'footer.html'), `<!doctype html><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'"><title>footer</title>`);
  const pdf = await page.pdf({ ...PDF_PAGE, displayHeaderFooter: true, headerTemplate: '<span></span>', footerTemplate: pdfFooterTemplate(title, false) });
  await page.close();
  return new Uint8Array(pdf);
}

/** Prints the parts a few at a time; a single part gets the PDF outline and tags (too slow on thousands of pages). */
async function printParts(context: Context, dir: string, parts: string[], job: PdfJob, onPart?: (done: number) => void): Promise<Uint8Array[]> {
  const results: Uint8Array[] = new Array<Uint8Array>(parts.length);
  const whole = parts.length === 1;
  let next = 0;
  let done = 0;
  const worker = async () => {
    // The parts are blank on a screen (PRINT_ONLY_CSS): loading one lays nothing out, and the print lays it out once, for paper.
    const page = await context.newPage();
    for (let i = next++; i < parts.length && !job.signal?.aborted; i = next++) {
      const file = path.join(dir, `part-${i}.html`);
      if (whole) job.onStage?.('Laying out the pages');
      await openFile(page, file, parts[i]!);
      if (whole) job.onStage?.('Printing the PDF');
      results[i] = new Uint8Array(await page.pdf({ ...PDF_PAGE, printBackground: true, outline: whole, tagged: whole }));
      await rm(file, { force: true });
      onPart?.(++done);
    }
    await page.close();
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_PARTS, parts.length) }, worker));
  return results;
}
