import { ImageReadError } from '../errors/image-read-error.js';
import { type DataType, type VoxelArray, voxelView } from '../volume/data-type.js';
import type { NiftiVoxelType } from './nifti-datatype.js';

const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Reverses the bytes of each `size`-byte element in place. */
function swapBytes(bytes: Uint8Array, size: number): void {
  for (let i = 0; i + size <= bytes.length; i += size) {
    for (let a = i, b = i + size - 1; a < b; a++, b--) {
      const t = bytes[a]!;
      bytes[a] = bytes[b]!;
      bytes[b] = t;
    }
  }
}

export interface Scaling {
  readonly slope: number;
  readonly inter: number;
}

/**
 * The type that holds scaled values: float64 for float64 input and for 32-bit integers (which
 * float32 cannot hold exactly), float32 otherwise.
 */
export function scaledType(dataType: DataType): 'float32' | 'float64' {
  return dataType === 'float64' || dataType === 'int32' || dataType === 'uint32' ? 'float64' : 'float32';
}

/**
 * The voxels at `offset` in `source` as a new typed array in host byte order, with
 * value·slope + inter applied when `scaling` is given. The caller has checked the length;
 * it is checked again here because a short read would silently give a short image.
 */
export function readVoxels(
  source: Uint8Array,
  offset: number,
  voxels: number,
  type: NiftiVoxelType,
  littleEndian: boolean,
  scaling?: Scaling,
): VoxelArray {
  const byteLength = voxels * type.bytes;
  if (offset + byteLength > source.length) {
    throw new ImageReadError(
      'TRUNCATED',
      `NIfTI voxels need ${byteLength} bytes from byte ${offset}; the data has ${source.length}`,
    );
  }
  // A copy, never a view: the input stays untouched, and the copy is aligned for the typed array.
  // (Not source.slice(): on a Node Buffer that returns a view.)
  const copy = new Uint8Array(byteLength);
  copy.set(source.subarray(offset, offset + byteLength));
  const elementSize = type.bytes / type.samplesPerPixel;
  if (elementSize > 1 && littleEndian !== HOST_LITTLE_ENDIAN) swapBytes(copy, elementSize);
  const raw = voxelView(type.dataType, copy.buffer, 0, voxels * type.samplesPerPixel);
  if (!scaling) return raw;
  const out =
    scaledType(type.dataType) === 'float64' ? new Float64Array(raw.length) : new Float32Array(raw.length);
  const { slope, inter } = scaling;
  for (let i = 0; i < raw.length; i++) out[i] = raw[i]! * slope + inter;
  return out;
}

/** The bytes of `data` in little-endian order (a view when the host is little-endian). */
export function littleEndianBytes(data: VoxelArray): Uint8Array {
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (HOST_LITTLE_ENDIAN || data.BYTES_PER_ELEMENT === 1) return bytes;
  const copy = bytes.slice();
  swapBytes(copy, data.BYTES_PER_ELEMENT);
  return copy;
}
