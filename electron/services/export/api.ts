/**
 * The export API calls: exportReport builds a report of an open casefile with
 * progress events, and either returns the bytes (the UI offers them as a
 * download) or writes the file into the workspace's exports folder;
 * cancelExport stops a running export, which then leaves no file behind.
 */
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ApiEventName, ApiEventPayload, ApiParsedArgs, ExportReportResult } from '../../../shared/api/contract';
import { ApiError } from '../../../shared/api/dispatch';
import { ExportCancelled } from '../../../shared/report/progress';
import type { Casefile } from '../../../shared/model/schema';
import { exportReport, writeExportFile } from './index';
import { ChromiumKeeper, type PdfRenderer } from './pdf';
import { whatIsAt } from '../casefile/side-folders';

export interface ExportHost {
  version: string;
  workspace: string;
  emit: <E extends ApiEventName>(event: E, payload: ApiEventPayload<E>) => void;
  renderPdf?: PdfRenderer;
  /** How long headless Chromium waits for the next PDF export before it is closed (ChromiumKeeper). */
  keepChromiumMs?: number;
  casefileOf: (sessionId: string) => Casefile;
}

/** Exports live in this folder of the workspace (browser mode). */
export const EXPORTS_FOLDER = 'exports';

export function createExportHandlers(host: ExportHost) {
  const running = new Map<string, AbortController>();
  // Without the host's own PDF engine, PDFs are printed by headless Chromium, kept running for the next export for a minute.
  const chromium = host.renderPdf ? undefined : new ChromiumKeeper(host.keepChromiumMs);

  async function run(args: ApiParsedArgs<'exportReport'>): Promise<ExportReportResult> {
    if (running.has(args.jobId)) throw new ApiError('busy', 'An export with this id is already running.');
    const controller = new AbortController();
    running.set(args.jobId, controller);
    const task = `export:${args.jobId}`;
    try {
      const exported = await exportReport({
        casefile: host.casefileOf(args.sessionId),
        options: args.options,
        format: args.format,
        generator: `Corroborate ${host.version}`,
        signal: controller.signal,
        renderPdf: host.renderPdf,
        chromium,
        onProgress: (p) => host.emit('progress', { task, ...p }),
      });
      if (args.destination === 'workspace') {
        const folder = await exportsFolder(host.workspace);
        const target = await freeName(folder, exported.fileName);
        await writeExportFile(target, exported.chunks, controller.signal);
        return { fileName: path.basename(target), mimeType: exported.mimeType, size: exported.size, savedPath: path.join(EXPORTS_FOLDER, path.basename(target)), dataBase64: null };
      }
      return { fileName: exported.fileName, mimeType: exported.mimeType, size: exported.size, savedPath: null, dataBase64: Buffer.concat(exported.chunks).toString('base64') };
    } catch (error) {
      if (error instanceof ExportCancelled) throw new ApiError('cancelled', 'The export was cancelled; no file was written.');
      throw error;
    } finally {
      running.delete(args.jobId);
      host.emit('progress', { task, done: 1, total: 1, label: 'Finished' });
    }
  }

  return {
    exportReport: run,
    cancelExport: async ({ jobId }: ApiParsedArgs<'cancelExport'>) => {
      const controller = running.get(jobId);
      controller?.abort();
      return { cancelled: !!controller };
    },
  };
}

/**
 * The workspace's exports folder, made when missing. A link in its place
 * would take the report out of the workspace: it is refused, not followed.
 */
async function exportsFolder(workspace: string): Promise<string> {
  const folder = path.join(workspace, EXPORTS_FOLDER);
  const kind = await whatIsAt(folder);
  if (kind === 'link') {
    throw new ApiError('outside-workspace', `The workspace's ${EXPORTS_FOLDER} folder is a link to another place; reports are written only inside the workspace. Replace it with a real folder.`);
  }
  if (kind && kind !== 'folder') throw new ApiError('io-error', `The workspace's ${EXPORTS_FOLDER} is a file, not a folder; move it away and export again.`);
  if (!kind) await mkdir(folder);
  return folder;
}

/** "Report.html", or "Report (2).html" when that exists: an export never replaces an earlier one. */
async function freeName(folder: string, fileName: string): Promise<string> {
  const ext = path.extname(fileName);
  const base = fileName.slice(0, fileName.length - ext.length);
  for (let n = 1; n < 10_000; n++) {
    const candidate = path.join(folder, n === 1 ? fileName : `${base} (${n})${ext}`);
    if (!(await stat(candidate).then(() => true, () => false))) return candidate;
  }
  throw new ApiError('io-error', 'Too many exports with the same name in the exports folder.');
}
