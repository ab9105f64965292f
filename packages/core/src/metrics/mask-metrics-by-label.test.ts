import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readNifti } from '../nifti/read-nifti.js';
import { SHARED } from '../test-support/shared-data.js';
import { maskMetrics } from './mask-metrics.js';
import { maskMetricsByLabel } from './mask-metrics-by-label.js';
import type { Index3 } from './voxel-box.js';

// The shared reference's multilabel pair (labels 1 and 2; label 1 shifted, label 2 dilated) and the
// values an independent numpy/scipy implementation computed for each label; read in place.
const REFERENCE = join(SHARED, 'reference', 'metrics');

function loadMask(name: string) {
  const file = join(REFERENCE, name);
  return readNifti(new Uint8Array(readFileSync(file)), { file, gunzip: gunzipSync });
}

function expected(label: number) {
  const file = join(REFERENCE, `multilabel_label${label}.expected.json`);
  return JSON.parse(readFileSync(file, 'utf8')) as {
    voxels_ref: number;
    voxels_test: number;
    dice: number;
    hd_mm: number;
    hd95_mm: number;
    assd_mm: number;
  };
}

describe('maskMetricsByLabel on the reference multilabel pair', () => {
  const ref = loadMask('multilabel_ref.nii.gz');
  const test = loadMask('multilabel_test.nii.gz');
  const all = maskMetricsByLabel(ref.data, test.data, ref.dims, ref.spacing, { tolerance: 1 });

  it('finds labels 1 and 2, in order', () => {
    expect(all.map((m) => m.label)).toEqual([1, 2]);
  });

  it('reads other array types (voxel by voxel) to the same result as bytes (four at a time)', () => {
    const asFloats = maskMetricsByLabel(
      Float32Array.from(ref.data),
      Int16Array.from(test.data),
      ref.dims,
      ref.spacing,
      {
        tolerance: 1,
      },
    );
    expect(asFloats).toEqual(all);
  });

  for (const label of [1, 2]) {
    it(`gives label ${label} what maskMetrics gives it alone`, () => {
      const alone = maskMetrics(ref.data, test.data, ref.dims, ref.spacing, { label, tolerance: 1 });
      expect(all.find((m) => m.label === label)).toEqual({ label, ...alone });
    });

    it(`matches the reference values for label ${label}`, () => {
      const m = all.find((r) => r.label === label)!;
      const e = expected(label);
      expect(m.voxelsRef).toBe(e.voxels_ref);
      expect(m.voxelsTest).toBe(e.voxels_test);
      expect(m.dice).toBeCloseTo(e.dice, 9);
      expect(m.hd).toBeCloseTo(e.hd_mm, 6);
      expect(m.hd95).toBeCloseTo(e.hd95_mm, 6);
      expect(m.assd).toBeCloseTo(e.assd_mm, 6);
    });
  }
});

describe('maskMetricsByLabel on hand-checkable cases', () => {
  const dims: Index3 = [6, 5, 4];
  const size = 6 * 5 * 4;
  const at = (x: number, y: number, z: number) => x + y * 6 + z * 30;

  it('reports a label found in one image only, with Dice 0 and no distances', () => {
    const ref = new Uint16Array(size);
    const test = new Uint16Array(size);
    ref[at(1, 1, 1)] = 300;
    test[at(1, 1, 1)] = 300;
    test[at(4, 3, 2)] = 7;
    const [seven, three] = maskMetricsByLabel(ref, test, dims, [1, 1, 1]);
    expect(seven).toMatchObject({
      label: 7,
      dice: 0,
      voxelsRef: 0,
      voxelsTest: 1,
      hd: null,
      volumeDiff: null,
    });
    expect(three).toMatchObject({ label: 300, dice: 1, hd: 0, voxelsIntersection: 1 });
  });

  it('measures only the labels asked for, absent ones as two empty masks', () => {
    const ref = new Uint8Array(size);
    ref[at(0, 0, 0)] = 1;
    ref[at(5, 4, 3)] = 2;
    const result = maskMetricsByLabel(ref, ref.slice(), dims, [1, 1, 1], { labels: [9, 2, 2] });
    expect(result.map((m) => m.label)).toEqual([2, 9]);
    expect(result[0]).toMatchObject({ dice: 1, hd: 0 });
    expect(result[1]).toMatchObject({ dice: null, hd: null, voxelsRef: 0, voxelsTest: 0 });
  });

  it('returns nothing for two empty images', () => {
    expect(maskMetricsByLabel(new Uint8Array(size), new Uint8Array(size), dims, [1, 1, 1])).toEqual([]);
  });

  it('refuses label 0, NaN voxels and inputs that do not fit', () => {
    const empty = new Float32Array(size);
    expect(() => maskMetricsByLabel(empty, empty, dims, [1, 1, 1], { labels: [0] })).toThrow(/non-zero/);
    const nan = new Float32Array(size);
    nan[7] = Number.NaN;
    expect(() => maskMetricsByLabel(empty, nan, dims, [1, 1, 1])).toThrow(/test voxel 7 is NaN/);
    expect(() => maskMetricsByLabel(empty, new Float32Array(3), dims, [1, 1, 1])).toThrow(/test has 3/);
  });
});
