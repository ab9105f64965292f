import type { InstanceHeader } from '../dicom/instance-header.js';
import { asReadError, type ImageReadError } from '../errors/image-read-error.js';
import { classifyFile, type FileFormat } from './classify-file.js';
import { readFileHeadSync } from './file-bytes.js';
import { readDicomHeaderSync } from './read-dicom-header.js';

/** Media Storage Directory Storage: the SOP class of a DICOMDIR. */
const DICOMDIR_SOP_CLASS = '1.2.840.10008.1.3.10';

/** A DICOMDIR names its SOP class in the File Meta group, within the first few hundred bytes. */
function isDicomdir(head: Uint8Array): boolean {
  const meta = Buffer.from(head.buffer, head.byteOffset, Math.min(head.length, 400)).toString('latin1', 128);
  const at = meta.indexOf(DICOMDIR_SOP_CLASS);
  // The UID must end there (padded with NUL or space), not continue as a longer UID.
  return at >= 0 && !/[0-9.]/.test(meta[at + DICOMDIR_SOP_CLASS.length] ?? '');
}

/** What one file turned out to be. */
export type ScannedEntry =
  | { readonly kind: 'dicom'; readonly header: InstanceHeader }
  | { readonly kind: 'image'; readonly format: Exclude<FileFormat, 'dicom' | 'other'> }
  | { readonly kind: 'skipped'; readonly reason: string }
  | { readonly kind: 'failed'; readonly error: ImageReadError };

/** Classifies one file from its first bytes (read into `buffer`) and parses its header if it is DICOM. */
export function scanFile(file: string, buffer: Uint8Array): ScannedEntry {
  try {
    const head = readFileHeadSync(file, buffer);
    const format = classifyFile(file, head.bytes);
    if (format === 'dicom' && isDicomdir(head.bytes)) {
      return { kind: 'skipped', reason: 'a DICOMDIR (media index), not an image' };
    }
    if (format === 'dicom') return { kind: 'dicom', header: readDicomHeaderSync(file, head) };
    if (format === 'other') return { kind: 'skipped', reason: 'not DICOM, NIfTI, PNG or JPEG' };
    return { kind: 'image', format };
  } catch (error) {
    return { kind: 'failed', error: asReadError(error, 'IO', file) };
  }
}
