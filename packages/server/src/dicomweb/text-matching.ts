import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import { isPostgres } from '../storage/migrations/portable-columns.js';
import type { DatabaseSchema } from '../storage/schema.js';

/**
 * SQL for DICOM text matching (PS3.4 C.2.2.2): single value matching, wildcards (`*` any run, `?` one
 * character), both case-sensitive, and for person names with fuzzymatching a case-insensitive match of
 * the start of any name component. Same answers on both dialects: SQLite's LIKE ignores case, so
 * case-sensitive wildcards use GLOB there and LIKE on PostgreSQL.
 */

type Condition = Expression<SqlBool>;

export function textMatches(
  db: Kysely<DatabaseSchema>,
  column: string,
  value: string,
  options: { fuzzyName?: boolean } = {},
): Condition {
  const ref = sql.ref(column);
  if (options.fuzzyName) {
    // "Prefix of a name component": the value, upper- or lower-case, at the start or after ^ or a space.
    const prefix = `${likePattern(value.toLowerCase())}%`;
    return sql<SqlBool>`(lower(${ref}) like ${prefix} escape '\\' or lower(${ref}) like ${`%^${prefix}`} escape '\\' or lower(${ref}) like ${`% ${prefix}`} escape '\\')`;
  }
  if (!/[*?]/.test(value)) return sql<SqlBool>`${ref} = ${value}`;
  if (isPostgres(db)) return sql<SqlBool>`${ref} like ${likePattern(value)} escape '\\'`;
  return sql<SqlBool>`${ref} glob ${value.replace(/\[/g, '[[]')}`;
}

/** A DICOM wildcard value as a LIKE pattern: LIKE's own % _ \ escaped, then * → %, ? → _. */
function likePattern(value: string): string {
  return value
    .replace(/[\\%_]/g, (c) => `\\${c}`)
    .replace(/\*/g, '%')
    .replace(/\?/g, '_');
}
