/** Which kind of integrity rule a write broke; repositories turn 'unique' into a conflict for the caller. */
export type ConstraintKind = 'unique' | 'foreign_key' | 'check' | 'not_null' | 'append_only';

/** SQLite's extended result codes (better-sqlite3's `code`) and PostgreSQL's SQLSTATE (pg's `code`). */
const KINDS: Readonly<Record<string, ConstraintKind>> = {
  SQLITE_CONSTRAINT_UNIQUE: 'unique',
  SQLITE_CONSTRAINT_PRIMARYKEY: 'unique',
  SQLITE_CONSTRAINT_FOREIGNKEY: 'foreign_key',
  SQLITE_CONSTRAINT_CHECK: 'check',
  SQLITE_CONSTRAINT_NOTNULL: 'not_null',
  SQLITE_CONSTRAINT_TRIGGER: 'append_only',
  '23505': 'unique',
  '23503': 'foreign_key',
  '23514': 'check',
  '23502': 'not_null',
  '23001': 'append_only',
  // invalid_text_representation: PostgreSQL's JSON check casts to jsonb, and the cast itself refuses.
  '22P02': 'check',
};

/** The constraint an error from either driver reports, or undefined for any other error. */
export function constraintViolation(error: unknown): ConstraintKind | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const { code, message } = error as { code: unknown; message?: unknown };
  // SQLite reports ON DELETE RESTRICT through its trigger machinery, under the trigger code.
  if (code === 'SQLITE_CONSTRAINT_TRIGGER' && String(message).includes('FOREIGN KEY')) return 'foreign_key';
  return typeof code === 'string' ? KINDS[code] : undefined;
}
