import type { ImageGeometry } from '../volume/image-volume.js';
import { placeContour, type SliceContour } from './contours-on-grid.js';
import { type ContourCombination, rasteriseSliceContours } from './rasterise-contours.js';
import type { RtRoi, RtStructureSet } from './rt-structure-set.js';

export interface RtstructClass {
  /** The voxel value of this ROI in the label map: 1, 2, … in the order of the ROIs that have an area. */
  readonly value: number;
  readonly roiNumber: number;
  readonly name: string;
  readonly colour?: readonly [number, number, number];
  readonly voxels: number;
}

export interface RtstructLabelMap {
  /** x fastest, on the given grid; Uint16 past 255 classes. */
  readonly labelMap: Uint8Array | Uint16Array;
  readonly classes: readonly RtstructClass[];
  /** Voxels two ROIs claim: the later ROI (higher value) keeps them. */
  readonly overlappingVoxels: number;
  /** Contours (or whole ROIs) left out, and why. */
  readonly skipped: readonly { readonly roi: string; readonly reason: string }[];
}

function slicesOf(roi: RtRoi, geometry: ImageGeometry, skipped: { roi: string; reason: string }[]) {
  const bySlice = new Map<number, SliceContour[]>();
  roi.contours.forEach((contour, c) => {
    const placed = placeContour(contour, geometry);
    if ('skipped' in placed) {
      // Points are markers (isocentres and the like), not areas: not worth a line each.
      if (contour.geometricType !== 'POINT')
        skipped.push({ roi: roi.name, reason: `contour ${c + 1}: ${placed.skipped}` });
      return;
    }
    const list = bySlice.get(placed.placed.slice) ?? [];
    list.push(placed.placed);
    bySlice.set(placed.placed.slice, list);
  });
  return bySlice;
}

/**
 * The closed contours of a structure set as one label map on an image's grid (the CT it was drawn on):
 * each ROI's contours are filled slice by slice (see RtstructLabelMapOptions for how they combine), and
 * ROIs become values 1, 2, … in their order. ROIs with no closed contour on the grid (points, lines) are
 * listed in `skipped`.
 */
export interface RtstructLabelMapOptions {
  /**
   * How CLOSED_PLANAR contours of one ROI on one slice combine. The standard says `union` (holes are
   * keyholes), the default; some planning systems draw holes as nested CLOSED_PLANAR contours, which
   * `xor` reads as holes. CLOSEDPLANAR_XOR contours are always combined by XOR.
   */
  readonly closedPlanar?: ContourCombination;
}

export function rtstructLabelMap(
  structure: RtStructureSet,
  geometry: ImageGeometry,
  options: RtstructLabelMapOptions = {},
): RtstructLabelMap {
  const [nx, ny, nz] = geometry.dims;
  const planeSize = nx * ny;
  const areas = structure.rois.filter((roi) =>
    roi.contours.some((c) => c.geometricType === 'CLOSED_PLANAR' || c.geometricType === 'CLOSEDPLANAR_XOR'),
  );
  const labelMap = areas.length > 255 ? new Uint16Array(planeSize * nz) : new Uint8Array(planeSize * nz);
  const plane = new Uint8Array(planeSize);
  const skipped: { roi: string; reason: string }[] = structure.rois
    .filter((roi) => !areas.includes(roi))
    .map((roi) => ({ roi: roi.name, reason: 'it has no closed contour (points or lines only)' }));
  const classes: RtstructClass[] = [];
  let overlappingVoxels = 0;
  areas.forEach((roi, index) => {
    const value = index + 1;
    let voxels = 0;
    for (const [slice, contours] of slicesOf(roi, geometry, skipped)) {
      plane.fill(0);
      const xor = contours.filter((c) => c.geometricType === 'CLOSEDPLANAR_XOR');
      const planar = contours.filter((c) => c.geometricType !== 'CLOSEDPLANAR_XOR');
      // The XOR group is one area, unioned with the plain contours (a file should not mix the two).
      rasteriseSliceContours(planar, nx, ny, plane, options.closedPlanar ?? 'union');
      if (xor.length > 0) {
        const scratch = new Uint8Array(planeSize);
        rasteriseSliceContours(xor, nx, ny, scratch, 'xor');
        for (let v = 0; v < planeSize; v++) plane[v] = plane[v]! | scratch[v]!;
      }
      const offset = slice * planeSize;
      for (let v = 0; v < planeSize; v++) {
        if (plane[v] === 0) continue;
        if (labelMap[offset + v] !== 0) overlappingVoxels++;
        labelMap[offset + v] = value;
        voxels++;
      }
    }
    classes.push({
      value,
      roiNumber: roi.number,
      name: roi.name,
      ...(roi.colour ? { colour: roi.colour } : {}),
      voxels,
    });
  });
  return { labelMap, classes, overlappingVoxels, skipped };
}
