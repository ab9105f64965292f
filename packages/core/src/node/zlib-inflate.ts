import { inflateRawSync } from 'node:zlib';
import { ImageReadError } from '../errors/image-read-error.js';

/** No deflated DICOM inflates past this, whatever limit the caller gives: Node's buffer ceiling. */
const MAX_INFLATED_BYTES = 2 ** 31 - 1;

/**
 * Raw inflate with Node's zlib (faster than fflate), stopped at `maxOutputLength` so that a
 * decompression bomb fails at once instead of eating memory.
 */
export function zlibInflateRaw(bytes: Uint8Array, maxOutputLength = MAX_INFLATED_BYTES): Uint8Array {
  const limit = Math.min(maxOutputLength, MAX_INFLATED_BYTES);
  try {
    const out = inflateRawSync(bytes, { maxOutputLength: limit });
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') {
      throw new ImageReadError('LIMIT_EXCEEDED', `the deflated dataset inflates to more than ${limit} bytes`);
    }
    throw new ImageReadError(
      'MALFORMED',
      `the deflated dataset does not inflate: ${(error as Error).message}`,
    );
  }
}
