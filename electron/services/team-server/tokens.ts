/**
 * Team server tokens: random, shown once, stored only as their SHA-256.
 * The admin token's hash is kept in the data folder (admin-token.sha256).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileDurably } from './durable-file';

const ADMIN_TOKEN_FILE = 'admin-token.sha256';

export function newToken(): string {
  return `ct_${randomBytes(32).toString('base64url')}`;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

/** The admin token's hash, or null when the data folder has none yet. */
export async function readAdminTokenHash(dataDir: string): Promise<string | null> {
  try {
    const text = (await readFile(path.join(dataDir, ADMIN_TOKEN_FILE), 'utf8')).trim();
    return /^[0-9a-f]{64}$/.test(text) ? text : null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Makes a new admin token for the data folder (the old one stops working) and returns it. */
export async function resetAdminToken(dataDir: string): Promise<string> {
  await mkdir(dataDir, { recursive: true });
  const token = newToken();
  await writeFileDurably(path.join(dataDir, ADMIN_TOKEN_FILE), `${hashToken(token)}\n`);
  return token;
}

/** The admin token on the first start of a data folder, null when it already has one. */
export async function adminTokenOnFirstStart(dataDir: string): Promise<string | null> {
  return (await readAdminTokenHash(dataDir)) === null ? resetAdminToken(dataDir) : null;
}
