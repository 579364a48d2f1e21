import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { Low, type Adapter } from 'lowdb';
import { FormatError } from '../../../shared/model/migrations';
import type { Casefile } from '../../../shared/model/schema';
import { CasefileInvalidError, parseCasefileDocument } from '../../../shared/model/validate';
import { ApiError } from '../../../shared/api/dispatch';
import { writeFileDurably } from './durable-write';
import { serialiseCasefile } from './serialise';

/** Larger files are refused before reading: no real casefile comes near it. */
export const MAX_CASEFILE_BYTES = 256 * 1024 * 1024;

/**
 * lowdb adapter for casefiles: reads with validation and migration, writes
 * durably (unique temp file, fsync, rename, fsync folder) in slices.
 */
export class CasefileAdapter implements Adapter<Casefile> {
  constructor(readonly filePath: string) {}

  async read(): Promise<Casefile | null> {
    return (await loadCasefile(this.filePath)).casefile;
  }

  async write(data: Casefile): Promise<void> {
    await writeFileDurably(this.filePath, serialiseCasefile(data));
  }
}

export function openCasefileDb(filePath: string, initial: Casefile): Low<Casefile> {
  return new Low(new CasefileAdapter(filePath), initial);
}

export interface LoadedCasefile {
  casefile: Casefile;
  migratedFrom: number | null;
  sizeBytes: number;
  mtimeMs: number;
}

/** Reads, parses, migrates and validates a casefile; every failure is an ApiError naming the file. */
export async function loadCasefile(filePath: string): Promise<LoadedCasefile> {
  const name = path.basename(filePath);
  const info = await stat(filePath).catch((e: NodeJS.ErrnoException) => {
    throw fileError(e, name);
  });
  if (!info.isFile()) throw new ApiError('not-a-file', `${name} is not a file.`);
  if (info.size > MAX_CASEFILE_BYTES) {
    throw new ApiError('too-large', `${name} is ${(info.size / 2 ** 20).toFixed(0)} MB; casefiles over ${MAX_CASEFILE_BYTES / 2 ** 20} MB are refused.`);
  }
  const text = await readFile(filePath, 'utf8').catch((e: NodeJS.ErrnoException) => {
    throw fileError(e, name);
  });
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    const truncated = text.trim().length > 0 && !/[}\]]\s*$/.test(text);
    throw new ApiError(
      truncated ? 'truncated' : 'invalid-json',
      truncated ? `${name} is cut short (it does not end where a casefile ends); it may have been damaged.` : `${name} is not valid JSON: ${(e as Error).message}`,
    );
  }
  try {
    const { casefile, migratedFrom } = parseCasefileDocument(doc);
    return { casefile, migratedFrom, sizeBytes: info.size, mtimeMs: info.mtimeMs };
  } catch (e) {
    if (e instanceof FormatError) throw new ApiError(e.code, `${name}: ${e.message}`);
    if (e instanceof CasefileInvalidError) throw new ApiError('invalid-casefile', `${name}: ${e.message}`, e.problems);
    throw e;
  }
}

function fileError(e: NodeJS.ErrnoException, name: string): ApiError {
  if (e.code === 'ENOENT') return new ApiError('not-found', `${name} does not exist.`);
  if (e.code === 'EACCES' || e.code === 'EPERM') return new ApiError('permission-denied', `${name} cannot be read: permission denied.`);
  return new ApiError('io-error', `${name} cannot be read: ${e.message}`);
}
