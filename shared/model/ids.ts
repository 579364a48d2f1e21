/**
 * Ids are made by whoever issues a command (never inside the pure reducer), so
 * that applying the same command twice, on either side of the API, gives the same state.
 */
export function newId(prefix: string): string {
  const bytes = new Uint8Array(10);
  globalThis.crypto.getRandomValues(bytes);
  let s = '';
  for (const b of bytes) s += b.toString(36).padStart(2, '0');
  return `${prefix}_${s}`;
}
