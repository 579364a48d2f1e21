/**
 * The embedded store: SQLite through sql.js (WebAssembly, no native build),
 * held in memory and written whole to `<dataDir>/team.sqlite` after every
 * change (a new file renamed over the old one, so a crash never tears it).
 * It holds teams, analysts, tokens and roles, which change rarely. The shared
 * documents, which change with every edit, are append logs and snapshots in
 * `<dataDir>/documents/` (document-files.ts); article texts are files in
 * `<dataDir>/texts/`.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import initSqlJs, { type Database, type SqlValue as SqlJsValue } from 'sql.js';
import { DocumentFiles, DOCUMENTS_FOLDER } from './document-files';
import { writeFileDurably } from './durable-file';
import { SCHEMA, type SqlEngine, type SqlValue, type StoredDocument, type DocumentToSend } from './store';

export const SQLITE_FILE = 'team.sqlite';

/** sql.js's WebAssembly binary, found beside its module (in node_modules, also from the built CLI). */
async function sqlJsBinary(): Promise<ArrayBuffer> {
  const file = createRequire(__filename).resolve('sql.js/dist/sql-wasm.wasm');
  const bytes = await readFile(file);
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

export async function openSqliteEngine(dataDir: string, log?: (line: string) => void): Promise<SqlEngine> {
  await mkdir(path.join(dataDir, 'texts'), { recursive: true });
  const SQL = await initSqlJs({ wasmBinary: await sqlJsBinary() });
  const file = path.join(dataDir, SQLITE_FILE);
  const existing = await readFile(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  const db = existing ? new SQL.Database(existing) : new SQL.Database();
  for (const statement of SCHEMA) db.run(statement);
  const engine = new SqliteEngine(db, file, path.join(dataDir, 'texts'), new DocumentFiles(path.join(dataDir, DOCUMENTS_FOLDER), log));
  if (!existing) await engine.persist();
  return engine;
}

class SqliteEngine implements SqlEngine {
  private dirty = false;
  private writing: Promise<void> | null = null;
  private closed = false;

  constructor(
    private readonly db: Database,
    private readonly file: string,
    private readonly textDir: string,
    private readonly documents: DocumentFiles,
  ) {}

  async all(sql: string, params: readonly SqlValue[] = []): Promise<Record<string, unknown>[]> {
    this.assertOpen();
    const statement = this.db.prepare(sql);
    try {
      statement.bind(params as SqlJsValue[]);
      const rows: Record<string, unknown>[] = [];
      while (statement.step()) rows.push(statement.getAsObject());
      return rows;
    } finally {
      statement.free();
    }
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    this.assertOpen();
    this.db.run(sql, params as SqlJsValue[]);
    const changed = this.db.getRowsModified();
    if (changed > 0) await this.persist();
    return changed;
  }

  loadDocument(name: string): Promise<StoredDocument> {
    this.assertOpen();
    return this.documents.load(name);
  }

  readDocument(name: string): Promise<DocumentToSend> {
    this.assertOpen();
    return this.documents.read(name);
  }

  appendUpdates(name: string, updates: readonly Uint8Array[]): Promise<void> {
    this.assertOpen();
    return this.documents.append(name, updates);
  }

  compactDocument(name: string, fold: (parts: Uint8Array[]) => Promise<Uint8Array>): Promise<number> {
    this.assertOpen();
    return this.documents.compact(name, fold);
  }

  async putText(hash: string, body: Uint8Array): Promise<void> {
    await writeFileDurably(path.join(this.textDir, hash), body);
  }

  async getText(hash: string): Promise<Uint8Array | null> {
    return readFile(path.join(this.textDir, hash)).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.documents.close();
    await this.writing;
    this.closed = true;
    this.db.close();
  }

  /** Writes the database file; changes made while a write runs are written right after it. */
  persist(): Promise<void> {
    this.dirty = true;
    this.writing ??= this.writeWhileDirty();
    return this.writing;
  }

  private async writeWhileDirty(): Promise<void> {
    try {
      while (this.dirty) {
        this.dirty = false;
        await writeFileDurably(this.file, this.db.export());
      }
    } finally {
      this.writing = null;
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('the team store is closed');
  }
}
