import { type InstanceHeader, readInstanceHeader } from '../dicom/instance-header.js';
import { parseDicom } from '../dicom/parse-dicom.js';
import { ImageReadError } from '../errors/image-read-error.js';
import { type FileHead, readFileHeadSync, readWholeFileSync } from './file-bytes.js';
import { zlibInflateRaw } from './zlib-inflate.js';

/** Most headers fit here; longer ones (big private blocks, enhanced multi-frame) are read whole. */
export const DICOM_HEAD_BYTES = 8 * 1024;

/**
 * The header of a DICOM file from its first bytes when the header fits in them, so that indexing a
 * folder does not read pixel data; otherwise from the whole file.
 */
export function readDicomHeaderSync(path: string, head?: FileHead): InstanceHeader {
  const { bytes, size } = head ?? readFileHeadSync(path, new Uint8Array(DICOM_HEAD_BYTES));
  if (bytes.length < size) {
    try {
      const parsed = parseDicom(bytes, { file: path, untilPixelData: true, inflateRaw: zlibInflateRaw });
      // Only a parse that reached Pixel Data has seen the whole header.
      if (parsed.dataSet.elements.x7fe00010)
        return readInstanceHeader(parsed.dataSet, path, parsed.transferSyntaxUID);
    } catch (error) {
      if (!(error instanceof ImageReadError) || error.code === 'NOT_DICOM') throw error;
      // The header runs past the bytes read: read the whole file below.
    }
  }
  const whole = bytes.length < size ? readWholeFileSync(path) : bytes;
  const parsed = parseDicom(whole, { file: path, untilPixelData: true, inflateRaw: zlibInflateRaw });
  return readInstanceHeader(parsed.dataSet, path, parsed.transferSyntaxUID);
}

export async function readDicomHeader(path: string, head?: FileHead): Promise<InstanceHeader> {
  return readDicomHeaderSync(path, head);
}
