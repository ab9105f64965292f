import type { AnnotatedPoint, ImageRef } from '@voxelhub/core/annotation';
import { type ImageGeometry, indexToPatient, patientToIndex, type Vec3 } from './core-geometry.js';
import type { WorldPoint } from './cornerstone-annotation.js';

/** How far (in voxels) a world point may lie off the annotation's slice and still be snapped onto it. */
export const SLICE_SNAP_TOLERANCE = 0.01;

/**
 * Converts between Cornerstone's world points (patient LPS, mm) and stored points (index and patient) for
 * one image. On a slice of a volume (`sliceIndex`), a point within SLICE_SNAP_TOLERANCE of the slice is
 * put exactly on it (k = sliceIndex, patient recomputed), so that planar shapes share one k despite float
 * noise. On a frame of a cine (`frameIndex`), all frames lie at the same place: the in-plane index comes
 * from the geometry's first plane and k is the frame number.
 */
export class ImagePlanePoints {
  readonly #geometry: ImageGeometry;
  readonly #sliceIndex: number | undefined;
  readonly #frameIndex: number | undefined;

  constructor(geometry: ImageGeometry, imageRef: ImageRef) {
    this.#geometry = geometry;
    this.#sliceIndex = imageRef.sliceIndex;
    this.#frameIndex = imageRef.frameIndex;
  }

  fromWorld(world: readonly number[]): AnnotatedPoint {
    const patient: Vec3 = [world[0]!, world[1]!, world[2]!];
    const index = patientToIndex(this.#geometry, patient);
    if (this.#frameIndex !== undefined) {
      return { index: [index[0], index[1], this.#frameIndex], patient: [...patient] };
    }
    const k = this.#sliceIndex;
    if (k !== undefined && Math.abs(index[2] - k) <= SLICE_SNAP_TOLERANCE) {
      const snapped: Vec3 = [index[0], index[1], k];
      return { index: [...snapped], patient: [...indexToPatient(this.#geometry, snapped)] };
    }
    return { index: [...index], patient: [...patient] };
  }

  /**
   * The world position of a stored point, from its index: the voxels are what the annotation was drawn on,
   * so it lands on them even if the stored patient position was computed from an older geometry.
   */
  toWorld(point: AnnotatedPoint): WorldPoint {
    const [i, j, k] = point.index;
    const world = indexToPatient(this.#geometry, [i, j, this.#frameIndex === undefined ? k : 0]);
    return [world[0], world[1], world[2]];
  }

  /** A stored point from an index-space position on this image (for corners derived from handles). */
  fromIndex(index: Vec3): AnnotatedPoint {
    return this.fromWorld(this.toWorld({ index: [...index], patient: [0, 0, 0] }));
  }
}
