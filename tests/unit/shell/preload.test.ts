/**
 * The preload, with Electron's contextBridge and ipcRenderer stood in for
 * (Electron is the edge of the world here): what the page receives is
 * exactly the API contract, each call on its own channel.
 */
import { beforeAll, expect, test, vi } from 'vitest';
import { API_EVENT_NAMES, API_NAMES } from '../../../shared/api/contract';

const exposed = new Map<string, unknown>();
const invoked: [string, unknown][] = [];
const listeners = new Map<string, (event: unknown, payload: unknown) => void>();

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposed.set(key, value) },
  ipcRenderer: {
    invoke: async (channel: string, args: unknown) => {
      invoked.push([channel, args]);
      return 'answer';
    },
    on: (channel: string, listener: (event: unknown, payload: unknown) => void) => listeners.set(channel, listener),
    removeListener: (channel: string) => listeners.delete(channel),
  },
}));

interface Bridge {
  api: Record<string, (args: unknown) => Promise<unknown>>;
  on: (event: string, listener: (payload: unknown) => void) => () => void;
}
let bridge: Bridge;

beforeAll(async () => {
  await import('../../../electron/shell/preload');
  bridge = exposed.get('corroborate') as Bridge;
});

test('exposes one object, window.corroborate, with only the API and the event listener', () => {
  expect([...exposed.keys()]).toEqual(['corroborate']);
  expect(Object.keys(bridge).sort()).toEqual(['api', 'on']);
});

test('the API is exactly the contract’s calls, each invoking its own channel with the arguments as given', async () => {
  expect(Object.keys(bridge.api).sort()).toEqual([...API_NAMES].sort());
  expect(await bridge.api.openCasefile!({ path: '/cases/a.corroborate' })).toBe('answer');
  expect(invoked).toEqual([['corroborate:api:openCasefile', { path: '/cases/a.corroborate' }]]);
  expect(bridge.api.invoke).toBeUndefined();
  expect(bridge.api.send).toBeUndefined();
});

test('declared events reach the page as their payload only; unknown events and non-functions are refused', () => {
  const received: unknown[] = [];
  const event = API_EVENT_NAMES[0]!;
  const off = bridge.on(event, (payload) => received.push(payload));
  listeners.get(`corroborate:event:${event}`)!({ sender: 'the IPC event, with the sender' }, { command: 'open' });
  expect(received).toEqual([{ command: 'open' }]);
  off();
  expect(listeners.has(`corroborate:event:${event}`)).toBe(false);

  expect(() => bridge.on('ipc-message', () => undefined)).toThrow(/Unknown event/);
  expect(() => bridge.on(event, 'alert(1)' as unknown as () => void)).toThrow(/function/);
});
