import Database from 'better-sqlite3';
import pg from 'pg';

/**
 * The database's own consistency checks, run after a crash: SQLite's integrity_check and
 * foreign_key_check; on PostgreSQL, amcheck's B-tree verification of every index of our tables (heap and
 * index agree, ordering holds). Returns the problems found, [] when the database is sound.
 */
export async function integrityProblems(target: { sqlitePath: string } | { url: string }): Promise<string[]> {
  if ('sqlitePath' in target) {
    const db = new Database(target.sqlitePath, { readonly: true, fileMustExist: true });
    try {
      const integrity = db.pragma('integrity_check') as { integrity_check: string }[];
      const foreignKeys = db.pragma('foreign_key_check') as unknown[];
      return [
        ...integrity.map((r) => r.integrity_check).filter((r) => r !== 'ok'),
        ...foreignKeys.map((r) => `foreign key: ${JSON.stringify(r)}`),
      ];
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  try {
    await client.query('create extension if not exists amcheck');
    const { rows } = await client.query<{ index: string }>(
      `select c.relname as index from pg_index i
         join pg_class c on c.oid = i.indexrelid
         join pg_namespace n on n.oid = c.relnamespace
         join pg_am a on a.oid = c.relam
        where n.nspname = 'public' and a.amname = 'btree'`,
    );
    const problems: string[] = [];
    for (const { index } of rows) {
      try {
        await client.query('select bt_index_check($1::regclass, true)', [index]);
      } catch (error) {
        problems.push(`${index}: ${(error as Error).message}`);
      }
    }
    if (rows.length === 0) problems.push('no indexes found to check');
    return problems;
  } finally {
    await client.end();
  }
}
