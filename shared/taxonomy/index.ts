/**
 * The casefile's sourcing taxonomy: edits that keep ids stable (a type in use
 * is hidden, never removed), and CSV import/export with row-by-row validation.
 * The default types live in shared/model/taxonomy.ts.
 */
export {
  addType, mergeImportedTaxonomy, moveType, newTypeId, removeType, taxonomyProblems, typeUsage, updateType,
  MAX_LABEL, MAX_TYPES, TYPE_PALETTE,
} from './edit';
export { taxonomyFromCsv, taxonomyToCsv, TAXONOMY_CSV_COLUMNS, type CsvImport } from './csv';
export { typeNamed } from './named';
