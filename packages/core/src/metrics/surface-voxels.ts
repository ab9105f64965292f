import { boxDims, type Index3, type VoxelBox } from './voxel-box.js';

/** Bits of a voxel's code in the cut-out pair: foreground and surface of each mask. */
const REF = 1;
const TEST = 2;
export const REF_SURFACE = 4;
export const TEST_SURFACE = 8;

/** One mask's surface voxels in a pair's padded box. */
export interface Surface {
  /** Their indices in the padded box (x fastest), ascending: row by row, as the transform reads them. */
  readonly voxels: Int32Array;
  /** The box they lie in, in the padded box's indices; null when there are none. */
  readonly box: VoxelBox | null;
}

/**
 * The surfaces of a pair of masks, located in a box holding all their foreground with a margin of
 * background around it (the padded box). The margin gives every foreground voxel its six neighbours,
 * and the nearby search its offsets, inside the box: neither needs bounds checks.
 */
export interface PairSurfaces {
  /** The padded box's size. */
  readonly dims: Index3;
  /** Per voxel of the padded box (x fastest): REF_SURFACE, TEST_SURFACE, and foreground bits. */
  readonly codes: Uint8Array;
  readonly ref: Surface;
  readonly test: Surface;
}

/** Codes of the n voxels of a row from image index `from` on, written to codes[to …]. */
function codeRow(
  ref: ArrayLike<number>,
  test: ArrayLike<number>,
  from: number,
  n: number,
  label: number | undefined,
  codes: Uint8Array,
  to: number,
): void {
  if (label === undefined) {
    for (let x = 0; x < n; x++)
      codes[to + x] = (ref[from + x] !== 0 ? REF : 0) | (test[from + x] !== 0 ? TEST : 0);
  } else {
    for (let x = 0; x < n; x++)
      codes[to + x] = (ref[from + x] === label ? REF : 0) | (test[from + x] === label ? TEST : 0);
  }
}

/**
 * Copies the foreground of both masks inside `box` (image indices, holding every foreground voxel of
 * both) into a byte array with `margin` voxels of background on each side: REF where ref is
 * foreground, TEST where test is; foreground being `label`, or non-zero without one.
 */
function cutOut(
  ref: ArrayLike<number>,
  test: ArrayLike<number>,
  dims: Index3,
  box: VoxelBox,
  label: number | undefined,
  margin: Index3,
): { codes: Uint8Array; padded: Index3 } {
  const [bx, by, bz] = boxDims(box);
  const [mx, my, mz] = margin;
  const padded: Index3 = [bx + 2 * mx, by + 2 * my, bz + 2 * mz];
  const [px, py] = padded;
  const codes = new Uint8Array(px * py * padded[2]);
  const [nx, ny] = dims;
  for (let z = 0; z < bz; z++) {
    for (let y = 0; y < by; y++) {
      const from = box.min[0] + (box.min[1] + y) * nx + (box.min[2] + z) * nx * ny;
      const to = mx + (y + my) * px + (z + mz) * px * py;
      codeRow(ref, test, from, bx, label, codes, to);
    }
  }
  return { codes, padded };
}

/** Collects one mask's surface voxels, in the order found, and the box they span. */
class SurfaceCollector {
  private voxels: Int32Array;
  private count = 0;
  private readonly min = [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY];
  private readonly max = [-1, -1, -1];

  /**
   * `foreground`: the mask's voxel count, which its surface cannot exceed. A solid shape's surface is
   * a small share of it, so the list starts smaller and grows.
   */
  constructor(private readonly foreground: number) {
    this.voxels = new Int32Array(Math.min(foreground, 1 << 16));
  }

  add(index: number, x: number, y: number, z: number): void {
    if (this.count === this.voxels.length) {
      const grown = new Int32Array(Math.min(this.foreground, this.voxels.length * 2));
      grown.set(this.voxels);
      this.voxels = grown;
    }
    this.voxels[this.count++] = index;
    if (x < this.min[0]!) this.min[0] = x;
    if (x > this.max[0]!) this.max[0] = x;
    if (y < this.min[1]!) this.min[1] = y;
    if (y > this.max[1]!) this.max[1] = y;
    if (z < this.min[2]!) this.min[2] = z;
    if (z > this.max[2]!) this.max[2] = z;
  }

  surface(): Surface {
    const [a, b, c] = this.min as [number, number, number];
    const [d, e, f] = this.max as [number, number, number];
    return {
      voxels: this.voxels.slice(0, this.count),
      box: this.count === 0 ? null : { min: [a, b, c], max: [d, e, f] },
    };
  }
}

/**
 * The surfaces of a pair of masks in one pass: a foreground voxel is on its mask's surface when one of
 * its 6 neighbours is background, voxels outside the image counting as background (the MONAI/medpy
 * convention, so a mask touching the image edge has a surface there). `box` must hold every
 * foreground voxel of both masks (outside it is background, as outside the image); `counts` are
 * their foreground voxel counts; `margin` the background kept around the box on each side (≥ 1).
 */
export function pairSurfaces(
  ref: ArrayLike<number>,
  test: ArrayLike<number>,
  dims: Index3,
  box: VoxelBox,
  label: number | undefined,
  counts: { readonly voxelsRef: number; readonly voxelsTest: number },
  margin: Index3 = [1, 1, 1],
): PairSurfaces {
  const { codes, padded } = cutOut(ref, test, dims, box, label, margin);
  const [mx, my, mz] = margin;
  const [px, py, pz] = padded;
  const plane = px * py;
  const onRef = new SurfaceCollector(counts.voxelsRef);
  const onTest = new SurfaceCollector(counts.voxelsTest);
  for (let z = mz; z < pz - mz; z++) {
    for (let y = my; y < py - my; y++) {
      const row = y * px + z * plane;
      for (let x = mx; x < px - mx; x++) {
        const i = row + x;
        const c = codes[i]!;
        if (c === 0) continue;
        // A bit survives the AND only where all six neighbours are foreground of that mask.
        const inside =
          codes[i - 1]! &
          codes[i + 1]! &
          codes[i - px]! &
          codes[i + px]! &
          codes[i - plane]! &
          codes[i + plane]!;
        const surface = c & ~inside & (REF | TEST);
        if (surface === 0) continue;
        codes[i] = c | (surface << 2);
        if (surface & REF) onRef.add(i, x, y, z);
        if (surface & TEST) onTest.add(i, x, y, z);
      }
    }
  }
  return { dims: padded, codes, ref: onRef.surface(), test: onTest.surface() };
}
