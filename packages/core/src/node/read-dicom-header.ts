import { type InstanceHeader, readInstanceHeader } from '../dicom/instance-header.js';
import { parseDicom } from '../dicom/parse-dicom.js';
import { ImageReadError } from '../errors/image-read-error.js';
import { readFileHead, readWholeFile } from './file-bytes.js';
import { zlibInflateRaw } from './zlib-inflate.js';

/** Most headers fit here; longer ones (big private blocks, enhanced multi-frame) are read whole. */
const HEAD_BYTES = 16 * 1024;

/**
 * The header of a DICOM file, reading only its first bytes when the header fits in them, so that
 * indexing a folder does not read pixel data.
 */
export async function readDicomHeader(
  path: string,
  head?: { bytes: Uint8Array; size: number },
): Promise<InstanceHeader> {
  const { bytes, size } = head ?? (await readFileHead(path, HEAD_BYTES));
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
  const whole = bytes.length < size ? await readWholeFile(path) : bytes;
  const parsed = parseDicom(whole, { file: path, untilPixelData: true, inflateRaw: zlibInflateRaw });
  return readInstanceHeader(parsed.dataSet, path, parsed.transferSyntaxUID);
}
