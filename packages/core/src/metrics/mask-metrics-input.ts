import type { Index3 } from './voxel-box.js';

/** RangeErrors for inputs the mask metrics cannot use, naming the function (`caller`) and the input. */
export function checkMaskInputs(
  caller: string,
  ref: ArrayLike<number>,
  test: ArrayLike<number>,
  dims: Index3,
  spacing: readonly [number, number, number],
  tolerance: number | undefined,
): void {
  if (dims.length !== 3 || !dims.every((n) => Number.isInteger(n) && n > 0)) {
    throw new RangeError(`${caller}: dims must be three positive integers, got [${dims.join(', ')}]`);
  }
  const count = dims[0] * dims[1] * dims[2];
  if (ref.length !== count || test.length !== count) {
    throw new RangeError(
      `${caller}: dims [${dims.join(', ')}] need ${count} voxels; reference has ${ref.length}, test has ${test.length}`,
    );
  }
  if (spacing.length !== 3 || !spacing.every((s) => Number.isFinite(s) && s > 0)) {
    throw new RangeError(`${caller}: spacing must be three positive mm, got [${spacing.join(', ')}]`);
  }
  if (tolerance !== undefined && !(Number.isFinite(tolerance) && tolerance >= 0)) {
    throw new RangeError(`${caller}: tolerance must be a non-negative number of mm, got ${tolerance}`);
  }
}
