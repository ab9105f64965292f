import { randomBytes } from 'node:crypto';
import pg from 'pg';

const ADMIN_URL = process.env.VOXELHUB_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A new empty PostgreSQL database for one run, or why there is none; `drop()` removes it. */
export async function freshPostgres(): Promise<{ url: string; drop(): Promise<void> } | { skipped: string }> {
  const name = `voxelhub_bench_${randomBytes(5).toString('hex')}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  try {
    await admin(`create database ${name}`);
  } catch (error) {
    return { skipped: `no PostgreSQL at ${ADMIN_URL}: ${(error as Error).message}` };
  }
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) };
}
