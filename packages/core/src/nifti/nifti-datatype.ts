import type { DataType } from '../volume/data-type.js';

/** How a NIfTI datatype code maps onto the image model: storage type and samples per voxel. */
export interface NiftiVoxelType {
  readonly code: number;
  readonly name: string;
  readonly dataType: DataType;
  readonly samplesPerPixel: 1 | 3;
  /** Bytes of one voxel in the file (all samples). */
  readonly bytes: number;
}

const SUPPORTED: readonly NiftiVoxelType[] = [
  { code: 2, name: 'uint8', dataType: 'uint8', samplesPerPixel: 1, bytes: 1 },
  { code: 4, name: 'int16', dataType: 'int16', samplesPerPixel: 1, bytes: 2 },
  { code: 8, name: 'int32', dataType: 'int32', samplesPerPixel: 1, bytes: 4 },
  { code: 16, name: 'float32', dataType: 'float32', samplesPerPixel: 1, bytes: 4 },
  { code: 64, name: 'float64', dataType: 'float64', samplesPerPixel: 1, bytes: 8 },
  { code: 128, name: 'RGB24', dataType: 'uint8', samplesPerPixel: 3, bytes: 3 },
  { code: 256, name: 'int8', dataType: 'int8', samplesPerPixel: 1, bytes: 1 },
  { code: 512, name: 'uint16', dataType: 'uint16', samplesPerPixel: 1, bytes: 2 },
  { code: 768, name: 'uint32', dataType: 'uint32', samplesPerPixel: 1, bytes: 4 },
];

/** Codes the standard defines that Voxelhub does not read, named for error messages. */
const UNSUPPORTED_NAMES: Readonly<Record<number, string>> = {
  0: 'unknown',
  1: 'binary (1 bit)',
  32: 'complex64',
  1024: 'int64',
  1280: 'uint64',
  1536: 'float128',
  1792: 'complex128',
  2048: 'complex256',
  2304: 'RGBA32',
};

export function niftiVoxelType(code: number): NiftiVoxelType | undefined {
  return SUPPORTED.find((t) => t.code === code);
}

export function niftiDatatypeName(code: number): string {
  return niftiVoxelType(code)?.name ?? UNSUPPORTED_NAMES[code] ?? `code ${code}`;
}

/** The datatype code that stores `dataType` (RGB24 when there are three samples). */
export function niftiVoxelTypeFor(dataType: DataType, samplesPerPixel: 1 | 3): NiftiVoxelType {
  const found = SUPPORTED.find((t) => t.dataType === dataType && t.samplesPerPixel === samplesPerPixel);
  if (!found) throw new RangeError(`NIfTI cannot store ${samplesPerPixel}-sample ${dataType} voxels`);
  return found;
}
