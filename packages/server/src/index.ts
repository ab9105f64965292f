export * from './app/build-app.js';
export * from './app/start-server.js';
export * from './audit/record-audit.js';
export * from './auth/index.js';
export * from './auth/password.js';
export * from './blobs/index.js';
export * from './bootstrap/create-demo-project.js';
export * from './bootstrap/ensure-admin.js';
export * from './bootstrap/open-data.js';
export * from './config/index.js';
export * from './dataset-import/index.js';
export * from './dicomweb-import/index.js';
export * from './errors/api-error.js';
export * from './errors/error-handler.js';
export { zipFolder } from './exports/export-archive.js';
export { EXPORT_FORMAT_TITLES, EXPORT_FORMATS, type ExportFormat } from './exports/export-formats.js';
export {
  type ExportProgress,
  type ExportSummary,
  writeVersionExport,
} from './exports/write-version-export.js';
export * from './import/index.js';
export { jobItemName } from './jobs/job-item-name.js';
export { parseProjectSettings } from './projects/project-settings.js';
export { computeAndStoreAgreement } from './quality/agreement-job.js';
export { qualityReport } from './quality/quality-report.js';
export {
  constraintViolation,
  type Database,
  type DialectName,
  MIGRATIONS,
  MigrationError,
  type MigrationResult,
  migrateToLatest,
  openDatabase,
  STORAGE_ERROR_CODES,
  StorageError,
  type StorageErrorCode,
} from './storage/index.js';
export type { DatabaseSchema, VersionSource } from './storage/schema.js';
export { VERSION_SOURCES } from './storage/schema.js';
export { DEFAULT_SPLITS } from './versions/collect-version.js';
export { createVersion, VERSION_NAME_PATTERN } from './versions/create-version.js';
