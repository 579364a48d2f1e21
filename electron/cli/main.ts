/**
 * The command line: `corroborate report <casefile> --format … --out …` for
 * batch use and pipelines, and `corroborate list <casefile>` to find the ids
 * that --propositions and --article take. Casefiles are read with the app's
 * own loader (validation, migrations). Exit codes: 0 done, 1 the casefile or
 * the export failed, 2 bad usage, 130 interrupted (nothing is left behind).
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ApiError } from '../../shared/api/dispatch';
import { COMPACT_ABOVE_CLAIMS, ReportOptions, REPORT_FORMATS, REPORT_SECTIONS, ReportFormat, type ReportScope, type ReportSections } from '../../shared/report/options';
import { ExportCancelled } from '../../shared/report/progress';
import { loadCasefile } from '../services/casefile/store';
import { exportReport, writeExportFile, type ExportProgress } from '../services/export/index';
import { APP_VERSION } from '../services/version';
import { argsErrorMessage } from './args-error';
import { detect, DetectUsageError } from './detect';
import { importAnnotations, ImportUsageError } from './import-annotations';
import { importQdpx, ImportQdpxUsageError } from './import-qdpx';
import { oneLine } from './one-line';
import { serve, ServeUsageError } from './serve';
import { team, TeamUsageError } from './team';

export const EXIT = { ok: 0, failed: 1, usage: 2, interrupted: 130 } as const;

const HELP = `Usage: corroborate <command> [options]

Commands:
  report <casefile>   write a report of a casefile (HTML, PDF, Markdown, CSV, JSON-LD or ClaimReview)
  list <casefile>     list the casefile's articles and propositions with their ids
  detect <file>…      find the attributions (cue, source, content, type, chain) in text files, as JSON lines
  import-annotations <casefile> <file>
                      bring in W3C Web Annotations or a Hypothesis API result as claims
  import-qdpx <project.qdpx> <new.corroborate>
                      make a new casefile from a REFI-QDA project (ATLAS.ti, MAXQDA, NVivo, QualCoder)
  serve               start a team server (analysts share casefiles through it)
  team <command>      set up a team server's teams, analysts, tokens and roles

Run "corroborate report --help" for the report options.
  -h, --help          show this help
  -v, --version       print the version
`;

const REPORT_HELP = `Usage: corroborate report <casefile> [options]

Writes a report of a casefile (a .corroborate file) for readers without the app.

Options:
  -f, --format FORMAT     html   one self-contained web page, printable (default)
                          pdf    paged PDF with page numbers (needs Chromium)
                          md     Markdown
                          csv    one row per claim (see docs/csv-columns.md)
                          jsonld W3C Web Annotation JSON-LD, one annotation per claim
                          claimreview  schema.org ClaimReview JSON-LD, one per proposition;
                                 every proposition covered must be rated (exit 1 names those that are not)
                          qdpx   REFI-QDA project for ATLAS.ti, MAXQDA, NVivo, QualCoder
                                 (the whole casefile; sections and layout do not apply)
                          Without --format, the extension of --out decides.
  -o, --out FILE          where to write; "-" writes to standard output (not for pdf).
                          Default: a file named after the report title, in the current folder.
                          An existing file is replaced only once the new one is complete.
      --title TEXT        title on the cover (default: the casefile's title)
      --analyst NAME      "Prepared by" name on the cover
      --propositions IDS  only these propositions (comma-separated ids; see "corroborate list")
      --article ID        only this article's claims and the propositions they belong to
      --sections LIST     comma-separated, from: ${REPORT_SECTIONS.join(', ')} (default: all)
      --layout LAYOUT     claims as "detailed" cards or "compact" table rows
                          (default: auto, compact above ${COMPACT_ABOVE_CLAIMS} claims)
  -q, --quiet             no progress messages
  -h, --help              show this help

Progress goes to standard error; Ctrl+C stops the export and leaves no partial file.
Exit status: 0 written, 1 the casefile could not be read or the export failed,
2 wrong options, 130 interrupted.

Examples:
  corroborate report drones.corroborate --format pdf --out drones.pdf
  corroborate report drones.corroborate -f csv -o - | head
  corroborate report drones.corroborate --article a_12 --format md --out article.md
`;

class UsageError extends Error {}

interface Io {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WriteStream | NodeJS.WritableStream;
}

export async function runCli(argv: string[], io: Io, signal: AbortSignal): Promise<number> {
  const [command, ...rest] = argv;
  const err = (text: string) => io.stderr.write(text);
  try {
    if (!command || command === '-h' || command === '--help' || command === 'help') {
      io.stdout.write(HELP);
      return command ? EXIT.ok : EXIT.usage;
    }
    if (command === '-v' || command === '--version') {
      io.stdout.write(`corroborate ${APP_VERSION}\n`);
      return EXIT.ok;
    }
    if (command === 'report') return await report(rest, io, signal);
    if (command === 'list') return await list(rest, io);
    if (command === 'detect') return await detect(rest, io);
    if (command === 'import-annotations') return await importAnnotations(rest, io);
    if (command === 'import-qdpx') return await importQdpx(rest, io);
    if (command === 'serve') return await serve(rest, io, signal);
    if (command === 'team') return await team(rest, io);
    throw new UsageError(`Unknown command "${command}".`);
  } catch (error) {
    if (error instanceof ExportCancelled) {
      err('\nInterrupted: the export was stopped and no file was written.\n');
      return EXIT.interrupted;
    }
    const argsMessage = argsErrorMessage(error);
    if (error instanceof UsageError || error instanceof DetectUsageError || error instanceof ImportUsageError || error instanceof ImportQdpxUsageError || error instanceof ServeUsageError || error instanceof TeamUsageError || argsMessage) {
      const message = argsMessage ?? (error as Error).message;
      const topic = ['report', 'detect', 'import-annotations', 'import-qdpx', 'serve', 'team'].includes(command ?? '') ? `${command} ` : '';
      err(`corroborate: ${message}\nRun "corroborate ${topic}--help" for usage.\n`);
      return EXIT.usage;
    }
    if (error instanceof ApiError) {
      err(`corroborate: ${error.message}\n`);
      return error.code === 'bad-scope' ? EXIT.usage : EXIT.failed;
    }
    err(`corroborate: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.failed;
  }
}

function parseReportArgs(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: 'string', short: 'f' },
      out: { type: 'string', short: 'o' },
      title: { type: 'string' },
      analyst: { type: 'string' },
      propositions: { type: 'string' },
      article: { type: 'string' },
      sections: { type: 'string' },
      layout: { type: 'string' },
      quiet: { type: 'boolean', short: 'q' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

const EXTENSIONS: Record<string, ReportFormat> = { '.html': 'html', '.htm': 'html', '.pdf': 'pdf', '.md': 'md', '.markdown': 'md', '.csv': 'csv', '.jsonld': 'jsonld', '.json': 'jsonld', '.qdpx': 'qdpx' };

function chooseFormat(format: string | undefined, out: string | undefined): ReportFormat {
  if (format !== undefined) {
    const parsed = ReportFormat.safeParse(format.toLowerCase());
    if (!parsed.success) throw new UsageError(`--format must be one of ${REPORT_FORMATS.join(', ')} (got "${format}").`);
    return parsed.data;
  }
  return (out && out !== '-' && EXTENSIONS[path.extname(out).toLowerCase()]) || 'html';
}

function chooseScope(propositions: string | undefined, article: string | undefined): ReportScope {
  if (propositions !== undefined && article !== undefined) throw new UsageError('Use --propositions or --article, not both.');
  if (propositions !== undefined) {
    const ids = propositions.split(',').map((s) => s.trim()).filter(Boolean);
    if (!ids.length) throw new UsageError('--propositions needs at least one id.');
    return { kind: 'propositions', propositionIds: ids };
  }
  if (article !== undefined) {
    if (!article.trim()) throw new UsageError('--article needs an id.');
    return { kind: 'article', articleId: article.trim() };
  }
  return { kind: 'casefile' };
}

function chooseSections(list: string | undefined): ReportSections {
  if (list === undefined) return { summary: true, propositions: true, ungrouped: true, graph: true, appendix: true };
  const chosen = list.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  const unknown = chosen.filter((s) => !(REPORT_SECTIONS as readonly string[]).includes(s));
  if (unknown.length) throw new UsageError(`Unknown section${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}. Choose from ${REPORT_SECTIONS.join(', ')}.`);
  if (!chosen.length) throw new UsageError('--sections needs at least one section.');
  return Object.fromEntries(REPORT_SECTIONS.map((s) => [s, chosen.includes(s)])) as ReportSections;
}

function chooseLayout(layout: string | undefined): ReportOptions['layout'] {
  if (layout === undefined) return 'auto';
  const parsed = ReportOptions.shape.layout.safeParse(layout.toLowerCase());
  if (!parsed.success) throw new UsageError(`--layout must be auto, detailed or compact (got "${layout}").`);
  return parsed.data;
}

async function report(args: string[], io: Io, signal: AbortSignal): Promise<number> {
  const { values, positionals } = parseReportArgs(args);
  if (values.help) {
    io.stdout.write(REPORT_HELP);
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new UsageError(positionals.length ? `Expected one casefile, got ${positionals.length}.` : 'Name the casefile to report on.');
  const casefilePath = path.resolve(positionals[0]!);
  const format = chooseFormat(values.format, values.out);
  if (values.out === '-' && format === 'pdf') throw new UsageError('A PDF cannot go to standard output; give --out FILE.');
  const parsedOptions = ReportOptions.safeParse({
    scope: chooseScope(values.propositions, values.article),
    sections: chooseSections(values.sections),
    title: values.title ?? '',
    analyst: values.analyst ?? '',
    layout: chooseLayout(values.layout),
  });
  if (!parsedOptions.success) throw new UsageError(parsedOptions.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const outDir = values.out && values.out !== '-' ? path.dirname(path.resolve(values.out)) : process.cwd();
  if (!existsSync(outDir) || !statSync(outDir).isDirectory()) throw new UsageError(`The folder ${outDir} does not exist.`);

  const progress = progressPrinter(io.stderr, !!values.quiet);
  progress.stage(`Reading ${path.basename(casefilePath)}`);
  const { casefile } = await loadCasefile(casefilePath);
  const exported = await exportReport({
    casefile, options: parsedOptions.data, format, generator: `Corroborate ${APP_VERSION}`, signal, onProgress: progress.update,
  });
  if (values.out === '-') {
    progress.done();
    for (const chunk of exported.chunks) await new Promise<void>((resolve, reject) => io.stdout.write(chunk, (e) => (e ? reject(e) : resolve())));
    return EXIT.ok;
  }
  const target = values.out ? path.resolve(values.out) : path.join(process.cwd(), exported.fileName);
  await writeExportFile(target, exported.chunks, signal);
  progress.done();
  if (!values.quiet) io.stderr.write(`Wrote ${path.relative(process.cwd(), target) || target} (${format}, ${formatBytes(exported.size)}).\n`);
  return EXIT.ok;
}

async function list(args: string[], io: Io): Promise<number> {
  const { positionals, values } = parseArgs({ args, allowPositionals: true, strict: true, options: { help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    io.stdout.write('Usage: corroborate list <casefile>\n\nLists the articles and propositions with the ids that "corroborate report --article / --propositions" take.\n');
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new UsageError('Name one casefile to list.');
  const { casefile } = await loadCasefile(path.resolve(positionals[0]!));
  const lines = [`Casefile: ${oneLine(casefile.meta.title)}`, '', 'Articles (id, outlet, date, title):'];
  for (const a of Object.values(casefile.articles)) lines.push(`  ${a.id}\t${oneLine(a.outlet) || '—'}\t${oneLine(a.publishedAt) || '—'}\t${oneLine(a.title)}`);
  lines.push('', 'Propositions (id, member claims, statement):');
  for (const p of Object.values(casefile.propositions)) lines.push(`  ${p.id}\t${p.members.length}\t${oneLine(p.statement)}`);
  io.stdout.write(`${lines.join('\n')}\n`);
  return EXIT.ok;
}

/** Casefile text printed to a terminal: one line, no control characters (no escape sequences). */

function formatBytes(n: number): string {
  return n < 1024 ? `${n} bytes` : n < 2 ** 20 ? `${(n / 1024).toFixed(0)} KB` : `${(n / 2 ** 20).toFixed(1)} MB`;
}

/** Short runs stay silent; after this long, progress appears on standard error. */
const PROGRESS_AFTER_MS = 1_000;

/** Progress on standard error: a self-updating line on a terminal, one line per stage otherwise. */
function progressPrinter(stderr: Io['stderr'], quiet: boolean) {
  const tty = 'isTTY' in stderr && !!stderr.isTTY;
  const started = performance.now();
  let printedLabel = '';
  let drawn = false;
  const show = (text: string, pct: string) => {
    if (quiet || performance.now() - started < PROGRESS_AFTER_MS) return;
    if (tty) {
      stderr.write(`\r\x1b[2K${text}…${pct}`);
      drawn = true;
    } else if (text !== printedLabel) {
      stderr.write(`${text}…\n`);
    }
    printedLabel = text;
  };
  return {
    stage(text: string) {
      show(text, '');
    },
    update: (p: ExportProgress) => {
      if (p.label === 'Done') return;
      show(p.label, p.total > 0 ? ` ${Math.floor((p.done / p.total) * 100)}%` : '');
    },
    done() {
      if (drawn) stderr.write('\r\x1b[2K');
      drawn = false;
    },
  };
}

/** Runs the command line in this process: signals stop the export cleanly; a second Ctrl+C exits at once. */
export async function main(argv: string[]): Promise<void> {
  const controller = new AbortController();
  let interrupts = 0;
  const onSignal = () => {
    interrupts++;
    if (interrupts > 1) process.exit(EXIT.interrupted);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    process.exitCode = await runCli(argv, { stdout: process.stdout, stderr: process.stderr }, controller.signal);
  } catch (error) {
    process.stderr.write(`corroborate: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = EXIT.failed;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

if (typeof require !== 'undefined' && require.main === module) void main(process.argv.slice(2));
