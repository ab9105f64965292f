import type { InstanceHeader } from '../dicom/instance-header.js';
import { asReadError, type ImageReadError } from '../errors/image-read-error.js';
import { classifyFile, type FileFormat } from './classify-file.js';
import { readFileHeadSync } from './file-bytes.js';
import { DICOM_HEAD_BYTES, readDicomHeaderSync } from './read-dicom-header.js';
import { walkPaths } from './walk-paths.js';

/** Media Storage Directory Storage: the SOP class of a DICOMDIR. */
const DICOMDIR_SOP_CLASS = '1.2.840.10008.1.3.10';

/** A DICOMDIR names its SOP class in the File Meta group, within the first few hundred bytes. */
function isDicomdir(head: Uint8Array): boolean {
  const meta = Buffer.from(head.buffer, head.byteOffset, Math.min(head.length, 400)).toString('latin1', 128);
  const at = meta.indexOf(DICOMDIR_SOP_CLASS);
  // The UID must end there (padded with NUL or space), not continue as a longer UID.
  return at >= 0 && !/[0-9.]/.test(meta[at + DICOMDIR_SOP_CLASS.length] ?? '');
}

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
  const buffer = new Uint8Array(DICOM_HEAD_BYTES);
  for (const file of files) {
    try {
      const head = readFileHeadSync(file, buffer);
      const format = classifyFile(file, head.bytes);
      if (format === 'dicom' && isDicomdir(head.bytes))
        result.skipped.push({ file, reason: 'a DICOMDIR (media index), not an image' });
      else if (format === 'dicom') result.dicom.push(readDicomHeaderSync(file, head));
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
