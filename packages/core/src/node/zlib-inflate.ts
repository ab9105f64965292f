import { inflateRawSync } from 'node:zlib';
import { ImageReadError } from '../errors/image-read-error.js';

/** Deflated DICOM larger than this after inflation is refused: a decompression bomb, not an image. */
const MAX_INFLATED_BYTES = 2 ** 31 - 1;

/** Raw inflate with Node's zlib (faster than fflate), capped so that a bomb fails instead of eating memory. */
export function zlibInflateRaw(bytes: Uint8Array): Uint8Array {
  try {
    const out = inflateRawSync(bytes, { maxOutputLength: MAX_INFLATED_BYTES });
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') {
      throw new ImageReadError('LIMIT_EXCEEDED', 'the deflated dataset inflates to more than 2 GiB');
    }
    throw new ImageReadError(
      'MALFORMED',
      `the deflated dataset does not inflate: ${(error as Error).message}`,
    );
  }
}
