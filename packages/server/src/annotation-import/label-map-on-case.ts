import type { ImageGeometry } from '@voxelhub/core';
import { type LabelMap, labelMapOntoGrid } from '@voxelhub/core/segmentation';
import type { ImportCase } from './project-cases.js';

/** Millimetres (and direction cosines) within which two grids are the same grid. */
const TOLERANCE = 1e-3;

function sameGrid(a: ImageGeometry, b: ImageGeometry): boolean {
  const close = (x: readonly number[], y: readonly number[]) =>
    x.every((v, i) => Math.abs(v - y[i]!) <= TOLERANCE);
  return (
    a.dims.every((d, i) => d === b.dims[i]) &&
    close(a.spacing, b.spacing) &&
    close(a.origin, b.origin) &&
    close(a.direction, b.direction)
  );
}

function labelledVoxels(map: LabelMap): number {
  let n = 0;
  for (const v of map.voxels) if (v !== 0) n++;
  return n;
}

/**
 * A label map read from a file, on the case's grid, where the viewer paints and the label-map blobs of
 * the case live. The same grid is taken as it is; another grid is resampled (nearest voxel centre in
 * patient space, core's labelMapOntoGrid), as a DICOM SEG that leaves out empty frames must be. Refused,
 * with the reason, when the case has no grid or no labelled voxel lands on it.
 */
export function labelMapOnCase(map: LabelMap, from: ImageGeometry, c: ImportCase): LabelMap | string {
  const to = c.geometry;
  if (!to) return `${c.kind} ${c.id} has no stored voxel grid to place a label map on`;
  if (sameGrid(from, to)) return map;
  const moved = labelMapOntoGrid(map, from, to);
  if (labelledVoxels(map) > 0 && labelledVoxels(moved) === 0)
    return (
      `the label map's grid (${from.dims.join('×')} voxels at origin ${from.origin.map((v) => v.toFixed(1)).join(', ')}) ` +
      `does not overlap ${c.kind} ${c.id} (${to.dims.join('×')} at ${to.origin.map((v) => v.toFixed(1)).join(', ')})`
    );
  return moved;
}

/** The distinct non-zero values of a label map, ascending. */
export function labelValues(map: LabelMap): number[] {
  const seen = new Set<number>();
  for (const v of map.voxels) if (v !== 0) seen.add(v);
  return [...seen].sort((a, b) => a - b);
}
