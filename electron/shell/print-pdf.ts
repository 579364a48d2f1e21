/**
 * PDF export on the desktop: Electron's own printToPDF, so the installed app
 * needs no separate Chromium. The report is untrusted content, so it is
 * printed in a hidden, sandboxed window with scripts off and every request
 * but the report file itself refused.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BrowserWindow, session } from 'electron';
import { pdfFooterTemplate, type PdfRenderer } from '../services/export/pdf';

const MM_PER_INCH = 25.4;
const inches = (mm: number) => mm / MM_PER_INCH;

export const printPdfWithElectron: PdfRenderer = async (html, job) => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'corroborate-print-'));
  const file = path.join(dir, 'report.html');
  const fileUrl = pathToFileURL(file).href;
  const partition = `corroborate-print-${randomBytes(6).toString('hex')}`;
  const printSession = session.fromPartition(partition);
  printSession.webRequest.onBeforeRequest((details, callback) => callback({ cancel: details.url !== fileUrl }));
  printSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  const window = new BrowserWindow({
    show: false,
    webPreferences: {
      javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false, partition, webSecurity: true,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  try {
    await writeFile(file, html, 'utf8');
    job.onStage?.('Printing the PDF…');
    await window.loadURL(fileUrl);
    const pdf = await window.webContents.printToPDF({
      pageSize: 'A4',
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: pdfFooterTemplate(job.title, job.pageNumbers !== false),
      margins: { top: inches(16), right: inches(14), bottom: inches(18), left: inches(14) },
      generateDocumentOutline: job.pageNumbers !== false,
      generateTaggedPDF: job.pageNumbers !== false,
    });
    return new Uint8Array(pdf);
  } finally {
    window.destroy();
    await rm(dir, { recursive: true, force: true });
  }
};
