import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { Settings } from '../../shared/api/contract';
import { readPrefs, type WorkbenchPrefs } from '../../shared/workbench/prefs';
import { writeFileDurably } from './casefile/durable-write';

/** Layouts of this many analysts are kept; the least recently changed go first. */
const ANALYSTS_KEPT = 50;
/** Team servers remembered, with their tokens. */
const TEAM_SERVERS_KEPT = 20;

const SettingsFile = z.object({
  analystName: z.string().max(200).default(''),
  recent: z.array(z.string().max(4_096)).max(20).default([]),
  /** Each analyst's workbench layout, by analyst name; read leniently (readPrefs). */
  workbench: z.record(z.string().max(200), z.unknown()).catch({}).default({}),
  /** Team servers and the analyst's token for each, the last used first. */
  teamServers: z.array(z.object({ url: z.string().max(2_000), token: z.string().max(1_000) })).max(TEAM_SERVERS_KEPT).catch([]).default([]),
});
type SettingsFile = z.infer<typeof SettingsFile>;

export const RECENT_LIMIT = 10;

/** The app's own settings (analyst name, recent casefiles, each analyst's layout), kept in the user's config folder. */
export class SettingsStore {
  private settings: SettingsFile = { analystName: '', recent: [], workbench: {}, teamServers: [] };

  constructor(private readonly filePath: string) {}

  async load(): Promise<Settings> {
    try {
      const parsed = SettingsFile.safeParse(JSON.parse(await readFile(this.filePath, 'utf8')));
      if (parsed.success) this.settings = parsed.data;
    } catch {
      // Missing or unreadable settings start fresh; the analyst is asked for a name again.
    }
    return this.get();
  }

  get(): Settings {
    const { analystName, recent, workbench, teamServers } = this.settings;
    const server = teamServers[0];
    return {
      analystName, recent: [...recent], workbench: readPrefs(Object.hasOwn(workbench, analystName) ? workbench[analystName] : undefined),
      teamServer: server ? { url: server.url, hasToken: server.token !== '' } : null,
    };
  }

  /** The token kept for a team server; the last used server when no address is given. */
  teamToken(url?: string): { url: string; token: string } | null {
    const server = url === undefined ? this.settings.teamServers[0] : this.settings.teamServers.find((s) => s.url === url);
    return server ? { ...server } : null;
  }

  /** Remembers a team server and the analyst's token for it, as the last used. */
  async rememberTeamServer(url: string, token: string): Promise<void> {
    const others = this.settings.teamServers.filter((s) => s.url !== url);
    this.settings = { ...this.settings, teamServers: [{ url, token }, ...others].slice(0, TEAM_SERVERS_KEPT) };
    await this.write();
  }

  async update(change: Partial<Omit<Settings, 'workbench' | 'teamServer'>>): Promise<Settings> {
    this.settings = { ...this.settings, ...change };
    await this.write();
    return this.get();
  }

  /** Remembers the layout for the current analyst only. */
  async setWorkbenchPrefs(prefs: WorkbenchPrefs): Promise<Settings> {
    const { analystName, workbench } = this.settings;
    const others = Object.entries(workbench).filter(([name]) => name !== analystName).slice(-(ANALYSTS_KEPT - 1));
    this.settings = { ...this.settings, workbench: Object.fromEntries([...others, [analystName, readPrefs(prefs)]]) };
    await this.write();
    return this.get();
  }

  async addRecent(displayPath: string): Promise<Settings> {
    const recent = [displayPath, ...this.settings.recent.filter((p) => p !== displayPath)].slice(0, RECENT_LIMIT);
    return this.update({ recent });
  }

  private async write(): Promise<void> {
    await mkdir(path.dirname(this.filePath), { recursive: true });
    await writeFileDurably(this.filePath, [JSON.stringify(this.settings, null, 2)]);
  }
}
