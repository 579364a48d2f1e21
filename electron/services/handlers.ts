import type { ApiEventName, ApiEventPayload, AppInfo } from '../../shared/api/contract';
import { ApiError, type ApiHandlers } from '../../shared/api/dispatch';
import type { PathPolicy } from './paths';
import type { SettingsStore } from './settings';
import { CasefileSessions } from './casefile/sessions';
import { prepareFastValidationSoon } from './casefile/fast-validate';
import { createImportHandlers } from './import/session-import';
import { replaceArticleFromFile } from './anchoring/replace-text';
import { createExportHandlers } from './export/api';
import type { PdfRenderer } from './export/pdf';
import { createReviewHandlers } from './review/handlers';
import { createQdpxHandlers } from './import/qdpx-api';
import { createTeamHandlers } from './team/handlers';
import { TeamService } from './team/team-service';

/** What a host (the Electron shell or the web host) provides to the API handlers. */
export interface HostServices {
  mode: AppInfo['mode'];
  version: string;
  paths: PathPolicy;
  settings: SettingsStore;
  emit: <E extends ApiEventName>(event: E, payload: ApiEventPayload<E>) => void;
  /** Opens an http(s) URL outside the app; false where the host cannot. */
  openExternal: (url: string) => Promise<boolean>;
  /**
   * A native dialog to choose a casefile to open or a place to save one
   * (desktop); null when the analyst cancels. Absent in browser mode, where
   * the UI shows its own dialogs over the workspace folder.
   */
  chooseFile?: (purpose: 'open' | 'save', suggestedName?: string) => Promise<string | null>;
  /**
   * Prints the HTML report to PDF. The desktop shell can pass Electron's
   * webContents.printToPDF here (see electron/services/export/pdf.ts for the
   * page settings and footer); without it, headless Chromium prints.
   */
  renderPdf?: PdfRenderer;
  /** The sample casefile that ships with the app (examples/sample.corroborate in the repository and the package). */
  samplePath?: string;
}

export interface Backend {
  handlers: ApiHandlers;
  sessions: CasefileSessions;
  team: TeamService;
}

/** The API handlers, the same for the desktop app and browser mode. */
export function createBackend(host: HostServices): Backend {
  const sessions = new CasefileSessions({
    paths: host.paths,
    analystName: () => host.settings.get().analystName,
    onStatus: (sessionId, status) => host.emit('status', { sessionId, status }),
    onChangedOnDisk: (sessionId, path) => host.emit('changedOnDisk', { sessionId, path }),
    onOpened: async (displayPath) => {
      await host.settings.addRecent(displayPath);
    },
    onClosed: (sessionId) => team.closed(sessionId),
  });
  const team: TeamService = new TeamService({
    sessions, paths: host.paths, settings: host.settings,
    received: (sessionId, change) => host.emit('teamChange', { sessionId, ...change }),
    status: (sessionId, status) => host.emit('teamStatus', { sessionId, team: status }),
  });

  const handlers: ApiHandlers = {
    appInfo: async () => ({ mode: host.mode, version: host.version, platform: process.platform, workspace: host.paths.workspace }),
    getSettings: async () => host.settings.get(),
    setAnalystName: async ({ analystName }) => host.settings.update({ analystName }),
    setWorkbenchPrefs: async ({ prefs }) => host.settings.setWorkbenchPrefs(prefs),

    listCasefiles: async () => {
      const listing = await sessions.list();
      // A large casefile is likely to be opened next: compile its validator once the window has its list.
      prepareFastValidationSoon(Math.max(0, ...listing.map((f) => f.sizeBytes)));
      return listing;
    },
    createCasefile: ({ title, clientId }) => sessions.create(title, clientId),
    openSample: ({ clientId }) => {
      if (!host.samplePath) throw new ApiError('no-sample', 'This installation has no sample casefile.');
      return sessions.openSample(host.samplePath, clientId);
    },
    openCasefile: async ({ path, mode, clientId }) => team.resume(await sessions.open(path, mode, clientId)),
    saveCasefileAs: async ({ sessionId, path, overwrite }) => {
      const opened = await sessions.saveAs(sessionId, path, overwrite);
      await team.moved(sessionId);
      return opened;
    },
    chooseCasefilePath: async ({ purpose, suggestedName }) =>
      host.chooseFile ? { supported: true, path: await host.chooseFile(purpose, suggestedName) } : { supported: false, path: null },
    resolveChangedOnDisk: ({ sessionId, choice }) => sessions.resolveChangedOnDisk(sessionId, choice),
    listBackups: ({ path }) => sessions.listBackups(path),
    restoreBackup: ({ backupPath, clientId }) => sessions.restoreBackup(backupPath, clientId),
    closeCasefile: async ({ sessionId }) => {
      await sessions.close(sessionId);
      return { closed: true } as const;
    },
    saveNow: ({ sessionId }) => sessions.get(sessionId).flush(),

    applyCommand: async ({ sessionId, revision, command }) => sessions.get(sessionId).apply(revision, command),
    undo: async ({ sessionId, revision }) => sessions.get(sessionId).undo(revision),
    redo: async ({ sessionId, revision }) => sessions.get(sessionId).redo(revision),

    ...createImportHandlers((sessionId) => sessions.get(sessionId), (p) => host.emit('progress', p)),
    replaceArticleText: ({ sessionId, revision, articleId, file }) =>
      replaceArticleFromFile(sessions.get(sessionId), revision, articleId, { name: file.name, data: Buffer.from(file.dataBase64, 'base64') }),

    openExternal: async ({ url }) => {
      const parsed = new URL(url);
      if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
        throw new ApiError('bad-url', 'Only web links (http and https) can be opened.');
      }
      return { opened: await host.openExternal(parsed.href) };
    },

    ...createExportHandlers({
      version: host.version,
      workspace: host.paths.workspace,
      emit: host.emit,
      renderPdf: host.renderPdf,
      casefileOf: (sessionId) => sessions.get(sessionId).casefile,
    }),

    ...createReviewHandlers(sessions, host.paths),
    ...createQdpxHandlers(sessions, () => host.settings.get().analystName),
    ...createTeamHandlers(team),
  };
  return { handlers, sessions, team };
}
