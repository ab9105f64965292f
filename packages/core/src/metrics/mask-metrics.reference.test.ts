import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readNifti } from '../nifti/read-nifti.js';
import { SHARED } from '../test-support/shared-data.js';
import { maskMetrics } from './mask-metrics.js';

// Values computed by an independent numpy/scipy implementation (cross-checked against MONAI and
// plastimatch); see ../shared/reference/metrics/README.md. Read in place, never copied.
const REFERENCE = join(SHARED, 'reference', 'metrics');

interface Directed {
  n: number;
  max: number;
  p95: number;
  mean: number;
}

interface Expected {
  ref: string;
  test: string;
  label: number | null;
  voxels_ref: number;
  voxels_test: number;
  voxels_intersection: number;
  dice: number;
  iou: number;
  surface_voxels_ref?: number;
  surface_voxels_test?: number;
  hd_mm: number | null;
  hd95_mm: number | null;
  assd_mm: number | null;
  volume_diff_pct: number;
  directed?: { ref_to_test: Directed; test_to_ref: Directed };
}

function loadMask(name: string) {
  const file = join(REFERENCE, name);
  return readNifti(new Uint8Array(readFileSync(file)), { file, gunzip: gunzipSync });
}

const cases = readdirSync(REFERENCE)
  .filter((name) => name.endsWith('.expected.json'))
  .sort()
  .map((name) => ({
    name: name.replace('.expected.json', ''),
    expected: JSON.parse(readFileSync(join(REFERENCE, name), 'utf8')) as Expected,
  }));

describe('maskMetrics against the reference values', () => {
  it('finds every case of the manifest', () => {
    expect(cases.length).toBeGreaterThanOrEqual(12);
  });

  for (const { name, expected } of cases) {
    it(name, () => {
      const ref = loadMask(expected.ref);
      const test = loadMask(expected.test);
      const options = expected.label === null ? {} : { label: expected.label };
      const m = maskMetrics(ref.data, test.data, ref.dims, ref.spacing, options);
      expect(m.voxelsRef).toBe(expected.voxels_ref);
      expect(m.voxelsTest).toBe(expected.voxels_test);
      expect(m.voxelsIntersection).toBe(expected.voxels_intersection);
      expect(m.dice).toBeCloseTo(expected.dice, 9);
      expect(m.iou).toBeCloseTo(expected.iou, 9);
      expect(m.volumeDiff! * 100).toBeCloseTo(expected.volume_diff_pct, 9);
      if (expected.surface_voxels_ref !== undefined)
        expect(m.surfaceVoxelsRef).toBe(expected.surface_voxels_ref);
      if (expected.surface_voxels_test !== undefined)
        expect(m.surfaceVoxelsTest).toBe(expected.surface_voxels_test);
      for (const [actual, wanted] of [
        [m.hd, expected.hd_mm],
        [m.hd95, expected.hd95_mm],
        [m.assd, expected.assd_mm],
      ] as const) {
        if (wanted === null) expect(actual).toBeNull();
        else expect(actual).toBeCloseTo(wanted, 6);
      }
      const directed = expected.directed;
      if (directed) {
        for (const [actual, wanted] of [
          [m.refToTest, directed.ref_to_test],
          [m.testToRef, directed.test_to_ref],
        ] as const) {
          expect(actual?.n).toBe(wanted.n);
          expect(actual?.max).toBeCloseTo(wanted.max, 6);
          expect(actual?.p95).toBeCloseTo(wanted.p95, 6);
          expect(actual?.mean).toBeCloseTo(wanted.mean, 6);
        }
      }
    });
  }
});
