import { readNifti } from '@voxelhub/core/nifti';
import { readRasterImage } from '@voxelhub/core/raster';
import { decodeJpegInBrowser } from './browser-jpeg-decoder.js';
import type { DecodedVolume } from './pixel-storage.js';

/**
 * Decodes a stored file with the readers the server imported it with: NIfTI (.nii or .nii.gz, gunzipped
 * by core's fflate path), PNG (fast-png: grey, 16-bit, palette, RGB) and JPEG (core's header checks,
 * the browser's decoder), so the browser shows the voxels the server measured.
 */
export async function decodeApiImage(
  format: string,
  bytes: Uint8Array,
  name: string,
): Promise<DecodedVolume> {
  switch (format) {
    case 'nifti':
      return readNifti(bytes, { file: name });
    case 'png':
    case 'jpeg':
      return readRasterImage(bytes, { file: name, decodeJpeg: decodeJpegInBrowser });
    default:
      throw new Error(`${name}: the viewer opens NIfTI, PNG and JPEG files here, not ${format}`);
  }
}
