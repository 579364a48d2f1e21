/**
 * The desktop shell: one window, locked down per Electron's security
 * checklist (see docs/security.md), serving the UI from app://corroborate and
 * the API over IPC. The services behind the API are the same ones browser
 * mode uses.
 */
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, protocol, session, shell, type IpcMainInvokeEvent, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import { API_NAMES, type ApiEventName, type ApiEventPayload, type Settings } from '../../shared/api/contract';
import { dispatchApiCall, isExpectedError, toErrorBody } from '../../shared/api/dispatch';
import { CASEFILE_EXTENSION } from '../../shared/model/schema';
import { createBackend, type Backend } from '../services/handlers';
import { desktopPolicy, type DesktopPathPolicy } from '../services/paths';
import { SettingsStore } from '../services/settings';
import { APP_VERSION } from '../services/version';
import { appProtocolResponse } from './app-protocol';
import { casefileArgument, dialogDefaultPath, withCasefileExtension } from './casefile-paths';
import { apiChannel, eventChannel } from './channels';
import { installMenu } from './menu';
import { printPdfWithElectron } from './print-pdf';
import { APP_ORIGIN, APP_SCHEME, isAppUrl, isPermissionAllowed, isSafeExternalUrl } from './security';

const RENDERER_ROOT = path.join(__dirname, '..', 'dist', 'renderer');

// Every renderer runs sandboxed, whatever its webPreferences say.
app.enableSandbox();
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

let mainWindow: BrowserWindow | null = null;
/** True once the window's page has loaded and listens for events. */
let windowReady = false;
let backend: Backend | null = null;
/** Which casefile paths the window may use (set once the app is ready). */
let paths: DesktopPathPolicy | null = null;
/** A casefile named on the command line or by the OS before the window could take it. */
let pendingOpenPath: string | null = casefileArgument(process.argv, process.cwd());

/** Settings that rebuild the menu whenever they change, so Open Recent is always current. */
class ShellSettings extends SettingsStore {
  constructor(
    filePath: string,
    private readonly onChange: (settings: Settings) => void,
  ) {
    super(filePath);
  }

  override async update(change: Partial<Settings>): Promise<Settings> {
    const settings = await super.update(change);
    this.onChange(settings);
    return settings;
  }
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', (_event, argv, workingDirectory) => {
    focusWindow();
    const file = casefileArgument(argv, workingDirectory);
    if (file) openInWindow(file);
  });
  // macOS hands over files (Finder, the Dock) this way, also before the app is ready.
  app.on('open-file', (event, file) => {
    event.preventDefault();
    openInWindow(file);
  });
  app.whenReady().then(start).catch((error: unknown) => {
    dialog.showErrorBox('Corroborate could not start', String(error));
    app.exit(1);
  });
}

async function start(): Promise<void> {
  const settings = new ShellSettings(path.join(app.getPath('userData'), 'settings.json'), refreshMenu);
  await settings.load();
  const policy = desktopPolicy(process.env.CORROBORATE_WORKSPACE ?? app.getPath('documents'));
  paths = policy;
  if (pendingOpenPath) policy.allow(pendingOpenPath);
  backend = createBackend({
    mode: 'desktop',
    version: APP_VERSION,
    paths: policy,
    settings,
    emit,
    openExternal: async (url) => openInSystemBrowser(url),
    chooseFile: (purpose, suggestedName) => chooseCasefile(purpose, dialogDefaultPath(policy.workspace, suggestedName)),
    renderPdf: printPdfWithElectron,
    samplePath: path.join(__dirname, '..', 'examples', 'sample.corroborate'),
  });
  protocol.handle(APP_SCHEME, (request) => appProtocolResponse(RENDERER_ROOT, request));
  registerApi(backend);
  lockDownContents();
  refreshMenu(settings.get());
  createWindow();

  function refreshMenu(current: Settings): void {
    for (const file of current.recent) paths?.allow(file);
    installMenu({
      emit,
      recent: current.recent,
      clearRecent: () => void settings.update({ recent: [] }).then(() => app.clearRecentDocuments()),
      platform: process.platform,
    });
    const newest = current.recent[0];
    if (newest) app.addRecentDocument(newest);
  }
}

function createWindow(): void {
  windowReady = false;
  mainWindow = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 640,
    title: 'Corroborate',
    show: false,
    webPreferences: {
      preload: path.join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      // Middle-click would otherwise try to open links in new windows.
      disableBlinkFeatures: 'Auxclick',
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: !app.isPackaged,
    },
  });
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.webContents.on('did-finish-load', () => {
    windowReady = true;
    if (pendingOpenPath) emit('openPath', { path: pendingOpenPath });
    pendingOpenPath = null;
  });
  mainWindow.on('closed', () => {
    mainWindow = null;
    windowReady = false;
  });
  void mainWindow.loadURL(`${APP_ORIGIN}/index.html`);
}

function registerApi(b: Backend): void {
  for (const name of API_NAMES) {
    ipcMain.handle(apiChannel(name), async (event: IpcMainInvokeEvent, args: unknown) => {
      if (!isTrustedSender(event)) throw new Error(JSON.stringify({ code: 'forbidden', message: 'Untrusted sender' }));
      try {
        // Arguments are validated against the contract (zod) before the handler runs.
        return await dispatchApiCall(b.handlers, name, args);
      } catch (error) {
        if (!isExpectedError(error)) console.error(`Unexpected error in ${name}:`, error);
        // IPC keeps only an Error's message: carry the structured body inside it.
        throw new Error(JSON.stringify(toErrorBody(error)), { cause: error });
      }
    });
  }
}

/** Only our own window's top frame, showing our own UI, may call the API. */
function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return !!frame && !!mainWindow && event.sender === mainWindow.webContents && frame === event.sender.mainFrame && isAppUrl(frame.url);
}

/** No permissions, no navigation away from the app, no new windows, no webviews: for every web contents. */
function lockDownContents(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(isPermissionAllowed(permission, details.requestingUrl)),
  );
  session.defaultSession.setPermissionCheckHandler((_contents, permission, requestingOrigin) => isPermissionAllowed(permission, requestingOrigin));
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      openInSystemBrowser(url);
      return { action: 'deny' };
    });
  });
}

/** The one place a link leaves the app: plain web links only, to the system browser. */
function openInSystemBrowser(url: string): boolean {
  if (!isSafeExternalUrl(url)) return false;
  void shell.openExternal(url);
  return true;
}

async function chooseCasefile(purpose: 'open' | 'save', defaultPath: string): Promise<string | null> {
  const filters = [{ name: 'Corroborate casefiles', extensions: [CASEFILE_EXTENSION.slice(1)] }];
  if (purpose === 'open') {
    const options: OpenDialogOptions = { title: 'Open Casefile', defaultPath, filters, properties: ['openFile'] };
    const result = await (mainWindow ? dialog.showOpenDialog(mainWindow, options) : dialog.showOpenDialog(options));
    return result.canceled ? null : chosen(result.filePaths[0]);
  }
  const options: SaveDialogOptions = {
    title: 'Save Casefile As',
    defaultPath,
    filters,
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
  const result = await (mainWindow ? dialog.showSaveDialog(mainWindow, options) : dialog.showSaveDialog(options));
  return result.canceled || !result.filePath ? null : chosen(withCasefileExtension(result.filePath));
}

/** A path the analyst chose in a native dialog: from now on the window may use it. */
function chosen(file: string | undefined): string | null {
  if (!file) return null;
  paths?.allow(file);
  return file;
}

function emit<E extends ApiEventName>(event: E, payload: ApiEventPayload<E>): void {
  mainWindow?.webContents.send(eventChannel(event), payload);
}

/** Opens a casefile the OS handed us in the running window, or as soon as there is one. */
function openInWindow(file: string): void {
  paths?.allow(file);
  if (mainWindow && windowReady) {
    emit('openPath', { path: file });
    return;
  }
  pendingOpenPath = file;
  if (!mainWindow && app.isReady() && backend) createWindow();
}

function focusWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

/** Nothing pending is lost on quit: save everything first; if a save fails, ask. */
let quitting = false;
app.on('before-quit', (event) => {
  if (quitting || !backend) return;
  event.preventDefault();
  void backend.sessions.flushAll().then(async (failures) => {
    if (failures.length) {
      const choice = await dialog.showMessageBox({
        type: 'warning',
        buttons: ['Keep the app open', 'Quit and lose the changes'],
        defaultId: 0,
        cancelId: 0,
        message: 'Some changes could not be saved.',
        detail: failures.map((f) => f.error).join('\n'),
      });
      if (choice.response === 0) return;
    }
    quitting = true;
    app.quit();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
app.on('activate', () => {
  if (!mainWindow && app.isReady() && backend) createWindow();
});
