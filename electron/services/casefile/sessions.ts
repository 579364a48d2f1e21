import { access, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { CasefileListing, OpenedCasefile, SessionStatus } from '../../../shared/api/contract';
import { ApiError } from '../../../shared/api/dispatch';
import { emptyCasefile } from '../../../shared/model/casefile';
import { newId } from '../../../shared/model/ids';
import { CASEFILE_EXTENSION } from '../../../shared/model/schema';
import type { PathPolicy } from '../paths';
import { loadCasefile } from './store';
import { CasefileSession } from './session';

export interface SessionsOptions {
  paths: PathPolicy;
  analystName: () => string;
  onStatus: (sessionId: string, status: SessionStatus) => void;
  onOpened: (displayPath: string) => Promise<void>;
}

/** The casefiles open in this process, by session id. */
export class CasefileSessions {
  private readonly sessions = new Map<string, CasefileSession>();

  constructor(private readonly options: SessionsOptions) {}

  get(sessionId: string): CasefileSession {
    const session = this.sessions.get(sessionId);
    if (!session) throw new ApiError('no-session', 'That casefile is no longer open; open it again.');
    return session;
  }

  async list(): Promise<CasefileListing[]> {
    const { paths } = this.options;
    const entries = await readdir(paths.workspace, { withFileTypes: true });
    const listings: CasefileListing[] = [];
    for (const entry of entries) {
      if (!entry.isFile() || !entry.name.endsWith(CASEFILE_EXTENSION)) continue;
      const full = path.join(paths.workspace, entry.name);
      const info = await stat(full);
      listings.push({ path: paths.display(full), title: entry.name.slice(0, -CASEFILE_EXTENSION.length), modifiedAt: info.mtime.toISOString(), sizeBytes: info.size });
    }
    return listings.sort((a, b) => b.modifiedAt.localeCompare(a.modifiedAt));
  }

  async create(title: string): Promise<OpenedCasefile> {
    const now = new Date().toISOString();
    const casefile = emptyCasefile({ id: newId('cf'), title, analyst: this.options.analystName(), now });
    const filePath = await this.freeFileName(title);
    const session = this.register(filePath, casefile, false);
    await session.flush();
    if (session.status().saveState === 'error') {
      this.close(session.id);
      throw new ApiError('save-failed', session.status().error ?? 'The new casefile could not be saved.');
    }
    return this.opened(session);
  }

  async open(userPath: string, mode: 'normal' | 'read-only' | 'take-over'): Promise<OpenedCasefile> {
    const filePath = this.options.paths.resolve(userPath);
    const { casefile } = await loadCasefile(filePath);
    const session = this.register(filePath, casefile, mode === 'read-only');
    return this.opened(session);
  }

  async saveAs(sessionId: string, userPath: string): Promise<OpenedCasefile> {
    const session = this.get(sessionId);
    const filePath = this.options.paths.resolve(userPath);
    await session.relocate(filePath);
    if (session.status().saveState === 'error') throw new ApiError('save-failed', session.status().error ?? 'Save As failed.');
    return this.opened(session);
  }

  async close(sessionId: string): Promise<void> {
    const session = this.sessions.get(sessionId);
    if (!session) return;
    if (!session.readOnly) {
      const status = await session.flush();
      if (status.saveState === 'error') throw new ApiError('save-failed', `Not closed: ${status.error}`);
    }
    session.dispose();
    this.sessions.delete(sessionId);
  }

  /** Saves every open casefile; used on quit. Returns the ones that failed. */
  async flushAll(): Promise<{ sessionId: string; error: string }[]> {
    const failures: { sessionId: string; error: string }[] = [];
    for (const session of this.sessions.values()) {
      if (session.readOnly) continue;
      const status = await session.flush();
      if (status.saveState === 'error') failures.push({ sessionId: session.id, error: status.error ?? 'save failed' });
    }
    return failures;
  }

  private register(filePath: string, casefile: OpenedCasefile['casefile'], readOnly: boolean): CasefileSession {
    const id = newId('s');
    const session = new CasefileSession({
      id,
      path: filePath,
      casefile,
      readOnly,
      analystName: this.options.analystName,
      onStatus: (status) => this.options.onStatus(id, status),
    });
    this.sessions.set(id, session);
    return session;
  }

  private async opened(session: CasefileSession): Promise<OpenedCasefile> {
    const display = this.options.paths.display(session.path);
    await this.options.onOpened(display);
    return { sessionId: session.id, path: display, readOnly: session.readOnly, casefile: session.casefile, status: session.status() };
  }

  private async freeFileName(title: string): Promise<string> {
    const base = title.normalize('NFKD').replace(/[^\w\- ]+/g, '').trim().replace(/\s+/g, '-').slice(0, 80) || 'casefile';
    for (let n = 1; n < 10_000; n++) {
      const candidate = path.join(this.options.paths.workspace, `${base}${n > 1 ? `-${n}` : ''}${CASEFILE_EXTENSION}`);
      const taken = await access(candidate).then(() => true, () => false);
      if (!taken) return candidate;
    }
    throw new ApiError('no-file-name', 'No free file name for this casefile.');
  }
}
