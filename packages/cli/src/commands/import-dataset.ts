import type { DatasetImportReport, LayoutChoice, ServerData } from '@voxelhub/server';
import { ProgressBar } from '../terminal/progress-bar.js';
import { projectId, withServerData } from './import.js';

export interface ImportDatasetOptions {
  readonly project: string;
  /** 'auto' (default), or the layout the folder must be (checked against the server's LAYOUT_CHOICES). */
  readonly layout: string;
  readonly configArgs: string[];
}

/** Files named per list before "… and N more": a 100,000-image dataset's failures should not scroll away. */
const LISTED = 20;

/** The command line acts as the data folder's administrator: it owns every project here. */
async function adminAccess(data: ServerData, server: typeof import('@voxelhub/server'), project: string) {
  const { db } = data.database;
  const id = await projectId(data, project);
  const admin = await db
    .selectFrom('users')
    .select('id')
    .where('username', '=', server.ADMIN_USERNAME)
    .executeTakeFirstOrThrow();
  const row = await db
    .selectFrom('projects')
    .select('settings')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return {
    projectId: id,
    userId: admin.id,
    role: 'owner' as const,
    settings: server.parseProjectSettings(row.settings),
  };
}

function list(title: string, items: readonly { file: string; reason: string }[], stream: NodeJS.WriteStream) {
  if (items.length === 0) return;
  stream.write(`${title}:\n`);
  for (const item of items.slice(0, LISTED)) stream.write(`  ${item.file}: ${item.reason}\n`);
  if (items.length > LISTED) stream.write(`  … and ${items.length - LISTED} more\n`);
}

/** A broken layout (a LayoutError names the file) is the user's to fix: said on stderr, exit status 1. */
function layoutFailure(error: Error): number {
  if (error.name !== 'LayoutError') throw error;
  process.stderr.write(`voxelhub import: ${error.message}\n`);
  return 1;
}

/** The report as a person reads it: counts on stdout, what failed or was passed over on stderr. */
export function printDatasetReport(report: DatasetImportReport): void {
  const out = process.stdout;
  const { images, annotations, labels } = report;
  out.write(
    `images: ${images.imported} imported, ${images.duplicates} already there, ${images.failed.length} failed` +
      (images.held.length ? `, ${images.held.length} held for review` : '') +
      '\n',
  );
  if (labels.created.length > 0)
    out.write(`labels created: ${labels.created.map((l) => `${l.name} (${l.type})`).join(', ')}\n`);
  out.write(`annotations: ${annotations.total} created\n`);
  for (const c of annotations.created) out.write(`  ${c.label}: ${c.count} ${c.type}\n`);
  if (report.ignoredCount > 0)
    out.write(`ignored: ${report.ignoredCount} files that are neither images nor labels\n`);
  list('failed images', images.failed, process.stderr);
  list('labels not imported', annotations.skipped, process.stderr);
}

/**
 * `voxelhub import <folder> --project <name> --labels`: recognises the folder's layout (Decathlon,
 * nnU-Net, COCO, YOLO, images with a CSV, DICOM with SEG and RTSTRUCT), prints it, imports its images and
 * then its labels as annotations with a progress bar, and prints the report. Exit status 1 when the
 * layout is broken (the file is named) or an image failed.
 */
export async function importDatasetCommand(folder: string, options: ImportDatasetOptions): Promise<number> {
  return withServerData(options.configArgs, async (data, server) => {
    if (!(server.LAYOUT_CHOICES as readonly string[]).includes(options.layout)) {
      process.stderr.write(
        `voxelhub import: --layout ${options.layout} is not one of ${server.LAYOUT_CHOICES.join(', ')}\n`,
      );
      return 2;
    }
    const dataset = await server.openDatasetFolder(folder);
    // Recognised before the project is made: a broken folder leaves nothing behind.
    const { recogniseLayout } = await import('@voxelhub/core/export');
    const checked = await recogniseLayout(dataset.paths, dataset.readText).catch((error: unknown) => error);
    if (checked instanceof Error) return layoutFailure(checked);
    const access = await adminAccess(data, server, options.project);
    const abort = new AbortController();
    const stop = () => abort.abort();
    process.once('SIGINT', stop);
    const bar = new ProgressBar('importing');
    try {
      const report = await server.importDatasetFolder(
        { db: data.database.db, blobs: data.blobs, vault: data.vault },
        access,
        dataset,
        {
          layout: options.layout as LayoutChoice,
          signal: abort.signal,
          onLayout: (layout) => process.stdout.write(`${layout.summary}\n`),
          onProgress: (done, total) => bar.update(done, total),
        },
      );
      bar.done();
      printDatasetReport(report);
      return report.images.failed.length > 0 ? 1 : 0;
    } catch (error) {
      bar.done();
      if (error instanceof Error) return layoutFailure(error);
      throw error;
    } finally {
      process.off('SIGINT', stop);
    }
  });
}
