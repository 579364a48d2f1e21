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
 * `loadCasefile` takes it for the first file of 2 MB or more it reads in that
 * call and sends each chunk as it is read (read-chunks.ts), so a backup read
 * after a refused file, or any other file, goes the usual way.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { ChunkSink } from './read-chunks';

/** Writes a file's bytes to the window as they are read: the answer starts with the file's length. */
export interface FileBytesSender extends ChunkSink {
  /** Resolves once every chunk is handed to the socket, or the window went away. */
  sent(): Promise<void>;
}

interface Offer {
  sender: FileBytesSender | null;
}

const offers = new AsyncLocalStorage<Offer>();

/** Runs `call` with `sender` on offer to the first casefile it reads. */
export function offerFileBytesFirst<T>(sender: FileBytesSender, call: () => Promise<T>): Promise<T> {
  return offers.run({ sender }, call);
}

/** The sender the current call has on offer, taken so that no other file uses it; null when there is none. */
export function takeFileBytesSender(): FileBytesSender | null {
  const offer = offers.getStore();
  const sender = offer?.sender ?? null;
  if (offer) offer.sender = null;
  return sender;
}
