/**
 * The one API between the UI and the Node side. Each call is declared here
 * once: its name, its argument schema (checked by the main process or web host
 * before any handler runs) and its result type. The Electron preload exposes
 * exactly these calls; the web host serves exactly these calls. To add a call,
 * declare it here and write its handler in `electron/services/handlers.ts`.
 */
import type { CodeChoice, QdaImportResult } from '../interchange/refi-qda/to-casefile';
import { z } from 'zod';
import type { Patch } from 'immer';
import { Command } from '../commands/commands';
import { RecordId, type Casefile, type SharedPassage } from '../model/schema';
import { ReportFormat, ReportOptions } from '../report/options';
import type { Comparison, MergeSummary } from '../review';
import { WorkbenchPrefs } from '../workbench/prefs';
import { TeamArgs, type HistoryPoint, type HistoryPoints, type TeamCasefileListing, type TeamStatus } from './team';

/** Declares a call: its argument schema, and (as a type only) its result. */
function call<Result>() {
  return <Args extends z.ZodType>(args: Args) => ({ args, result: undefined as unknown as Result });
}

const sessionId = z.string().min(1).max(100);
/** Identifies one browser tab or window, so the web host can release its casefiles when it goes away. */
const clientId = z.string().min(1).max(100);
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
  /** The current analyst's layout and reading density (defaults until they change them). */
  workbench: WorkbenchPrefs;
  /** The team server last used, and whether a token for it is kept (the token itself never leaves the Node side). */
  teamServer: { url: string; hasToken: boolean } | null;
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
  /** Writes are refused: opened read-only, or another window or program took the casefile over. */
  readOnly: boolean;
  /** Another program changed the file on disk; saving waits until the analyst chooses (resolveChangedOnDisk). */
  changedOnDisk: boolean;
  /**
   * Orders the statuses of one session: the higher is newer. A status event
   * (saving, saved) can reach the window before the answer to the command
   * that made its revision; the window keeps it until then, and shows
   * whichever of the two is newer.
   */
  sequence: number;
}

/** A saved version kept beside a casefile (the last 10, at most one a minute). */
export interface BackupListing {
  path: string;
  savedAt: string;
  sizeBytes: number;
}

/**
 * `details` of an openCasefile error the UI can act on: code 'locked' names
 * who holds the casefile (open read-only or take over); a damaged or
 * unreadable file names its newest good backup, if any (restoreBackup).
 */
export interface OpenFailureDetails {
  lockedBy?: string;
  /** The file can be read but not saved (permissions): offer to open it read-only. */
  readOnlyPossible?: boolean;
  backup?: BackupListing | null;
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
  /** 'stopped': not read, because the analyst stopped the import first. */
  outcome: 'imported' | 'duplicate' | 'failed' | 'stopped';
  articleId?: string;
  message?: string;
  /** Title of the article imported (or already present, for a duplicate). */
  title?: string;
  /** Metadata fields that were filled in from the file. */
  prefilled?: string[];
  /** Articles of the casefile this one copies or overlaps, flagged for the analyst. */
  copies?: { articleId: string; title: string; kind: 'near-duplicate' | 'partial-overlap'; similarity: number; passages: SharedPassage[] }[];
}

export interface ImportResult {
  files: ImportFileResult[];
  /** The articles added, as one undoable step; null when nothing was imported. */
  change: ChangeResult | null;
}

/** Another version of an article read from a file (replaceArticleText). */
export interface ReplaceTextResult {
  /** The text replaced and claims re-anchored, as one undoable step; null when the file holds the same text. */
  change: ChangeResult | null;
  unchanged: boolean;
  /** How the article's claims sit on its text afterwards. */
  anchors: { exact: number; moved: number; orphaned: number };
}

export const UploadedFile = z.object({
  name: z.string().min(1).max(1_000),
  /** File content, base64-encoded so the same call works over IPC and HTTP. */
  dataBase64: z.string(),
  /** Text the analyst pasted, not a file. */
  pasted: z.boolean().optional(),
  /** Metadata the analyst typed (pasted text); wins over what the file says. */
  meta: z.object({
    title: z.string().max(20_000), outlet: z.string().max(20_000), author: z.string().max(20_000), publishedAt: z.string().max(40),
    url: z.string().max(8_000), language: z.string().max(40), notes: z.string().max(200_000),
  }).partial().optional(),
});

/** A colleague's casefile opened beside mine for review (read-only), compared with mine. */
export interface ReviewOpened {
  reviewId: string;
  fileName: string;
  /** Where it was opened from; null for an uploaded file. */
  path: string | null;
  /** The older format it was migrated from in memory (their file is untouched); null when current. */
  migratedFrom: number | null;
  comparison: Comparison;
}

export interface MergeReviewResult {
  /** The accepted differences as one undoable step; null when nothing changed. */
  change: ChangeResult | null;
  summary: MergeSummary;
  /** Mine compared with theirs again, after the merge. */
  comparison: Comparison;
}

/** Share of the shorter span two claims must overlap to be matched in review (0.01–1). */
const minOverlap = z.number().min(0.01).max(1).optional();

export interface ExportReportResult {
  fileName: string;
  mimeType: string;
  size: number;
  /** Where the file was written, relative to the workspace; null for a download. */
  savedPath: string | null;
  /** The file's bytes, base64-encoded, for a download; null when written to the workspace. */
  dataBase64: string | null;
}

/** A REFI-QDA project (.qdpx) chosen in the UI, sent as its bytes. */
const QdpxUpload = z.object({ name: z.string().min(1).max(1_000), dataBase64: z.string() }).strict();
const CodeTargetArg = z.discriminatedUnion('kind', [z.object({ kind: z.literal('type'), typeId: RecordId }), z.object({ kind: z.literal('tag') })]);

/** What the import dialog shows before a REFI-QDA project becomes a casefile. */
export interface QdpxImportPreview {
  projectName: string;
  /** The tool that wrote the project ("ATLAS.ti …"), or empty. */
  origin: string;
  articles: number;
  claims: number;
  /** The codes the analyst maps, with the proposed target (a type of the same name, else a tag). */
  codes: CodeChoice[];
  /** The sourcing types of the new casefile. */
  types: { id: string; label: string; color: string }[];
  /** What will not be carried over, in words. */
  notCarried: string[];
}

export interface QdpxImported {
  opened: OpenedCasefile;
  counts: QdaImportResult['counts'];
  notCarried: string[];
}

export const apiContract = {
  appInfo: call<AppInfo>()(z.object({}).strict()),
  getSettings: call<Settings>()(z.object({}).strict()),
  setAnalystName: call<Settings>()(z.object({ analystName: z.string().trim().min(1).max(200) }).strict()),
  /** Remembers the workbench layout and reading density for the current analyst. */
  setWorkbenchPrefs: call<Settings>()(z.object({ prefs: WorkbenchPrefs }).strict()),

  listCasefiles: call<CasefileListing[]>()(z.object({}).strict()),
  createCasefile: call<OpenedCasefile>()(z.object({ title: z.string().trim().min(1).max(500), clientId: clientId.optional() }).strict()),
  /** A copy of the sample casefile that ships with the app, saved in the workspace as a new casefile and opened. */
  openSample: call<OpenedCasefile>()(z.object({ clientId: clientId.optional() }).strict()),
  openCasefile: call<OpenedCasefile>()(
    z.object({ path: filePath, mode: z.enum(['normal', 'read-only', 'take-over']).default('normal'), clientId: clientId.optional() }).strict(),
  ),
  saveCasefileAs: call<OpenedCasefile>()(z.object({ sessionId, path: filePath, overwrite: z.boolean().default(false) }).strict()),
  /** A native file dialog where the host has one (desktop); `supported: false` tells the UI to use its own. */
  chooseCasefilePath: call<{ supported: boolean; path: string | null }>()(
    z.object({ purpose: z.enum(['open', 'save']), suggestedName: z.string().max(500).optional() }).strict(),
  ),
  /** After `changedOnDisk`: take their version, or keep mine as a copy beside it (the session moves to the copy). */
  resolveChangedOnDisk: call<OpenedCasefile>()(z.object({ sessionId, choice: z.enum(['reload-theirs', 'keep-mine-as-copy']) }).strict()),
  listBackups: call<BackupListing[]>()(z.object({ path: filePath }).strict()),
  /** Opens a backup as a new casefile beside the original (nothing is overwritten). */
  restoreBackup: call<OpenedCasefile>()(z.object({ backupPath: filePath, clientId: clientId.optional() }).strict()),
  closeCasefile: call<{ closed: true }>()(z.object({ sessionId }).strict()),
  saveNow: call<SessionStatus>()(z.object({ sessionId }).strict()),

  applyCommand: call<ChangeResult>()(z.object({ sessionId, revision: z.number().int().min(0), command: Command }).strict()),
  undo: call<ChangeResult>()(z.object({ sessionId, revision: z.number().int().min(0) }).strict()),
  redo: call<ChangeResult>()(z.object({ sessionId, revision: z.number().int().min(0) }).strict()),

  importArticles: call<ImportResult>()(
    z.object({
      sessionId, revision: z.number().int().min(0), files: z.array(UploadedFile).min(1).max(5_000),
      /** Names the `progress` events of this import, so a window follows only its own. */
      taskId: z.string().max(100).optional(),
    }).strict(),
  ),

  /**
   * Fetches each link's page on the Node side (http and https only), keeps it as a snapshot beside the casefile and
   * imports it like a saved page; a link that cannot be fetched fails alone, with the reason. Stopped with cancelImport.
   */
  importLinks: call<ImportResult>()(
    z.object({
      sessionId, revision: z.number().int().min(0), links: z.array(z.string().min(1).max(8_000)).min(1).max(500),
      taskId: z.string().max(100).optional(),
    }).strict(),
  ),

  /** Stops the import with this task id after the file it is reading; the files read so far are still added, as one step. */
  cancelImport: call<{ cancelled: boolean }>()(z.object({ taskId: z.string().min(1).max(100) }).strict()),

  /** Replaces an article's text with another version read from a file (any import format); re-anchors its claims. */
  replaceArticleText: call<ReplaceTextResult>()(
    z.object({ sessionId, revision: z.number().int().min(0), articleId: RecordId, file: UploadedFile }).strict(),
  ),

  openExternal: call<{ opened: boolean }>()(z.object({ url: z.string().url().max(8_000) }).strict()),

  /** Builds a report (progress events name the task `export:<jobId>`); the bytes come back for a download, or go into the workspace's exports folder. */
  exportReport: call<ExportReportResult>()(
    z.object({
      sessionId,
      jobId: z.string().min(1).max(100),
      format: ReportFormat,
      options: ReportOptions,
      destination: z.enum(['download', 'workspace']).default('download'),
    }).strict(),
  ),
  /** Opens a colleague's casefile read-only beside mine: a workspace path (browser mode), an absolute path (desktop) or an uploaded file. */
  openForReview: call<ReviewOpened>()(
    z.object({
      sessionId, path: filePath.optional(),
      upload: z.object({ name: z.string().min(1).max(1_000), dataBase64: z.string() }).optional(),
      minOverlap,
    }).strict(),
  ),
  compareReview: call<Comparison>()(z.object({ sessionId, reviewId: z.string().min(1).max(100), minOverlap }).strict()),
  /** Carries out the accepted differences (by key) on my casefile as one undoable step; their file is never written. */
  mergeReview: call<MergeReviewResult>()(
    z.object({
      sessionId, reviewId: z.string().min(1).max(100), revision: z.number().int().min(0),
      accept: z.array(z.string().min(1).max(1_000)).max(500_000), minOverlap,
    }).strict(),
  ),
  closeReview: call<{ closed: true }>()(z.object({ reviewId: z.string().min(1).max(100) }).strict()),
  /** Reads a REFI-QDA project (.qdpx) for the import dialog; nothing is written. */
  previewQdpxImport: call<QdpxImportPreview>()(z.object({ upload: QdpxUpload }).strict()),
  /** Makes a new casefile in the workspace from a REFI-QDA project, with the analyst's code mapping, and opens it. */
  importQdpx: call<QdpxImported>()(
    z.object({
      upload: QdpxUpload,
      mapping: z.array(z.object({ code: z.string().min(1).max(100), target: CodeTargetArg })).max(100_000).default([]),
      clientId: clientId.optional(),
    }).strict(),
  ),
  /** Stops a running export; it then fails with code `cancelled` and leaves no file. */
  cancelExport: call<{ cancelled: boolean }>()(z.object({ jobId: z.string().min(1).max(100) }).strict()),

  /** Publishes the open casefile to a team on a team server and links it there (the token is kept in settings). */
  shareCasefile: call<TeamStatus>()(TeamArgs.share),
  /** The casefiles shared with me on a team server (the one in settings when not given). */
  listTeamCasefiles: call<TeamCasefileListing[]>()(TeamArgs.list),
  /** Opens a team casefile from its link (or team and id): a local copy is made in the workspace and linked. */
  openTeamCasefile: call<OpenedCasefile & { team: TeamStatus }>()(TeamArgs.open),
  /** Unlinks the casefile from its team: it stays a normal local casefile. */
  leaveTeam: call<{ left: true }>()(TeamArgs.session),
  /** The casefile's link to its team, or null for a casefile that is not shared. */
  teamStatus: call<TeamStatus | null>()(TeamArgs.session),
  /** Works offline (false) or connects again (true); edits made offline wait and are sent on reconnect. */
  setTeamOnline: call<TeamStatus>()(TeamArgs.online),
  /** Tells teammates which article I am reading (null: none). */
  setTeamReading: call<{ ok: true }>()(TeamArgs.reading),
  /** The casefile as I judge it compared with the casefile as a teammate judges it, by Review's comparison. */
  teamDifferences: call<Comparison>()(TeamArgs.differences),
  /** Takes a teammate's judgment for the accepted differences (by key), as one undoable step. */
  mergeTeamDifferences: call<MergeReviewResult>()(TeamArgs.merge),
  /** The analyst has seen a conflict notice. */
  dismissTeamConflict: call<TeamStatus>()(TeamArgs.dismiss),
  /** The history points of a team casefile kept on this computer (docs/team-sync.md, "History points"). */
  teamHistory: call<HistoryPoints>()(TeamArgs.session),
  /** Takes a history point of the casefile as it is now, with the analyst's label. */
  markHistoryPoint: call<HistoryPoint>()(TeamArgs.markPoint),
  /** Review's comparison of the casefile at one history point (or now) with another: read-only, nothing can be merged. */
  compareHistoryPoints: call<Comparison>()(TeamArgs.comparePoints),
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
  /** A teammate's change, as patches for the window's copy when it is at `fromRevision`. */
  teamChange: z.object({ sessionId, fromRevision: z.number(), patches: z.custom<Patch[]>(), status: z.custom<SessionStatus>() }),
  /** The team link's state changed: connection, changes waiting, who is online, conflicts, problems (null: no longer linked). */
  teamStatus: z.object({ sessionId, team: z.custom<TeamStatus | null>() }),
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
