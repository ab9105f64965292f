import { describe, expect, it } from 'vitest';
import { maskMetrics } from './mask-metrics.js';
import type { Index3 } from './voxel-box.js';

/** A mask of `dims` with the voxels in [lo, hi] (inclusive, per axis) set to `value`. */
function block(dims: Index3, lo: Index3, hi: Index3, value = 1, into?: Uint8Array): Uint8Array {
  const out = into ?? new Uint8Array(dims[0] * dims[1] * dims[2]);
  for (let z = lo[2]; z <= hi[2]; z++)
    for (let y = lo[1]; y <= hi[1]; y++)
      for (let x = lo[0]; x <= hi[0]; x++) out[x + y * dims[0] + z * dims[0] * dims[1]] = value;
  return out;
}

const dims: Index3 = [7, 7, 7];
const empty = () => new Uint8Array(7 * 7 * 7);

describe('maskMetrics on hand-checkable cases', () => {
  it('leaves everything undefined when both masks are empty', () => {
    const m = maskMetrics(empty(), empty(), dims, [1, 1, 1], { tolerance: 1 });
    expect(m).toMatchObject({
      dice: null,
      iou: null,
      hd: null,
      hd95: null,
      assd: null,
      nsd: null,
      volumeDiff: null,
    });
    expect(m.voxelsRef + m.voxelsTest + m.surfaceVoxelsRef + m.surfaceVoxelsTest).toBe(0);
  });

  it('gives Dice 0 and no distances when the test mask is empty', () => {
    const ref = block(dims, [1, 1, 1], [3, 3, 3]);
    const m = maskMetrics(ref, empty(), dims, [1, 1, 1], { tolerance: 1 });
    expect(m).toMatchObject({ dice: 0, iou: 0, hd: null, hd95: null, assd: null, nsd: 0, volumeDiff: -1 });
    expect(m).toMatchObject({ voxelsRef: 27, surfaceVoxelsRef: 26, refToTest: null, testToRef: null });
  });

  it('has no relative volume difference when the reference is empty', () => {
    const m = maskMetrics(empty(), block(dims, [1, 1, 1], [1, 1, 1]), dims, [1, 1, 1]);
    expect(m).toMatchObject({ dice: 0, volumeDiff: null, hd: null, nsd: null, voxelsTest: 1 });
  });

  it('finds a single voxel equal to itself', () => {
    const one = block(dims, [3, 3, 3], [3, 3, 3]);
    const m = maskMetrics(one, one.slice(), dims, [0.7, 0.7, 2], { tolerance: 0 });
    expect(m).toMatchObject({ dice: 1, iou: 1, hd: 0, hd95: 0, assd: 0, nsd: 1, volumeDiff: 0 });
    expect(m).toMatchObject({ surfaceVoxelsRef: 1, surfaceVoxelsTest: 1 });
  });

  it('measures two single voxels one step apart in y with the y spacing', () => {
    const m = maskMetrics(
      block(dims, [3, 3, 3], [3, 3, 3]),
      block(dims, [3, 4, 3], [3, 4, 3]),
      dims,
      [0.5, 0.7, 2],
    );
    expect(m.dice).toBe(0);
    expect(m.hd).toBeCloseTo(0.7, 12);
    expect(m.hd95).toBeCloseTo(0.7, 12);
    expect(m.assd).toBeCloseTo(0.7, 12);
  });

  // A 3×3×3 cube moved one slice along z with 2 mm slices. Each cube has 26 surface voxels (all but
  // its centre). Ref surface → test surface: the 9 voxels of the bottom face are 2 mm away, the 8 of
  // the middle ring and the 8 of the top ring lie on the test surface, and the top face's centre is
  // the test cube's interior voxel, 1 mm from the test ring beside it. Test → ref is the mirror image.
  it('measures an anisotropic shift by hand', () => {
    const ref = block(dims, [1, 1, 1], [3, 3, 3]);
    const test = block(dims, [1, 1, 2], [3, 3, 4]);
    const spacing = [1, 1, 2] as const;
    const m = maskMetrics(ref, test, dims, spacing, { tolerance: 1 });
    expect(m).toMatchObject({ voxelsRef: 27, voxelsTest: 27, voxelsIntersection: 18 });
    expect(m.dice).toBeCloseTo(2 / 3, 12);
    expect(m.iou).toBeCloseTo(1 / 2, 12);
    expect(m.hd).toBeCloseTo(2, 12);
    // Sorted D: 16 zeros, one 1, nine 2s; numpy's rank 0.95·25 = 23.75 falls among the 2s.
    expect(m.hd95).toBeCloseTo(2, 12);
    expect(m.assd).toBeCloseTo(19 / 26, 12);
    expect(m.refToTest?.mean).toBeCloseTo(19 / 26, 12);
    expect(m.nsd).toBeCloseTo(34 / 52, 12);
    expect(maskMetrics(ref, test, dims, spacing, { tolerance: 2 }).nsd).toBe(1);
  });

  it('counts voxels on the image edge as surface', () => {
    // A mask filling the whole image: were outside foreground, it would have no surface at all.
    const full = block([3, 3, 3], [0, 0, 0], [2, 2, 2]);
    const m = maskMetrics(full, full.slice(), [3, 3, 3], [1, 1, 1]);
    expect(m.surfaceVoxelsRef).toBe(26);
  });

  it('measures two interleaved 3D checkerboards voxel by voxel', () => {
    // Every voxel of a checkerboard is surface (its 6 neighbours have the other colour), 70,304 of
    // the 52³ here; each has an x neighbour of the other colour 0.7 mm away, and none is closer.
    const n = 52;
    const black = new Uint8Array(n * n * n);
    const white = new Uint8Array(n * n * n);
    for (let z = 0; z < n; z++)
      for (let y = 0; y < n; y++)
        for (let x = 0; x < n; x++) ((x + y + z) % 2 === 0 ? black : white)[x + y * n + z * n * n] = 1;
    const m = maskMetrics(black, white, [n, n, n], [0.7, 0.8, 2], { tolerance: 0.7 });
    expect(m).toMatchObject({ surfaceVoxelsRef: 70304, surfaceVoxelsTest: 70304, dice: 0, nsd: 1 });
    expect(m.hd).toBeCloseTo(0.7, 12);
    expect(m.hd95).toBeCloseTo(0.7, 12);
    expect(m.assd).toBeCloseTo(0.7, 12);
  });

  it('selects one label of a label image', () => {
    const ref = block(dims, [0, 0, 0], [1, 1, 1], 1);
    block(dims, [4, 4, 4], [5, 5, 5], 2, ref);
    const test = block(dims, [0, 0, 0], [1, 1, 1], 2);
    block(dims, [4, 4, 4], [5, 5, 5], 1, test);
    expect(maskMetrics(ref, test, dims, [1, 1, 1]).dice).toBe(1);
    const label2 = maskMetrics(ref, test, dims, [1, 1, 1], { label: 2 });
    expect(label2).toMatchObject({ dice: 0, voxelsRef: 8, voxelsTest: 8 });
    // Corner (5,5,5) of the reference cube is farthest from the test cube, whose nearest voxel is (1,1,1).
    expect(label2.hd).toBeCloseTo(Math.sqrt(48), 12);
  });

  it('refuses inputs that do not fit the grid or spacing', () => {
    expect(() => maskMetrics(empty(), new Uint8Array(10), dims, [1, 1, 1])).toThrow(/test has 10/);
    expect(() => maskMetrics(empty(), empty(), dims, [1, 0, 1])).toThrow(/spacing/);
    expect(() => maskMetrics(empty(), empty(), dims, [1, 1, 1], { tolerance: -1 })).toThrow(/tolerance/);
  });
});
