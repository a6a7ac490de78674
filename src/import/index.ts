/** The import module's public surface: the CLI, the HTTP layer and services import from here. */
export {
  type ColumnMapping,
  ColumnMappingSchema,
  parseMappingSpec,
  validateMapping,
} from './column-mapping.js';
export type { ImportKind } from './column-plan.js';
export { type ImportCsvInput, type ImportProgress, type ImportReport, importCsv } from './import-csv.js';
export { type ProgressRenderer, renderProgress } from './render-progress.js';
export type { RowError } from './row-errors.js';
export { type RunImportCommandInput, runImportCommand } from './run-import-command.js';
