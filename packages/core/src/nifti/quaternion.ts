import { determinant, invert, type Mat3, transpose } from '../geometry/matrix3.js';

/**
 * NIfTI's qform: a rotation stored as the quaternion (b, c, d) with a = √(1 − b² − c² − d²) ≥ 0,
 * and qfac = ±1 (pixdim[0]) flipping the third axis so that left-handed grids can be stored.
 */
export interface NiftiQuaternion {
  readonly quatern: readonly [number, number, number];
  readonly qfac: 1 | -1;
}

/**
 * The rotation matrix of quaternion (a, b, c, d), a = √(1 − b² − c² − d²) (0 when float32 rounding
 * makes that negative), normalised as nibabel's quat2mat does so that it is a rotation even then.
 */
export function quaternionToRotation(quatern: readonly [number, number, number]): Mat3 {
  const [x, y, z] = quatern;
  const w = Math.sqrt(Math.max(0, 1 - (x * x + y * y + z * z)));
  const n = w * w + x * x + y * y + z * z;
  if (!(n > 1e-12)) return [1, 0, 0, 0, 1, 0, 0, 0, 1];
  const s = 2 / n;
  const [X, Y, Z] = [x * s, y * s, z * s];
  const [wX, wY, wZ, xX, xY, xZ, yY, yZ, zZ] = [
    w * X,
    w * Y,
    w * Z,
    x * X,
    x * Y,
    x * Z,
    y * Y,
    y * Z,
    z * Z,
  ];
  return [1 - (yY + zZ), xY - wZ, xZ + wY, xY + wZ, 1 - (xX + zZ), yZ - wX, xZ - wY, yZ + wX, 1 - (xX + yY)];
}

const absSum = (m: Mat3, rows: boolean) =>
  Math.max(
    ...[0, 1, 2].map((i) =>
      [0, 1, 2].reduce((s, j) => s + Math.abs(rows ? m[i * 3 + j]! : m[j * 3 + i]!), 0),
    ),
  );

/**
 * The orthogonal matrix nearest to `m` (the orthogonal factor of its polar decomposition), by the
 * scaled Newton iteration of nifti_mat33_polar; it equals P·Qᵀ of the SVD that nibabel uses.
 */
export function nearestOrthogonal(m: Mat3): Mat3 {
  let x = m;
  for (let k = 0; Math.abs(determinant(x)) < 1e-12 && k < 100; k++) {
    // Nudge a singular matrix so that it can be inverted, as nifti1_io does.
    const g = 1e-5 * (1e-3 + absSum(x, true));
    x = x.map((v, i) => (i % 4 === 0 ? v + g : v)) as unknown as Mat3;
  }
  let dif = 1;
  for (let k = 0; k < 100; k++) {
    const y = invert(x);
    const far = dif > 0.3;
    const gam = far
      ? Math.sqrt(
          Math.sqrt(absSum(y, true) * absSum(y, false)) / Math.sqrt(absSum(x, true) * absSum(x, false)),
        )
      : 1;
    const yt = transpose(y);
    const z = x.map((v, i) => 0.5 * (gam * v + yt[i]! / gam)) as unknown as Mat3;
    dif = z.reduce((s, v, i) => s + Math.abs(v - x[i]!), 0);
    x = z;
    if (dif < 1e-15) break;
  }
  return x;
}

/** Quaternion of a proper rotation, with a ≥ 0 (nifti_mat44_to_quatern's branches). */
function rotationToQuaternion(r: Mat3): [number, number, number] {
  const [r11, r12, r13, r21, r22, r23, r31, r32, r33] = r;
  let a = r11 + r22 + r33 + 1;
  let b: number;
  let c: number;
  let d: number;
  if (a > 0.5) {
    a = 0.5 * Math.sqrt(a);
    b = (0.25 * (r32 - r23)) / a;
    c = (0.25 * (r13 - r31)) / a;
    d = (0.25 * (r21 - r12)) / a;
  } else {
    const xd = 1 + r11 - (r22 + r33);
    const yd = 1 + r22 - (r11 + r33);
    if (xd > 1) {
      b = 0.5 * Math.sqrt(xd);
      c = (0.25 * (r12 + r21)) / b;
      d = (0.25 * (r13 + r31)) / b;
      a = (0.25 * (r32 - r23)) / b;
    } else if (yd > 1) {
      c = 0.5 * Math.sqrt(yd);
      b = (0.25 * (r12 + r21)) / c;
      d = (0.25 * (r23 + r32)) / c;
      a = (0.25 * (r13 - r31)) / c;
    } else {
      d = 0.5 * Math.sqrt(1 + r33 - (r11 + r22));
      b = (0.25 * (r13 + r31)) / d;
      c = (0.25 * (r23 + r32)) / d;
      a = (0.25 * (r21 - r12)) / d;
    }
    if (a < 0) [b, c, d] = [-b, -c, -d];
  }
  return [b, c, d];
}

/**
 * The qform rotation and qfac of a direction matrix (unit columns, RAS). A left-handed matrix gets
 * qfac −1 and its third column negated; a non-orthogonal (sheared) one is replaced by the nearest
 * rotation, as nibabel's set_qform does; the sform keeps the exact matrix.
 */
export function directionToQuaternion(direction: Mat3): NiftiQuaternion {
  const norms = [0, 1, 2].map((c) => Math.hypot(direction[c]!, direction[3 + c]!, direction[6 + c]!) || 1);
  const qfac = determinant(direction) < 0 ? -1 : 1;
  const flipped = direction.map((v, i) => ((i % 3 === 2 ? qfac : 1) * v) / norms[i % 3]!) as unknown as Mat3;
  return { quatern: rotationToQuaternion(nearestOrthogonal(flipped)), qfac };
}
