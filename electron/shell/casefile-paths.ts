/**
 * Casefile paths that reach the shell from outside: the command line, a
 * second instance, the OS file association, native dialogs.
 */
import path from 'node:path';
import { CASEFILE_EXTENSION } from '../../shared/model/schema';

/** The casefile named among the arguments (resolved against the caller's folder), or null. */
export function casefileArgument(argv: readonly string[], workingDirectory: string): string | null {
  const file = argv.slice(1).find((a) => !a.startsWith('-') && a.toLowerCase().endsWith(CASEFILE_EXTENSION));
  return file ? path.resolve(workingDirectory, file) : null;
}

/** A save dialog's answer, with the casefile extension added when the analyst left it off. */
export function withCasefileExtension(file: string): string {
  return file.toLowerCase().endsWith(CASEFILE_EXTENSION) ? file : `${file}${CASEFILE_EXTENSION}`;
}

/** Characters no file name may hold on some system (plus control characters, checked apart). */
const FORBIDDEN_IN_NAMES = '\\/:*?"<>|';

/** Where a dialog starts: the default folder, plus a suggested file name reduced to a safe plain name. */
export function dialogDefaultPath(folder: string, suggestedName?: string): string {
  const name = [...(suggestedName ?? '')]
    .map((c) => (c < ' ' || FORBIDDEN_IN_NAMES.includes(c) ? ' ' : c))
    .join('')
    .replace(/^[.\s]+/, '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 120);
  return name ? path.join(folder, withCasefileExtension(name)) : folder;
}
