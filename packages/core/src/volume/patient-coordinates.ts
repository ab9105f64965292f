import { invert, type Mat3, multiplyVector } from '../geometry/matrix3.js';
import { add, subtract, type Vec3 } from '../geometry/vector.js';
import type { ImageGeometry } from './image-volume.js';

/** A 4×4 affine, row-major, mapping (i, j, k, 1) to patient coordinates (x, y, z, 1). */
export type Affine = readonly number[];

/** The matrix direction · diag(spacing): index steps to millimetres. */
export function indexToPatientMatrix(geometry: ImageGeometry): Mat3 {
  const d = geometry.direction;
  const [sx, sy, sz] = geometry.spacing;
  return [d[0] * sx, d[1] * sy, d[2] * sz, d[3] * sx, d[4] * sy, d[5] * sz, d[6] * sx, d[7] * sy, d[8] * sz];
}

/** Patient position (LPS, mm) of a continuous voxel index. */
export function indexToPatient(geometry: ImageGeometry, index: Vec3): Vec3 {
  return add(geometry.origin, multiplyVector(indexToPatientMatrix(geometry), index));
}

/** Continuous voxel index of a patient position (LPS, mm); round it to find the voxel. */
export function patientToIndex(geometry: ImageGeometry, point: Vec3): Vec3 {
  return multiplyVector(invert(indexToPatientMatrix(geometry)), subtract(point, geometry.origin));
}

/** The index→LPS affine as a 4×4 row-major array. */
export function lpsAffine(geometry: ImageGeometry): Affine {
  const m = indexToPatientMatrix(geometry);
  const o = geometry.origin;
  return [m[0], m[1], m[2], o[0], m[3], m[4], m[5], o[1], m[6], m[7], m[8], o[2], 0, 0, 0, 1];
}

/** The index→RAS affine (NIfTI's convention): LPS with x and y negated. */
export function rasAffine(geometry: ImageGeometry): Affine {
  const a = lpsAffine(geometry);
  return a.map((v, i) => (i < 8 ? -v : v));
}

/** Geometry from an index→LPS affine; spacing is the length of each column. */
export function geometryFromLpsAffine(affine: Affine, dims: Vec3): ImageGeometry {
  const col = (c: number): Vec3 => [affine[c]!, affine[4 + c]!, affine[8 + c]!];
  const spacing = [0, 1, 2].map((c) => Math.hypot(...col(c))) as unknown as Vec3;
  const unit = (c: number): Vec3 => {
    const v = col(c);
    const s = spacing[c]!;
    return s > 0
      ? [v[0] / s, v[1] / s, v[2] / s]
      : ([0, 0, 0].map((_, r) => (r === c ? 1 : 0)) as unknown as Vec3);
  };
  const [u0, u1, u2] = [unit(0), unit(1), unit(2)];
  return {
    dims,
    spacing: spacing.map((s) => (s > 0 ? s : 1)) as unknown as Vec3,
    origin: [affine[3]!, affine[7]!, affine[11]!],
    direction: [u0[0], u1[0], u2[0], u0[1], u1[1], u2[1], u0[2], u1[2], u2[2]],
  };
}

export function geometryFromRasAffine(affine: Affine, dims: Vec3): ImageGeometry {
  return geometryFromLpsAffine(
    affine.map((v, i) => (i < 8 ? -v : v)),
    dims,
  );
}
