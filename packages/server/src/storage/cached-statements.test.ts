import SqliteDatabase from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { withCachedStatements } from './cached-statements.js';

describe('withCachedStatements', () => {
  it('prepares each SQL text once, keeps the most recently used, and follows schema changes', () => {
    const handle = new SqliteDatabase(':memory:');
    const db = withCachedStatements(handle, 2);
    handle.exec('create table t (a integer)');
    const insert = db.prepare('insert into t (a) values (?)');
    expect(db.prepare('insert into t (a) values (?)')).toBe(insert);
    const select = db.prepare('select a from t');
    db.prepare('insert into t (a) values (?)'); // used again: now the most recent
    db.prepare('select count(*) as n from t'); // a third text evicts the least recent, the select
    expect(db.prepare('insert into t (a) values (?)')).toBe(insert);
    expect(db.prepare('select a from t')).not.toBe(select);
    // A cached statement still runs after the schema changes under it.
    (insert as unknown as { run(...p: unknown[]): void }).run(1);
    handle.exec('alter table t add column b text');
    (db.prepare('insert into t (a) values (?)') as unknown as { run(...p: unknown[]): void }).run(2);
    expect((db.prepare('select count(*) as n from t') as unknown as { get(): { n: number } }).get().n).toBe(
      2,
    );
    db.close();
  });
});
