/** What the importer accepts: the same rules in the UI (before upload) and on the Node side (before reading). */

/** Largest file the importer reads; bigger files are refused before their content is read. */
export const MAX_IMPORT_FILE_BYTES = 50 * 1024 * 1024;

/** Formats of files, plus 'paste' for text the analyst pasted. */
export type FileFormat = 'txt' | 'md' | 'html' | 'pdf' | 'docx';
export type ImportFormat = FileFormat | 'paste';

const BY_EXTENSION: Record<string, FileFormat> = {
  txt: 'txt', text: 'txt', md: 'md', markdown: 'md', html: 'html', htm: 'html', xhtml: 'html', pdf: 'pdf', docx: 'docx',
};

export const IMPORT_EXTENSIONS = Object.keys(BY_EXTENSION).map((e) => `.${e}`);

/** The format a file name says it has, or null for names the importer does not take. */
export function formatFromName(name: string): FileFormat | null {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? null : BY_EXTENSION[name.slice(dot + 1).toLowerCase()] ?? null;
}

export function formatSize(bytes: number): string {
  if (bytes >= 2 ** 20) return `${(bytes / 2 ** 20).toFixed(bytes >= 10 * 2 ** 20 ? 0 : 1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

/** Why a file the analyst stopped the import before was not imported (said by the Node side and the window alike). */
export const STOPPED_BEFORE_READING = 'Not imported: the import was stopped before this file.';

export function tooLargeReason(bytes: number): string {
  return `The file is ${formatSize(bytes)}; the import limit is ${formatSize(MAX_IMPORT_FILE_BYTES)} per file. Split it or import the article's web page or PDF instead.`;
}
