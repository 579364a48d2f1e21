import { Store } from '../lib/store';

export interface Notice {
  id: number;
  kind: 'info' | 'error';
  text: string;
}

export const noticesStore = new Store<Notice[]>([]);
let nextId = 1;

/** How long an info message stays before it closes itself; errors stay until dismissed. */
export const INFO_SECONDS = 5;

/** Shows a message in the strip under the workbench. */
export function notify(kind: Notice['kind'], text: string): void {
  const notice = { id: nextId++, kind, text };
  // Old info messages make room; errors are only ever removed by the analyst.
  noticesStore.set((list) => {
    const infos = list.filter((n) => n.kind === 'info');
    const dropped = new Set(infos.slice(0, Math.max(0, infos.length - 2)).map((n) => n.id));
    return [...list.filter((n) => !dropped.has(n.id)), notice];
  });
  if (kind === 'info') setTimeout(() => dismiss(notice.id), INFO_SECONDS * 1000);
}

export function dismiss(id: number): void {
  noticesStore.set((list) => list.filter((n) => n.id !== id));
}
