/**
 * A label map: one segment number per voxel, x fastest — voxel (i, j, k) at i + nx·(j + ny·k). 0 is
 * background, n is segment n. The geometry that places it in patient space travels separately
 * (an ImageGeometry), so the mask editor can share one with the image it is drawn on.
 */
export interface LabelMap {
  readonly dims: readonly [number, number, number];
  readonly voxels: Uint8Array | Uint16Array;
}

/** Checks that the voxels fill the dims exactly; a mismatch is a caller's bug, not bad input. */
export function assertValidLabelMap(map: LabelMap): void {
  const [nx, ny, nz] = map.dims;
  if (![nx, ny, nz].every((d) => Number.isInteger(d) && d > 0)) {
    throw new RangeError(`label map dims must be positive integers: ${map.dims.join('×')}`);
  }
  if (map.voxels.length !== nx * ny * nz) {
    throw new RangeError(
      `label map has ${map.voxels.length} voxels, dims ${map.dims.join('×')} say ${nx * ny * nz}`,
    );
  }
}

/** Checks that `segment` is a segment number the map's voxel type can hold (never 0, the background). */
export function assertSegmentNumber(map: LabelMap, segment: number): void {
  const max = map.voxels instanceof Uint8Array ? 0xff : 0xffff;
  if (!Number.isInteger(segment) || segment < 1 || segment > max) {
    throw new RangeError(`segment must be an integer from 1 to ${max}, not ${segment}`);
  }
}
