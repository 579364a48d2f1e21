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

/** Turns anything thrown by a handler into an error body the UI can show. */
export function toErrorBody(error: unknown): ApiErrorBody {
  if (error instanceof ApiError) return error.toBody();
  if (error instanceof Error && error.name === 'CommandError') return { code: 'command-rejected', message: error.message };
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}
