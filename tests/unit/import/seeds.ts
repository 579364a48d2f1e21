/** The five seed articles (byte-for-byte copies of the shared corpus), read as the importer would read them. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { SEEDS_DIR as SEED_DIR } from '../../support/fixtures';
export { SEED_DIR };

export function seedFiles(): { name: string; data: Buffer }[] {
  return readdirSync(SEED_DIR).sort().map((name) => ({ name, data: readFileSync(path.join(SEED_DIR, name)) }));
}
