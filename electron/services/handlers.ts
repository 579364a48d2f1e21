import type { ApiEventName, ApiEventPayload, AppInfo } from '../../shared/api/contract';
import { ApiError, type ApiHandlers } from '../../shared/api/dispatch';
import type { PathPolicy } from './paths';
import type { SettingsStore } from './settings';
import { CasefileSessions } from './casefile/sessions';
import { planImport } from './import/index';

/** What a host (the Electron shell or the web host) provides to the API handlers. */
export interface HostServices {
  mode: AppInfo['mode'];
  version: string;
  paths: PathPolicy;
  settings: SettingsStore;
  emit: <E extends ApiEventName>(event: E, payload: ApiEventPayload<E>) => void;
  /** Opens an http(s) URL outside the app; false where the host cannot. */
  openExternal: (url: string) => Promise<boolean>;
}

export interface Backend {
  handlers: ApiHandlers;
  sessions: CasefileSessions;
}

/** The API handlers, the same for the desktop app and browser mode. */
export function createBackend(host: HostServices): Backend {
  const sessions = new CasefileSessions({
    paths: host.paths,
    analystName: () => host.settings.get().analystName,
    onStatus: (sessionId, status) => host.emit('status', { sessionId, status }),
    onOpened: async (displayPath) => {
      await host.settings.addRecent(displayPath);
    },
  });

  const handlers: ApiHandlers = {
    appInfo: async () => ({ mode: host.mode, version: host.version, platform: process.platform, workspace: host.paths.workspace }),
    getSettings: async () => host.settings.get(),
    setAnalystName: async ({ analystName }) => host.settings.update({ analystName }),

    listCasefiles: () => sessions.list(),
    createCasefile: ({ title }) => sessions.create(title),
    openCasefile: ({ path, mode }) => sessions.open(path, mode),
    saveCasefileAs: ({ sessionId, path }) => sessions.saveAs(sessionId, path),
    closeCasefile: async ({ sessionId }) => {
      await sessions.close(sessionId);
      return { closed: true } as const;
    },
    saveNow: ({ sessionId }) => sessions.get(sessionId).flush(),

    applyCommand: async ({ sessionId, revision, command }) => sessions.get(sessionId).apply(revision, command),
    undo: async ({ sessionId, revision }) => sessions.get(sessionId).undo(revision),
    redo: async ({ sessionId, revision }) => sessions.get(sessionId).redo(revision),

    importArticles: async ({ sessionId, revision, files }) => {
      const session = sessions.get(sessionId);
      const uploaded = files.map((f) => ({ name: f.name, data: Buffer.from(f.dataBase64, 'base64') }));
      const plan = planImport(uploaded, session.casefile);
      const imported = plan.results.filter((r) => r.outcome === 'imported').length;
      const change = plan.commands.length
        ? session.apply(revision, { type: 'batch', label: `Import ${imported} article${imported === 1 ? '' : 's'}`, commands: plan.commands })
        : null;
      return { files: plan.results, change };
    },

    openExternal: async ({ url }) => {
      const parsed = new URL(url);
      if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
        throw new ApiError('bad-url', 'Only web links (http and https) can be opened.');
      }
      return { opened: await host.openExternal(parsed.href) };
    },
  };
  return { handlers, sessions };
}
