import { apiContract, type ApiErrorBody, type ApiName, type ApiParsedArgs, type ApiResult } from './contract';

/** An error meant for the analyst: `message` is shown as it is. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toBody(): ApiErrorBody {
    return { code: this.code, message: this.message, details: this.details };
  }
}

export type ApiHandlers = { [N in ApiName]: (args: ApiParsedArgs<N>) => Promise<ApiResult<N>> };

export function isApiName(name: unknown): name is ApiName {
  return typeof name === 'string' && Object.hasOwn(apiContract, name);
}

/**
 * Validates a call's arguments against the contract, then runs its handler.
 * Both transports (Electron IPC and the web host) go through here.
 */
export async function dispatchApiCall(handlers: ApiHandlers, name: unknown, rawArgs: unknown): Promise<unknown> {
  if (!isApiName(name)) throw new ApiError('unknown-call', `There is no API call named ${String(name).slice(0, 100)}`);
  const parsed = apiContract[name].args.safeParse(rawArgs ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(arguments)'}: ${i.message}`);
    throw new ApiError('invalid-arguments', `Invalid arguments for ${name}: ${issues.join('; ')}`);
  }
  const handler = handlers[name] as (args: unknown) => Promise<unknown>;
  return handler(parsed.data);
}

/** What the file system said, in words an analyst can act on; never a system path or an errno text. */
const SYSTEM_ERRORS: Record<string, { code: string; message: string }> = {
  ENOENT: { code: 'not-found', message: 'That file or folder does not exist (it may have been moved or deleted).' },
  ENOTDIR: { code: 'not-found', message: 'Part of that path is a file, not a folder.' },
  EISDIR: { code: 'not-a-file', message: 'That is a folder, not a file.' },
  EEXIST: { code: 'exists', message: 'A file with that name already exists.' },
  EACCES: { code: 'permission-denied', message: 'Permission denied: this account may not read or write there.' },
  EPERM: { code: 'permission-denied', message: 'Permission denied: this account may not read or write there.' },
  EROFS: { code: 'read-only', message: 'That disk is read-only, so nothing can be saved there.' },
  ENOSPC: { code: 'disk-full', message: 'The disk is full, so nothing could be saved. Free some space and try again; the casefile stays open.' },
  EDQUOT: { code: 'disk-full', message: 'The disk quota is used up, so nothing could be saved. Free some space and try again; the casefile stays open.' },
  ENAMETOOLONG: { code: 'name-too-long', message: 'That name is too long for the file system; choose a shorter one.' },
  EMFILE: { code: 'busy', message: 'Too many files are open at once; try again in a moment.' },
  EBUSY: { code: 'busy', message: 'That file is in use by another program; try again in a moment.' },
  ELOOP: { code: 'not-found', message: 'That path loops through links and cannot be followed.' },
  EINVAL: { code: 'invalid-path', message: 'That name is not allowed by the file system.' },
};

/** The errno code of a Node system error (ENOENT, ENOSPC …), or null. */
export function systemErrorCode(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof Error && typeof code === 'string' && /^E[A-Z]+$/.test(code) ? code : null;
}

/** Shown for anything nobody expected; the details go to the log, never to the window. */
export const UNEXPECTED_ERROR_MESSAGE = 'Something unexpected went wrong, so this was not done. The details are in the log of the app.';

/** Whether `error` is a refusal meant for the analyst (as opposed to a bug), so it can be shown as it is. */
export function isExpectedError(error: unknown): boolean {
  return error instanceof ApiError || isCommandError(error) || systemErrorCode(error) !== null;
}

function isCommandError(error: unknown): error is Error {
  return error instanceof Error && error.name === 'CommandError';
}

/** Turns anything thrown by a handler into an error body the UI can show: a clear sentence, no system path, no raw exception text. */
export function toErrorBody(error: unknown): ApiErrorBody {
  if (error instanceof ApiError) return error.toBody();
  if (isCommandError(error)) return { code: 'command-rejected', message: error.message };
  const errno = systemErrorCode(error);
  if (errno) return SYSTEM_ERRORS[errno] ?? { code: 'io-error', message: `The file system refused this (${errno}).` };
  return { code: 'internal', message: UNEXPECTED_ERROR_MESSAGE };
}
