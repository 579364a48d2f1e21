import type { ApiEventPayload, ApiParsedArgs, ImportResult } from '../../../shared/api/contract';
import { ApiError } from '../../../shared/api/dispatch';
import type { CasefileSession } from '../casefile/session';
import { planImport } from './index';
import { uploadedSource } from './sources';

type Progress = (payload: ApiEventPayload<'progress'>) => void;

const STOPS_REMEMBERED = 100;

/** The importArticles and cancelImport calls; an import with a task id can be stopped, also in the middle of a file. */
export function createImportHandlers(sessionOf: (sessionId: string) => CasefileSession, progress: Progress) {
  const running = new Map<string, AbortController>();
  // A stop can overtake its import on the way (the window sends both at once): remember it for a while.
  const stoppedEarly = new Set<string>();
  return {
    importArticles: async ({ sessionId, ...args }: ApiParsedArgs<'importArticles'>): Promise<ImportResult> => {
      if (args.taskId && running.has(args.taskId)) throw new ApiError('busy', 'An import with this task id is already running.');
      const controller = new AbortController();
      if (args.taskId && stoppedEarly.delete(args.taskId)) controller.abort();
      if (args.taskId) running.set(args.taskId, controller);
      try {
        return await importIntoSession(sessionOf(sessionId), args, progress, controller.signal);
      } finally {
        if (args.taskId) running.delete(args.taskId);
      }
    },
    cancelImport: async ({ taskId }: ApiParsedArgs<'cancelImport'>) => {
      const controller = running.get(taskId);
      if (controller) {
        controller.abort();
      } else {
        if (stoppedEarly.size >= STOPS_REMEMBERED) stoppedEarly.delete(stoppedEarly.values().next().value!);
        stoppedEarly.add(taskId);
      }
      return { cancelled: !!controller };
    },
  };
}

/** Plans the import, reports progress per file, and applies what was read as one undoable step. */
async function importIntoSession(
  session: CasefileSession,
  args: Pick<ApiParsedArgs<'importArticles'>, 'revision' | 'files' | 'taskId'>,
  progress: Progress,
  signal?: AbortSignal,
): Promise<ImportResult> {
  if (session.readOnly) throw new ApiError('read-only', 'This casefile is open read-only.');
  if (session.status().revision !== args.revision) {
    throw new ApiError('stale-revision', 'This window is behind the casefile; it will reload.', { revision: session.status().revision });
  }
  const task = args.taskId ?? 'import';
  const plan = await planImport(args.files.map(uploadedSource), session.casefile, {
    onProgress: (done, total, label) => progress({ task, done, total, label: label.slice(0, 1_000) }),
    signal,
  });
  const imported = plan.results.filter((r) => r.outcome === 'imported').length;
  const change = plan.commands.length
    ? session.apply(args.revision, { type: 'batch', label: `Import ${imported} article${imported === 1 ? '' : 's'}`, commands: plan.commands })
    : null;
  return { files: plan.results, change };
}
