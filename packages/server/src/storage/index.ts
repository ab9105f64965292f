export { type ConstraintKind, constraintViolation } from './constraint-violation.js';
export { type MigrationResult, migrateToLatest } from './migrate.js';
export { MIGRATIONS } from './migrations/index.js';
export { type Database, type DatabaseConfig, type DialectName, openDatabase } from './open-database.js';
export * from './schema.js';
export { MigrationError, STORAGE_ERROR_CODES, StorageError, type StorageErrorCode } from './storage-error.js';
