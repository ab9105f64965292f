import { gzipSync } from 'fflate';
import { ImageReadError } from '../errors/image-read-error.js';
import { isGzip, maybeGunzip } from '../nifti/gunzip.js';
import { minimumVoxOffset, type NiftiHeader } from '../nifti/nifti-header.js';
import { readNiftiHeader } from '../nifti/read-nifti-header.js';
import { listNiftiExtensions, type NiftiExtensionFound } from './nifti-extensions.js';
import { blankNiftiTextFields } from './nifti-text-fields.js';
import type { ScrubbedFile } from './scrubbed-file.js';

export interface NiftiScrubReport {
  readonly format: 'NIfTI-1' | 'NIfTI-2';
  /** A .hdr of a .hdr/.img pair (its voxels are in the .img, which holds no text). */
  readonly headerOnly: boolean;
  readonly gzipped: boolean;
  /** Header text fields that held any byte, now NUL-filled (e.g. descrip, aux_file, intent_name). */
  readonly clearedFields: readonly string[];
  /** Header extensions dropped; ecode -1 stands for bytes that were not a well-formed extension. */
  readonly extensions: readonly NiftiExtensionFound[];
  /** Bytes after the voxel data, which no reader uses, dropped. */
  readonly trailingBytes: number;
  /** The gzip header named the original file or held a comment; the new one holds neither, nor a time. */
  readonly gzipHeaderText: boolean;
}

const VOX_OFFSET_NIFTI1 = 108;
const VOX_OFFSET_NIFTI2 = 168;
const GZIP_FNAME = 0x08;
const GZIP_FCOMMENT = 0x10;

/**
 * De-identifies a NIfTI-1 or NIfTI-2 file (.nii, .nii.gz, or the .hdr of a pair) without touching
 * its voxels or geometry: every header text field is NUL-filled, all header extensions are dropped
 * (extension flag 0, vox_offset 352 or 544, voxels moved up), and any bytes after the voxels go.
 * The byte order is kept; gzipped input comes back gzipped, with no file name or time in its header.
 * Throws ImageReadError (NOT_NIFTI, TRUNCATED, CODEC_FAILED, ...) for input that is not such a file.
 */
export function scrubNifti(bytes: Uint8Array): ScrubbedFile<NiftiScrubReport> {
  const gzipped = isGzip(bytes);
  const data = maybeGunzip(bytes);
  const header = readNiftiHeader(data);
  const head = data.slice(0, header.headerSize);
  const clearedFields = blankNiftiTextFields(head, header.version);
  const body = header.singleFile ? singleFileBody(data, header) : headerOnlyBody(data, header);
  if (header.singleFile) writeVoxOffset(head, header);
  const out = new Uint8Array(head.length + 4 + body.voxels.length);
  out.set(head, 0); // the 4 extender bytes after it stay 0: no extensions follow
  out.set(body.voxels, head.length + 4);
  const report: NiftiScrubReport = {
    format: header.version === 1 ? 'NIfTI-1' : 'NIfTI-2',
    headerOnly: !header.singleFile,
    gzipped,
    clearedFields,
    extensions: listNiftiExtensions(body.extensionArea, header.littleEndian),
    trailingBytes: body.trailingBytes,
    gzipHeaderText: gzipped && (bytes[3]! & (GZIP_FNAME | GZIP_FCOMMENT)) !== 0,
  };
  // mtime 0: the same input always gives the same bytes, and no time of day leaks.
  return { bytes: gzipped ? gzipSync(out, { mtime: 0 }) : out, report };
}

interface NiftiBody {
  readonly extensionArea: Uint8Array;
  readonly voxels: Uint8Array;
  readonly trailingBytes: number;
}

function headerOnlyBody(data: Uint8Array, header: NiftiHeader): NiftiBody {
  return { extensionArea: data.subarray(header.headerSize + 4), voxels: new Uint8Array(0), trailingBytes: 0 };
}

/** The voxels of a .nii and what lies before and after them. */
function singleFileBody(data: Uint8Array, header: NiftiHeader): NiftiBody {
  // A vox_offset inside the header is read as the minimum by nibabel and nifti1_io alike.
  const start = Math.max(Math.trunc(header.voxOffset), minimumVoxOffset(header.version));
  const size = voxelBytes(header);
  if (start + size > data.length) {
    throw new ImageReadError(
      'TRUNCATED',
      `NIfTI voxel data needs ${size} bytes from vox_offset ${start}; the file has ${data.length} bytes in all`,
    );
  }
  return {
    extensionArea: data.subarray(header.headerSize + 4, start),
    voxels: data.subarray(start, start + size),
    trailingBytes: data.length - start - size,
  };
}

/** Bytes of voxel data the header declares: every dimension up to dim[0], bitpix bits each. */
function voxelBytes(header: NiftiHeader): number {
  if (!(header.bitpix > 0)) {
    throw new ImageReadError('INVALID_ATTRIBUTE', `NIfTI bitpix is ${header.bitpix}; it must be positive`);
  }
  let voxels = 1;
  for (let i = 1; i <= header.dim[0]!; i++) voxels *= header.dim[i]!;
  const size = Math.ceil((voxels * header.bitpix) / 8);
  if (!Number.isSafeInteger(size)) {
    throw new ImageReadError('LIMIT_EXCEEDED', `NIfTI dims ${header.dim.join('×')} are too large`);
  }
  return size;
}

/** vox_offset = the end of the header and its 4-byte extender, in the file's own byte order. */
function writeVoxOffset(head: Uint8Array, header: NiftiHeader): void {
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const offset = minimumVoxOffset(header.version);
  if (header.version === 1) view.setFloat32(VOX_OFFSET_NIFTI1, offset, header.littleEndian);
  else view.setBigInt64(VOX_OFFSET_NIFTI2, BigInt(offset), header.littleEndian);
}
