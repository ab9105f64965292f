import { ImageReadError, type NiftiHeader, niftiDatatypeName, readNiftiHeader } from '@voxelhub/core';
import { ApiError } from '../errors/api-error.js';

/** A label map's voxel grid, columns × rows × slices. */
export type LabelMapDims = [number, number, number];

/** Integer voxel types a label map may use (segment indices), by NIfTI datatype code: bytes per voxel. */
const LABEL_VOXEL_BYTES: ReadonlyMap<number, number> = new Map([
  [2, 1], // uint8
  [256, 1], // int8
  [4, 2], // int16
  [512, 2], // uint16
  [8, 4], // int32
  [768, 4], // uint32
]);

/** Enough bytes for either header version (NIfTI-2's is 540). */
const HEADER_BYTES = 540;

interface Layout {
  readonly dims: LabelMapDims;
  /** Header, extensions and voxels: what the whole (decompressed) file must measure. */
  readonly fileBytes: number;
}

/**
 * Checks a NIfTI label map as its decompressed bytes stream past, without keeping them: a single-file
 * NIfTI-1 or NIfTI-2 header, an integer voxel type, a 3D grid (trailing dimensions of 1 allowed), and
 * exactly as many bytes as the header declares. Failures are VALIDATION_FAILED naming what is wrong; a
 * header declaring more than `maxFileBytes` is refused as soon as it is read.
 */
export class LabelMapInspector {
  private readonly maxFileBytes: number;
  private head: Uint8Array = new Uint8Array(0);
  private layout: Layout | undefined;
  private seen = 0;

  constructor(maxFileBytes: number) {
    this.maxFileBytes = maxFileBytes;
  }

  push(bytes: Uint8Array): void {
    this.seen += bytes.length;
    if (this.layout === undefined && this.head.length < HEADER_BYTES) {
      this.head = concat(this.head, bytes.subarray(0, HEADER_BYTES - this.head.length));
      if (this.head.length >= HEADER_BYTES) this.layout = layoutOf(this.head, this.maxFileBytes);
    }
    if (this.layout && this.seen > this.layout.fileBytes)
      throw invalid(`it holds more bytes than its header declares (${this.layout.fileBytes})`);
  }

  /** Call when the file has ended: its grid, or VALIDATION_FAILED if it was cut short. */
  finish(): LabelMapDims {
    this.layout ??= layoutOf(this.head, this.maxFileBytes);
    if (this.seen !== this.layout.fileBytes)
      throw invalid(`it is truncated: ${this.seen} bytes where its header declares ${this.layout.fileBytes}`);
    return this.layout.dims;
  }
}

function layoutOf(head: Uint8Array, maxFileBytes: number): Layout {
  const header = parseHeader(head);
  if (!header.singleFile)
    throw invalid('it is a header of a .hdr/.img pair; send a single-file .nii (or .nii.gz)');
  const bytesPerVoxel = LABEL_VOXEL_BYTES.get(header.datatype);
  if (bytesPerVoxel === undefined)
    throw invalid(
      `its voxels are ${niftiDatatypeName(header.datatype)}; a label map holds integers (uint8, int16 or uint16, say)`,
    );
  const dims = gridOf(header);
  const minimumOffset = header.headerSize + 4;
  if (!Number.isSafeInteger(header.voxOffset) || header.voxOffset < minimumOffset)
    throw invalid(`its vox_offset ${header.voxOffset} is not a whole number of at least ${minimumOffset}`);
  const fileBytes = header.voxOffset + dims[0] * dims[1] * dims[2] * bytesPerVoxel;
  if (!Number.isSafeInteger(fileBytes) || fileBytes > maxFileBytes)
    throw new ApiError(
      'PAYLOAD_TOO_LARGE',
      `the label map's header declares ${dims.join('×')} voxels, more than the ${maxFileBytes} bytes a label map may hold`,
    );
  return { dims, fileBytes };
}

function parseHeader(head: Uint8Array): NiftiHeader {
  try {
    return readNiftiHeader(head);
  } catch (error) {
    if (error instanceof ImageReadError) throw invalid(error.message);
    throw error;
  }
}

/** dim[1..3], refusing a fourth or later dimension larger than 1. */
function gridOf(header: NiftiHeader): LabelMapDims {
  const rank = header.dim[0]!;
  for (let i = 4; i <= rank; i++) {
    if (header.dim[i] !== 1)
      throw invalid(
        `it has ${rank} dimensions (${header.dim.slice(1, rank + 1).join('×')}); a label map is 3D`,
      );
  }
  const size = (i: number) => (i <= rank ? header.dim[i]! : 1);
  return [size(1), size(2), size(3)];
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

export function invalid(why: string): ApiError {
  return new ApiError('VALIDATION_FAILED', `the body is not a usable NIfTI label map: ${why}`);
}
