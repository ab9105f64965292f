import type { Mat3 } from '../geometry/matrix3.js';
import type { Vec3 } from '../geometry/vector.js';
import { allocateVoxels } from './data-type.js';
import type { ImageGeometry, ImageVolume } from './image-volume.js';
import { indexToPatient } from './patient-coordinates.js';

/** Letters naming where each index axis points, e.g. 'LPS' (DICOM's native) or 'RAS' (NIfTI's). */
export type OrientationCode = string;

const POSITIVE = ['L', 'P', 'S'] as const;
const NEGATIVE = ['R', 'A', 'I'] as const;

/** An index-axis plan: new axis n takes old axis `axes[n]`, reversed when `flips[n]`. */
interface AxisPlan {
  readonly axes: readonly [number, number, number];
  readonly flips: readonly [boolean, boolean, boolean];
}

const PERMUTATIONS: ReadonlyArray<readonly [number, number, number]> = [
  [0, 1, 2],
  [0, 2, 1],
  [1, 0, 2],
  [1, 2, 0],
  [2, 0, 1],
  [2, 1, 0],
];

/**
 * For each index axis, the patient axis it is closest to. Oblique images are assigned by the
 * permutation with the largest total |cosine|, so no two index axes claim the same patient axis.
 */
function nearestPatientAxes(direction: Mat3): readonly [number, number, number] {
  let best = PERMUTATIONS[0]!;
  let bestScore = -1;
  for (const p of PERMUTATIONS) {
    // p[i] is the patient axis assigned to index axis i; direction[row*3+col].
    const score =
      Math.abs(direction[p[0] * 3]!) +
      Math.abs(direction[p[1] * 3 + 1]!) +
      Math.abs(direction[p[2] * 3 + 2]!);
    if (score > bestScore + 1e-9) {
      best = p;
      bestScore = score;
    }
  }
  return best;
}

/** The orientation code of a direction matrix, e.g. 'LPS' for an axial DICOM series. */
export function orientationCode(direction: Mat3): OrientationCode {
  const axes = nearestPatientAxes(direction);
  return axes
    .map((patientAxis, i) => (direction[patientAxis * 3 + i]! >= 0 ? POSITIVE : NEGATIVE)[patientAxis])
    .join('');
}

function parseCode(code: OrientationCode): Array<{ axis: number; positive: boolean }> {
  const letters = code.toUpperCase().split('');
  const parsed = letters.map((l) => {
    const pos = (POSITIVE as readonly string[]).indexOf(l);
    const neg = (NEGATIVE as readonly string[]).indexOf(l);
    return { axis: pos >= 0 ? pos : neg, positive: pos >= 0 };
  });
  if (
    parsed.length !== 3 ||
    parsed.some((p) => p.axis < 0) ||
    new Set(parsed.map((p) => p.axis)).size !== 3
  ) {
    throw new RangeError(`not an orientation code: '${code}'`);
  }
  return parsed;
}

function planFor(direction: Mat3, target: OrientationCode): AxisPlan {
  const want = parseCode(target);
  const current = nearestPatientAxes(direction);
  const axes = want.map((w) => current.indexOf(w.axis)) as unknown as [number, number, number];
  const flips = want.map((w, n) => {
    const oldAxis = axes[n]!;
    const positive = direction[w.axis * 3 + oldAxis]! >= 0;
    return positive !== w.positive;
  }) as unknown as [boolean, boolean, boolean];
  return { axes, flips };
}

function reorientGeometry(geometry: ImageGeometry, plan: AxisPlan): ImageGeometry {
  const d = geometry.direction;
  const dims = plan.axes.map((a) => geometry.dims[a]!) as unknown as Vec3;
  const spacing = plan.axes.map((a) => geometry.spacing[a]!) as unknown as Vec3;
  const cornerIndex = [0, 0, 0];
  plan.axes.forEach((a, n) => {
    if (plan.flips[n]) cornerIndex[a] = geometry.dims[a]! - 1;
  });
  const origin = indexToPatient(geometry, cornerIndex as unknown as Vec3);
  const direction = new Array<number>(9);
  for (let n = 0; n < 3; n++) {
    const a = plan.axes[n]!;
    const sign = plan.flips[n] ? -1 : 1;
    for (let r = 0; r < 3; r++) direction[r * 3 + n] = sign * d[r * 3 + a]!;
  }
  return { dims, spacing, origin, direction: direction as unknown as Mat3 };
}

/**
 * Permutes and flips the voxel axes so that index axes point as close as possible to `target`
 * (default 'LPS'). Voxel values, patient positions of every voxel and the kind are unchanged;
 * oblique images stay oblique (no resampling).
 */
export function reorient(image: ImageVolume, target: OrientationCode = 'LPS'): ImageVolume {
  const plan = planFor(image.direction, target);
  const identity = plan.axes.every((a, n) => a === n) && plan.flips.every((f) => !f);
  if (identity) return image;
  const geometry = reorientGeometry(image, plan);
  const [ox, oy] = image.dims;
  const [nx, ny, nz] = geometry.dims;
  const spp = image.samplesPerPixel;
  const oldStride = [spp, ox * spp, ox * oy * spp];
  const volumeSize = nx * ny * nz * spp;
  const data = allocateVoxels(image.dataType, image.data.length);
  // For each new axis: how far one step moves in the old array, and where index 0 starts.
  const step = plan.axes.map((a, n) => (plan.flips[n] ? -oldStride[a]! : oldStride[a]!));
  const start = plan.axes.reduce(
    (acc, a, n) => acc + (plan.flips[n] ? (image.dims[a]! - 1) * oldStride[a]! : 0),
    0,
  );
  for (let t = 0; t < image.timepoints; t++) {
    const base = t * volumeSize;
    let out = base;
    for (let z = 0; z < nz; z++) {
      for (let y = 0; y < ny; y++) {
        let src = base + start + z * step[2]! + y * step[1]!;
        for (let x = 0; x < nx; x++, src += step[0]!) {
          for (let s = 0; s < spp; s++) data[out++] = image.data[src + s]!;
        }
      }
    }
  }
  return { ...image, ...geometry, data };
}
