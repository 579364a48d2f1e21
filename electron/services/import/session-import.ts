import type { ApiEventPayload, ApiParsedArgs, ImportResult } from '../../../shared/api/contract';
import { ApiError } from '../../../shared/api/dispatch';
import type { CasefileSession } from '../casefile/session';
import { planImport } from './index';
import { uploadedSource } from './sources';

/** The importArticles call: plans the import, reports progress per file, and applies it as one undoable step. */
export async function importIntoSession(
  session: CasefileSession,
  args: Pick<ApiParsedArgs<'importArticles'>, 'revision' | 'files' | 'taskId'>,
  progress: (payload: ApiEventPayload<'progress'>) => void,
): Promise<ImportResult> {
  if (session.readOnly) throw new ApiError('read-only', 'This casefile is open read-only.');
  if (session.status().revision !== args.revision) {
    throw new ApiError('stale-revision', 'This window is behind the casefile; it will reload.', { revision: session.status().revision });
  }
  const task = args.taskId ?? 'import';
  const plan = await planImport(args.files.map(uploadedSource), session.casefile, {
    onProgress: (done, total, label) => progress({ task, done, total, label: label.slice(0, 1_000) }),
  });
  const imported = plan.results.filter((r) => r.outcome === 'imported').length;
  const change = plan.commands.length
    ? session.apply(args.revision, { type: 'batch', label: `Import ${imported} article${imported === 1 ? '' : 's'}`, commands: plan.commands })
    : null;
  return { files: plan.results, change };
}
