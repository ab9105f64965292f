import type { LabelMap } from '@voxelhub/core/segmentation';

/**
 * Cornerstone keeps a stack segmentation as one labelmap image per stack image, each a row-major
 * columns × rows array (pixel (column, row) at column + columns·row). Core's LabelMap is one array with
 * voxel (i, j, k) at i + nx·(j + ny·k); with i = column, j = row and k = the stack index, slice k is the
 * contiguous run starting at k·columns·rows, so converting is copying slices end to end.
 */
export function labelMapFromSlices(
  slices: readonly ArrayLike<number>[],
  columns: number,
  rows: number,
): LabelMap {
  const sliceLength = columns * rows;
  let wide = false;
  for (const slice of slices) {
    if (slice.length !== sliceLength)
      throw new Error(`a labelmap slice has ${slice.length} values, ${columns}×${rows} expected`);
    if (!wide && slice instanceof Uint16Array) wide = true;
  }
  const voxels = wide
    ? new Uint16Array(sliceLength * slices.length)
    : new Uint8Array(sliceLength * slices.length);
  slices.forEach((slice, k) => {
    voxels.set(slice, k * sliceLength);
  });
  return { dims: [columns, rows, slices.length], voxels };
}

/** Slice k of a label map (a view, not a copy), in Cornerstone's labelmap image layout. */
export function sliceOfLabelMap(map: LabelMap, k: number): LabelMap['voxels'] {
  const [nx, ny, nz] = map.dims;
  if (!Number.isInteger(k) || k < 0 || k >= nz) throw new Error(`slice ${k} is outside 0–${nz - 1}`);
  const sliceLength = nx * ny;
  return map.voxels.subarray(k * sliceLength, (k + 1) * sliceLength);
}

/**
 * Why `map` cannot go onto a stack of `count` images of columns × rows with 8-bit labelmap images, or
 * undefined when it can. A map saved from another grid (another series, a resampled volume) is refused
 * rather than cropped.
 */
export function labelMapMismatch(
  map: LabelMap,
  columns: number,
  rows: number,
  count: number,
): string | undefined {
  const [nx, ny, nz] = map.dims;
  if (nx !== columns || ny !== rows || nz !== count)
    return `the label map is ${nx}×${ny}×${nz}, the series ${columns}×${rows}×${count}`;
  if (map.voxels.length !== nx * ny * nz)
    return `the label map has ${map.voxels.length} voxels, its dimensions say ${nx * ny * nz}`;
  if (map.voxels instanceof Uint16Array) {
    // Cornerstone's stack labelmap images are 8-bit: segment values above 255 would wrap.
    for (const value of map.voxels) if (value > 255) return `segment ${value} is above 255`;
  }
  return undefined;
}
