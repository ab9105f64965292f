import type { SkippedAnnotation } from '@voxelhub/core/export';
import type { Kysely } from 'kysely';
import type { BlobStore } from '../blobs/blob-store.js';
import type { DatabaseSchema } from '../storage/schema.js';
import { loadStoredVersion } from '../versions/stored-version.js';
import { datasetFiles } from './dataset-files.js';
import type { ExportFormat } from './export-formats.js';
import { ExportOutput } from './export-output.js';
import { renderCoco } from './render-coco.js';
import type { FormatRenderer } from './render-context.js';
import { renderDicomSeg } from './render-dicom-seg.js';
import { renderDicomSr } from './render-dicom-sr.js';
import { renderNifti } from './render-nifti.js';
import { renderMsd, renderNnunet } from './render-segmentation-folder.js';
import { renderTables } from './render-tables.js';
import { renderYoloDetection, renderYoloSegmentation } from './render-yolo.js';
import { versionExportModel } from './version-export-model.js';

export interface ExportProgress {
  readonly done: number;
  readonly total: number;
  /** 'case_0003' after that case, 'dataset files' at the end. */
  readonly step: string;
}

export interface ExportSummary {
  readonly format: ExportFormat;
  readonly cases: number;
  readonly files: number;
  readonly bytes: number;
  /** What the format could not carry, and why. */
  readonly skipped: readonly SkippedAnnotation[];
}

export interface WriteVersionExportOptions {
  readonly db: Kysely<DatabaseSchema>;
  readonly blobs: BlobStore;
  readonly projectId: string;
  readonly versionId: string;
  readonly format: ExportFormat;
  /** An existing, empty folder; every file is written under it (on error the caller deletes it). */
  readonly outputDir: string;
  readonly onProgress?: (progress: ExportProgress) => void;
  readonly signal?: AbortSignal;
  /**
   * nnU-Net and Decathlon: the input channel's name. nnU-Net normalises a channel named "CT" by the
   * dataset's HU statistics and every other channel per image, so a CT dataset whose images carry no
   * modality (NIfTI) wants "CT" here. Default: from the cases' modality ("image" when unknown or mixed).
   */
  readonly channelName?: string;
}

const RENDERERS: Readonly<Record<ExportFormat, FormatRenderer>> = {
  coco: renderCoco,
  'yolo-detection': renderYoloDetection,
  'yolo-segmentation': renderYoloSegmentation,
  nnunet: renderNnunet,
  msd: renderMsd,
  nifti: renderNifti,
  'dicom-seg': renderDicomSeg,
  'dicom-sr': renderDicomSr,
  tables: renderTables,
};

/**
 * Writes a stored dataset version in one export format into `outputDir`: the format's files (images
 * rendered case by case, one volume in memory at a time), and in every format `manifest.json` and the
 * dataset card (`dataset-card.md`, `dataset-card.html`). Progress counts the cases and then the dataset
 * files. An unknown version is ApiError NOT_FOUND; a case whose image cannot be read is an Error naming it.
 */
export async function writeVersionExport(options: WriteVersionExportOptions): Promise<ExportSummary> {
  const { db, blobs, format, signal } = options;
  const renderer = RENDERERS[format];
  if (!renderer) throw new RangeError(`unknown export format ${String(format)}`);
  const version = await loadStoredVersion(db, blobs, options.projectId, options.versionId);
  const model = await versionExportModel(db, blobs, version, signal);
  const output = new ExportOutput(options.outputDir);
  const total = model.cases.length + 1;
  let done = 0;
  const skipped = await renderer({
    blobs,
    model,
    output,
    caseDone: (c) => options.onProgress?.({ done: ++done, total, step: c.image.caseName }),
    ...(options.channelName ? { channelName: options.channelName } : {}),
    ...(signal ? { signal } : {}),
  });
  signal?.throwIfAborted();
  await output.writeAll(await datasetFiles(db, model));
  options.onProgress?.({ done: total, total, step: 'dataset files' });
  return { format, cases: model.cases.length, files: output.files, bytes: output.bytes, skipped };
}
