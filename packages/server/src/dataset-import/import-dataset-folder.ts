import { type DatasetLayout, recogniseLayout } from '@voxelhub/core/export';
import type { ProjectAccess } from '../access/project-access.js';
import { loadProjectCases } from '../annotation-import/project-cases.js';
import type { ImportContext } from '../import/import-file.js';
import { loadProjectLabels } from '../projects/numbered-labels.js';
import type { BatchLog } from './batch-log.js';
import { caseOfImage } from './case-of-image.js';
import { cocoLabelBatches } from './coco-label-batches.js';
import { createLayoutLabels } from './create-layout-labels.js';
import type { DatasetImportReport } from './dataset-import-report.js';
import { dicomLabelBatches } from './dicom-label-batches.js';
import { emptyImageTally } from './image-tally.js';
import { type DicomLabelFiles, importImageFiles } from './import-image-files.js';
import { importLabelBatches } from './import-label-batches.js';
import type { BatchSource, LabelBatches } from './label-batch.js';
import { type LayoutChoice, requestedLayout } from './requested-layout.js';
import { segmentationLabelBatches } from './segmentation-label-batches.js';
import type { DatasetFolder } from './staged-folder.js';
import { tableLabelBatches } from './table-label-batches.js';
import { yoloLabelBatches } from './yolo-label-batches.js';

/** Files named in the report as ignored; the count covers all. */
const MAX_LISTED_IGNORED = 200;

export interface DatasetImportOptions {
  /** 'auto' (the default) takes the layout recognised; a kind insists on it ('images' imports only images). */
  readonly layout?: LayoutChoice;
  readonly signal?: AbortSignal;
  /** Steps done of all: one per image file, then one per label batch. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Called once the layout is recognised, before anything is written. */
  readonly onLayout?: (layout: DatasetLayout) => void;
  /** Label batches written by an earlier run of the same job, passed over (see BatchLog). */
  readonly batchLog?: BatchLog;
}

/** The files of a layout imported as images, in order. */
function imageFilesOf(layout: DatasetLayout): readonly string[] {
  switch (layout.kind) {
    case 'nnunet':
    case 'msd':
      return layout.cases.flatMap((c) => c.images);
    case 'dicom':
      return layout.files;
    default:
      return layout.images;
  }
}

async function labelBatchesOf(
  layout: DatasetLayout,
  source: BatchSource,
  dicomLabels: DicomLabelFiles,
  ctx: ImportContext,
  projectId: string,
): Promise<LabelBatches> {
  switch (layout.kind) {
    case 'nnunet':
    case 'msd':
      return segmentationLabelBatches(layout, source);
    case 'coco':
      return cocoLabelBatches(layout, source);
    case 'yolo':
      return yoloLabelBatches(layout, source);
    case 'image-csv':
      return tableLabelBatches(layout, source, await loadProjectLabels(ctx.db, projectId));
    case 'dicom':
      return dicomLabelBatches(dicomLabels, source);
    case 'images':
      return { batches: [], skipped: [] };
  }
}

/**
 * Turns a downloaded dataset folder into a project's images and annotations in one step:
 * 1. recognises its layout (core's recogniseLayout; a broken layout is a LayoutError naming the file,
 *    thrown before anything is written);
 * 2. makes the labels the layout names that the project lacks;
 * 3. imports each image file (one at a time, from disk), noting the image and case each became;
 * 4. imports the labels as annotations in batches (a case, 50 images, 500 rows) through the annotation
 *    import, each batch one transaction, naming each case as its files do.
 * Each image's and each label's outcome is in the report; a batch that cannot be read is reported with
 * its file and the others go on.
 */
export async function importDatasetFolder(
  ctx: ImportContext,
  access: ProjectAccess,
  folder: DatasetFolder,
  options: DatasetImportOptions = {},
): Promise<DatasetImportReport> {
  const layout = requestedLayout(await recogniseLayout(folder.paths, folder.readText), options.layout);
  options.onLayout?.(layout);
  const labels = await createLayoutLabels(ctx.db, access, layout.labels);
  const images = imageFilesOf(layout);
  let done = 0;
  let total = images.length;
  const step = () => options.onProgress?.(++done, total);
  options.onProgress?.(0, total);

  const tally = emptyImageTally();
  const dicomLabels: DicomLabelFiles = { seg: [], rtstruct: [], sr: [] };
  await importImageFiles(
    {
      ctx,
      projectId: access.projectId,
      folder,
      tally,
      onFile: step,
      ...(options.signal ? { signal: options.signal } : {}),
    },
    images,
    layout.kind === 'dicom' ? dicomLabels : undefined,
  );

  const cases = await loadProjectCases(ctx.db, access.projectId);
  const source: BatchSource = { folder, images: tally, caseOfImage: caseOfImage(cases) };
  const { batches, skipped } = await labelBatchesOf(layout, source, dicomLabels, ctx, access.projectId);
  total += batches.length;
  options.onProgress?.(done, total);
  const annotations = await importLabelBatches(ctx, access, batches, {
    onBatch: step,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.batchLog ? { log: options.batchLog } : {}),
  });

  return {
    layout: { kind: layout.kind, summary: layout.summary },
    labels,
    images: {
      imported: tally.imported,
      duplicates: tally.duplicates,
      failed: tally.failed,
      held: tally.held,
    },
    annotations: { ...annotations, skipped: [...skipped, ...annotations.skipped] },
    ignored: [...layout.ignored, ...tally.notImages].slice(0, MAX_LISTED_IGNORED),
    ignoredCount: layout.ignored.length + tally.notImages.length,
  };
}
