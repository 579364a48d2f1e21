/**
 * The store on PostgreSQL, for several server instances: they share teams,
 * tokens and roles, and each stores a document by merging its state with
 * the stored one in a transaction, so no instance overwrites what another
 * stored. Article texts are kept in a table.
 */
import pg from 'pg';
import * as Y from 'yjs';
import { SCHEMA, type SqlEngine, type SqlValue } from './store';

/** Any fixed number: the lock that keeps two instances from creating the tables at once. */
const SCHEMA_LOCK = 7_305_118;

export async function openPostgresEngine(url: string): Promise<SqlEngine> {
  const pool = new pg.Pool({ connectionString: url, max: 8 });
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [SCHEMA_LOCK]);
    for (const statement of SCHEMA) await client.query(statement.replace(/\bBLOB\b/g, 'BYTEA'));
    await client.query('CREATE TABLE IF NOT EXISTS texts (hash TEXT PRIMARY KEY, body BYTEA NOT NULL)');
    await client.query('SELECT pg_advisory_unlock($1)', [SCHEMA_LOCK]);
  } finally {
    client.release();
  }
  return new PostgresEngine(pool);
}

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

  async storeDocument(name: string, state: Uint8Array): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('INSERT INTO documents (name, state) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [name, Buffer.alloc(0)]);
      const stored = await client.query<{ state: Buffer }>('SELECT state FROM documents WHERE name = $1 FOR UPDATE', [name]);
      const old = stored.rows[0]?.state;
      const merged = old && old.length > 0 ? Y.mergeUpdates([old, state]) : state;
      await client.query('UPDATE documents SET state = $2 WHERE name = $1', [name, Buffer.from(merged)]);
      await client.query('COMMIT');
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
