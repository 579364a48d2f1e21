/** The five seed articles (byte-for-byte copies of the shared corpus), read as the importer would read them. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const SEED_DIR = path.resolve(__dirname, '..', '..', 'fixtures', 'import', 'seeds');

export function seedFiles(): { name: string; data: Buffer }[] {
  return readdirSync(SEED_DIR).sort().map((name) => ({ name, data: readFileSync(path.join(SEED_DIR, name)) }));
}
