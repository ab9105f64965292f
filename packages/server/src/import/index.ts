export { IMPORT_ERROR_CODES, ImportError, type ImportErrorCode } from './import-error.js';
export {
  type ImportContext,
  type ImportFileInput,
  type ImportOutcome,
  type ImportStatus,
  importFile,
} from './import-file.js';
export {
  createImportJob,
  IMPORT_JOB_KIND,
  type ImportJobSummary,
  type ImportProgress,
  type ImportSource,
  type ItemOutcome,
  insertImportJob,
  type NewImportJob,
  type NewJobItem,
  type OpenImportSource,
  type RunImportJobOptions,
  runImportJob,
  type SourceItem,
} from './import-job.js';
