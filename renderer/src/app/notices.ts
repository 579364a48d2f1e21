import { Store } from '../lib/store';

export interface Notice {
  id: number;
  kind: 'info' | 'error';
  text: string;
}

export const noticesStore = new Store<Notice[]>([]);
let nextId = 1;

/** Shows a message in the notice area; errors stay until dismissed. */
export function notify(kind: Notice['kind'], text: string): void {
  const notice = { id: nextId++, kind, text };
  noticesStore.set((list) => [...list.slice(-4), notice]);
  if (kind === 'info') setTimeout(() => dismiss(notice.id), 6000);
}

export function dismiss(id: number): void {
  noticesStore.set((list) => list.filter((n) => n.id !== id));
}
