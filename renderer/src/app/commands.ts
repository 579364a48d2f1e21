/**
 * App-level actions that can come from a native menu (desktop), a button or
 * the keyboard. Features register what they do; the menu event and the
 * keyboard both end up here, so each action has one implementation.
 */
import { bridge } from '../lib/api';

export type AppAction =
  | 'new' | 'open' | 'saveAs' | 'import' | 'importAnnotations' | 'importProject' | 'export' | 'close'
  | 'undo' | 'redo' | 'find' | 'shortcuts' | 'about';

const handlers = new Map<AppAction, () => void>();

/** Registers the handler of an action; returns a function that removes it. */
export function onAppAction(action: AppAction, handler: () => void): () => void {
  handlers.set(action, handler);
  return () => {
    if (handlers.get(action) === handler) handlers.delete(action);
  };
}

export function runAppAction(action: AppAction): boolean {
  const handler = handlers.get(action);
  handler?.();
  return !!handler;
}

bridge.on('menu', ({ command }) => {
  runAppAction(command as AppAction);
});
