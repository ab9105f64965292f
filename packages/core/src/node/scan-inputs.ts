import type { InstanceHeader } from '../dicom/instance-header.js';
import type { ImageReadError } from '../errors/image-read-error.js';
import type { FileFormat } from './classify-file.js';
import { DICOM_HEAD_BYTES } from './read-dicom-header.js';
import { scanFile } from './scan-file.js';
import { walkPaths } from './walk-paths.js';

export interface ScannedFile {
  readonly file: string;
  readonly format: Exclude<FileFormat, 'dicom' | 'other'>;
}

/** What a set of paths holds: DICOM headers, other image files, files skipped and files that failed. */
export interface ScanResult {
  readonly dicom: InstanceHeader[];
  readonly images: ScannedFile[];
  /** Files that are not images Voxelhub reads, with the reason. */
  readonly skipped: { file: string; reason: string }[];
  /** Image files that could not be read. */
  readonly failed: ImageReadError[];
}

export interface ScanProgress {
  readonly done: number;
  readonly total: number;
}

export interface ScanOptions {
  readonly onProgress?: (progress: ScanProgress) => void;
}

/**
 * Indexes every file under `paths` (recursively) by reading its first bytes: DICOM headers are parsed,
 * NIfTI/PNG/JPEG files are listed, anything else is skipped with a reason. One bad file never stops the
 * scan. One thread on purpose: a second indexing thread was measured slower here (file opens do not
 * scale across threads on these machines, and the thread's start-up costs as much as it saves).
 */
export async function scanInputs(paths: readonly string[], options: ScanOptions = {}): Promise<ScanResult> {
  const files = await walkPaths(paths);
  const buffer = new Uint8Array(DICOM_HEAD_BYTES);
  const result: ScanResult = { dicom: [], images: [], skipped: [], failed: [] };
  files.forEach((file, i) => {
    const entry = scanFile(file, buffer);
    if (i % 64 === 63) options.onProgress?.({ done: i + 1, total: files.length });
    if (entry.kind === 'dicom') result.dicom.push(entry.header);
    else if (entry.kind === 'image') result.images.push({ file, format: entry.format });
    else if (entry.kind === 'skipped') result.skipped.push({ file, reason: entry.reason });
    else result.failed.push(entry.error);
  });
  options.onProgress?.({ done: files.length, total: files.length });
  return result;
}
