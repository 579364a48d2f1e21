/**
 * Reading a .qdpx (REFI-QDA project) from another tool: unzip, check sizes
 * before anything is inflated, read project.qde and its plain-text sources.
 * Turning it into a casefile is pure (shared/interchange/refi-qda).
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { QdaFormatError, parseQdaProject, type QdaProject } from '../../../shared/interchange/refi-qda/parse';
import { projectToCasefile, type QdaImportOptions, type QdaImportResult } from '../../../shared/interchange/refi-qda/to-casefile';
import { newId } from '../../../shared/model/ids';
import { formatSize } from '../../../shared/articles/import-formats';
import { loadFastValidator } from '../casefile/fast-validate';
import { readZipEntry, zipDirectory, ZipEntryError, type ZipEntry } from './zip';

/** What a project's files may unpack to in all (texts of a few thousand articles are far below). */
export const MAX_QDPX_UNPACKED_BYTES = 1024 * 1024 * 1024;
const MAX_QDPX_ENTRIES = 200_000;

export async function readQdpx(bytes: Uint8Array): Promise<QdaProject> {
  const entries = zipDirectory(bytes);
  if (!entries) throw new QdaFormatError('This file is not a .qdpx project: it is not a zip archive.');
  if (entries.length > MAX_QDPX_ENTRIES) throw new QdaFormatError(`This project holds ${entries.length.toLocaleString('en')} files; the limit is ${MAX_QDPX_ENTRIES.toLocaleString('en')}.`);
  // Only project.qde and .txt sources are ever unpacked; pictures, PDFs and media are listed, not inflated.
  const read = entries.filter((e) => isProjectFile(e.name) || isTextSource(e.name));
  const unpacked = read.reduce((sum, e) => sum + e.unpackedBytes, 0);
  if (unpacked > MAX_QDPX_UNPACKED_BYTES) {
    throw new QdaFormatError(`This project's texts unpack to ${Number.isFinite(unpacked) ? formatSize(unpacked) : 'more than 4 GB'}; the limit is ${formatSize(MAX_QDPX_UNPACKED_BYTES)}.`);
  }
  const projectFile = read.find((e) => isProjectFile(e.name));
  if (!projectFile) throw new QdaFormatError('This .qdpx file holds no project.qde.');
  // Decoded with the standard decoder, which keeps characters outside the Basic Multilingual Plane whole.
  const utf8 = new TextDecoder('utf-8');
  const text = (entry: ZipEntry) => {
    try {
      return utf8.decode(readZipEntry(bytes, entry));
    } catch (error) {
      if (error instanceof ZipEntryError) throw new QdaFormatError(`This .qdpx file is damaged: ${error.message}.`);
      throw error;
    }
  };
  const texts = new Map<string, string>();
  for (const entry of read) {
    if (isTextSource(entry.name)) texts.set(sourceKey(entry.name.slice(entry.name.indexOf('/') + 1)), text(entry));
  }
  const qde = text(projectFile);
  return parseQdaProject(qde, (name) => texts.get(sourceKey(name)));
}

function isProjectFile(name: string): boolean {
  return /^[^/]*\.qde$/i.test(name);
}

/** A plain-text file directly in the sources folder (the standard keeps it flat). */
function isTextSource(name: string): boolean {
  return /^sources\/[^/]+\.txt$/i.test(name);
}

/** Source files are named by GUID; some tools change the case of the folder or of the GUID. */
function sourceKey(name: string): string {
  return name.toLowerCase();
}

/** Reads a .qdpx file from disk (bounded like any import) and makes the new casefile from it. */
export async function importQdpxFile(
  filePath: string, options: Omit<QdaImportOptions, 'casefileId' | 'now'> & { now?: string },
): Promise<QdaImportResult> {
  const project = await readQdpxFile(filePath);
  return projectToCasefile(project, { ...options, casefileId: newId('cf'), now: options.now ?? new Date().toISOString(), fastValidate: await loadFastValidator() });
}

/** What a .qdpx file may weigh on disk. */
export const MAX_QDPX_FILE_BYTES = 512 * 1024 * 1024;

export async function readQdpxFile(filePath: string): Promise<QdaProject> {
  const size = (await stat(filePath)).size;
  if (size > MAX_QDPX_FILE_BYTES) throw new QdaFormatError(`${path.basename(filePath)} is ${formatSize(size)}; the limit for a .qdpx project is ${formatSize(MAX_QDPX_FILE_BYTES)}.`);
  return readQdpx(await readFile(filePath));
}
