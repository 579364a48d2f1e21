/** Where imported files come from: bytes uploaded through the API, or a path on this machine. */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import type { UploadedFile } from '../../../shared/api/contract';
import type { SizedSource } from './index';

type Upload = z.output<typeof UploadedFile>;

/** An uploaded file; its size is worked out from the base64 length, so an oversized one is never decoded. */
export function uploadedSource(file: Upload): SizedSource {
  const b64 = file.dataBase64;
  const padding = b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0;
  return {
    name: file.name,
    size: Math.max(0, Math.floor((b64.length * 3) / 4) - padding),
    read: () => Buffer.from(b64, 'base64'),
    meta: file.meta,
    pasted: file.pasted ?? false,
  };
}

/** A file on disk; its size comes from the file system, so an oversized one is never opened. */
export async function pathSource(filePath: string): Promise<SizedSource> {
  const info = await stat(filePath);
  return { name: path.basename(filePath), size: info.size, read: () => readFile(filePath) };
}
