import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../storage/schema.js';

/**
 * Ends at once the leases held by workers that died on this machine (a crash, kill -9), so a restarted
 * server resumes their jobs now instead of when the lease runs out. A worker's id is
 * `<hostname>:<pid>:<uuid>`: a lease whose host is this one and whose process no longer exists can't be
 * renewed by anyone. Leases of other hosts, or of live processes, are left to expire as usual.
 */
export async function expireDeadWorkerLeases(db: Kysely<DatabaseSchema>): Promise<number> {
  const host = `${hostname()}:`;
  const running = await db
    .selectFrom('jobs')
    .select(['id', 'lease_owner'])
    .where('state', '=', 'running')
    .execute();
  const dead = running.filter((job) => {
    if (!job.lease_owner?.startsWith(host)) return false;
    const pid = Number(job.lease_owner?.slice(host.length).split(':')[0]);
    return Number.isInteger(pid) && pid > 0 && !processExists(pid);
  });
  for (const job of dead)
    await db
      .updateTable('jobs')
      .set({ lease_expires_at: new Date(0).toISOString() })
      .where('id', '=', job.id)
      .where('lease_owner', '=', job.lease_owner)
      .execute();
  return dead.length;
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
