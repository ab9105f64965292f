import { describe, expect, it } from 'vitest';
import { seededRandom } from '../io/seeded-random.js';
import {
  CtFromLabels,
  labelSlice,
  ORGANS,
  PADDING_STORED_VALUE,
  RESCALE_INTERCEPT,
} from './organ-phantom.js';

const SIZE = 128;

/** Label slices over the whole scan, top to bottom, at the benchmark's proportions. */
function scan(slices: number): Uint8Array[] {
  return Array.from({ length: slices }, (_, k) => labelSlice(k / (slices - 1), SIZE, SIZE));
}

describe('organ phantom', () => {
  it('has ten labels, 1…10, each drawn somewhere in the scan and nothing else', () => {
    expect(ORGANS.map((o) => o.label)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const seen = new Set<number>();
    for (const slice of scan(60)) for (const v of slice) seen.add(v);
    expect([...seen].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('nests every organ inside the body: no organ voxel touches the air outside it', () => {
    let organVoxels = 0;
    let touchingAir = 0;
    for (const slice of scan(30)) {
      for (let r = 1; r < SIZE - 1; r++) {
        for (let c = 1; c < SIZE - 1; c++) {
          const at = r * SIZE + c;
          if (slice[at]! < 2) continue;
          organVoxels++;
          if ([-1, 1, -SIZE, SIZE].some((n) => slice[at + n] === 0)) touchingAir++;
        }
      }
    }
    expect(organVoxels).toBeGreaterThan(0);
    expect(touchingAir).toBe(0);
  });

  it('writes each label’s HU plus noise inside the reconstruction circle and padding outside it', () => {
    const labels = labelSlice(0.6, SIZE, SIZE);
    const stored = new CtFromLabels(SIZE, SIZE, seededRandom(7)).slice(labels);
    const huOf = new Map(ORGANS.map((o) => [o.label, o.hu]));
    expect(stored[0]).toBe(PADDING_STORED_VALUE);
    let checked = 0;
    for (let i = 0; i < labels.length; i++) {
      if (stored[i] === PADDING_STORED_VALUE) continue;
      const expected = labels[i] === 0 ? -1000 : huOf.get(labels[i]!)!;
      // Noise σ is 12 HU: 8σ bounds every sample of a 64 k table.
      expect(Math.abs(stored[i]! + RESCALE_INTERCEPT - expected)).toBeLessThan(100);
      checked++;
    }
    expect(checked).toBeGreaterThan(SIZE * SIZE * 0.7);
  });

  it('is seeded: the same seed gives the same slice', () => {
    const labels = labelSlice(0.3, SIZE, SIZE);
    const a = new CtFromLabels(SIZE, SIZE, seededRandom(1)).slice(labels);
    const b = new CtFromLabels(SIZE, SIZE, seededRandom(1)).slice(labels);
    expect(b).toEqual(a);
  });
});
