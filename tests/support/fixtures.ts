/**
 * Where the tests' fixture files live. Every fixture is inside the repository,
 * so a clone anywhere runs `npm test` with nothing beside it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { normaliseText } from '../../shared/text/normalise';

export const FIXTURES_DIR = path.resolve(__dirname, '../fixtures');
/** The five seed articles of the shared corpus, byte for byte (see tests/fixtures/README.md). */
export const SEEDS_DIR = path.join(FIXTURES_DIR, 'seeds');
/** The W3C Web Annotation test suite's schemas, assertions and samples, with its licence. */
export const W3C_DIR = path.join(FIXTURES_DIR, 'vendor', 'w3c-web-annotation-tests');

/** The seed files in order (000 … 004), as absolute paths. */
export function seedPaths(): string[] {
  return readdirSync(SEEDS_DIR).filter((f) => f.endsWith('.txt')).sort().map((f) => path.join(SEEDS_DIR, f));
}

/** The seed file whose name starts with `number` ("000" … "004"). */
export function seedPath(number: string): string {
  const file = seedPaths().find((f) => path.basename(f).startsWith(`${number}_`));
  if (!file) throw new Error(`Seed ${number} is missing from ${SEEDS_DIR}`);
  return file;
}

/** A seed's text as the import stores it (normalised). */
export function seedText(number: string): string {
  return normaliseText(readFileSync(seedPath(number), 'utf8'));
}
