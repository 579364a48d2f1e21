/**
 * The store on PostgreSQL, for several server instances: they share teams,
 * tokens and roles. A document is a snapshot (`documents`) and the updates
 * appended since (`document_updates`, each instance appending what its own
 * connections send); compaction folds, in one transaction that locks the
 * snapshot's row, the snapshot and the updates it read, and deletes exactly
 * those updates, so an update another instance appends meanwhile is kept.
 * Article texts are kept in a table.
 */
import pg from 'pg';
import { SCHEMA, type SqlEngine, type SqlValue, type StoredDocument } from './store';

/** Any fixed number: the lock that keeps two instances from creating the tables at once. */
const SCHEMA_LOCK = 7_305_118;

export async function openPostgresEngine(url: string): Promise<SqlEngine> {
  const pool = new pg.Pool({ connectionString: url, max: 8 });
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [SCHEMA_LOCK]);
    for (const statement of [...SCHEMA, ...DOCUMENT_TABLES]) await client.query(statement.replace(/\bBLOB\b/g, 'BYTEA'));
    await client.query('CREATE TABLE IF NOT EXISTS texts (hash TEXT PRIMARY KEY, body BYTEA NOT NULL)');
    await client.query('SELECT pg_advisory_unlock($1)', [SCHEMA_LOCK]);
  } finally {
    client.release();
  }
  return new PostgresEngine(pool);
}

const DOCUMENT_TABLES = [
  'CREATE TABLE IF NOT EXISTS documents (name TEXT PRIMARY KEY, state BYTEA NOT NULL)',
  'CREATE TABLE IF NOT EXISTS document_updates (id BIGSERIAL PRIMARY KEY, name TEXT NOT NULL, update BYTEA NOT NULL)',
  'CREATE INDEX IF NOT EXISTS document_updates_by_name ON document_updates (name, id)',
];

/** `?` placeholders as PostgreSQL's `$1, $2, …`. */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

function pgValues(params: readonly SqlValue[]): unknown[] {
  return params.map((value) => (value instanceof Uint8Array && !Buffer.isBuffer(value) ? Buffer.from(value) : value));
}

class PostgresEngine implements SqlEngine {
  constructor(private readonly pool: pg.Pool) {}

  async all(sql: string, params: readonly SqlValue[] = []): Promise<Record<string, unknown>[]> {
    const result = await this.pool.query(numbered(sql), pgValues(params));
    return result.rows as Record<string, unknown>[];
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    const result = await this.pool.query(numbered(sql), pgValues(params));
    return result.rowCount ?? 0;
  }

  async loadDocument(name: string): Promise<StoredDocument> {
    const snapshot = await this.pool.query<{ state: Buffer }>('SELECT state FROM documents WHERE name = $1', [name]);
    const updates = await this.pool.query<{ update: Buffer }>('SELECT update FROM document_updates WHERE name = $1 ORDER BY id', [name]);
    const state = snapshot.rows[0]?.state;
    return { snapshot: state && state.length > 0 ? state : null, updates: updates.rows.map((row) => row.update) };
  }

  /** Snapshot and log as one consistent read (a compaction between the two queries would otherwise hide updates). */
  async readDocument(name: string): Promise<StoredDocument> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const snapshot = await client.query<{ state: Buffer }>('SELECT state FROM documents WHERE name = $1', [name]);
      const updates = await client.query<{ update: Buffer }>('SELECT update FROM document_updates WHERE name = $1 ORDER BY id', [name]);
      await client.query('COMMIT');
      const state = snapshot.rows[0]?.state;
      return { snapshot: state && state.length > 0 ? state : null, updates: updates.rows.map((row) => row.update) };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async appendUpdates(name: string, updates: readonly Uint8Array[]): Promise<void> {
    if (!updates.length) return;
    const rows = updates.map((_, i) => `($1, $${i + 2})`).join(', ');
    await this.pool.query(`INSERT INTO document_updates (name, update) VALUES ${rows}`, [name, ...updates.map((u) => Buffer.from(u.buffer, u.byteOffset, u.byteLength))]);
  }

  async compactDocument(name: string, fold: (parts: Uint8Array[]) => Promise<Uint8Array>): Promise<number> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('INSERT INTO documents (name, state) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [name, Buffer.alloc(0)]);
      const stored = await client.query<{ state: Buffer }>('SELECT state FROM documents WHERE name = $1 FOR UPDATE', [name]);
      const updates = await client.query<{ id: string; update: Buffer }>('SELECT id, update FROM document_updates WHERE name = $1 ORDER BY id', [name]);
      const old = stored.rows[0]?.state;
      const parts = [...(old && old.length > 0 ? [old] : []), ...updates.rows.map((row) => row.update)];
      if (!updates.rows.length) {
        await client.query('ROLLBACK');
        return old?.length ?? 0;
      }
      const folded = await fold(parts);
      await client.query('UPDATE documents SET state = $2 WHERE name = $1', [name, Buffer.from(folded.buffer, folded.byteOffset, folded.byteLength)]);
      await client.query('DELETE FROM document_updates WHERE id = ANY($1::bigint[])', [updates.rows.map((row) => row.id)]);
      await client.query('COMMIT');
      return folded.length;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async putText(hash: string, body: Uint8Array): Promise<void> {
    await this.pool.query('INSERT INTO texts (hash, body) VALUES ($1, $2) ON CONFLICT (hash) DO NOTHING', [hash, Buffer.from(body)]);
  }

  async getText(hash: string): Promise<Uint8Array | null> {
    const result = await this.pool.query<{ body: Buffer }>('SELECT body FROM texts WHERE hash = $1', [hash]);
    return result.rows[0]?.body ?? null;
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
