import type { ExportFile } from '@voxelhub/core/export';
import type { ImportFormat } from '../annotation-import/import-format.js';
import type { ImportCase } from '../annotation-import/project-cases.js';
import type { ImageTally } from './image-tally.js';
import type { DatasetFolder } from './staged-folder.js';

/**
 * Some of a dataset's labels, imported together through the annotation import in one transaction: a case
 * of a segmentation folder, 50 images of a COCO file, 500 rows of a table. Files are read only when the
 * batch runs, so a large dataset is never in memory at once.
 */
export interface LabelBatch {
  /** What the batch is, for progress and reports: a file, or a file and its part. */
  readonly name: string;
  readonly format: ImportFormat;
  files(): Promise<ExportFile[]>;
}

/** What batch makers are given: the folder, where each file's image went, and the project's cases. */
export interface BatchSource {
  readonly folder: DatasetFolder;
  readonly images: ImageTally;
  /** The case (for a DICOM series, the series) each imported image is on. */
  readonly caseOfImage: ReadonlyMap<string, ImportCase>;
}

/** The case a staged image file became, or undefined when it failed or is held. */
export function caseOfPath(source: BatchSource, path: string): ImportCase | undefined {
  const imageId = source.images.imageOf.get(path);
  return imageId === undefined ? undefined : source.caseOfImage.get(imageId);
}

/** Why a labelled file has no case: it failed, it is held, or it was not in the folder. */
export function noCaseReason(source: BatchSource, path: string): string {
  const failed = source.images.failed.find((f) => f.file === path);
  if (failed) return `its image ${path} was not imported (${failed.reason})`;
  if (source.images.held.includes(path)) return `its image ${path} is held for review of burned-in text`;
  return `its image ${path} is not in the folder`;
}

/** A Voxelhub manifest.json naming each case as the label files name it (annotation import's rule a). */
export function manifestFile(names: ReadonlyMap<string, string>): ExportFile {
  const cases = [...names].map(([caseName, id]) => ({ id, caseName }));
  // At the top, so it is the shallowest manifest.json of the batch.
  return { path: 'manifest.json', bytes: new TextEncoder().encode(JSON.stringify({ cases })) };
}

/** A layout's label batches, and the labelled items passed over before any batch runs. */
export interface LabelBatches {
  readonly batches: readonly LabelBatch[];
  readonly skipped: readonly { file: string; reason: string }[];
}

/** Splits a list into runs of at most `size`. */
export function inRuns<T>(items: readonly T[], size: number): T[][] {
  const runs: T[][] = [];
  for (let i = 0; i < items.length; i += size) runs.push(items.slice(i, i + size));
  return runs;
}
