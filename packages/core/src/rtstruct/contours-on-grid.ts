import type { ImageGeometry } from '../volume/image-volume.js';
import { patientToIndex } from '../volume/patient-coordinates.js';
import type { RtContour } from './rt-structure-set.js';

/** A closed contour placed on one slice of an image grid: (i, j) pairs in continuous voxel index. */
export interface SliceContour {
  readonly slice: number;
  readonly geometricType: 'CLOSED_PLANAR' | 'CLOSEDPLANAR_XOR';
  /** i0, j0, i1, j1, …: the contour's points in the slice's index plane. */
  readonly points: Float64Array;
}

/** How far (in slices) a contour may lie off a slice's plane and still be on it: a thousandth of a slice. */
const ON_PLANE = 1e-3;

export type PlacedContour = { readonly placed: SliceContour } | { readonly skipped: string };

/**
 * A closed planar contour on the grid's slices: each point taken to voxel index space, and the contour
 * kept when every point lies on one slice plane (k within a thousandth of the same whole number). A
 * contour between slices, tilted across them (the grid is oblique to the contour plane), or outside the
 * grid is skipped with the reason: an RT structure set is drawn on its CT's slices, so anything else
 * means the wrong image was given.
 */
export function placeContour(contour: RtContour, geometry: ImageGeometry): PlacedContour {
  if (contour.geometricType !== 'CLOSED_PLANAR' && contour.geometricType !== 'CLOSEDPLANAR_XOR')
    return { skipped: `a ${contour.geometricType} contour is not an area` };
  const n = contour.points.length / 3;
  if (n < 3) return { skipped: `a closed contour of ${n} point(s)` };
  const points = new Float64Array(n * 2);
  let slice: number | undefined;
  for (let p = 0; p < n; p++) {
    const [i, j, k] = patientToIndex(geometry, [
      contour.points[3 * p]!,
      contour.points[3 * p + 1]!,
      contour.points[3 * p + 2]!,
    ]);
    const nearest = Math.round(k);
    if (Math.abs(k - nearest) > ON_PLANE)
      return { skipped: `point ${p + 1} lies between slices (k = ${k.toFixed(3)})` };
    if (slice === undefined) slice = nearest;
    else if (nearest !== slice) return { skipped: `the contour crosses slices ${slice} and ${nearest}` };
    points[2 * p] = i;
    points[2 * p + 1] = j;
  }
  if (slice! < 0 || slice! >= geometry.dims[2])
    return { skipped: `the contour is on slice ${slice}, outside the image's ${geometry.dims[2]} slices` };
  return { placed: { slice: slice!, geometricType: contour.geometricType, points } };
}
