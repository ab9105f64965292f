import { mkdir, readdir, rename, rm, rmdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { ImportContext } from '../import/import-file.js';
import type { WholeJobKind, WholeJobTools } from '../jobs/job-kind.js';
import type { Job } from '../storage/schema.js';
import { zipFolder } from './export-archive.js';
import { EXPORT_FORMATS, type ExportFormat } from './export-formats.js';
import { type ExportSummary, writeVersionExport } from './write-version-export.js';

export const EXPORT_JOB_KIND = 'export';

export const exportJobPayload = z.object({
  versionId: z.string().min(1),
  format: z.enum(EXPORT_FORMATS),
  /** nnU-Net and Decathlon: the input channel's name (write-version-export.ts). */
  channelName: z.string().optional(),
});
export type ExportJobPayload = z.infer<typeof exportJobPayload>;

/** What a finished export job records: where its archive is, the name to download it as, and what's in it. */
export interface ExportJobResult {
  /** The archive's file name in the exports folder: `<jobId>.zip`. */
  readonly archiveKey: string;
  /** `<project>-<version>-<format>.zip`, for Content-Disposition. */
  readonly fileName: string;
  readonly size: number;
  readonly summary: ExportSummary;
}

/**
 * Where an export job keeps its files, all named by the job's id (never by anything a user typed): the
 * writer's output in staging/<jobId>/<attempt>/, the archive being written, and the finished archive.
 * Each attempt has its own staging folder and partial archive, so that a worker which lost the job to
 * another (its lease ran out) removes only its own files, never the new attempt's.
 */
export function exportPaths(exportsRoot: string, jobId: string, attempt = 0) {
  const staging = join(exportsRoot, 'staging', jobId);
  return {
    staging,
    attemptStaging: join(staging, String(attempt)),
    partial: join(exportsRoot, `${jobId}.${attempt}.zip.partial`),
    archive: join(exportsRoot, archiveKeyOf(jobId)),
  };
}

export const archiveKeyOf = (jobId: string): string => `${jobId}.zip`;

/**
 * The background job that exports a dataset version: the format's files are written into a staging
 * folder, zipped into the exports folder (under a temporary name, renamed when whole), and the staging
 * folder removed. It starts by removing whatever an interrupted attempt left, so a re-run starts clean.
 */
export function exportJobKind(options: { readonly exportsRoot: string }): WholeJobKind {
  return {
    kind: EXPORT_JOB_KIND,
    run: (ctx, job, tools) => runExport(ctx, job, tools, options.exportsRoot),
  };
}

async function runExport(
  ctx: ImportContext,
  job: Job,
  tools: WholeJobTools,
  exportsRoot: string,
): Promise<ExportJobResult> {
  const payload = exportJobPayload.parse(JSON.parse(job.payload));
  const projectId = job.project_id;
  if (!projectId) throw new Error(`export job ${job.id} has no project`);
  const names = await namesOf(ctx, projectId, payload.versionId);
  const paths = exportPaths(exportsRoot, job.id, job.attempts);
  await clearEarlierAttempts(exportsRoot, job.id);
  await mkdir(paths.attemptStaging, { recursive: true });
  try {
    // The archive is one step more than the writer's: the bar stays short of the end until it is written.
    let steps = 1;
    const summary = await writeVersionExport({
      db: ctx.db,
      blobs: ctx.blobs,
      projectId,
      versionId: payload.versionId,
      format: payload.format,
      ...(payload.channelName ? { channelName: payload.channelName } : {}),
      outputDir: paths.attemptStaging,
      signal: tools.signal,
      onProgress: (p) => {
        steps = p.total + 1;
        tools.progress(p.done, steps);
      },
    });
    const zipped = await zipFolder(paths.attemptStaging, paths.partial, {
      mtime: new Date(names.versionCreatedAt),
      signal: tools.signal,
    });
    await rename(paths.partial, paths.archive);
    tools.progress(steps, steps);
    return {
      archiveKey: archiveKeyOf(job.id),
      fileName: exportFileName(names.project, names.version, payload.format),
      size: zipped.bytes,
      summary,
    };
  } catch (error) {
    await rm(paths.partial, { force: true });
    throw error;
  } finally {
    await rm(paths.attemptStaging, { recursive: true, force: true });
    // The job's folder goes too, unless another attempt is using it.
    await rmdir(paths.staging).catch(() => undefined);
  }
}

async function namesOf(ctx: ImportContext, projectId: string, versionId: string) {
  const row = await ctx.db
    .selectFrom('dataset_versions')
    .innerJoin('projects', 'projects.id', 'dataset_versions.project_id')
    .select(['projects.name as project', 'dataset_versions.name as version', 'dataset_versions.created_at'])
    .where('dataset_versions.id', '=', versionId)
    .where('dataset_versions.project_id', '=', projectId)
    .executeTakeFirst();
  if (!row) throw new Error(`the dataset version ${versionId} is not in this project (deleted?)`);
  return { project: row.project, version: row.version, versionCreatedAt: row.created_at };
}

/** Removes what earlier attempts of the job left: their staging folders, partial archives and archive. */
async function clearEarlierAttempts(exportsRoot: string, jobId: string): Promise<void> {
  const paths = exportPaths(exportsRoot, jobId);
  await rm(paths.staging, { recursive: true, force: true });
  await rm(paths.archive, { force: true });
  const names = await readdir(exportsRoot).catch(() => [] as string[]);
  for (const name of names.filter((n) => n.startsWith(`${jobId}.`) && n.endsWith('.zip.partial')))
    await rm(join(exportsRoot, name), { force: true });
}

/**
 * `<project>-<version>-<format>.zip`, with anything but letters, digits, '.', '_' and '-' made '_' and no
 * leading dots.
 */
export function exportFileName(project: string, version: string, format: ExportFormat): string {
  const safe = (text: string) =>
    text
      .trim()
      .replace(/[^A-Za-z0-9._-]+/g, '_')
      .replace(/^\.+/, '') || 'unnamed';
  return `${safe(project)}-${safe(version)}-${format}.zip`;
}
