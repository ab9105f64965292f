import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../storage/schema.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** A folder with no job this old is an upload that died before its job was recorded, not one arriving. */
const ORPHAN_AGE_MS = 60 * 60_000;

/**
 * Removes staging folders left behind by a crash: those of jobs that ended (the process died before it
 * removed them) and those with no job at all that are older than an hour. Returns how many it removed.
 */
export async function sweepStaging(db: Kysely<DatabaseSchema>, stagingRoot: string): Promise<number> {
  const names = await readdir(stagingRoot).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw error;
  });
  let removed = 0;
  for (const name of names.filter((n) => UUID.test(n))) {
    const job = await db.selectFrom('jobs').select('state').where('id', '=', name).executeTakeFirst();
    const path = join(stagingRoot, name);
    const stale = job
      ? job.state === 'done' || job.state === 'failed'
      : Date.now() - (await stat(path)).mtimeMs > ORPHAN_AGE_MS;
    if (!stale) continue;
    await rm(path, { recursive: true, force: true });
    removed++;
  }
  return removed;
}
