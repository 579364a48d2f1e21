/**
 * `corroborate import-annotations <casefile> <file>`: annotations from
 * Hypothesis, Recogito or another W3C Web Annotation tool placed on the
 * casefile's articles as claims (shared/interchange). Prints how many landed
 * exact, moved and orphaned, and lists those not placed. Writes the casefile
 * in place (with a backup, under the casefile's lock), to --out, or nowhere
 * with --dry-run.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { appendAudit, applyCommand } from '../../shared/commands/apply';
import { planAnnotationImport, proposeMapping, type TagChoice } from '../../shared/interchange/annotations-import';
import { typeNamed } from '../../shared/taxonomy/named';
import { AnnotationFileError, MAX_ANNOTATION_FILE_CHARS, readAnnotationFile } from '../../shared/interchange/annotations-read';
import { newId } from '../../shared/model/ids';
import type { Casefile } from '../../shared/model/schema';
import { plural } from '../../shared/text/wording';
import { keepBackup } from '../services/casefile/backups';
import { writeFileDurably } from '../services/casefile/durable-write';
import { CasefileLock, LockedError } from '../services/casefile/lock';
import { serialiseCasefile } from '../services/casefile/serialise';
import { loadCasefile } from '../services/casefile/store';
import { oneLine } from './one-line';

export const IMPORT_ANNOTATIONS_HELP = `Usage: corroborate import-annotations <casefile> <file> [options]

Brings annotations into the casefile as claims: a W3C Web Annotation file (one
annotation, an AnnotationCollection or AnnotationPage, as Hypothesis, Recogito
and Corroborate export them) or the JSON of a Hypothesis API search
({"rows": […], "total": n}). Each is placed on the article with its address
(else on the article holding its words) by its quote: exact, moved (similar
words: review it) or orphaned (its article, but not its words). Annotations
no article matches are listed and not imported.

Tags that name a sourcing type become the claim's type; other tags are kept
in the claim's notes ("Tags: …"), unless mapped otherwise.

Options:
      --map TAG=CHOICE    what TAG becomes: a sourcing type (id or label), "tag" or "ignore";
                          repeat for several tags
      --tags keep|ignore  tags no --map names and no type matches (default: keep)
      --analyst NAME      author of annotations that name none (default: "Imported")
  -o, --out FILE          write the result to FILE instead of changing the casefile
  -n, --dry-run           only print what would be imported
  -h, --help              show this help

Exit status: 0 imported (orphans and unplaced annotations are listed, not errors),
1 the casefile or the file could not be read or written, 2 wrong options.
`;

export class ImportUsageError extends Error {}

interface Io {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

function parse(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      map: { type: 'string', multiple: true },
      tags: { type: 'string' },
      analyst: { type: 'string' },
      out: { type: 'string', short: 'o' },
      'dry-run': { type: 'boolean', short: 'n' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

/** The analyst's --map choices over the proposed mapping; unknown types are a usage error. */
function tagMapping(casefile: Casefile, proposed: Map<string, TagChoice>, maps: readonly string[], rest: string | undefined): Map<string, TagChoice> {
  if (rest !== undefined && rest !== 'keep' && rest !== 'ignore') throw new ImportUsageError(`--tags must be keep or ignore (got "${rest}").`);
  const mapping = new Map(proposed);
  if (rest === 'ignore') for (const [tag, choice] of mapping) if (choice.kind === 'tag') mapping.set(tag, { kind: 'ignore' });
  for (const entry of maps) {
    const at = entry.lastIndexOf('=');
    if (at <= 0) throw new ImportUsageError(`--map needs TAG=CHOICE (got "${entry}").`);
    const tag = entry.slice(0, at).trim();
    const choice = entry.slice(at + 1).trim();
    if (choice === 'tag' || choice === 'ignore') mapping.set(tag, { kind: choice });
    else {
      const type = typeNamed(choice, casefile.taxonomy);
      if (!type) throw new ImportUsageError(`--map ${tag}=${choice}: the casefile has no sourcing type "${choice}" (its types: ${casefile.taxonomy.map((t) => t.id).join(', ')}).`);
      mapping.set(tag, { kind: 'type', typeId: type.id });
    }
  }
  return mapping;
}

/** Text from a file, printed on a terminal: one line, no control characters. */

async function readAnnotationText(file: string): Promise<string> {
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) throw new AnnotationFileError(`${file} is not a file.`);
  if (info.size > MAX_ANNOTATION_FILE_CHARS * 4) throw new AnnotationFileError(`${file} is too large to be an annotation export.`);
  return readFile(file, 'utf8');
}

export async function importAnnotations(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args);
  if (values.help) {
    io.stdout.write(IMPORT_ANNOTATIONS_HELP);
    return 0;
  }
  if (positionals.length !== 2) throw new ImportUsageError('Name the casefile and the annotation file.');
  if (values.out && values['dry-run']) throw new ImportUsageError('Use --out or --dry-run, not both.');
  const [casefilePath, annotationPath] = positionals.map((p) => path.resolve(p)) as [string, string];
  const analyst = values.analyst?.trim() || 'Imported';
  const now = new Date().toISOString();

  const lock = values.out || values['dry-run'] ? null : await CasefileLock.acquire(casefilePath, { analyst }).catch((error: unknown) => {
    if (error instanceof LockedError) throw new Error(`${path.basename(casefilePath)} is open in Corroborate${error.owner ? ` (${error.owner.analyst || 'someone'} on ${error.owner.host})` : ''}: close it there, or write the result with --out.`);
    throw error;
  });
  try {
    const { casefile } = await loadCasefile(casefilePath);
    const read = readAnnotationFile(await readAnnotationText(annotationPath));
    const mapping = tagMapping(casefile, proposeMapping(read.annotations, casefile.taxonomy), values.map ?? [], values.tags);
    const plan = planAnnotationImport(casefile, read.annotations, mapping, { analyst, now, newId }, `Import annotations from ${path.basename(annotationPath)}`);
    const { exact, moved, orphaned, unplaced, duplicates } = plan.counts;
    const lines = [
      `${read.format}: ${read.annotations.length + read.skipped.length} annotations in ${path.basename(annotationPath)}`,
      `anchored ${exact}, moved ${moved}, orphaned ${orphaned}, not placed ${unplaced}, duplicates ${duplicates}, skipped ${read.skipped.length}`,
      ...plan.unplaced.map((u) => `  not placed: ${oneLine(u.ref, 60)} “${oneLine(u.quote, 80)}” (${u.reason})`),
      ...plan.placed.filter((p) => p.status === 'orphaned').map((p) => `  orphaned: ${oneLine(p.ref, 60)} on ${p.articleId} (its words are not in the article; kept as an orphaned claim)`),
      ...read.skipped.map((s) => `  skipped: ${oneLine(s.ref, 60)} (${oneLine(s.reason, 160)})`),
    ];
    io.stdout.write(`${lines.join('\n')}\n`);
    if (values['dry-run'] || !plan.command) {
      io.stdout.write(values['dry-run'] ? 'Dry run: nothing was written.\n' : 'Nothing to import: the casefile is unchanged.\n');
      return 0;
    }
    const actor = { name: analyst, now };
    const applied = appendAudit(applyCommand(casefile, plan.command, actor).state, plan.command, actor).state;
    const target = values.out ? path.resolve(values.out) : casefilePath;
    await writeFileDurably(target, serialiseCasefile(applied), target === casefilePath ? { beforeReplace: async () => void (await keepBackup(casefilePath)) } : {});
    io.stdout.write(`Wrote ${path.relative(process.cwd(), target) || target} (${plural(plan.placed.length, 'claim')} added).\n`);
    return 0;
  } finally {
    await lock?.release();
  }
}
