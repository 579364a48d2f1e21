/**
 * What a team server keeps: teams, analysts, token hashes, casefiles and
 * roles, the shared documents and the article text store. One implementation
 * over SQL, on SQLite (sql.js, a file in the data folder) or PostgreSQL.
 * A shared document is a snapshot and a log of the updates received since
 * (appended as they come, folded into the snapshot now and then, off the
 * event loop): in files beside the SQLite file, or in two PostgreSQL tables.
 */
import type { FileHandle } from 'node:fs/promises';
import type { TeamRole } from './names';

export interface Analyst {
  id: string;
  name: string;
  teams: string[];
}

export interface CasefileEntry {
  team: string;
  casefileId: string;
  title: string;
  role: TeamRole;
}

export interface RoleEntry {
  team: string;
  casefileId: string;
  analyst: string;
  role: TeamRole;
}

export interface StoreListing {
  teams: { id: string; name: string }[];
  analysts: (Analyst & { tokens: number })[];
  casefiles: { team: string; casefileId: string; title: string }[];
  roles: RoleEntry[];
}

/** The SQL engine under the store: `?` placeholders, rows as plain objects. */
export interface SqlEngine {
  all(sql: string, params?: readonly SqlValue[]): Promise<Record<string, unknown>[]>;
  /** Runs a change and returns how many rows it changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
  /** A shared document as stored: its last snapshot and the updates appended since, in order. */
  loadDocument(name: string): Promise<StoredDocument>;
  /**
   * The document as stored, read only (while it is loaded and appended to):
   * what a new analyst's app applies before it connects, so the first sync
   * only exchanges what is newer (docs/team-sync.md, "Opening a shared casefile").
   */
  readDocument(name: string): Promise<DocumentToSend>;
  /** Appends incoming updates, as they are, to the document's log; resolves once they are durable. */
  appendUpdates(name: string, updates: readonly Uint8Array[]): Promise<void>;
  /**
   * Folds the document's log into its snapshot with `fold` (which runs off the
   * event loop); updates appended meanwhile stay in the log. Resolves with the
   * new snapshot's size.
   */
  compactDocument(name: string, fold: (parts: Uint8Array[]) => Promise<Uint8Array>): Promise<number>;
  putText(hash: string, body: Uint8Array): Promise<void>;
  getText(hash: string): Promise<Uint8Array | null>;
  close(): Promise<void>;
}

export type SqlValue = string | number | Uint8Array | null;

export interface StoredDocument {
  snapshot: Uint8Array | null;
  updates: Uint8Array[];
}

/**
 * A stored document to send: the embedded store opens its snapshot file to
 * be streamed (tens of megabytes are not read into memory first); the
 * receiver of one closes `file` once it is sent.
 */
export interface DocumentToSend {
  snapshot: Uint8Array | OpenSnapshot | null;
  updates: Uint8Array[];
}

export interface OpenSnapshot {
  file: FileHandle;
  size: number;
}

/** Tables, in the SQL both engines understand (`BLOB` is written `BYTEA` for PostgreSQL). */
export const SCHEMA = [
  'CREATE TABLE IF NOT EXISTS teams (id TEXT PRIMARY KEY, name TEXT NOT NULL)',
  'CREATE TABLE IF NOT EXISTS analysts (id TEXT PRIMARY KEY, name TEXT NOT NULL)',
  'CREATE TABLE IF NOT EXISTS memberships (analyst TEXT NOT NULL, team TEXT NOT NULL, PRIMARY KEY (analyst, team))',
  'CREATE TABLE IF NOT EXISTS tokens (hash TEXT PRIMARY KEY, analyst TEXT NOT NULL, created TEXT NOT NULL)',
  'CREATE TABLE IF NOT EXISTS casefiles (team TEXT NOT NULL, casefile TEXT NOT NULL, title TEXT NOT NULL, PRIMARY KEY (team, casefile))',
  'CREATE TABLE IF NOT EXISTS roles (team TEXT NOT NULL, casefile TEXT NOT NULL, analyst TEXT NOT NULL, role TEXT NOT NULL, PRIMARY KEY (team, casefile, analyst))',
];

export class TeamStore {
  constructor(private readonly sql: SqlEngine) {}

  /** False when the team exists already. */
  async addTeam(id: string, name: string): Promise<boolean> {
    return (await this.sql.run('INSERT INTO teams (id, name) VALUES (?, ?) ON CONFLICT (id) DO NOTHING', [id, name])) > 0;
  }

  async teamExists(id: string): Promise<boolean> {
    return (await this.sql.all('SELECT id FROM teams WHERE id = ?', [id])).length > 0;
  }

  /** Adds an analyst (or renames one) and makes them a member of the team. */
  async addAnalyst(id: string, name: string, team: string): Promise<void> {
    await this.sql.run('INSERT INTO analysts (id, name) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name', [id, name]);
    await this.sql.run('INSERT INTO memberships (analyst, team) VALUES (?, ?) ON CONFLICT (analyst, team) DO NOTHING', [id, team]);
  }

  async analyst(id: string): Promise<Analyst | null> {
    const rows = await this.sql.all('SELECT name FROM analysts WHERE id = ?', [id]);
    if (!rows[0]) return null;
    const teams = await this.sql.all('SELECT team FROM memberships WHERE analyst = ? ORDER BY team', [id]);
    return { id, name: String(rows[0].name), teams: teams.map((row) => String(row.team)) };
  }

  async isMember(analyst: string, team: string): Promise<boolean> {
    return (await this.sql.all('SELECT team FROM memberships WHERE analyst = ? AND team = ?', [analyst, team])).length > 0;
  }

  async addToken(analyst: string, hash: string): Promise<void> {
    await this.sql.run('INSERT INTO tokens (hash, analyst, created) VALUES (?, ?, ?)', [hash, analyst, new Date().toISOString()]);
  }

  /** Revokes every token of the analyst; returns how many there were. */
  async revokeTokens(analyst: string): Promise<number> {
    return this.sql.run('DELETE FROM tokens WHERE analyst = ?', [analyst]);
  }

  async analystOfToken(hash: string): Promise<string | null> {
    const rows = await this.sql.all('SELECT analyst FROM tokens WHERE hash = ?', [hash]);
    return rows[0] ? String(rows[0].analyst) : null;
  }

  /** False when the casefile is already published. */
  async addCasefile(team: string, casefileId: string, title: string): Promise<boolean> {
    return (await this.sql.run('INSERT INTO casefiles (team, casefile, title) VALUES (?, ?, ?) ON CONFLICT (team, casefile) DO NOTHING', [team, casefileId, title])) > 0;
  }

  async casefileExists(team: string, casefileId: string): Promise<boolean> {
    return (await this.sql.all('SELECT title FROM casefiles WHERE team = ? AND casefile = ?', [team, casefileId])).length > 0;
  }

  async setRole(team: string, casefileId: string, analyst: string, role: TeamRole): Promise<void> {
    await this.sql.run(
      'INSERT INTO roles (team, casefile, analyst, role) VALUES (?, ?, ?, ?) ON CONFLICT (team, casefile, analyst) DO UPDATE SET role = excluded.role',
      [team, casefileId, analyst, role],
    );
  }

  async roleOf(team: string, casefileId: string, analyst: string): Promise<TeamRole | null> {
    const rows = await this.sql.all('SELECT role FROM roles WHERE team = ? AND casefile = ? AND analyst = ?', [team, casefileId, analyst]);
    return rows[0] ? (String(rows[0].role) as TeamRole) : null;
  }

  async casefilesOf(analyst: string): Promise<CasefileEntry[]> {
    const rows = await this.sql.all(
      `SELECT c.team AS team, c.casefile AS casefile, c.title AS title, r.role AS role FROM roles r
       JOIN casefiles c ON c.team = r.team AND c.casefile = r.casefile
       JOIN memberships m ON m.team = r.team AND m.analyst = r.analyst
       WHERE r.analyst = ? ORDER BY c.team, c.casefile`,
      [analyst],
    );
    return rows.map((row) => ({ team: String(row.team), casefileId: String(row.casefile), title: String(row.title), role: String(row.role) as TeamRole }));
  }

  async list(): Promise<StoreListing> {
    const teams = await this.sql.all('SELECT id, name FROM teams ORDER BY id');
    const analysts = await this.sql.all('SELECT id, name, (SELECT COUNT(*) FROM tokens t WHERE t.analyst = a.id) AS tokens FROM analysts a ORDER BY id');
    const members = await this.sql.all('SELECT analyst, team FROM memberships ORDER BY team');
    const casefiles = await this.sql.all('SELECT team, casefile, title FROM casefiles ORDER BY team, casefile');
    const roles = await this.sql.all('SELECT team, casefile, analyst, role FROM roles ORDER BY team, casefile, analyst');
    return {
      teams: teams.map((row) => ({ id: String(row.id), name: String(row.name) })),
      analysts: analysts.map((row) => ({
        id: String(row.id), name: String(row.name), tokens: Number(row.tokens),
        teams: members.filter((m) => m.analyst === row.id).map((m) => String(m.team)),
      })),
      casefiles: casefiles.map((row) => ({ team: String(row.team), casefileId: String(row.casefile), title: String(row.title) })),
      roles: roles.map((row) => ({ team: String(row.team), casefileId: String(row.casefile), analyst: String(row.analyst), role: String(row.role) as TeamRole })),
    };
  }

  loadDocument(name: string): Promise<StoredDocument> {
    return this.sql.loadDocument(name);
  }

  readDocument(name: string): Promise<DocumentToSend> {
    return this.sql.readDocument(name);
  }

  appendUpdates(name: string, updates: readonly Uint8Array[]): Promise<void> {
    return this.sql.appendUpdates(name, updates);
  }

  compactDocument(name: string, fold: (parts: Uint8Array[]) => Promise<Uint8Array>): Promise<number> {
    return this.sql.compactDocument(name, fold);
  }

  putText(hash: string, body: Uint8Array): Promise<void> {
    return this.sql.putText(hash, body);
  }

  getText(hash: string): Promise<Uint8Array | null> {
    return this.sql.getText(hash);
  }

  close(): Promise<void> {
    return this.sql.close();
  }
}
