/**
 * Long exports report progress and can be stopped. Builders call the pacer
 * every few hundred items; the caller decides what that means: emit a
 * progress event, yield to the event loop, throw if the analyst cancelled.
 */
export type Pacer = (done: number, total: number, label: string) => void | Promise<void>;

/** How many items a builder handles between two pacer calls. */
export const PACE_EVERY = 500;

/** Maps `items` in order, calling the pacer every PACE_EVERY items (and at the end). */
export async function mapPaced<T, R>(items: readonly T[], label: string, pacer: Pacer | undefined, fn: (item: T, index: number) => R): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  for (let i = 0; i < items.length; i++) {
    out[i] = fn(items[i]!, i);
    if (pacer && (i + 1) % PACE_EVERY === 0) await pacer(i + 1, items.length, label);
  }
  if (pacer) await pacer(items.length, items.length, label);
  return out;
}

/** Thrown when the analyst stops an export; callers remove any partial file. */
export class ExportCancelled extends Error {
  constructor() {
    super('The export was cancelled.');
    this.name = 'ExportCancelled';
  }
}
