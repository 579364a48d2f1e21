/**
 * PDF from the HTML report. Two engines print it: Electron's own
 * webContents.printToPDF on the desktop (the shell passes it in through
 * HostServices.renderPdf), and headless Chromium through playwright-core in
 * browser mode and on the command line. Both print the same HTML with the
 * same print stylesheet; this file holds the Chromium one and the shared
 * page settings.
 */
import { existsSync } from 'node:fs';
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

/**
 * The page's printable area in CSS pixels (96 a inch): A4 less PDF_PAGE's
 * margins. A page opened at this size with print media already has the
 * layout the print needs; opened as a screen page, Chromium lays the whole
 * report out twice, once for the screen and again for paper (a third of the
 * printing time; the PDF is the same byte for byte).
 */
export const PRINT_VIEWPORT = { width: Math.round(((210 - 14 - 14) / 25.4) * 96), height: Math.round(((297 - 16 - 18) / 25.4) * 96) };

/** Parts printed at the same time: one per core on a typical laptop, without starving the UI. */
const PARALLEL_PARTS = 2;

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
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
 * every page (pdf-merge.ts).
 */
export async function chromiumPdfDocument(parts: string[], job: PdfJob, onPart?: (done: number) => void): Promise<Uint8Array> {
  const { footer, printed } = await withChromium(job.signal, async (context, dir) => ({
    footer: await printFooter(context, dir, job.title),
    printed: await printParts(context, dir, parts, job, onPart),
  }));
  if (parts.length > 1) job.onStage?.('Joining the pages');
  const joined = await joinPdfParts(printed, job.title, footer);
  if (job.signal?.aborted) throw new ExportCancelled();
  return joined;
}

type Context = import('playwright-core').BrowserContext;

/**
 * Runs `use` with a fresh headless Chromium and a temp folder, closing both
 * whatever happens. Nothing but each report file may load, and no script
 * runs: the report is untrusted content.
 */
async function withChromium<T>(signal: AbortSignal | undefined, use: (context: Context, dir: string) => Promise<T>): Promise<T> {
  if (signal?.aborted) throw new ExportCancelled();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'corroborate-pdf-'));
  // Loaded on first use: playwright-core is large, and most exports and CLI runs never print a PDF.
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true });
  const stop = () => void browser.close().catch(() => undefined);
  signal?.addEventListener('abort', stop, { once: true });
  try {
    const result = await use(await browser.newContext({ javaScriptEnabled: false, offline: true }), dir);
    if (signal?.aborted) throw new ExportCancelled();
    return result;
  } catch (error) {
    if (signal?.aborted) throw new ExportCancelled();
    throw error;
  } finally {
    signal?.removeEventListener('abort', stop);
    await browser.close().catch(() => undefined);
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
    const page = await context.newPage();
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize(PRINT_VIEWPORT);
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
