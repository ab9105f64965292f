import type { Vec3 } from '../geometry/vector.js';

/**
 * A torso-like CT phantom: an elliptical body with two lungs above, a liver with a small lesion below,
 * and a vertebra throughout. Shapes are in normalised coordinates (−1…1 across the field of view and
 * the scanned length), so any matrix size gives the same anatomy.
 */

/** One structure of the phantom: its label in the ground-truth map and its nominal value. */
export interface PhantomStructure {
  /** Label value in the label map (0 is air outside the body). */
  readonly id: number;
  readonly name: string;
  /** Nominal Hounsfield units; the CT holds this plus noise. */
  readonly hu: number;
  /** A normalised point well inside the structure, away from every other one. */
  readonly probe: Vec3;
  /** Ellipsoid centre and radii (normalised); radius `Infinity` along z makes a cylinder. */
  readonly centre: Vec3;
  readonly radii: Vec3;
}

export const AIR_HU = -1000;

// Painted in this order: a later structure overwrites an earlier one where they meet.
export const PHANTOM_STRUCTURES: readonly PhantomStructure[] = [
  {
    id: 1,
    name: 'body',
    hu: 0,
    probe: [0.55, 0.3, 0],
    centre: [0, 0, 0],
    radii: [0.9, 0.66, Number.POSITIVE_INFINITY],
  },
  {
    id: 5,
    name: 'liver',
    hu: 60,
    probe: [-0.2, -0.1, -0.45],
    centre: [-0.32, 0, -0.45],
    radii: [0.45, 0.4, 0.6],
  },
  {
    id: 6,
    name: 'lesion',
    hu: 90,
    probe: [-0.45, 0.1, -0.5],
    centre: [-0.45, 0.1, -0.5],
    radii: [0.1, 0.1, 0.13],
  },
  // Patient right is −x in LPS: the right lung is on the left of an axial image, as radiologists view it.
  {
    id: 2,
    name: 'right lung',
    hu: -800,
    probe: [-0.4, -0.03, 0.5],
    centre: [-0.4, -0.03, 0.5],
    radii: [0.28, 0.4, 0.7],
  },
  {
    id: 3,
    name: 'left lung',
    hu: -800,
    probe: [0.4, -0.03, 0.5],
    centre: [0.4, -0.03, 0.5],
    radii: [0.28, 0.4, 0.7],
  },
  {
    id: 4,
    name: 'vertebra',
    hu: 700,
    probe: [0, 0.45, 0],
    centre: [0, 0.45, 0],
    radii: [0.14, 0.14, Number.POSITIVE_INFINITY],
  },
];

/** The index range [first, last] of the voxels of a row (at v, w) inside structure `s`, or undefined. */
function rowSpan(s: PhantomStructure, v: number, w: number, nx: number): [number, number] | undefined {
  const dv = (v - s.centre[1]) / s.radii[1];
  const dw = (w - s.centre[2]) / s.radii[2];
  const q = 1 - dv * dv - dw * dw;
  if (q < 0) return undefined;
  const half = s.radii[0] * Math.sqrt(q);
  // Voxel i samples u = (i + 0.5)/nx·2 − 1: invert for the ends of the chord.
  const first = Math.max(0, Math.ceil(((s.centre[0] - half + 1) / 2) * nx - 0.5));
  const last = Math.min(nx - 1, Math.floor(((s.centre[0] + half + 1) / 2) * nx - 0.5));
  return first <= last ? [first, last] : undefined;
}

/** Nominal HU of each label value, indexed by label (air at 0). */
export function huByLabel(): Float64Array {
  const table = new Float64Array(256).fill(AIR_HU);
  for (const s of PHANTOM_STRUCTURES) table[s.id] = s.hu;
  return table;
}

/**
 * The label map of a grid of `dims` voxels, x fastest: voxel (i, j, k) samples the phantom at its
 * centre, normalised so that the grid spans −1…1 on each axis.
 */
export function phantomLabels(dims: Vec3): Uint8Array {
  const [nx, ny, nz] = dims;
  const labels = new Uint8Array(nx * ny * nz);
  // Row by row, each structure fills the chord of its ellipse: a few hundred fills, not a test per voxel.
  for (let k = 0; k < nz; k++) {
    const w = ((k + 0.5) / nz) * 2 - 1;
    for (let j = 0; j < ny; j++) {
      const v = ((j + 0.5) / ny) * 2 - 1;
      const row = (k * ny + j) * nx;
      for (const s of PHANTOM_STRUCTURES) {
        const span = rowSpan(s, v, w, nx);
        if (span) labels.fill(s.id, row + span[0], row + span[1] + 1);
      }
    }
  }
  return labels;
}

/** The voxel index nearest to a normalised point, on a grid of `dims` voxels. */
export function voxelOfPoint(point: Vec3, dims: Vec3): Vec3 {
  const index = (p: number, n: number) => Math.min(n - 1, Math.max(0, Math.floor(((p + 1) / 2) * n)));
  return [index(point[0], dims[0]), index(point[1], dims[1]), index(point[2], dims[2])];
}
