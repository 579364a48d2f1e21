/**
 * `corroborate detect <file>… [--format jsonl]`: the attribution detector on
 * text files, one JSON line per file, so that any annotated corpus can be
 * scored against it. Offsets are JavaScript string indices into the file's
 * text exactly as read (UTF-8, no normalisation; a byte-order mark is kept as
 * the character U+FEFF at index 0, as Node's and Python's plain "utf-8" readers
 * keep it). A file that cannot be read, is not UTF-8 or is binary is reported
 * on standard error and the others are still written (exit 1).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { detectAttributions, DETECTOR_VERSION, type Attribution } from '../../shared/attribution';
import { looksBinary } from '../../shared/text/decode';

const HELP = `Usage: corroborate detect <file>… [--format jsonl]

Finds the attributions in each text file (UTF-8) and prints one JSON line per file:
  {"doc": "<file name without extension>", "attributions": [{"cue": [start, end],
   "source": [start, end] | null, "content": [start, end] | null, "type": "<sourcing type id>",
   "chain": ["<source>", …], "hedging": "…" | null, "count": "…" | null}]}
Offsets are JavaScript string indices (UTF-16 code units, end exclusive) into the text as read:
CRLF line ends and a byte-order mark (U+FEFF, index 0) are kept. An empty file gives no attributions.
The chain runs from the article outward (the article's own outlet left out); the type is
that of its last hop: ${['named-official', 'official-statement', 'anonymous', 'named-expert', 'outlet-citing-outlet', 'document', 'direct-observation'].join(', ')}.

Options:
  -f, --format jsonl   the output format (the only one for now)
  -h, --help           show this help

Exit status: 0 all files read, 1 a file could not be read or is not UTF-8 text (the others are
still printed), 2 wrong options.
Detector: ${DETECTOR_VERSION}.
`;

interface Io {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

export class DetectUsageError extends Error {}

/** Keeps a byte-order mark as the character it is, so offsets match the text as read by other tools. */
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export async function detect(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, strict: true, options: { format: { type: 'string', short: 'f' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  if (values.format !== undefined && values.format.toLowerCase() !== 'jsonl') throw new DetectUsageError(`--format must be jsonl (got "${values.format}").`);
  if (!positionals.length) throw new DetectUsageError('Name at least one text file.');
  let failed = false;
  // "corroborate detect *.txt | head": a reader that stops early ends the run quietly.
  const output = { gone: false };
  const onOutputError = (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    output.gone = true;
  };
  io.stdout.on('error', onOutputError);
  try {
    for (const file of positionals) {
      if (output.gone) break;
      if (!(await detectFile(file, io, output))) failed = true;
    }
  } finally {
    io.stdout.off('error', onOutputError);
  }
  return failed ? 1 : 0;
}

/** Prints one file's line; false when the file could not be read. */
async function detectFile(file: string, io: Io, output: { gone: boolean }): Promise<boolean> {
  let text: string;
  try {
    text = decodeUtf8(await readFile(file));
  } catch (error) {
    io.stderr.write(`corroborate: ${file}: ${readError(error)}\n`);
    return false;
  }
  const line = JSON.stringify({ doc: path.basename(file, path.extname(file)), attributions: detectAttributions(text).map(toJson) });
  await new Promise<void>((resolve, reject) => io.stdout.write(`${line}\n`, (error) => {
    if ((error as NodeJS.ErrnoException | null | undefined)?.code === 'EPIPE') output.gone = true;
    if (error && !output.gone) reject(error);
    else resolve();
  }));
  return true;
}

class NotTextError extends Error {}

/** The file's text, strictly UTF-8; binary data and UTF-16 are refused with a sentence that says so. */
function decodeUtf8(bytes: Uint8Array): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) throw new NotTextError('UTF-16 text (convert it to UTF-8 first); skipped.');
  const binary = 'binary data, not a text file; skipped.';
  if (bytes.includes(0)) throw new NotTextError(binary);
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    // Read byte for byte (latin1), control characters tell binary data from text in another encoding.
    if (looksBinary(new TextDecoder('latin1').decode(bytes))) throw new NotTextError(binary);
    throw new NotTextError('not UTF-8 text (convert it to UTF-8 first); skipped.');
  }
  if (looksBinary(text)) throw new NotTextError(binary);
  return text;
}

function readError(error: unknown): string {
  if (error instanceof NotTextError) return error.message;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file.';
  if (code === 'EISDIR') return 'is a folder, not a text file.';
  if (code === 'EACCES') return 'permission denied.';
  return error instanceof Error ? error.message : String(error);
}

function toJson(a: Attribution) {
  const pair = (s: { start: number; end: number } | null) => (s ? [s.start, s.end] : null);
  return { cue: pair(a.cue), source: pair(a.source), content: pair(a.content), type: a.type, chain: a.chain.map((h) => h.name), hedging: a.hedging, count: a.count };
}
