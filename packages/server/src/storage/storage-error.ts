import type { MigrationResult } from 'kysely';

/**
 * Every expected way opening or migrating the database can fail, with a stable code.
 * One list, so that the error page can name them all.
 */
export const STORAGE_ERROR_CODES = {
  INVALID_CONFIG: 'the database configuration is not valid',
  UNREACHABLE: 'the database could not be opened or reached',
  MIGRATION_FAILED: 'a database migration failed; the database is left at the last successful step',
} as const;

export type StorageErrorCode = keyof typeof STORAGE_ERROR_CODES;

/** An expected storage failure (bad configuration, unreachable server, failed migration). */
export class StorageError extends Error {
  override readonly name: string = 'StorageError';
  readonly code: StorageErrorCode;

  constructor(
    code: StorageErrorCode,
    detail: string = STORAGE_ERROR_CODES[code],
    options?: { cause?: unknown },
  ) {
    super(detail, options);
    this.code = code;
  }
}

/** A migration failed: names it, and carries the result of every step that was attempted. */
export class MigrationError extends StorageError {
  override readonly name = 'MigrationError';
  /** The failed migration, or undefined when the migrator failed before running any (e.g. a lost migration). */
  readonly migrationName: string | undefined;
  readonly results: readonly MigrationResult[];

  constructor(migrationName: string | undefined, results: readonly MigrationResult[], cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    const which = migrationName ? `migration ${migrationName} failed` : 'migrations could not start';
    super('MIGRATION_FAILED', `${which}: ${reason}`, { cause });
    this.migrationName = migrationName;
    this.results = results;
  }
}
