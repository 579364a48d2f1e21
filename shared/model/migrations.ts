/**
 * Brings a casefile of any earlier format version up to the current one, in
 * memory. Each step takes version N to N+1 and is tested with a saved fixture
 * of version N in `tests/fixtures/casefiles/`.
 *
 * Version history:
 * - 1: first released format.
 */
import { CASEFILE_FORMAT, CASEFILE_FORMAT_VERSION } from './schema';

type Json = Record<string, unknown>;

/** Step N upgrades a version-N document to version N+1. */
const MIGRATIONS: Record<number, (doc: Json) => Json> = {};

export class FormatError extends Error {
  constructor(
    readonly code: 'not-a-casefile' | 'newer-version' | 'unknown-version',
    message: string,
  ) {
    super(message);
    this.name = 'FormatError';
  }
}

export function migrateCasefile(doc: unknown): { doc: Json; migratedFrom: number | null } {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc) || (doc as Json).format !== CASEFILE_FORMAT) {
    throw new FormatError('not-a-casefile', 'This is not a Corroborate casefile (its "format" field is missing or different).');
  }
  const version = (doc as Json).formatVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new FormatError('unknown-version', 'The casefile has no valid format version.');
  }
  if (version > CASEFILE_FORMAT_VERSION) {
    throw new FormatError(
      'newer-version',
      `This casefile was saved by a newer Corroborate (format ${version}); this version reads formats up to ${CASEFILE_FORMAT_VERSION}. Update Corroborate to open it.`,
    );
  }
  let current = doc as Json;
  for (let v = version; v < CASEFILE_FORMAT_VERSION; v++) {
    const step = MIGRATIONS[v];
    if (!step) throw new FormatError('unknown-version', `No migration from format ${v}.`);
    current = { ...step(current), formatVersion: v + 1 };
  }
  return { doc: current, migratedFrom: version === CASEFILE_FORMAT_VERSION ? null : version };
}
