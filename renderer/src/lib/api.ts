/**
 * The renderer's only door to the Node side. In the desktop app the preload
 * exposes the contract as `window.corroborate`; in browser mode the same calls
 * go over HTTP to the web host. Either way the UI sees one typed `Api`.
 */
import {
  API_EVENT_NAMES,
  API_NAMES,
  type Api,
  type ApiErrorBody,
  type ApiEventName,
  type ApiEventPayload,
} from '../../../shared/api/contract';
import { ACCEPT_FILE_BYTES_FIRST, CALLS_WITH_FILE_BYTES_FIRST, FILE_BYTES_LENGTH, type ApiAnswer } from '../../../shared/api/file-bytes-first';
import { readFileBytesFirstAnswer } from './file-bytes-answer';
import { Store } from './store';

export interface Bridge {
  api: Api;
  on<E extends ApiEventName>(event: E, listener: (payload: ApiEventPayload<E>) => void): () => void;
}

declare global {
  interface Window {
    corroborate?: Bridge;
  }
}

/** An error from the Node side, with the message meant for the analyst. */
export class RemoteError extends Error {
  constructor(readonly body: ApiErrorBody) {
    super(body.message);
    this.name = 'RemoteError';
  }
  get code(): string {
    return this.body.code;
  }
}

/** This tab or window, as the Node side knows it: its casefiles are let go when it goes away. */
export const CLIENT_ID = crypto.randomUUID();

/** Set when the web host refuses this window's token: the window then says so, with the way back, instead of going blank. */
export const sessionEndedStore = new Store<boolean>(false);

export const SESSION_ENDED_MESSAGE = "This window's session has ended: the server was restarted, or this address belongs to another instance.";
export const SESSION_ENDED_WAY_BACK = 'Open the address printed by `npm run web` again.';

const TOKEN_KEY = 'corroborate-token';

/**
 * The per-run token from the address the host printed, kept for this tab
 * (reloads included) and taken out of the address bar, where it would be
 * seen, bookmarked and shared.
 */
function takeToken(): string {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl !== null) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    history.replaceState(history.state, '', `${url.pathname}${url.search}${url.hash}`);
  }
  return fromUrl ?? sessionStorage.getItem(TOKEN_KEY) ?? '';
}

function webBridge(): Bridge {
  const token = takeToken();
  const api = {} as Record<string, (args: unknown) => Promise<unknown>>;
  for (const name of API_NAMES) {
    api[name] = async (args: unknown) => {
      const fileBytesFirst: Record<string, string> = CALLS_WITH_FILE_BYTES_FIRST.includes(name) ? { [ACCEPT_FILE_BYTES_FIRST]: '1' } : {};
      const response = await fetch(`./api/${name}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Corroborate-Token': token, ...fileBytesFirst },
        body: JSON.stringify(args ?? {}),
      });
      if (response.status === 403) {
        sessionEndedStore.set(true);
        throw new RemoteError({ code: 'session-ended', message: `${SESSION_ENDED_MESSAGE} ${SESSION_ENDED_WAY_BACK}` });
      }
      const fileLength = response.headers.get(FILE_BYTES_LENGTH);
      const body = await (fileLength !== null && response.body
        ? readFileBytesFirstAnswer(response.body, Number(fileLength))
        : (response.json() as Promise<ApiAnswer>)).catch(() => null);
      if (!body) throw new RemoteError({ code: 'transport', message: `The server answered ${response.status}.` });
      if (!body.ok) throw new RemoteError(body.error ?? { code: 'unknown', message: 'Unknown error' });
      return body.result;
    };
  }
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const source = new EventSource(`./api/events?token=${encodeURIComponent(token)}&client=${CLIENT_ID}`);
  // The browser gives up on a stream the host refused (it retries on anything else): find out whether the session ended.
  source.addEventListener('error', () => {
    if (source.readyState === EventSource.CLOSED) void checkSession();
  });
  for (const event of API_EVENT_NAMES) {
    source.addEventListener(event, (e) => {
      const payload: unknown = JSON.parse((e as MessageEvent<string>).data);
      for (const listener of listeners.get(event) ?? []) listener(payload);
    });
  }
  return {
    api: api as unknown as Api,
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener as (payload: unknown) => void);
      return () => set.delete(listener as (payload: unknown) => void);
    },
  };
}

function desktopBridge(bridge: Bridge): Bridge {
  // Errors cross IPC as plain Errors whose message carries the JSON error body.
  const api = {} as Record<string, (args: unknown) => Promise<unknown>>;
  for (const name of API_NAMES) {
    const call = bridge.api[name] as (args: unknown) => Promise<unknown>;
    api[name] = async (args: unknown) => {
      try {
        return await call(args);
      } catch (error) {
        throw new RemoteError(parseIpcError(error));
      }
    };
  }
  return { api: api as unknown as Api, on: bridge.on };
}

function parseIpcError(error: unknown): ApiErrorBody {
  const message = error instanceof Error ? error.message : String(error);
  const json = message.slice(message.indexOf('{'));
  try {
    return JSON.parse(json) as ApiErrorBody;
  } catch {
    return { code: 'internal', message };
  }
}

export const bridge: Bridge = window.corroborate ? desktopBridge(window.corroborate) : webBridge();
export const api: Api = bridge.api;

/** Asks the Node side whether this window may still talk to it; a refusal sets `sessionEndedStore`. */
export async function checkSession(): Promise<void> {
  await api.appInfo({}).catch(() => undefined);
}
