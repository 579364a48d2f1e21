/**
 * The desktop shell: one window, locked down per Electron's security
 * checklist, serving the UI from app://corroborate and the API over IPC.
 * The services behind the API are the same ones browser mode uses.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, protocol, session, shell, type IpcMainInvokeEvent } from 'electron';
import { API_NAMES, type ApiEventName, type ApiEventPayload } from '../../shared/api/contract';
import { dispatchApiCall, toErrorBody } from '../../shared/api/dispatch';
import { CASEFILE_EXTENSION } from '../../shared/model/schema';
import { CONTENT_SECURITY_POLICY } from '../services/csp';
import { createBackend, type Backend } from '../services/handlers';
import { desktopPolicy } from '../services/paths';
import { SettingsStore } from '../services/settings';
import { APP_VERSION } from '../services/version';
import { apiChannel, eventChannel } from './channels';
import { buildMenu } from './menu';
import { APP_HOST, APP_ORIGIN, APP_SCHEME, isAppUrl, isSafeExternalUrl, resolveAppFile } from './security';

const RENDERER_ROOT = path.join(__dirname, '..', 'dist', 'renderer');
const MIME: Record<string, string> = {
  '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.woff2': 'font/woff2', '.json': 'application/json', '.map': 'application/json',
};

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

let mainWindow: BrowserWindow | null = null;
let backend: Backend | null = null;
/** A casefile named on the command line or by the OS before the window was ready. */
let pendingOpenPath: string | null = casefileArgument(process.argv);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', (_event, argv) => {
    const file = casefileArgument(argv);
    focusWindow();
    if (file) emit('openPath', { path: file });
  });
  app.on('open-file', (event, file) => {
    event.preventDefault();
    if (mainWindow) emit('openPath', { path: file });
    else pendingOpenPath = file;
  });
  app.whenReady().then(start).catch((error: unknown) => {
    dialog.showErrorBox('Corroborate could not start', String(error));
    app.exit(1);
  });
}

async function start(): Promise<void> {
  const settings = new SettingsStore(path.join(app.getPath('userData'), 'settings.json'));
  await settings.load();
  backend = createBackend({
    mode: 'desktop',
    version: APP_VERSION,
    paths: desktopPolicy(process.env.CORROBORATE_WORKSPACE ?? app.getPath('documents')),
    settings,
    emit,
    openExternal: async (url) => {
      if (!isSafeExternalUrl(url)) return false;
      await shell.openExternal(url);
      return true;
    },
  });
  registerAppProtocol();
  registerApi(backend);
  lockDownSessions();
  buildMenu({ emit, window: () => mainWindow, recent: () => settings.get().recent });
  createWindow();
}

function createWindow(): void {
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
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.webContents.once('did-finish-load', () => {
    if (pendingOpenPath) emit('openPath', { path: pendingOpenPath });
    pendingOpenPath = null;
  });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  void mainWindow.loadURL(`${APP_ORIGIN}/index.html`);
}

function registerAppProtocol(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = new URL(request.url).host === APP_HOST ? resolveAppFile(RENDERER_ROOT, request.url) : null;
    if (!file) return new Response('Forbidden', { status: 403 });
    try {
      const body = await readFile(file);
      return new Response(body, {
        headers: {
          'Content-Type': MIME[path.extname(file)] ?? 'application/octet-stream',
          'Content-Security-Policy': CONTENT_SECURITY_POLICY,
          'X-Content-Type-Options': 'nosniff',
        },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}

function registerApi(b: Backend): void {
  for (const name of API_NAMES) {
    ipcMain.handle(apiChannel(name), async (event: IpcMainInvokeEvent, args: unknown) => {
      if (!isTrustedSender(event)) throw new Error(JSON.stringify({ code: 'forbidden', message: 'Untrusted sender' }));
      try {
        return await dispatchApiCall(b.handlers, name, args);
      } catch (error) {
        // IPC keeps only an Error's message: carry the structured body inside it.
        throw new Error(JSON.stringify(toErrorBody(error)), { cause: error });
      }
    });
  }
}

function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return !!frame && !!mainWindow && event.sender === mainWindow.webContents && isAppUrl(frame.url);
}

function lockDownSessions(): void {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (isSafeExternalUrl(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
}

function emit<E extends ApiEventName>(event: E, payload: ApiEventPayload<E>): void {
  mainWindow?.webContents.send(eventChannel(event), payload);
}

function focusWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

function casefileArgument(argv: string[]): string | null {
  const file = argv.slice(1).find((a) => a.endsWith(CASEFILE_EXTENSION) && !a.startsWith('-'));
  return file ? path.resolve(file) : null;
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
  if (!mainWindow && app.isReady()) createWindow();
});
