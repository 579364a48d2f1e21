/**
 * `corroborate import-qdpx <project.qdpx> <new.corroborate>`: a REFI-QDA
 * project from ATLAS.ti, MAXQDA, NVivo, QualCoder (or this app) made into a
 * new casefile. Codes named like a sourcing type become that type; --map
 * changes that; --codes lists the codes and where they would go.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { serialiseCasefile } from '../services/casefile/serialise';
import { writeFileDurably } from '../services/casefile/durable-write';
import { loadFastValidator } from '../services/casefile/fast-validate';
import { readQdpxFile } from '../services/import/qdpx';
import { codeChoices, importedTaxonomy, projectToCasefile, type CodeTarget } from '../../shared/interchange/refi-qda/to-casefile';
import type { QdaProject } from '../../shared/interchange/refi-qda/parse';
import { newId } from '../../shared/model/ids';
import { plural } from '../../shared/text/wording';
import { oneLine } from './one-line';

export const IMPORT_QDPX_HELP = `Usage: corroborate import-qdpx <project.qdpx> <new.corroborate> [options]

Makes a new casefile from a REFI-QDA project (.qdpx) exported by ATLAS.ti, MAXQDA,
NVivo, QualCoder or this app: text sources become articles, text selections claims.
A code named like a sourcing type (case aside) gives its claims that type; every
other code stays on the claim as a tag (a "Codes:" line in its notes). Whatever the
project holds that a casefile cannot (pictures, audio, cases…) is listed.

Options:
      --codes             list the project's codes and where each would go; write nothing
      --map CODE=TYPE     send a code to a sourcing type (its label or id), or to "tag";
                          CODE is the code's name or its path ("Parent › Child"). Repeatable.
      --analyst NAME      who imports (recorded in the casefile's history)
  -h, --help              show this help

Exit status: 0 imported, 1 the project could not be read, 2 wrong options
(the target casefile must not exist yet).
`;

export class ImportQdpxUsageError extends Error {}

interface Io {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

export async function importQdpx(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args, allowPositionals: true, strict: true,
    options: { codes: { type: 'boolean' }, map: { type: 'string', multiple: true }, analyst: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    io.stdout.write(IMPORT_QDPX_HELP);
    return 0;
  }
  const [source, target] = positionals;
  if (!source || (!target && !values.codes) || positionals.length > 2) throw new ImportQdpxUsageError('Name the .qdpx project and the new casefile to write.');
  const project = await readQdpxFile(path.resolve(source));
  const mapping = chosenMapping(project, values.map ?? []);
  if (values.codes) {
    io.stdout.write(codesListing(project, mapping));
    return 0;
  }
  const targetPath = path.resolve(target!);
  if (existsSync(targetPath)) throw new ImportQdpxUsageError(`${target} already exists: the import makes a new casefile and never replaces one.`);
  if (!targetPath.endsWith('.corroborate')) throw new ImportQdpxUsageError('The new casefile\'s name must end in ".corroborate".');
  const result = projectToCasefile(project, { casefileId: newId('cf'), analyst: values.analyst ?? '', now: new Date().toISOString(), mapping, fastValidate: await loadFastValidator() });
  await writeFileDurably(targetPath, serialiseCasefile(result.casefile));
  const c = result.counts;
  io.stderr.write(`Wrote ${path.relative(process.cwd(), targetPath) || targetPath}: ${plural(c.articles, 'article')}, ${plural(c.claims, 'claim')} (${c.typed} with a sourcing type, ${c.tagged} with tags), ${plural(c.propositions, 'proposition')}.\n`);
  if (result.notCarried.length) io.stderr.write(`Not carried over:\n${result.notCarried.map((line) => `  - ${oneLine(line)}\n`).join('')}`);
  return 0;
}

function chosenMapping(project: QdaProject, pairs: string[]): Map<string, CodeTarget> {
  const { taxonomy } = importedTaxonomy(project);
  const choices = codeChoices(project);
  const mapping = new Map<string, CodeTarget>();
  const norm = (s: string) => s.trim().toLowerCase().replace(/\s*(›|>)\s*/g, ' › ');
  for (const pair of pairs) {
    const at = pair.lastIndexOf('=');
    if (at <= 0) throw new ImportQdpxUsageError(`--map takes CODE=TYPE (got "${pair}").`);
    const code = norm(pair.slice(0, at));
    const type = pair.slice(at + 1).trim();
    const matches = choices.filter((c) => norm(c.label) === code || norm(c.label.split(' › ').pop()!) === code);
    if (matches.length !== 1) throw new ImportQdpxUsageError(matches.length ? `Several codes are named "${pair.slice(0, at)}": give the path ("Parent › Child").` : `The project has no code "${pair.slice(0, at)}" to map (see --codes).`);
    if (type.toLowerCase() === 'tag') {
      mapping.set(matches[0]!.guid, { kind: 'tag' });
      continue;
    }
    const found = taxonomy.find((t) => t.id === type || t.label.trim().toLowerCase() === type.toLowerCase());
    if (!found) throw new ImportQdpxUsageError(`No sourcing type "${type}"; choose from ${taxonomy.map((t) => t.label).join(', ')}, or "tag".`);
    mapping.set(matches[0]!.guid, { kind: 'type', typeId: found.id });
  }
  return mapping;
}

function codesListing(project: QdaProject, mapping: Map<string, CodeTarget>): string {
  const { taxonomy } = importedTaxonomy(project);
  const lines = codeChoices(project).map((c) => {
    const target = mapping.get(c.guid) ?? c.proposed;
    const where = target.kind === 'type' ? `type: ${taxonomy.find((t) => t.id === target.typeId)!.label}` : 'tag';
    return `${oneLine(c.label)}\t${c.uses}\t${where}`;
  });
  return `Code\tSelections\tBecomes\n${lines.join('\n')}${lines.length ? '\n' : ''}`;
}

/** Project text printed to a terminal: one line, no control characters (no escape sequences). */
