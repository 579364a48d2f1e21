/**
 * The sourcing taxonomy as CSV (columns id,label,color,description,hidden), so
 * a desk can keep one taxonomy in a spreadsheet and share it across casefiles.
 * Imported CSV is untrusted: every row is checked and every problem is named
 * with its row number; nothing is imported unless the whole file is good.
 */
import Papa from 'papaparse';
import type { SourcingType } from '../model/schema';
import { MAX_LABEL, MAX_TYPES, TYPE_ID_PATTERN } from './edit';
import { idProblem } from '../model/ids';

export const TAXONOMY_CSV_COLUMNS = ['id', 'label', 'color', 'description', 'hidden'] as const;
const REQUIRED = ['id', 'label', 'color'] as const;
const MAX_DESCRIPTION = 2_000;
/** Spreadsheets run cells starting with these as formulas; exported cells get a leading apostrophe. */
const FORMULA_START = /^[=+\-@\t\r]/;

export function taxonomyToCsv(types: readonly SourcingType[]): string {
  return Papa.unparse(
    {
      fields: [...TAXONOMY_CSV_COLUMNS],
      data: types.map((t) => [t.id, t.label, t.color, t.description, t.hidden ? 'true' : 'false']),
    },
    { escapeFormulae: true, newline: '\n' },
  );
}

export type CsvImport = { ok: true; types: SourcingType[]; warnings: string[] } | { ok: false; errors: string[] };

/** Reads a taxonomy CSV; all rows valid or nothing (with every problem listed). */
export function taxonomyFromCsv(csv: string): CsvImport {
  const parsed = Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (h) => h.trim().toLowerCase(),
  });
  const errors: string[] = [];
  const warnings: string[] = [];
  const columns = parsed.meta.fields ?? [];
  const missing = REQUIRED.filter((c) => !columns.includes(c));
  if (missing.length) {
    return { ok: false, errors: [`The file needs the columns ${REQUIRED.join(', ')} in its first row; ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing.`] };
  }
  const unknown = columns.filter((c) => c && !(TAXONOMY_CSV_COLUMNS as readonly string[]).includes(c));
  if (unknown.length) warnings.push(`Ignored the column${unknown.length === 1 ? '' : 's'} ${unknown.join(', ')}.`);
  for (const e of parsed.errors) errors.push(`Row ${rowNumber(e.row)}: ${e.message}.`);
  if (!parsed.data.length) errors.push('The file has no sourcing types below its header row.');
  if (parsed.data.length > MAX_TYPES) errors.push(`The file has ${parsed.data.length} types; a taxonomy holds at most ${MAX_TYPES}.`);

  const types: SourcingType[] = [];
  const ids = new Map<string, number>();
  const labels = new Map<string, number>();
  parsed.data.forEach((row, i) => {
    const n = rowNumber(i);
    const type = readRow(row, n, errors);
    if (!type) return;
    const sameId = ids.get(type.id);
    if (sameId) errors.push(`Row ${n}: the id “${type.id}” is already used on row ${sameId}.`);
    const sameLabel = labels.get(type.label.toLowerCase());
    if (sameLabel) errors.push(`Row ${n}: the label “${type.label}” is already used on row ${sameLabel}.`);
    ids.set(type.id, n);
    labels.set(type.label.toLowerCase(), n);
    types.push(type);
  });
  return errors.length ? { ok: false, errors } : { ok: true, types, warnings };
}

/** Papa's row index counts data rows from 0; the analyst's spreadsheet counts the header as row 1. */
function rowNumber(index: number | undefined): number {
  return (index ?? 0) + 2;
}

function cell(row: Record<string, string>, column: string): string {
  const value = (row[column] ?? '').trim();
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

function readRow(row: Record<string, string>, n: number, errors: string[]): SourcingType | null {
  const before = errors.length;
  const id = cell(row, 'id');
  const label = cell(row, 'label');
  const description = cell(row, 'description');
  const color = readColor(cell(row, 'color'));
  const hidden = readBoolean(cell(row, 'hidden'));
  if (!id) errors.push(`Row ${n}: the id is empty.`);
  else if (!TYPE_ID_PATTERN.test(id)) errors.push(`Row ${n}: the id “${id}” may only use letters, digits, “-”, “_” and “.” (at most 100).`);
  else if (idProblem(id)) errors.push(`Row ${n}: the id “${id}” is a name every object has built in; choose another.`);
  if (!label) errors.push(`Row ${n}: the label is empty.`);
  else if (label.length > MAX_LABEL) errors.push(`Row ${n}: the label is ${label.length} characters long; at most ${MAX_LABEL}.`);
  if (!color) errors.push(`Row ${n}: the colour “${cell(row, 'color')}” is not a hex colour like #0072B2.`);
  if (hidden === null) errors.push(`Row ${n}: hidden is “${cell(row, 'hidden')}”; use true or false.`);
  if (description.length > MAX_DESCRIPTION) errors.push(`Row ${n}: the description is longer than ${MAX_DESCRIPTION} characters.`);
  if (errors.length > before || !color || hidden === null) return null;
  return { id, label, color, description, hidden };
}

/** #RRGGBB (or #RGB, with or without #), returned as upper-case #RRGGBB. */
function readColor(value: string): string | null {
  const hex = value.replace(/^#/, '');
  if (/^[0-9a-f]{6}$/i.test(hex)) return `#${hex.toUpperCase()}`;
  if (/^[0-9a-f]{3}$/i.test(hex)) return `#${[...hex].map((c) => c + c).join('').toUpperCase()}`;
  return null;
}

function readBoolean(value: string): boolean | null {
  const v = value.toLowerCase();
  if (['', 'false', 'no', '0', 'n'].includes(v)) return false;
  if (['true', 'yes', '1', 'y', 'x'].includes(v)) return true;
  return null;
}
