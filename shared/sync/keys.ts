/**
 * Where each analyst's version of a record lives in a team casefile's shared
 * document (docs/team-sync.md): `<collection>/<recordId>/<analystId>`. An
 * analyst only ever writes keys ending in their own id.
 */
import { idProblem } from '../model/ids';

/** The casefile's collections of records by id that a team shares. */
export const RECORD_COLLECTIONS = [
  'articles', 'claims', 'sources', 'propositions', 'rootJudgements', 'copyFlags', 'reviews', 'rejectedProposals',
] as const;
export type RecordCollection = (typeof RECORD_COLLECTIONS)[number];

/** The casefile's own fields, shared as records of the `casefile` collection. */
export const CASEFILE_PARTS = ['meta', 'taxonomy', 'assessmentScale', 'outlets'] as const;
export type CasefilePart = (typeof CASEFILE_PARTS)[number];

export type SyncCollection = RecordCollection | 'casefile';

/** A team server's id for an analyst. */
export const ANALYST_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

export interface RecordRef {
  collection: SyncCollection;
  id: string;
}

export interface VersionKey extends RecordRef {
  analystId: string;
}

const COLLECTIONS: ReadonlySet<string> = new Set<string>([...RECORD_COLLECTIONS, 'casefile']);
const PARTS: ReadonlySet<string> = new Set<string>(CASEFILE_PARTS);

export function versionKey(collection: SyncCollection, id: string, analystId: string): string {
  return `${collection}/${id}/${analystId}`;
}

/** The record a key names (`<collection>/<id>`), used to group analysts' versions. */
export function refKey(ref: RecordRef): string {
  return `${ref.collection}/${ref.id}`;
}

/** The parts of a version key, or a sentence saying why it is not one. */
export function parseVersionKey(key: string): VersionKey | string {
  const parts = key.split('/');
  if (parts.length !== 3) return `"${shorten(key)}" is not <collection>/<id>/<analyst>`;
  const [collection, id, analystId] = parts as [string, string, string];
  if (!COLLECTIONS.has(collection)) return `"${shorten(collection)}" is not a shared collection`;
  if (collection === 'casefile' ? !PARTS.has(id) : idProblem(id) !== null) return `"${shorten(id)}" is not a record id`;
  if (!ANALYST_ID.test(analystId)) return `"${shorten(analystId)}" is not an analyst id`;
  return { collection: collection as SyncCollection, id, analystId };
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
