import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { ServerData } from '@voxelhub/server';
import { ProgressBar } from '../terminal/progress-bar.js';
import { formatTable } from '../terminal/table.js';
import { withServerData } from './import.js';

type Server = typeof import('@voxelhub/server');

export interface ExportOptions {
  readonly project: string;
  /** A version's name or id. */
  readonly version: string;
  readonly format: string;
  /** A folder (missing or empty) to write the files into, or a path ending in .zip. */
  readonly output: string;
  /** nnunet and msd: the input channel's name, e.g. 'CT' (nnU-Net then normalises by HU). */
  readonly channelName?: string;
  readonly configArgs: string[];
}

export interface CreateVersionOptions {
  readonly project: string;
  readonly name: string;
  readonly note: string;
  readonly source: string;
  readonly configArgs: string[];
}

/** `voxelhub export --list-formats`: each format's name and title. */
export async function listFormatsCommand(): Promise<number> {
  const server = await import('@voxelhub/server');
  process.stdout.write(`${formatFormats(server)}\n`);
  return 0;
}

/**
 * `voxelhub export --project <p> --version <v> --format <f> -o <path>`: writes a dataset version of this
 * machine's Voxelhub data in a format, without a server, as the API's export job does: into a folder, or
 * zipped. Exit status 1 with the choices listed when the project, version or format is unknown, or when
 * the output folder is not empty.
 */
export async function exportCommand(options: ExportOptions): Promise<number> {
  const server = await import('@voxelhub/server');
  const formats: readonly string[] = server.EXPORT_FORMATS;
  if (!formats.includes(options.format)) {
    fail(`unknown format '${options.format}'; the formats are:\n${formatFormats(server)}`);
    return 1;
  }
  const format = options.format as (typeof server.EXPORT_FORMATS)[number];
  if (options.channelName !== undefined && format !== 'nnunet' && format !== 'msd') {
    fail(`'--channel-name' goes with the nnunet and msd formats, not ${format}`);
    return 1;
  }
  const output = resolve(options.output);
  const zipped = output.toLowerCase().endsWith('.zip');
  if (!zipped && !(await isMissingOrEmpty(output))) {
    fail(`the output folder '${options.output}' is not empty; name a new or empty folder, or a .zip`);
    return 1;
  }
  return withServerData(options.configArgs, async (data) => {
    const project = await findProject(data, options.project);
    if (!project) return failWithProjects(data, options.project);
    const version = await findVersion(data, project.id, options.version);
    if (!version) return failWithVersions(data, project, options.version);
    // A zip is written from a staging folder beside it, so that it lands on the same disk.
    const folder = zipped ? join(dirname(output), `.${basename(output)}.${process.pid}.staging`) : output;
    const summary = await writeWithProgress(server, data, {
      projectId: project.id,
      versionId: version.id,
      format,
      folder,
      ...(options.channelName ? { channelName: options.channelName } : {}),
    }).catch(async (error: unknown) => {
      if (zipped) await rm(folder, { recursive: true, force: true });
      throw error;
    });
    if (zipped) await zipStaging(server, folder, output, version.created_at);
    const skipped = summary.skipped.length ? `, ${summary.skipped.length} annotations skipped` : '';
    process.stdout.write(
      `exported '${project.name}' version '${version.name}' as ${format}: ${summary.cases} cases, ${summary.files} files${skipped} → ${options.output}\n`,
    );
    return 0;
  });
}

/**
 * `voxelhub export --project <p> --create-version <name> [--source s] [--note n]`: freezes a version
 * as POST /api/projects/:id/versions does (the default splits), without a server.
 */
export async function createVersionCommand(options: CreateVersionOptions): Promise<number> {
  return withServerData(options.configArgs, async (data, server) => {
    const project = await findProject(data, options.project);
    if (!project) return failWithProjects(data, options.project);
    if (!server.VERSION_NAME_PATTERN.test(options.name)) {
      fail(`the version name '${options.name}' may have only letters, digits, '.', '_', '-' and spaces`);
      return 1;
    }
    const sources: readonly string[] = server.VERSION_SOURCES;
    if (!sources.includes(options.source)) {
      fail(`unknown source '${options.source}'; one of: ${sources.join(', ')}`);
      return 1;
    }
    try {
      const row = await server.createVersion(data.database.db, data.blobs, {
        projectId: project.id,
        userId: null,
        name: options.name,
        note: options.note,
        source: options.source as (typeof server.VERSION_SOURCES)[number],
        splits: server.DEFAULT_SPLITS,
      });
      const counts = JSON.parse(row.counts) as { cases: number; annotations: number };
      process.stdout.write(
        `created version '${row.name}' (${row.id}) of '${project.name}': ${counts.cases} cases, ${counts.annotations} annotations, content hash ${row.content_hash}\n`,
      );
      return 0;
    } catch (error) {
      if (error instanceof server.ApiError && error.code === 'CONFLICT') {
        fail(error.message);
        return 1;
      }
      throw error;
    }
  });
}

function formatFormats(server: Server): string {
  return formatTable(
    ['format', 'what it writes'],
    server.EXPORT_FORMATS.map((f) => [f, server.EXPORT_FORMAT_TITLES[f]]),
  );
}

/** Writes the export into `folder` with a progress bar; Ctrl-C stops it. */
async function writeWithProgress(
  server: Server,
  data: ServerData,
  target: {
    projectId: string;
    versionId: string;
    format: (typeof server.EXPORT_FORMATS)[number];
    folder: string;
    channelName?: string;
  },
) {
  const abort = new AbortController();
  const stop = () => abort.abort();
  process.once('SIGINT', stop);
  const bar = new ProgressBar('exporting');
  await mkdir(target.folder, { recursive: true });
  try {
    return await server.writeVersionExport({
      db: data.database.db,
      blobs: data.blobs,
      projectId: target.projectId,
      versionId: target.versionId,
      format: target.format,
      outputDir: target.folder,
      ...(target.channelName ? { channelName: target.channelName } : {}),
      signal: abort.signal,
      onProgress: (p) => bar.update(p.done, p.total, p.step),
    });
  } finally {
    bar.done();
    process.off('SIGINT', stop);
  }
}

/** Zips the staging folder into `output` (whole or not at all), then removes the folder. */
async function zipStaging(server: Server, folder: string, output: string, createdAt: string) {
  const partial = `${output}.${process.pid}.partial`;
  try {
    await server.zipFolder(folder, partial, { mtime: new Date(createdAt) });
    await rename(partial, output);
  } finally {
    await rm(partial, { force: true });
    await rm(folder, { recursive: true, force: true });
  }
}

async function isMissingOrEmpty(folder: string): Promise<boolean> {
  return readdir(folder).then(
    (names) => names.length === 0,
    (error: NodeJS.ErrnoException) => error.code === 'ENOENT',
  );
}

function fail(message: string): void {
  process.stderr.write(`voxelhub export: ${message}\n`);
}

async function findProject(data: ServerData, name: string) {
  return data.database.db
    .selectFrom('projects')
    .select(['id', 'name'])
    .where('name', '=', name)
    .executeTakeFirst();
}

async function failWithProjects(data: ServerData, name: string): Promise<number> {
  const projects = await data.database.db.selectFrom('projects').select('name').orderBy('name').execute();
  const names = projects.map((p) => p.name);
  fail(`no project named '${name}'${names.length ? `; the projects are: ${names.join(', ')}` : ''}`);
  return 1;
}

/** The project's version of that name, or else of that id. */
async function findVersion(data: ServerData, projectId: string, nameOrId: string) {
  const versions = await data.database.db
    .selectFrom('dataset_versions')
    .select(['id', 'name', 'created_at'])
    .where('project_id', '=', projectId)
    .execute();
  return versions.find((v) => v.name === nameOrId) ?? versions.find((v) => v.id === nameOrId);
}

async function failWithVersions(
  data: ServerData,
  project: { id: string; name: string },
  nameOrId: string,
): Promise<number> {
  const versions = await data.database.db
    .selectFrom('dataset_versions')
    .select(['id', 'name', 'source', 'created_at'])
    .where('project_id', '=', project.id)
    .orderBy('created_at', 'desc')
    .execute();
  const list = versions.length
    ? `; its versions are:\n${formatTable(
        ['name', 'id', 'source', 'created'],
        versions.map((v) => [v.name, v.id, v.source, v.created_at]),
      )}`
    : ` and it has no versions yet (make one with --create-version <name>)`;
  fail(`project '${project.name}' has no version '${nameOrId}'${list}`);
  return 1;
}
