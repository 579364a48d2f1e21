/**
 * The preload exposes exactly the API contract to the page: one function per
 * declared call, each on its own channel, plus the declared events. Nothing
 * else of Electron or Node reaches the renderer.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { API_EVENT_NAMES, API_NAMES, type ApiEventName } from '../../shared/api/contract';
import { apiChannel, eventChannel } from './channels';

const api = Object.fromEntries(
  API_NAMES.map((name) => [name, (args: unknown) => ipcRenderer.invoke(apiChannel(name), args)]),
);

contextBridge.exposeInMainWorld('corroborate', {
  api,
  on(event: ApiEventName, listener: (payload: unknown) => void) {
    if (!API_EVENT_NAMES.includes(event)) throw new Error(`Unknown event ${String(event)}`);
    if (typeof listener !== 'function') throw new Error('The listener must be a function');
    // The page gets the payload only, never the IPC event (which carries the sender).
    const wrapped = (_e: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(eventChannel(event), wrapped);
    return () => ipcRenderer.removeListener(eventChannel(event), wrapped);
  },
});
