import type { ApiEventPayload, ApiParsedArgs, ImportResult } from '../../../shared/api/contract';
import { ApiError } from '../../../shared/api/dispatch';
import type { CasefileSession } from '../casefile/session';
import { fetchLimits, type FetchLimits } from './fetch-page';
import { planImport, type ImportPlan, type ImportSource } from './index';
import { linkSource, PAYWALL_WORDS, paywallMessage } from './link-source';
import { uploadedSource } from './sources';

type Progress = (payload: ApiEventPayload<'progress'>) => void;

const STOPS_REMEMBERED = 100;

/**
 * The importArticles, importLinks and cancelImport calls; an import with a task id can be stopped, also in the
 * middle of a file or a page. `limits` bound each page fetched from a link.
 */
export function createImportHandlers(sessionOf: (sessionId: string) => CasefileSession, progress: Progress, limits?: FetchLimits) {
  const running = new Map<string, AbortController>();
  // A stop can overtake its import on the way (the window sends both at once): remember it for a while.
  const stoppedEarly = new Set<string>();
  const stoppable = async <T>(taskId: string | undefined, run: (signal: AbortSignal) => Promise<T>): Promise<T> => {
    if (taskId && running.has(taskId)) throw new ApiError('busy', 'An import with this task id is already running.');
    const controller = new AbortController();
    if (taskId && stoppedEarly.delete(taskId)) controller.abort();
    if (taskId) running.set(taskId, controller);
    try {
      return await run(controller.signal);
    } finally {
      if (taskId) running.delete(taskId);
    }
  };
  return {
    importArticles: ({ sessionId, ...args }: ApiParsedArgs<'importArticles'>): Promise<ImportResult> =>
      stoppable(args.taskId, (signal) => importIntoSession(sessionOf(sessionId), args, () => args.files.map(uploadedSource), progress, signal)),
    importLinks: ({ sessionId, ...args }: ApiParsedArgs<'importLinks'>): Promise<ImportResult> =>
      stoppable(args.taskId, async (signal) => {
        const session = sessionOf(sessionId);
        const links = args.links.map((link) => linkSource(link, session.path, limits ?? fetchLimits()));
        const result = await importIntoSession(session, args, () => links.map((l) => l.source), progress, signal, (plan) => {
          plan.results.forEach((r, i) => {
            if (r.outcome !== 'imported' || !links[i]!.paywallHints) return;
            const words = wordsOf(plan, r.articleId);
            if (words < PAYWALL_WORDS) r.message = paywallMessage(words);
          });
        });
        return result;
      }),
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
  args: Pick<ApiParsedArgs<'importArticles'>, 'revision' | 'taskId'>,
  sources: () => ImportSource[],
  progress: Progress,
  signal?: AbortSignal,
  review?: (plan: ImportPlan) => void,
): Promise<ImportResult> {
  if (session.readOnly) throw new ApiError('read-only', 'This casefile is open read-only.');
  if (session.status().revision !== args.revision) {
    throw new ApiError('stale-revision', 'This window is behind the casefile; it will reload.', { revision: session.status().revision });
  }
  const task = args.taskId ?? 'import';
  const plan = await planImport(sources(), session.casefile, {
    onProgress: (done, total, label) => progress({ task, done, total, label: label.slice(0, 1_000) }),
    signal,
  });
  review?.(plan);
  const imported = plan.results.filter((r) => r.outcome === 'imported').length;
  const change = plan.commands.length
    ? session.apply(args.revision, { type: 'batch', label: `Import ${imported} article${imported === 1 ? '' : 's'}`, commands: plan.commands })
    : null;
  return { files: plan.results, change };
}

/** Words in the text of the article `articleId` that `plan` adds. */
function wordsOf(plan: ImportPlan, articleId: string | undefined): number {
  const add = plan.commands.find((c) => c.type === 'article.add' && c.article.id === articleId);
  const text = add?.type === 'article.add' ? add.article.text : '';
  return text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
}
