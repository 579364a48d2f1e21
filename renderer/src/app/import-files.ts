/**
 * Imports from the UI: files chosen, dropped or found in a folder, and pasted
 * text. Files go to the Node side in batches small enough for one request;
 * the Node side reads them, reports progress per file, and answers with what
 * happened to each, which ends in a summary for the analyst.
 */
import type { ImportFileResult } from '../../../shared/api/contract';
import { formatFromName, formatSize, MAX_IMPORT_FILE_BYTES, STOPPED_BEFORE_READING, tooLargeReason } from '../../../shared/articles/import-formats';
import { linksIn, LINKS_PER_CALL } from '../../../shared/articles/links';
import { api, bridge } from '../lib/api';
import { Store } from '../lib/store';
import { runChange } from './casefile-store';
import { notify } from './notices';
import { detectAfterImport } from '../proposals/detection';
import { selectArticle } from './ui-store';

export { MAX_IMPORT_FILE_BYTES };

/** Largest request body sent at once (base64 grows files by a third; the web host accepts 160 MB). */
const BATCH_BYTES = 40 * 2 ** 20;
const BATCH_FILES = 200;

export interface ImportProgress {
  done: number;
  total: number;
  label: string;
  /** The analyst asked to stop; the file being read is finished first. */
  stopping?: boolean;
}

export interface ImportSummary {
  results: ImportFileResult[];
  /** Files of a folder or drop that are not articles (images, spreadsheets...), left alone. */
  ignored: string[];
}

export interface ImportState {
  progress: ImportProgress | null;
  summary: ImportSummary | null;
}

export const importStore = new Store<ImportState>({ progress: null, summary: null });

export function closeImportSummary(): void {
  importStore.set((s) => ({ ...s, summary: null }));
}

function setProgress(progress: ImportProgress | null): void {
  importStore.set((s) => ({ ...s, progress: progress && s.progress?.stopping ? { ...progress, stopping: true } : progress }));
}

/** The import in progress: its task id, and whether the analyst stopped it. */
let running: { taskId: string; stopped: boolean } | null = null;

/** Stops the running import after the file being read; what was read is kept (one undoable step). */
export function stopImport(): void {
  if (!running || running.stopped) return;
  running.stopped = true;
  importStore.set((s) => ({ ...s, progress: s.progress && { ...s.progress, stopping: true } }));
  void api.cancelImport({ taskId: running.taskId }).catch(() => undefined);
}

export async function toBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function batches(files: File[]): File[][] {
  const out: File[][] = [];
  let current: File[] = [];
  let bytes = 0;
  for (const file of files) {
    if (current.length && (bytes + file.size > BATCH_BYTES || current.length >= BATCH_FILES)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(file);
    bytes += file.size;
  }
  if (current.length) out.push(current);
  return out;
}

function displayName(file: File): string {
  return file.webkitRelativePath || file.name;
}

/** Imports files into the open casefile, shows progress, and ends with a summary (or a notice for a single clean file). */
export async function importFiles(files: File[], options: { ignored?: string[] } = {}): Promise<ImportFileResult[]> {
  const ignored = options.ignored ?? [];
  const refused: ImportFileResult[] = files
    .filter((f) => f.size > MAX_IMPORT_FILE_BYTES)
    .map((f) => ({ fileName: displayName(f), outcome: 'failed', message: tooLargeReason(f.size) }));
  const accepted = files.filter((f) => f.size <= MAX_IMPORT_FILE_BYTES);
  const taskId = `import-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const results: ImportFileResult[] = [];
  let offset = 0;
  const total = accepted.length;
  const off = bridge.on('progress', (p) => {
    if (p.task === taskId) setProgress({ done: offset + p.done, total, label: p.label });
  });
  const current = { taskId, stopped: false };
  running = current;
  try {
    for (const batch of batches(accepted)) {
      if (current.stopped) {
        results.push(...batch.map((f) => ({ fileName: displayName(f), outcome: 'stopped' as const, message: STOPPED_BEFORE_READING })));
        continue;
      }
      setProgress({ done: offset, total, label: `Reading ${batch.length === 1 ? displayName(batch[0]!) : `${batch.length} files`}…` });
      const uploads: { name: string; dataBase64: string }[] = [];
      for (const f of batch) {
        try {
          uploads.push({ name: displayName(f), dataBase64: await toBase64(f) });
        } catch {
          results.push({ fileName: displayName(f), outcome: 'failed', message: 'The file could not be read (it may have been moved, or be a folder).' });
        }
      }
      if (current.stopped) {
        results.push(...uploads.map((u) => ({ fileName: u.name, outcome: 'stopped' as const, message: STOPPED_BEFORE_READING })));
        offset += batch.length;
        continue;
      }
      try {
        const result = uploads.length
          ? await runChange((c) => api.importArticles({ sessionId: c.sessionId, revision: c.status.revision, files: uploads, taskId }))
          : null;
        results.push(...(result?.files ?? []));
      } catch (error) {
        // A failed call (the casefile closed, went read-only...) fails its files with the reason; earlier batches stay imported.
        const message = error instanceof Error ? error.message : String(error);
        results.push(...uploads.map((u) => ({ fileName: u.name, outcome: 'failed' as const, message })));
      }
      offset += batch.length;
    }
  } finally {
    off();
    running = null;
    importStore.set((s) => ({ ...s, progress: null }));
  }
  const all = [...results, ...refused];
  report(all, ignored);
  return all;
}

/** Fetches and imports the pages at `links` (on the Node side), with progress, and ends with a summary. */
export async function importLinks(links: string[]): Promise<ImportFileResult[]> {
  const taskId = `links-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const results: ImportFileResult[] = [];
  let offset = 0;
  const off = bridge.on('progress', (p) => {
    if (p.task === taskId) setProgress({ done: offset + p.done, total: links.length, label: p.label });
  });
  const current = { taskId, stopped: false };
  running = current;
  try {
    for (let start = 0; start < links.length; start += LINKS_PER_CALL) {
      const batch = links.slice(start, start + LINKS_PER_CALL);
      if (current.stopped) {
        results.push(...batch.map((link) => ({ fileName: link, outcome: 'stopped' as const, message: STOPPED_BEFORE_READING })));
        continue;
      }
      setProgress({ done: offset, total: links.length, label: `Fetching ${batch[0]}…` });
      try {
        const result = await runChange((c) => api.importLinks({ sessionId: c.sessionId, revision: c.status.revision, links: batch, taskId }));
        results.push(...(result?.files ?? []));
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        results.push(...batch.map((link) => ({ fileName: link, outcome: 'failed' as const, message })));
      }
      offset += batch.length;
    }
  } finally {
    off();
    running = null;
    importStore.set((s) => ({ ...s, progress: null }));
  }
  report(results, []);
  return results;
}

/** Imports text the analyst pasted, with the metadata they typed (blank fields are filled from the text). */
export async function importPastedText(text: string, meta: Partial<Record<'title' | 'outlet' | 'author' | 'publishedAt' | 'url' | 'notes', string>>): Promise<ImportFileResult | null> {
  const bytes = new TextEncoder().encode(text);
  const dataBase64 = await toBase64(new Blob([bytes]));
  try {
    const result = await runChange((c) => api.importArticles({
      sessionId: c.sessionId, revision: c.status.revision, files: [{ name: 'Pasted text', dataBase64, pasted: true, meta }],
    }));
    const outcome = result?.files[0] ?? null;
    if (outcome) report([outcome], []);
    return outcome;
  } catch (error) {
    notify('error', error instanceof Error ? error.message : String(error));
    return null;
  }
}

function report(results: ImportFileResult[], ignored: string[]): void {
  // The attribution assistant reads the new articles now that the import is done, in the background.
  detectAfterImport(results.flatMap((r) => (r.outcome === 'imported' && r.articleId ? [r.articleId] : [])));
  const firstImported = results.find((r) => r.outcome === 'imported');
  if (firstImported?.articleId) selectArticle(firstImported.articleId);
  const single = results.length === 1 && !ignored.length ? results[0]! : null;
  if (single?.outcome === 'imported' && !single.copies?.length && !single.message) {
    notify('info', `Imported “${single.title ?? single.fileName}”.`);
    return;
  }
  importStore.set((s) => ({ ...s, summary: { results, ignored } }));
}

/** Splits the files of a folder into articles to import and other files to leave alone (hidden files are skipped silently). */
export function articleFilesOf(files: File[]): { files: File[]; ignored: string[] } {
  const visible = files.filter((f) => !displayName(f).split('/').some((part) => part.startsWith('.')));
  return {
    files: visible.filter((f) => formatFromName(f.name)),
    ignored: visible.filter((f) => !formatFromName(f.name)).map((f) => `${displayName(f)} (${formatSize(f.size)})`),
  };
}

/** The files of a drop, walking into dropped folders (hidden files and folders are skipped). */
async function filesFromDrop(data: DataTransfer): Promise<File[]> {
  // Entries must be taken while the drop event runs, before any await.
  const entries = [...data.items].map((item) => item.webkitGetAsEntry()).filter((e): e is FileSystemEntry => !!e);
  if (!entries.some((e) => e.isDirectory)) return [...data.files];
  const files: File[] = [];
  const walk = async (entry: FileSystemEntry): Promise<void> => {
    if (entry.name.startsWith('.')) return;
    if (entry.isFile) {
      files.push(await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject)));
    } else if (entry.isDirectory) {
      const reader = (entry as FileSystemDirectoryEntry).createReader();
      // readEntries returns a folder in chunks; an empty chunk means the end.
      for (;;) {
        const chunk = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
        if (!chunk.length) break;
        for (const child of chunk) await walk(child);
      }
    }
  };
  for (const entry of entries) await walk(entry);
  return files;
}

/** Imports what was dropped on the workbench: files, whole folders, or links (from a browser's address bar or a list). */
export async function importDropped(data: DataTransfer): Promise<void> {
  const links = data.files.length ? [] : linksIn(data.getData('text/uri-list') || data.getData('text/plain'));
  if (links.length) {
    await importLinks(links);
    return;
  }
  const { files, ignored } = articleFilesOf(await filesFromDrop(data));
  if (files.length) await importFiles(files, { ignored });
  else notify('error', ignored.length ? 'None of the dropped files is an article (.txt, .md, .html, .pdf or .docx).' : 'Nothing to import.');
}
