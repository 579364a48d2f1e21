/**
 * Browser mode's answer to opening a casefile, file bytes first: the host
 * sends the file's bytes to the window as soon as they are read, then parses
 * and validates them while the window parses its copy, and ends the answer
 * with the verdict. The window uses its copy only when the verdict says the
 * file is the casefile as it is (renderer/src/lib/file-bytes-answer.ts).
 * On the large casefile this overlaps the transfer and the window's parse
 * (about 1 s) with the Node side's checks instead of following them.
 *
 * The host offers a sender for one API call (`offerFileBytesFirst`);
 * `loadCasefile` takes it for the first file it reads in that call, so a
 * backup read after a refused file, or any other file, goes the usual way.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/** Writes a file's bytes to the window and resolves once they are handed to the socket. */
export type FileBytesSender = (bytes: Uint8Array) => Promise<void>;

interface Offer {
  send: FileBytesSender | null;
}

const offers = new AsyncLocalStorage<Offer>();

/** Runs `call` with `send` on offer to the first casefile it reads. */
export function offerFileBytesFirst<T>(send: FileBytesSender, call: () => Promise<T>): Promise<T> {
  return offers.run({ send }, call);
}

/** Sends `bytes` first when the current call has a sender on offer that no file took yet. */
export async function sendFileBytesFirst(bytes: Uint8Array): Promise<void> {
  const offer = offers.getStore();
  const send = offer?.send;
  if (!send) return;
  offer.send = null;
  await send(bytes);
}
