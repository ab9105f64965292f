import type { Index3, VoxelBox } from './voxel-box.js';

/** Voxel counts of a pair of masks and the box holding the foreground of both. */
export interface PairCensus {
  readonly voxelsRef: number;
  readonly voxelsTest: number;
  readonly voxelsIntersection: number;
  /** The smallest box holding every foreground voxel of either mask; null when both are empty. */
  readonly box: VoxelBox | null;
}

/** Grows a box row by row: one call per row that holds foreground, from its first to its last x. */
class BoxGrower {
  private minX = Number.POSITIVE_INFINITY;
  private maxX = -1;
  private minY = Number.POSITIVE_INFINITY;
  private maxY = -1;
  private minZ = Number.POSITIVE_INFINITY;
  private maxZ = -1;

  addRun(firstX: number, lastX: number, y: number, z: number): void {
    if (firstX < this.minX) this.minX = firstX;
    if (lastX > this.maxX) this.maxX = lastX;
    if (y < this.minY) this.minY = y;
    if (y > this.maxY) this.maxY = y;
    if (z < this.minZ) this.minZ = z;
    if (z > this.maxZ) this.maxZ = z;
  }

  box(): VoxelBox | null {
    if (this.maxX < 0) return null;
    return { min: [this.minX, this.minY, this.minZ], max: [this.maxX, this.maxY, this.maxZ] };
  }
}

/** Running counts of one pass, and the first and last foreground index of the current row. */
interface Tally {
  voxelsRef: number;
  voxelsTest: number;
  voxelsIntersection: number;
  first: number;
  last: number;
}

/** Counts voxels start … end − 1 (image indices) into `tally`. */
function tallyRange(
  ref: ArrayLike<number>,
  test: ArrayLike<number>,
  label: number | undefined,
  start: number,
  end: number,
  tally: Tally,
): void {
  for (let i = start; i < end; i++) {
    const r = ref[i]!;
    const t = test[i]!;
    const a = label === undefined ? (r !== 0 ? 1 : 0) : r === label ? 1 : 0;
    const b = label === undefined ? (t !== 0 ? 1 : 0) : t === label ? 1 : 0;
    if ((a | b) === 0) continue;
    tally.voxelsRef += a;
    tally.voxelsTest += b;
    tally.voxelsIntersection += a & b;
    if (tally.first < 0) tally.first = i;
    tally.last = i;
  }
}

/**
 * Both images as 32-bit words when they are bytes laid out so that every row is whole words: then
 * four background voxels are skipped with one test. Undefined otherwise (or when the label is 0, so
 * that zero bytes are not background).
 */
function wordViews(
  ref: ArrayLike<number>,
  test: ArrayLike<number>,
  nx: number,
  label: number | undefined,
): [Uint32Array, Uint32Array] | undefined {
  if (label === 0 || nx % 4 !== 0) return undefined;
  if (!(ref instanceof Uint8Array) || !(test instanceof Uint8Array)) return undefined;
  if (ref.byteOffset % 4 !== 0 || test.byteOffset % 4 !== 0) return undefined;
  return [
    new Uint32Array(ref.buffer, ref.byteOffset, ref.length >> 2),
    new Uint32Array(test.buffer, test.byteOffset, test.length >> 2),
  ];
}

/**
 * One pass over both label images (x fastest): how many voxels are foreground in each and in both,
 * and where the foreground lies. Foreground is `label`, or non-zero without one.
 */
export function pairCensus(
  ref: ArrayLike<number>,
  test: ArrayLike<number>,
  dims: Index3,
  label?: number,
): PairCensus {
  const [nx, ny, nz] = dims;
  const grower = new BoxGrower();
  const tally: Tally = { voxelsRef: 0, voxelsTest: 0, voxelsIntersection: 0, first: -1, last: -1 };
  const words = wordViews(ref, test, nx, label);
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      const row = (y + z * ny) * nx;
      tally.first = -1;
      if (words) {
        const [refWords, testWords] = words;
        for (let w = row >> 2; w < (row + nx) >> 2; w++) {
          if ((refWords[w]! | testWords[w]!) !== 0) tallyRange(ref, test, label, w << 2, (w << 2) + 4, tally);
        }
      } else tallyRange(ref, test, label, row, row + nx, tally);
      if (tally.first >= 0) grower.addRun(tally.first - row, tally.last - row, y, z);
    }
  }
  const { voxelsRef, voxelsTest, voxelsIntersection } = tally;
  return { voxelsRef, voxelsTest, voxelsIntersection, box: grower.box() };
}
