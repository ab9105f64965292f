/**
 * Exports of dataset versions (issue 7): a stored version written in one of the export formats into a
 * folder, with its manifest and dataset card. The job, archive and routes that call this live elsewhere.
 */
export { EXPORT_FORMAT_TITLES, EXPORT_FORMATS, type ExportFormat } from './export-formats.js';
export {
  type ExportProgress,
  type ExportSummary,
  type WriteVersionExportOptions,
  writeVersionExport,
} from './write-version-export.js';
