import { column } from '../../geometry/matrix3.js';
import { add, cross, dot, norm, scale, type Vec3 } from '../../geometry/vector.js';
import type { ImageGeometry } from '../../volume/image-volume.js';

/** Where a SEG's frames lie: one orientation and pixel spacing for all, and one position per slice. */
export interface SegPlaneGeometry {
  /** Image Orientation (Patient): the row direction (index i) then the column direction (index j). */
  readonly orientation: readonly [number, number, number, number, number, number];
  /** Pixel Spacing: between rows (j), then between columns (i), mm. */
  readonly pixelSpacing: readonly [number, number];
  /** Spacing Between Slices, mm. */
  readonly sliceSpacing: number;
  /** Image Position (Patient) of slice k's first pixel, LPS mm. */
  readonly positionOfSlice: (k: number) => Vec3;
}

// Direction cosines from float32 headers are unit and perpendicular to about 1e-6; 1e-4 allows that and
// refuses real shear (a gantry tilt of 0.006° already exceeds it).
const TOLERANCE = 1e-4;

function checkUnit(v: Vec3, axis: string): void {
  if (!(Math.abs(norm(v) - 1) <= TOLERANCE)) {
    throw new RangeError(`geometry.direction: the ${axis} axis has length ${norm(v)}, not 1`);
  }
}

/**
 * The plane geometry of a SEG written on `geometry`'s grid. Frames of a SEG are planes of one
 * orientation stacked along their normal, so the slice axis must be ±(row × column): a sheared grid
 * (gantry tilt) is refused with a RangeError rather than written as frames no reader can stack.
 */
export function segPlaneGeometry(geometry: ImageGeometry): SegPlaneGeometry {
  const { spacing, origin, direction } = geometry;
  if (!spacing.every((s) => Number.isFinite(s) && s > 0)) {
    throw new RangeError(`geometry.spacing must be positive mm, not ${spacing.join(', ')}`);
  }
  if (!origin.every(Number.isFinite))
    throw new RangeError(`geometry.origin is not finite: ${origin.join(', ')}`);
  const [row, col, slice] = [column(direction, 0), column(direction, 1), column(direction, 2)];
  checkUnit(row, 'first (row)');
  checkUnit(col, 'second (column)');
  checkUnit(slice, 'third (slice)');
  if (!(Math.abs(dot(row, col)) <= TOLERANCE)) {
    throw new RangeError('geometry.direction: the row and column axes are not perpendicular');
  }
  const normal = cross(row, col);
  if (!(Math.abs(Math.abs(dot(normal, slice)) - 1) <= TOLERANCE)) {
    throw new RangeError(
      'geometry.direction: the slice axis is not perpendicular to the slice plane (a sheared grid, e.g. gantry ' +
        'tilt); a SEG stacks its frames along the plane normal',
    );
  }
  const step = scale(slice, spacing[2]);
  return {
    orientation: [...row, ...col] as unknown as SegPlaneGeometry['orientation'],
    pixelSpacing: [spacing[1], spacing[0]],
    sliceSpacing: spacing[2],
    positionOfSlice: (k) => add(origin, scale(step, k)),
  };
}
