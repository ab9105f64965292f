import { randomUUID } from 'node:crypto';
import { walkPaths } from '@voxelhub/core/node';
import type { ServerData } from '@voxelhub/server';
import { ProgressBar } from '../terminal/progress-bar.js';

export interface ImportOptions {
  readonly project: string;
  /** Server settings arguments (--data-dir) passed through to the server's config. */
  readonly configArgs: string[];
}

/** The project with this name, created (and said so) when there is none yet. */
async function projectId(data: ServerData, name: string): Promise<string> {
  const { db } = data.database;
  const found = await db.selectFrom('projects').select('id').where('name', '=', name).executeTakeFirst();
  if (found) return found.id;
  const id = randomUUID();
  await db.insertInto('projects').values({ id, name }).execute();
  process.stderr.write(`created project '${name}'\n`);
  return id;
}

/**
 * `voxelhub import <paths...> --project <name>`: imports files and folders into a project of the local
 * server's data (the same database and blob store `voxelhub serve` uses), as a durable job: Ctrl-C stops
 * it cleanly, and the files not yet imported stay queued in the job. Returns the exit code: 1 when any
 * file failed (each named on stderr with its reason).
 */
export async function importCommand(paths: string[], options: ImportOptions): Promise<number> {
  const server = await import('@voxelhub/server');
  const config = server.loadConfig(process.env, options.configArgs);
  const data = await server.openServerData(config);
  // The first command run on a data folder creates the admin: its generated password must be shown.
  const notice = server.adminNotice(data.admin);
  if (notice) process.stderr.write(`${notice}\n`);
  try {
    const ctx = { db: data.database.db, blobs: data.blobs };
    const files = await walkPaths(paths);
    const jobId = await server.createImportJob(ctx.db, await projectId(data, options.project), files);
    const abort = new AbortController();
    const stop = () => abort.abort();
    process.once('SIGINT', stop);
    const bar = new ProgressBar('importing');
    const summary = await server
      .runImportJob(ctx, jobId, {
        signal: abort.signal,
        onProgress: (p) => bar.update(p.done, p.total),
      })
      .finally(() => {
        bar.done();
        process.off('SIGINT', stop);
      });
    const failed = await ctx.db
      .selectFrom('job_items')
      .select(['item_key', 'error'])
      .where('job_id', '=', jobId)
      .where('state', '=', 'failed')
      .execute();
    // Files that are not images are skipped with a warning, as `info` and `convert` do; the rest are errors.
    let errors = 0;
    for (const f of failed) {
      const [, code = 'FAILED', message = f.error ?? 'failed'] =
        /^([A-Z_]+): (.*)$/s.exec(f.error ?? '') ?? [];
      const text = message.startsWith(f.item_key) ? message : `${f.item_key}: ${message}`;
      if (code === 'UNSUPPORTED_FORMAT')
        process.stderr.write(`warning: ${text.replace(/: /, ': skipped (')})\n`);
      else {
        errors++;
        process.stderr.write(`error: ${text} [${code}]\n`);
      }
    }
    process.stdout.write(
      `${summary.imported} imported, ${summary.duplicates} already there, ${errors} failed` +
        (summary.failed > errors ? `, ${summary.failed - errors} skipped (not images)` : '') +
        (summary.pending ? `, ${summary.pending} left in job ${jobId} (interrupted)` : '') +
        '\n',
    );
    return errors > 0 || summary.pending > 0 ? 1 : 0;
  } finally {
    await data.close();
  }
}
