import type { ImportFileResult } from '../../../shared/api/contract';
import { api } from '../lib/api';
import { runChange } from './casefile-store';
import { notify } from './notices';
import { selectArticle } from './ui-store';

/** Per-file limit in the UI; larger files are refused before they are read. */
export const MAX_IMPORT_FILE_BYTES = 50 * 1024 * 1024;

async function toBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Sends files to the open casefile's import and reports what happened to each. */
export async function importFiles(files: File[]): Promise<ImportFileResult[]> {
  const refused: ImportFileResult[] = [];
  const accepted: { name: string; dataBase64: string }[] = [];
  for (const file of files) {
    if (file.size > MAX_IMPORT_FILE_BYTES) {
      refused.push({ fileName: file.name, outcome: 'failed', message: `Larger than ${MAX_IMPORT_FILE_BYTES / 2 ** 20} MB.` });
    } else {
      accepted.push({ name: file.name, dataBase64: await toBase64(file) });
    }
  }
  const result = accepted.length
    ? await runChange((c) => api.importArticles({ sessionId: c.sessionId, revision: c.status.revision, files: accepted }))
    : null;
  const all = [...(result?.files ?? []), ...refused];
  const firstImported = all.find((r) => r.outcome === 'imported');
  if (firstImported?.articleId) selectArticle(firstImported.articleId);
  const count = (o: ImportFileResult['outcome']) => all.filter((r) => r.outcome === o).length;
  const failures = all.filter((r) => r.outcome === 'failed').map((r) => `${r.fileName}: ${r.message}`);
  notify(failures.length ? 'error' : 'info',
    `Imported ${count('imported')}, skipped ${count('duplicate')} duplicate${count('duplicate') === 1 ? '' : 's'}, failed ${count('failed')}.${failures.length ? ` ${failures.join(' ')}` : ''}`);
  return all;
}
