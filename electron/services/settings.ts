import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { Settings } from '../../shared/api/contract';
import { writeFileDurably } from './casefile/durable-write';

const SettingsFile = z.object({
  analystName: z.string().max(200).default(''),
  recent: z.array(z.string().max(4_096)).max(20).default([]),
});

export const RECENT_LIMIT = 10;

/** The app's own settings (analyst name, recent casefiles), kept in the user's config folder. */
export class SettingsStore {
  private settings: Settings = { analystName: '', recent: [] };

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
    return { analystName: this.settings.analystName, recent: [...this.settings.recent] };
  }

  async update(change: Partial<Settings>): Promise<Settings> {
    this.settings = { ...this.settings, ...change };
    await mkdir(path.dirname(this.filePath), { recursive: true });
    await writeFileDurably(this.filePath, [JSON.stringify(this.settings, null, 2)]);
    return this.get();
  }

  async addRecent(displayPath: string): Promise<Settings> {
    const recent = [displayPath, ...this.settings.recent.filter((p) => p !== displayPath)].slice(0, RECENT_LIMIT);
    return this.update({ recent });
  }
}
