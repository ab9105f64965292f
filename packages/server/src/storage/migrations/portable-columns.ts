import { type CreateTableBuilder, type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * Column shapes that behave the same on SQLite and PostgreSQL, so repositories see the same values:
 * - ids are text (UUIDs made by the server), never dialect-specific autoincrement;
 * - timestamps are ISO-8601 UTC text with milliseconds ('2026-01-02T03:04:05.678Z'): they sort as text,
 *   compare with `<`, and come back as strings from both drivers (pg would turn timestamptz into Date);
 * - flags are integer 0/1 (SQLite has no boolean; pg would return true/false for boolean);
 * - JSON is text checked to be valid JSON: byte-for-byte what was written (jsonb reorders keys and drops
 *   duplicates, which an append-only revision log should not), parsed and validated by zod on read.
 *   PostgreSQL can still query it with `column::jsonb`.
 */

// biome-ignore lint/suspicious/noExplicitAny: migrations run before (and independently of) the typed schema.
export type AnyDb = Kysely<any>;
// biome-ignore lint/suspicious/noExplicitAny: the table builder's types are not needed inside migrations.
export type TableBuilder = CreateTableBuilder<any, any>;

export function isPostgres(db: AnyDb): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** The current time as the ISO text every timestamp column holds. */
export function nowText(db: AnyDb) {
  return isPostgres(db)
    ? sql`(to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`
    : sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;
}

/** A timestamp column: ISO-8601 UTC text, checked for its shape; `created` ones default to now. */
export function timestamp(
  db: AnyDb,
  table: TableBuilder,
  name: string,
  kind: 'created' | 'required' | 'optional',
): TableBuilder {
  const withColumn = table.addColumn(name, 'text', (col) => {
    if (kind === 'optional') return col;
    return kind === 'created' ? col.notNull().defaultTo(nowText(db)) : col.notNull();
  });
  return withColumn.addCheckConstraint(
    `${tableNameOf(table)}_${name}_iso`,
    sql`${sql.ref(name)} like '____-__-__T__:__:__.___Z'`,
  );
}

/** A 0/1 flag with a default. */
export function flag(table: TableBuilder, name: string, defaultValue: 0 | 1): TableBuilder {
  return table
    .addColumn(name, 'integer', (col) => col.notNull().defaultTo(defaultValue))
    .addCheckConstraint(`${tableNameOf(table)}_${name}_flag`, sql`${sql.ref(name)} in (0, 1)`);
}

/** A JSON text column that refuses text that is not JSON. */
export function json(
  db: AnyDb,
  table: TableBuilder,
  name: string,
  options: { defaultValue?: string; nullable?: boolean } = {},
): TableBuilder {
  const withColumn = table.addColumn(name, 'text', (col) => {
    const required = options.nullable ? col : col.notNull();
    return options.defaultValue === undefined ? required : required.defaultTo(options.defaultValue);
  });
  // PostgreSQL 15 has no pg_input_is_valid: the cast itself refuses invalid JSON (error 22P02).
  const valid = isPostgres(db)
    ? sql`(${sql.ref(name)}::jsonb is not null)`
    : sql`json_valid(${sql.ref(name)})`;
  const check = options.nullable ? sql`${sql.ref(name)} is null or ${valid}` : valid;
  return withColumn.addCheckConstraint(`${tableNameOf(table)}_${name}_json`, check);
}

/** A text column restricted to a fixed set of values. */
export function oneOf(
  table: TableBuilder,
  name: string,
  values: readonly string[],
  options: { defaultValue?: string } = {},
): TableBuilder {
  const withColumn = table.addColumn(name, 'text', (col) =>
    options.defaultValue === undefined ? col.notNull() : col.notNull().defaultTo(options.defaultValue),
  );
  const list = sql.join(values.map((value) => sql.lit(value)));
  return withColumn.addCheckConstraint(
    `${tableNameOf(table)}_${name}_in`,
    sql`${sql.ref(name)} in (${list})`,
  );
}

/** The table's name, read from the builder so constraint names can't drift from it. */
function tableNameOf(table: TableBuilder): string {
  return table.toOperationNode().table.table.identifier.name;
}
