/**
 * Brings a casefile of any earlier format version up to the current one, in
 * memory (the file on disk changes only when the analyst next saves). Each
 * step takes version N to N+1 and is tested with a saved fixture of version N
 * in `tests/fixtures/casefiles/` (see docs/casefile-format.md).
 *
 * To change the format: bump CASEFILE_FORMAT_VERSION in schema.ts, append a
 * step here, save a fixture of the old version, and add one row to the table
 * in tests/unit/store/migrations.test.ts.
 */
import { CASEFILE_FORMAT, CASEFILE_FORMAT_VERSION } from './schema';

export type JsonObject = Record<string, unknown>;

export interface Migration {
  /** The version this step reads; it returns version `from + 1`. */
  from: number;
  /** One line for the format's version history. */
  summary: string;
  up: (doc: JsonObject) => JsonObject;
}

/** Every step, oldest first: MIGRATIONS[i].from === i + 1. */
export const MIGRATIONS: readonly Migration[] = [
  {
    from: 1,
    summary: 'a hop\'s sourceCount may also be a word (a few, several, multiple, many, unknown); version-1 counts are whole numbers and stay as they are',
    // Version 2 only widens what sourceCount holds, so every version-1 document is already a valid
    // version-2 one; the step exists so a version-1 Corroborate refuses files that may hold words.
    up: (doc) => doc,
  },
];

export class FormatError extends Error {
  constructor(
    readonly code: 'not-a-casefile' | 'newer-version' | 'unknown-version',
    message: string,
  ) {
    super(message);
    this.name = 'FormatError';
  }
}

export function migrateCasefile(doc: unknown): { doc: JsonObject; migratedFrom: number | null } {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc) || (doc as JsonObject).format !== CASEFILE_FORMAT) {
    throw new FormatError('not-a-casefile', 'This is not a Corroborate casefile (its "format" field is missing or different).');
  }
  const version = (doc as JsonObject).formatVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new FormatError('unknown-version', 'The casefile has no valid format version.');
  }
  if (version > CASEFILE_FORMAT_VERSION) {
    throw new FormatError(
      'newer-version',
      `It was saved by a newer Corroborate (format ${version}); this version reads formats up to ${CASEFILE_FORMAT_VERSION}. Update Corroborate to open it.`,
    );
  }
  let current = doc as JsonObject;
  for (let v = version; v < CASEFILE_FORMAT_VERSION; v++) {
    const step = MIGRATIONS.find((m) => m.from === v);
    if (!step) throw new FormatError('unknown-version', `No migration from format ${v}.`);
    current = { ...step.up(current), formatVersion: v + 1 };
  }
  return { doc: current, migratedFrom: version === CASEFILE_FORMAT_VERSION ? null : version };
}
