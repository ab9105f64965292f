import {
  cross,
  fromColumns,
  type ImageGeometry,
  norm,
  normalize,
  subtract,
  type Vec3,
} from '../../annotations/cornerstone/core-geometry.js';

/**
 * What Cornerstone's `imagePlaneModule` says of one frame. Fields may be missing (ultrasound and secondary
 * captures often have no position or orientation).
 */
export interface FramePlane {
  readonly rows: number;
  readonly columns: number;
  readonly imagePositionPatient?: readonly number[] | null;
  readonly rowCosines?: readonly number[] | null;
  readonly columnCosines?: readonly number[] | null;
  /** Spacing between rows (DICOM PixelSpacing[0]), along the column direction. */
  readonly rowPixelSpacing?: number | null;
  /** Spacing between columns (DICOM PixelSpacing[1]), along the row direction. */
  readonly columnPixelSpacing?: number | null;
  readonly sliceThickness?: number | null;
}

const vec3 = (value: readonly number[] | null | undefined, fallback: Vec3): Vec3 =>
  value && value.length >= 3 && value.every(Number.isFinite) ? [value[0]!, value[1]!, value[2]!] : fallback;
const positive = (value: number | null | undefined): number | undefined =>
  value !== null && value !== undefined && Number.isFinite(value) && value > 0 ? value : undefined;

/**
 * The voxel grid of what the viewer shows, in Cornerstone's world coordinates (patient LPS, mm), so that
 * stored index points land where Cornerstone draws them. Missing plane facts take the defaults Cornerstone's
 * StackViewport takes (origin 0, rows along +x, columns along +y, 1 mm pixels), so the two agree even on
 * images without geometry. `frames` of one multi-frame instance (a cine) lie in one plane: k counts frames
 * and the k axis is the plane's normal at 1 mm; slices of a series step from the first to the last position.
 */
export function geometryOfFrames(planes: readonly FramePlane[], cine: boolean): ImageGeometry {
  const first = planes[0];
  if (!first) throw new Error('no frames to take a geometry from');
  const rowDirection = vec3(first.rowCosines, [1, 0, 0]);
  const columnDirection = vec3(first.columnCosines, [0, 1, 0]);
  const origin = vec3(first.imagePositionPatient, [0, 0, 0]);
  let normal = cross(rowDirection, columnDirection);
  let sliceSpacing = positive(first.sliceThickness) ?? 1;
  const last = planes[planes.length - 1]!;
  if (!cine && planes.length > 1 && last.imagePositionPatient) {
    const step = subtract(vec3(last.imagePositionPatient, origin), origin);
    const distance = norm(step);
    if (distance > 1e-6) {
      normal = normalize(step);
      sliceSpacing = distance / (planes.length - 1);
    }
  }
  return {
    dims: [first.columns, first.rows, planes.length],
    spacing: [positive(first.columnPixelSpacing) ?? 1, positive(first.rowPixelSpacing) ?? 1, sliceSpacing],
    origin,
    direction: fromColumns(rowDirection, columnDirection, normal),
  };
}
