import type { PairCensus } from './pair-census.js';
import type { Index3 } from './voxel-box.js';

/** One label's running counts and extent during the pass. */
class LabelTally {
  voxelsRef = 0;
  voxelsTest = 0;
  voxelsIntersection = 0;
  private readonly min = [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY];
  private readonly max = [-1, -1, -1];

  extend(x: number, y: number, z: number): void {
    if (x < this.min[0]!) this.min[0] = x;
    if (x > this.max[0]!) this.max[0] = x;
    if (y < this.min[1]!) this.min[1] = y;
    if (y > this.max[1]!) this.max[1] = y;
    if (z < this.min[2]!) this.min[2] = z;
    if (z > this.max[2]!) this.max[2] = z;
  }

  census(): PairCensus {
    const [a, b, c] = this.min as [number, number, number];
    const [d, e, f] = this.max as [number, number, number];
    return {
      voxelsRef: this.voxelsRef,
      voxelsTest: this.voxelsTest,
      voxelsIntersection: this.voxelsIntersection,
      box: this.max[0] === -1 ? null : { min: [a, b, c], max: [d, e, f] },
    };
  }
}

/** The tallies by label, with the last one used at hand: labels come in runs along a row. */
class Tallies {
  readonly byLabel = new Map<number, LabelTally>();
  private lastLabel = Number.NaN;
  private last: LabelTally | undefined;

  of(label: number): LabelTally {
    if (label === this.lastLabel) return this.last!;
    let tally = this.byLabel.get(label);
    if (!tally) {
      tally = new LabelTally();
      this.byLabel.set(label, tally);
    }
    this.lastLabel = label;
    this.last = tally;
    return tally;
  }
}

function notALabel(which: string, index: number): RangeError {
  return new RangeError(`maskMetricsByLabel: ${which} voxel ${index} is NaN, which is no label`);
}

/** Counts voxels start … end − 1 of row (y, z), starting at image index `row`. */
function tallyRange(
  ref: ArrayLike<number>,
  test: ArrayLike<number>,
  row: number,
  start: number,
  end: number,
  y: number,
  z: number,
  tallies: Tallies,
): void {
  for (let i = start; i < end; i++) {
    const r = ref[i]!;
    const t = test[i]!;
    if (r === 0 && t === 0) continue;
    if (Number.isNaN(r)) throw notALabel('reference', i);
    if (Number.isNaN(t)) throw notALabel('test', i);
    if (r !== 0) {
      const tally = tallies.of(r);
      tally.voxelsRef++;
      if (r === t) tally.voxelsIntersection++;
      tally.extend(i - row, y, z);
    }
    if (t !== 0) {
      const tally = tallies.of(t);
      tally.voxelsTest++;
      if (r !== t) tally.extend(i - row, y, z);
    }
  }
}

/**
 * One pass over both label images (x fastest): for every non-zero label found in either, its voxel
 * counts in each and in both and the box holding it in either (as pairCensus gives for one label).
 * Byte images whose rows are whole 32-bit words are read four background voxels at a time.
 */
export function labelCensus(
  ref: ArrayLike<number>,
  test: ArrayLike<number>,
  dims: Index3,
): Map<number, PairCensus> {
  const [nx, ny, nz] = dims;
  const tallies = new Tallies();
  const words =
    nx % 4 === 0 &&
    ref instanceof Uint8Array &&
    test instanceof Uint8Array &&
    ref.byteOffset % 4 === 0 &&
    test.byteOffset % 4 === 0
      ? [
          new Uint32Array(ref.buffer, ref.byteOffset, ref.length >> 2),
          new Uint32Array(test.buffer, test.byteOffset, test.length >> 2),
        ]
      : undefined;
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      const row = (y + z * ny) * nx;
      if (!words) {
        tallyRange(ref, test, row, row, row + nx, y, z, tallies);
        continue;
      }
      const [refWords, testWords] = words as [Uint32Array, Uint32Array];
      for (let w = row >> 2; w < (row + nx) >> 2; w++) {
        if ((refWords[w]! | testWords[w]!) !== 0)
          tallyRange(ref, test, row, w << 2, (w << 2) + 4, y, z, tallies);
      }
    }
  }
  const out = new Map<number, PairCensus>();
  for (const [label, tally] of tallies.byLabel) out.set(label, tally.census());
  return out;
}
