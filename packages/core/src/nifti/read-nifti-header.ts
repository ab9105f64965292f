import { ImageReadError } from '../errors/image-read-error.js';
import { FieldReader } from './field-reader.js';
import { type GunzipOptions, maybeGunzip } from './gunzip.js';
import type { NiftiHeader } from './nifti-header.js';
import { decodeNifti1 } from './nifti1-layout.js';
import { decodeNifti2 } from './nifti2-layout.js';

/** Version and byte order from sizeof_hdr, which is 348 or 540 read in the file's byte order. */
function detectFormat(bytes: Uint8Array): { version: 1 | 2; littleEndian: boolean } {
  if (bytes.length < 4) throw new ImageReadError('NOT_NIFTI', `${bytes.length} bytes is too short for NIfTI`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, 4);
  for (const littleEndian of [true, false]) {
    const size = view.getInt32(0, littleEndian);
    if (size === 348) return { version: 1, littleEndian };
    if (size === 540) return { version: 2, littleEndian };
  }
  throw new ImageReadError(
    'NOT_NIFTI',
    'sizeof_hdr is neither 348 (NIfTI-1) nor 540 (NIfTI-2) in either byte order',
  );
}

function validate(header: NiftiHeader): void {
  const rank = header.dim[0]!;
  if (!(rank >= 1 && rank <= 7)) {
    throw new ImageReadError('INVALID_ATTRIBUTE', `NIfTI dim[0] is ${rank}; it must be 1 to 7`);
  }
  for (let i = 1; i <= rank; i++) {
    if (!(header.dim[i]! >= 1)) {
      throw new ImageReadError(
        'INVALID_ATTRIBUTE',
        `NIfTI dim[${i}] is ${header.dim[i]}; sizes must be positive`,
      );
    }
  }
  if (!Number.isFinite(header.voxOffset) || header.voxOffset < 0) {
    throw new ImageReadError('INVALID_ATTRIBUTE', `NIfTI vox_offset is ${header.voxOffset}`);
  }
}

/**
 * Parses a NIfTI-1 or NIfTI-2 header (either byte order; gzip is undone first) from a .nii, a .nii.gz
 * or a header-only .hdr. Throws ImageReadError on anything that is not a usable header.
 */
export function readNiftiHeader(
  bytes: Uint8Array,
  options: GunzipOptions & { file?: string } = {},
): NiftiHeader {
  try {
    return parse(bytes, options);
  } catch (error) {
    if (error instanceof ImageReadError && options.file) throw error.withFile(options.file);
    throw error;
  }
}

function parse(bytes: Uint8Array, options: GunzipOptions): NiftiHeader {
  const data = maybeGunzip(bytes, options);
  const { version, littleEndian } = detectFormat(data);
  const size = version === 1 ? 348 : 540;
  if (data.length < size) {
    throw new ImageReadError(
      'TRUNCATED',
      `NIfTI-${version} header needs ${size} bytes; the file has ${data.length}`,
    );
  }
  const reader = new FieldReader(data, littleEndian);
  const header = version === 1 ? decodeNifti1(reader) : decodeNifti2(reader);
  validate(header);
  return header;
}
