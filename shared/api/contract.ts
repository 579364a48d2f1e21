/**
 * The one API between the UI and the Node side. Each call is declared here
 * once: its name, its argument schema (checked by the main process or web host
 * before any handler runs) and its result type. The Electron preload exposes
 * exactly these calls; the web host serves exactly these calls. To add a call,
 * declare it here and write its handler in `electron/services/handlers.ts`.
 */
import { z } from 'zod';
import type { Patch } from 'immer';
import { Command } from '../commands/commands';
import type { Casefile } from '../model/schema';

/** Declares a call: its argument schema, and (as a type only) its result. */
function call<Result>() {
  return <Args extends z.ZodType>(args: Args) => ({ args, result: undefined as unknown as Result });
}

const sessionId = z.string().min(1).max(100);
/** A casefile location: a path inside the workspace in browser mode, an absolute path on the desktop. */
const filePath = z.string().min(1).max(4_096);

export type SaveState = 'saved' | 'saving' | 'unsaved' | 'error';

export interface AppInfo {
  mode: 'desktop' | 'web';
  version: string;
  platform: string;
  /** Folder casefiles live in (browser mode) or the default folder for dialogs (desktop). */
  workspace: string;
}

export interface Settings {
  analystName: string;
  recent: string[];
}

export interface CasefileListing {
  path: string;
  title: string;
  modifiedAt: string;
  sizeBytes: number;
}

export interface SessionStatus {
  saveState: SaveState;
  error: string | null;
  canUndo: boolean;
  canRedo: boolean;
  undoLabel: string | null;
  redoLabel: string | null;
  revision: number;
}

export interface OpenedCasefile {
  sessionId: string;
  path: string;
  readOnly: boolean;
  casefile: Casefile;
  status: SessionStatus;
}

export interface ChangeResult {
  /** Patches that turn the caller's copy (at the previous revision) into the current state. */
  patches: Patch[];
  status: SessionStatus;
}

export interface ImportFileResult {
  fileName: string;
  outcome: 'imported' | 'duplicate' | 'failed';
  articleId?: string;
  message?: string;
}

export interface ImportResult {
  files: ImportFileResult[];
  /** The articles added, as one undoable step; null when nothing was imported. */
  change: ChangeResult | null;
}

export const UploadedFile = z.object({
  name: z.string().min(1).max(1_000),
  /** File content, base64-encoded so the same call works over IPC and HTTP. */
  dataBase64: z.string(),
});

export const apiContract = {
  appInfo: call<AppInfo>()(z.object({}).strict()),
  getSettings: call<Settings>()(z.object({}).strict()),
  setAnalystName: call<Settings>()(z.object({ analystName: z.string().trim().min(1).max(200) }).strict()),

  listCasefiles: call<CasefileListing[]>()(z.object({}).strict()),
  createCasefile: call<OpenedCasefile>()(z.object({ title: z.string().trim().min(1).max(500) }).strict()),
  openCasefile: call<OpenedCasefile>()(
    z.object({ path: filePath, mode: z.enum(['normal', 'read-only', 'take-over']).default('normal') }).strict(),
  ),
  saveCasefileAs: call<OpenedCasefile>()(z.object({ sessionId, path: filePath }).strict()),
  closeCasefile: call<{ closed: true }>()(z.object({ sessionId }).strict()),
  saveNow: call<SessionStatus>()(z.object({ sessionId }).strict()),

  applyCommand: call<ChangeResult>()(z.object({ sessionId, revision: z.number().int().min(0), command: Command }).strict()),
  undo: call<ChangeResult>()(z.object({ sessionId, revision: z.number().int().min(0) }).strict()),
  redo: call<ChangeResult>()(z.object({ sessionId, revision: z.number().int().min(0) }).strict()),

  importArticles: call<ImportResult>()(
    z.object({ sessionId, revision: z.number().int().min(0), files: z.array(UploadedFile).min(1).max(5_000) }).strict(),
  ),

  openExternal: call<{ opened: boolean }>()(z.object({ url: z.string().url().max(8_000) }).strict()),
} as const;

export type ApiContract = typeof apiContract;
export type ApiName = keyof ApiContract;
export type ApiArgs<N extends ApiName> = z.input<ApiContract[N]['args']>;
export type ApiParsedArgs<N extends ApiName> = z.output<ApiContract[N]['args']>;
export type ApiResult<N extends ApiName> = ApiContract[N]['result'];

/** What the renderer sees: one async function per call. */
export type Api = { [N in ApiName]: (args: ApiArgs<N>) => Promise<ApiResult<N>> };

export const API_NAMES = Object.keys(apiContract) as ApiName[];

/** Events pushed from the Node side to the UI. */
export const apiEvents = {
  /** A menu item or accelerator that the UI carries out (Open…, Undo, Find…). */
  menu: z.object({ command: z.string().max(100) }),
  /** Save state changed without a call from this window (autosave finished, failed). */
  status: z.object({ sessionId, status: z.custom<SessionStatus>() }),
  /** The casefile changed on disk under us; the UI asks the analyst what to do. */
  changedOnDisk: z.object({ sessionId, path: filePath }),
  /** A casefile to open, from the command line or the OS (second instance, file association). */
  openPath: z.object({ path: filePath }),
  /** Progress of a long operation (import, export). */
  progress: z.object({ task: z.string().max(100), done: z.number(), total: z.number(), label: z.string().max(1_000) }),
} as const;

export type ApiEvents = typeof apiEvents;
export type ApiEventName = keyof ApiEvents;
export type ApiEventPayload<E extends ApiEventName> = z.infer<ApiEvents[E]>;
export const API_EVENT_NAMES = Object.keys(apiEvents) as ApiEventName[];

/** An error a handler reports to the UI: a message meant for the analyst, plus a machine-readable code. */
export interface ApiErrorBody {
  code: string;
  message: string;
  details?: unknown;
}
