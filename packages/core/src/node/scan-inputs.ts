import type { InstanceHeader } from '../dicom/instance-header.js';
import { asReadError, type ImageReadError } from '../errors/image-read-error.js';
import { classifyFile, type FileFormat } from './classify-file.js';
import { readFileHead } from './file-bytes.js';
import { readDicomHeader } from './read-dicom-header.js';
import { walkPaths } from './walk-paths.js';

const HEAD_BYTES = 16 * 1024;

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
 * NIfTI/PNG/JPEG files are listed, anything else is skipped with a reason. One bad file never stops the scan.
 */
export async function scanInputs(paths: readonly string[], options: ScanOptions = {}): Promise<ScanResult> {
  const files = await walkPaths(paths);
  const result: ScanResult = { dicom: [], images: [], skipped: [], failed: [] };
  let done = 0;
  for (const file of files) {
    try {
      const head = await readFileHead(file, HEAD_BYTES);
      const format = classifyFile(file, head.bytes);
      if (format === 'dicom') result.dicom.push(await readDicomHeader(file, head));
      else if (format === 'other') result.skipped.push({ file, reason: 'not DICOM, NIfTI, PNG or JPEG' });
      else result.images.push({ file, format });
    } catch (error) {
      result.failed.push(asReadError(error, 'IO', file));
    }
    done++;
    options.onProgress?.({ done, total: files.length });
  }
  return result;
}
