import { isUtf8 } from 'node:buffer';
import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import { Low, type Adapter } from 'lowdb';
import { ApiError, toErrorBody } from '../../../shared/api/dispatch';
import { FormatError } from '../../../shared/model/migrations';
import type { Casefile } from '../../../shared/model/schema';
import { CasefileInvalidError, parseCasefileDocument } from '../../../shared/model/validate';
import { looksBinary } from '../../../shared/text/decode';
import { plural, shorten } from '../../../shared/text/wording';
import { keepBackup } from './backups';
import { writeFileDurably, type FileFingerprint } from './durable-write';
import { takeFileBytesSender } from './file-bytes-first';
import { readChunks } from './read-chunks';
import { FAST_VALIDATION_MIN_CHARS, fastValidator, prepareFastValidation, validatesVerbatim } from './fast-validate';
import { keepVerbatimJson, serialiseCasefile } from './serialise';

/** Larger files are refused before reading: the large benchmark casefile (2,000 articles, 40,000 claims) is about 55 MB. */
export const MAX_CASEFILE_BYTES = 256 * 1024 * 1024;

export interface WriteOptions {
  /** Keep the version being replaced in the backup folder. */
  backup: boolean;
}

/**
 * lowdb adapter for casefiles: reads with validation and migration, writes
 * durably (unique temp file, fsync, rename, fsync folder) in slices, keeps
 * backups, and remembers the fingerprint of what it last read or wrote.
 */
export class CasefileAdapter implements Adapter<Casefile> {
  fingerprint: FileFingerprint | null = null;
  /** Set before a write: whether it keeps a backup of the version it replaces. */
  nextWrite: WriteOptions = { backup: false };

  constructor(readonly filePath: string) {}

  async read(): Promise<Casefile | null> {
    const loaded = await loadCasefile(this.filePath);
    this.fingerprint = loaded.fingerprint;
    return loaded.casefile;
  }

  async write(data: Casefile): Promise<void> {
    const { backup } = this.nextWrite;
    this.nextWrite = { backup: false };
    this.fingerprint = await writeFileDurably(this.filePath, serialiseCasefile(data), {
      beforeReplace: backup ? async () => void (await keepBackup(this.filePath)) : undefined,
    });
  }
}

export function openCasefileDb(adapter: CasefileAdapter, initial: Casefile): Low<Casefile> {
  return new Low(adapter, initial);
}

export interface LoadedCasefile {
  casefile: Casefile;
  migratedFrom: number | null;
  fingerprint: FileFingerprint;
}

/** Reads, parses, migrates and validates a casefile; every failure is an ApiError naming the file and the problem. */
export async function loadCasefile(filePath: string): Promise<LoadedCasefile> {
  const name = path.basename(filePath);
  const { bytes, hash, info } = await readBounded(filePath, name);
  await prepareFastValidation(bytes.length);
  const text = bytes.toString('utf8');
  const { casefile, migratedFrom, verbatim } = parseCasefileText(text, name);
  if (verbatim && isUtf8(bytes)) keepVerbatimJson(casefile, bytes);
  return { casefile, migratedFrom, fingerprint: { size: info.size, mtimeMs: info.mtimeMs, ino: info.ino, hash } };
}

/**
 * Parses, migrates and validates a casefile's text; every failure is an ApiError naming the file (`name`) and the problem.
 * Large texts validate faster after `prepareFastValidation(text.length)`; `verbatim` then says that
 * the text is the casefile as it is (nothing migrated, no default filled, no key dropped).
 */
export function parseCasefileText(text: string, name: string): { casefile: Casefile; migratedFrom: number | null; verbatim: boolean } {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw jsonError(name, text, e as Error);
  }
  try {
    const fast = fastValidator();
    let verbatim = false;
    // The check that changes nothing first: when it passes, the one that fills defaults has nothing to do.
    const fastValidate = fast && ((d: unknown) => (verbatim = validatesVerbatim(d)) || fast(d));
    const parsed = parseCasefileDocument(doc, { fastValidate });
    return { ...parsed, verbatim: verbatim && parsed.migratedFrom === null };
  } catch (e) {
    if (e instanceof FormatError) {
      throw new ApiError(e.code, `${name} cannot be opened: ${e.message.charAt(0).toLowerCase()}${e.message.slice(1)}`);
    }
    if (e instanceof CasefileInvalidError) {
      const first = e.problems[0];
      const more = e.total > 1 ? ` (and ${plural(e.total - 1, 'more problem')})` : '';
      throw new ApiError(
        'invalid-casefile',
        `${name} is not a valid casefile: ${first ? `${first.path}: ${first.message}` : 'unexpected shape'}${more}.`,
        { problems: e.problems, total: e.total },
      );
    }
    throw e;
  }
}

/** Reads the file through one handle, refusing oversized files from their size before reading a byte. */
async function readBounded(filePath: string, name: string) {
  const handle = await open(filePath, 'r').catch((e: NodeJS.ErrnoException) => {
    throw fileError(e, name);
  });
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new ApiError('not-a-file', `${name} is not a file.`);
    if (info.size > MAX_CASEFILE_BYTES) {
      throw new ApiError(
        'too-large',
        `${name} is ${formatMb(info.size)}; casefiles over ${formatMb(MAX_CASEFILE_BYTES)} are refused. It was not opened or changed.`,
      );
    }
    // Only a file large enough for the fast validator can be proven verbatim: the window uses its copy of no other.
    const sender = info.size >= FAST_VALIDATION_MIN_CHARS ? takeFileBytesSender() : null;
    const { bytes, hash, changed } = await readChunks(handle, info.size, sender ?? undefined).catch((e: NodeJS.ErrnoException) => {
      throw fileError(e, name);
    });
    if (changed) throw new ApiError('changed-while-read', `${name} changed while it was being read: another program is writing it. Open it again once it is saved.`);
    await sender?.sent();
    return { bytes, hash, info };
  } finally {
    await handle.close();
  }
}

/** Tells apart what a file that is not parseable JSON is: empty, not text, not JSON, cut short, followed by junk, or malformed. */
function jsonError(name: string, text: string, e: Error): ApiError {
  const body = text.replace(/^\uFEFF/, '').trim();
  if (body.length === 0) return new ApiError('empty', `${name} is empty (${text.length} bytes); it may have been damaged.`);
  if (looksBinary(text)) {
    return new ApiError('not-json', `${name} is not a casefile: it holds binary data, not text. A casefile is a JSON file saved by Corroborate.`);
  }
  if (!body.startsWith('{')) {
    return new ApiError('not-json', `${name} is not a casefile: it is not JSON (it begins "${shorten(printable(body.split('\n')[0]!), 40)}"). A casefile is a JSON file saved by Corroborate.`);
  }
  const trailing = /non-whitespace character after JSON at position (\d+)/.exec(e.message);
  if (trailing) {
    const end = Number(trailing[1]);
    return new ApiError(
      'invalid-json',
      `${name} is damaged: the casefile ends on line ${lineAt(text, end)} and is followed by ${plural(text.slice(end).trim().length, 'character')} of something else; it may have been damaged or edited by hand.`,
    );
  }
  const position = Number(/at position (\d+)/.exec(e.message)?.[1] ?? NaN);
  const stopsAtEnd = /Unexpected end of JSON input|Unterminated string/.test(e.message) || position >= text.trimEnd().length - 1;
  return stopsAtEnd
    ? new ApiError('truncated', `${name} is cut short: it stops before the end of the casefile, so it may have been damaged (e.g. a crash or a full disk while another program wrote it).`)
    : new ApiError('invalid-json', `${name} is not valid JSON (${describeJsonError(text, e)}); it may have been edited by hand or damaged.`);
}

/** Control and directional characters shown as "?", so a message about a hostile file is safe to print in a terminal. */
function printable(text: string): string {
  // eslint-disable-next-line no-control-regex -- replacing control characters is the point
  return text.replace(/[\u0000-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, '?');
}

function lineAt(text: string, position: number): number {
  return text.slice(0, position).split('\n').length;
}

/** "unexpected ";" on line 3" from V8's messages, which quote a snippet or give a position but never a line. */
function describeJsonError(text: string, e: Error): string {
  let position = Number(/at position (\d+)/.exec(e.message)?.[1] ?? NaN);
  const token = /Unexpected token '(.)'/.exec(e.message)?.[1] ?? (Number.isNaN(position) ? undefined : text[position]);
  // The quoted context: `"whole text"`, or `..."middle"...` when V8 shortened it.
  const snippet = /^Unexpected token '.', ([^]*) is not valid JSON$/.exec(e.message)?.[1]?.replace(/^(\.\.\.)?"/, '').replace(/"(\.\.\.)?$/, '');
  if (Number.isNaN(position) && snippet) {
    const at = text.indexOf(snippet);
    if (at >= 0) position = at + Math.max(0, token ? snippet.indexOf(token) : 0);
  }
  const line = Number.isNaN(position) ? null : lineAt(text, position);
  const what = token ? `unexpected ${JSON.stringify(token)}` : e.message.split('\n')[0]!.slice(0, 80);
  return line === null ? what : `${what} on line ${line}`;
}

export function fileError(e: NodeJS.ErrnoException, name: string): ApiError {
  if (e.code === 'ENOENT') return new ApiError('not-found', `${name} does not exist (it may have been moved or deleted).`);
  if (e.code === 'EACCES' || e.code === 'EPERM') return new ApiError('permission-denied', `${name} cannot be read: permission denied. Ask whoever owns the file to share it with you.`);
  if (e.code === 'EISDIR') return new ApiError('not-a-file', `${name} is a folder, not a casefile.`);
  return new ApiError('io-error', `${name} cannot be read. ${toErrorBody(e).message}`);
}

/** The fingerprint of the file as it is on disk now (null when it is gone). */
export async function fingerprintOnDisk(filePath: string): Promise<FileFingerprint | null> {
  const handle = await open(filePath, 'r').catch(() => null);
  if (!handle) return null;
  try {
    const info = await handle.stat();
    const { hash } = await readChunks(handle, info.size);
    return { size: info.size, mtimeMs: info.mtimeMs, ino: info.ino, hash };
  } finally {
    await handle.close();
  }
}

/** Cheap check first (stat), then the content hash: a touched but identical file is not a change. */
export async function changedOnDisk(filePath: string, known: FileFingerprint): Promise<{ changed: boolean; now: FileFingerprint | null }> {
  const info = await stat(filePath).catch(() => null);
  // A deleted or moved file is not overwritten by saving: the next save simply writes it again.
  if (!info) return { changed: false, now: null };
  if (info.size === known.size && info.mtimeMs === known.mtimeMs && info.ino === known.ino) return { changed: false, now: known };
  const now = await fingerprintOnDisk(filePath);
  return { changed: now?.hash !== known.hash, now };
}

function formatMb(bytes: number): string {
  return `${Math.round(bytes / 2 ** 20)} MB`;
}
