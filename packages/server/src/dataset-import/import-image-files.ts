import { join } from 'node:path';
import { dicomModality } from '../annotation-import/import-format.js';
import { type ImportContext, importFile } from '../import/import-file.js';
import { readWholeFile } from '../import/read-whole-file.js';
import type { ImageTally } from './image-tally.js';
import { recordImageOutcome } from './image-tally.js';
import type { DatasetFolder } from './staged-folder.js';

/** DICOM objects that are labels of a dataset, not images: imported as annotations after the images. */
export interface DicomLabelFiles {
  readonly seg: string[];
  readonly rtstruct: string[];
  readonly sr: string[];
}

export interface ImageFileImport {
  readonly ctx: ImportContext;
  readonly projectId: string;
  readonly folder: DatasetFolder;
  readonly tally: ImageTally;
  /** Called after each file. */
  readonly onFile: () => void;
  readonly signal?: AbortSignal;
}

const LABEL_MODALITIES = { SEG: 'seg', RTSTRUCT: 'rtstruct', SR: 'sr' } as const;

/**
 * Imports image files one at a time, each read from disk when its turn comes (never the whole dataset in
 * memory), recording each outcome. With `dicomLabels`, DICOM SEG, RTSTRUCT and SR files are told apart by
 * their Modality and set aside there instead of being refused as images.
 */
export async function importImageFiles(
  run: ImageFileImport,
  paths: readonly string[],
  dicomLabels?: DicomLabelFiles,
): Promise<void> {
  for (const path of paths) {
    run.signal?.throwIfAborted();
    const read = await readWholeFile(join(run.folder.root, ...path.split('/')), path);
    if (read.kind !== 'file') {
      run.tally.failed.push({ file: path, reason: read.kind === 'failed' ? read.reason : 'not a file' });
      run.onFile();
      continue;
    }
    const labelKind = dicomLabels && labelModality(path, read.file.bytes);
    if (dicomLabels && labelKind) dicomLabels[labelKind].push(path);
    else
      recordImageOutcome(run.tally, path, await importFile(run.ctx, run.projectId, read.file), {
        // A DICOM folder's files are found by name alone (no extension): a README among them is no failure.
        skipNonImage: dicomLabels !== undefined,
      });
    run.onFile();
  }
}

function labelModality(path: string, bytes: Uint8Array): keyof DicomLabelFiles | undefined {
  const modality = dicomModality({ path, bytes });
  return modality && modality in LABEL_MODALITIES
    ? LABEL_MODALITIES[modality as keyof typeof LABEL_MODALITIES]
    : undefined;
}
