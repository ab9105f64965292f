import type { readNifti } from '@voxelhub/core/nifti';

/** An image as core's readers give it (NIfTI, PNG and JPEG alike). */
export type DecodedVolume = ReturnType<typeof readNifti>;

/** The typed arrays Cornerstone3D renders, in stack and volume viewports alike. */
export type SliceArrayType = 'Uint8Array' | 'Int16Array' | 'Uint16Array' | 'Float32Array';

export type SliceArray = Uint8Array | Int16Array | Uint16Array | Float32Array;

/** How the slices handed to Cornerstone3D hold their samples, and the DICOM pixel attributes that say so. */
export interface PixelStorage {
  readonly arrayType: SliceArrayType;
  readonly bitsAllocated: 8 | 16 | 32;
  readonly pixelRepresentation: 0 | 1;
  readonly samplesPerPixel: 1 | 3;
  readonly photometricInterpretation: 'MONOCHROME1' | 'MONOCHROME2' | 'RGB';
}

const ARRAYS = { Uint8Array, Int16Array, Uint16Array, Float32Array } as const;

/**
 * The storage a volume's values keep exactly where Cornerstone3D has a type for them: 8 and 16-bit
 * integers as they are (int8 widened to int16), everything else (32-bit integers, floats, scaled NIfTI)
 * as float32. Colour is shown 8 bits per sample, as Cornerstone3D draws colour images.
 */
export function pixelStorageOf(
  volume: Pick<DecodedVolume, 'dataType' | 'samplesPerPixel' | 'photometricInterpretation'>,
): PixelStorage {
  const { samplesPerPixel, photometricInterpretation } = volume;
  if (samplesPerPixel === 3)
    return {
      arrayType: 'Uint8Array',
      bitsAllocated: 8,
      pixelRepresentation: 0,
      samplesPerPixel,
      photometricInterpretation: 'RGB',
    };
  const grey = { samplesPerPixel, photometricInterpretation } as const;
  switch (volume.dataType) {
    case 'uint8':
      return { ...grey, arrayType: 'Uint8Array', bitsAllocated: 8, pixelRepresentation: 0 };
    case 'uint16':
      return { ...grey, arrayType: 'Uint16Array', bitsAllocated: 16, pixelRepresentation: 0 };
    case 'int8':
    case 'int16':
      return { ...grey, arrayType: 'Int16Array', bitsAllocated: 16, pixelRepresentation: 1 };
    default:
      return { ...grey, arrayType: 'Float32Array', bitsAllocated: 32, pixelRepresentation: 1 };
  }
}

/** Columns × rows × samples of one slice. */
function sliceLength(volume: Pick<DecodedVolume, 'dims' | 'samplesPerPixel'>): number {
  return volume.dims[0] * volume.dims[1] * volume.samplesPerPixel;
}

/**
 * Slice `k` of the first timepoint, rows top to bottom, samples interleaved (RGBRGB…), in `storage`'s
 * array. 16-bit colour keeps its high byte.
 */
export function sliceSamples(
  volume: Pick<DecodedVolume, 'dims' | 'samplesPerPixel' | 'dataType' | 'data'>,
  k: number,
  storage: PixelStorage,
): SliceArray {
  const length = sliceLength(volume);
  const source = volume.data.subarray(k * length, (k + 1) * length);
  const out = new ARRAYS[storage.arrayType](length);
  if (storage.samplesPerPixel === 3 && volume.dataType === 'uint16') {
    for (let i = 0; i < length; i++) out[i] = source[i]! >> 8;
  } else out.set(source);
  return out;
}

/** The smallest and largest finite value of the first timepoint (NaN voxels of float images are skipped). */
export function valueRange(volume: Pick<DecodedVolume, 'dims' | 'samplesPerPixel' | 'data'>): {
  readonly min: number;
  readonly max: number;
} {
  const end = sliceLength(volume) * volume.dims[2];
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < end; i++) {
    const v = volume.data[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return Number.isFinite(min) ? { min, max } : { min: 0, max: 0 };
}
