/**
 * Checks shared by the voxel-wise consensus methods: every reader's map covers the same voxels, and every
 * value is a label a Uint16 label map can hold. Done once up front so the per-voxel loops stay branch-free.
 */

/** The largest label a consensus label map can hold (Uint16). */
export const MAX_LABEL = 65535;

/** Throws unless there is at least one reader and all maps have the same length; returns that length. */
export function commonLength(maps: readonly ArrayLike<number>[], what: string): number {
  if (!Array.isArray(maps) || maps.length === 0)
    throw new RangeError(`${what}: give at least one reader's map`);
  const length = maps[0]!.length;
  maps.forEach((map, reader) => {
    if (map === null || typeof map !== 'object' || typeof map.length !== 'number')
      throw new TypeError(`${what}: reader ${reader}'s map is not an array of numbers`);
    if (map.length !== length)
      throw new RangeError(
        `${what}: reader ${reader}'s map has ${map.length} voxels, reader 0's has ${length}; all must cover the same voxels`,
      );
  });
  return length;
}

export function isLabel(value: number): boolean {
  return Number.isInteger(value) && value >= 0 && value <= MAX_LABEL;
}

/** Throws unless every voxel of every map is an integer label in 0…65535 (typed Uint8/Uint16 maps always are). */
export function checkLabelValues(maps: readonly ArrayLike<number>[], what: string): void {
  maps.forEach((map, reader) => {
    if (map instanceof Uint8Array || map instanceof Uint16Array) return;
    for (let i = 0; i < map.length; i++) {
      const value = map[i]!;
      if (!isLabel(value))
        throw new RangeError(
          `${what}: reader ${reader}, voxel ${i} holds ${value}; labels are integers in 0…${MAX_LABEL}`,
        );
    }
  });
}

/** Throws unless `labels` is a list of distinct non-zero labels (0 is background and cannot be voted for). */
export function checkLabelList(labels: readonly number[], what: string): void {
  if (!Array.isArray(labels)) throw new TypeError(`${what}: labels must be an array of numbers`);
  for (const label of labels) {
    if (!isLabel(label) || label === 0)
      throw new RangeError(`${what}: label ${label} is not an integer in 1…${MAX_LABEL} (0 is background)`);
  }
  if (new Set(labels).size !== labels.length) throw new RangeError(`${what}: labels must be distinct`);
}

/** A label map big enough for the largest label: Uint8 up to 255, Uint16 above. */
export function labelMapFor(maxLabel: number, length: number): Uint8Array | Uint16Array {
  return maxLabel > 255 ? new Uint16Array(length) : new Uint8Array(length);
}
