/** Voxel storage types, named as NumPy and nibabel name them. */
export type DataType = 'uint8' | 'int8' | 'uint16' | 'int16' | 'uint32' | 'int32' | 'float32' | 'float64';

export type VoxelArray =
  | Uint8Array
  | Int8Array
  | Uint16Array
  | Int16Array
  | Uint32Array
  | Int32Array
  | Float32Array
  | Float64Array;

const constructors = {
  uint8: Uint8Array,
  int8: Int8Array,
  uint16: Uint16Array,
  int16: Int16Array,
  uint32: Uint32Array,
  int32: Int32Array,
  float32: Float32Array,
  float64: Float64Array,
} as const;

export function allocateVoxels(dataType: DataType, length: number): VoxelArray {
  return new constructors[dataType](length);
}

/** A typed view of `buffer` (no copy); `byteOffset` must be aligned to the element size. */
export function voxelView(
  dataType: DataType,
  buffer: ArrayBuffer,
  byteOffset: number,
  length: number,
): VoxelArray {
  return new constructors[dataType](buffer, byteOffset, length);
}

export function bytesPerVoxel(dataType: DataType): number {
  return constructors[dataType].BYTES_PER_ELEMENT;
}

export function dataTypeOf(array: VoxelArray): DataType {
  for (const [name, ctor] of Object.entries(constructors)) {
    if (array instanceof ctor) return name as DataType;
  }
  throw new TypeError('not a voxel array');
}

const ranges: Record<DataType, readonly [number, number]> = {
  uint8: [0, 255],
  int8: [-128, 127],
  uint16: [0, 65535],
  int16: [-32768, 32767],
  uint32: [0, 4294967295],
  int32: [-2147483648, 2147483647],
  float32: [-3.4028234663852886e38, 3.4028234663852886e38],
  float64: [-Number.MAX_VALUE, Number.MAX_VALUE],
};

export function dataTypeRange(dataType: DataType): readonly [number, number] {
  return ranges[dataType];
}

/** The smallest integer type holding [min, max] exactly, or undefined when none of 8–32 bits does. */
export function smallestIntegerType(min: number, max: number): DataType | undefined {
  const order: DataType[] = ['uint8', 'int8', 'uint16', 'int16', 'uint32', 'int32'];
  return order.find((t) => min >= ranges[t][0] && max <= ranges[t][1]);
}
