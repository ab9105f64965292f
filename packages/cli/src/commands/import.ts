import { randomUUID } from 'node:crypto';
import { walkPaths } from '@voxelhub/core/node';
import type { ImportJobSummary, RunImportJobOptions, ServerData } from '@voxelhub/server';
import { ProgressBar } from '../terminal/progress-bar.js';
import { reportImport } from './import-report.js';

export interface ImportOptions {
  readonly project: string;
  /** Server settings arguments (--data-dir) passed through to the server's config. */
  readonly configArgs: string[];
}

/** The project with this name, created (and said so) when there is none yet. */
export async function projectId(data: ServerData, name: string): Promise<string> {
  const { db } = data.database;
  const found = await db.selectFrom('projects').select('id').where('name', '=', name).executeTakeFirst();
  if (found) return found.id;
  const id = randomUUID();
  await db.insertInto('projects').values({ id, name }).execute();
  process.stderr.write(`created project '${name}'\n`);
  return id;
}

/** Opens the local server's data (the same database and blob store `voxelhub serve` uses) for `use`. */
export async function withServerData<T>(
  configArgs: string[],
  use: (data: ServerData, server: typeof import('@voxelhub/server')) => Promise<T>,
): Promise<T> {
  const server = await import('@voxelhub/server');
  const config = server.loadConfig(process.env, configArgs);
  const data = await server.openServerData(config);
  // The first command run on a data folder creates the admin: its generated password must be shown.
  const notice = server.adminNotice(data.admin);
  if (notice) process.stderr.write(`${notice}\n`);
  try {
    return await use(data, server);
  } finally {
    await data.close();
  }
}

/**
 * Runs an import job in this process with a progress bar; Ctrl-C stops it cleanly between items, leaving
 * the rest queued in the job.
 */
export async function runWithProgress(
  data: ServerData,
  server: typeof import('@voxelhub/server'),
  jobId: string,
  options: Pick<RunImportJobOptions, 'openSource'> = {},
): Promise<ImportJobSummary> {
  const abort = new AbortController();
  const stop = () => abort.abort();
  process.once('SIGINT', stop);
  const bar = new ProgressBar('importing');
  return server
    .runImportJob({ db: data.database.db, blobs: data.blobs, vault: data.vault }, jobId, {
      ...options,
      signal: abort.signal,
      onProgress: (p) => bar.update(p.done, p.total),
    })
    .finally(() => {
      bar.done();
      process.off('SIGINT', stop);
    });
}

/**
 * `voxelhub import <paths...> --project <name>`: imports files and folders into a project of the local
 * server's data, as a durable job. Returns the exit code: 1 when any file failed (each named on stderr
 * with its reason).
 */
export async function importCommand(paths: string[], options: ImportOptions): Promise<number> {
  return withServerData(options.configArgs, async (data, server) => {
    const files = await walkPaths(paths);
    const jobId = await server.createImportJob(
      data.database.db,
      await projectId(data, options.project),
      files,
    );
    const summary = await runWithProgress(data, server, jobId);
    return reportImport(data, jobId, summary, (key) => key);
  });
}
