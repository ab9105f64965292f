import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ImageGeometry, readDicomSeg } from '@voxelhub/core';
import { labelMapToNifti } from '@voxelhub/core/segmentation';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../main.js';
import { type CapturedRun, capturedRun } from '../test-support/captured-run.js';

const SHARED = fileURLToPath(new URL('../../../../../shared/', import.meta.url));
const REFERENCE = join(SHARED, 'reference/metrics');
const TESTDATA = join(SHARED, 'testdata');
const LABEL_SEG = join(TESTDATA, 'dcmqi/segmentations/23x38x3/seg/label.seg');
const work = mkdtempSync(join(tmpdir(), 'voxelhub-metrics-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

type Run = CapturedRun;

function run(...args: string[]): Promise<Run> {
  return capturedRun(() => main(['metrics', ...args]));
}

/** `voxelhub metrics … --json`, parsed; the run must succeed. */
async function metricsJson(...args: string[]) {
  const r = await run(...args, '--json');
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
}

interface Expected {
  ref: string;
  test: string;
  label: number | null;
  dice: number;
  iou: number;
  hd_mm: number | null;
  hd95_mm: number | null;
  assd_mm: number | null;
  volume_diff_pct: number;
}

const cases = readdirSync(REFERENCE)
  .filter((name) => name.endsWith('.expected.json'))
  .sort()
  .map((name) => ({
    name: name.replace('.expected.json', ''),
    expected: JSON.parse(readFileSync(join(REFERENCE, name), 'utf8')) as Expected,
  }));

/**
 * NSD computed independently with nibabel + scipy for every case and label at the given tolerances:
 * surface = mask minus its 6-connected erosion (outside the image is background), distances from
 * scipy's EDT with the voxel size, NSD = (#D_rt ≤ τ + #D_tr ≤ τ) / (#ref surface + #test surface).
 */
const SCIPY_NSD = `
import glob, json, os, sys
import nibabel as nib, numpy as np
from scipy import ndimage
folder, taus = sys.argv[1], sys.argv[2:]
def surface(mask):
    return mask & ~ndimage.binary_erosion(mask, ndimage.generate_binary_structure(3, 1), border_value=0)
out = {}
for ref_path in sorted(glob.glob(os.path.join(folder, '*_ref.nii.gz'))):
    name = os.path.basename(ref_path)[:-len('_ref.nii.gz')]
    ref_img = nib.load(ref_path)
    ref = np.asarray(ref_img.dataobj)
    test = np.asarray(nib.load(ref_path.replace('_ref.', '_test.')).dataobj)
    zooms = [float(z) for z in ref_img.header.get_zooms()[:3]]
    for label in sorted((set(np.unique(ref)) | set(np.unique(test))) - {0}):
        sr, st = surface(ref == label), surface(test == label)
        if not sr.any() or not st.any():
            continue
        d_rt = ndimage.distance_transform_edt(~st, sampling=zooms)[sr]
        d_tr = ndimage.distance_transform_edt(~sr, sampling=zooms)[st]
        out.setdefault(name, {})[str(int(label))] = {
            t: float(((d_rt <= float(t)).sum() + (d_tr <= float(t)).sum()) / (d_rt.size + d_tr.size)) for t in taus}
print(json.dumps(out))
`;
const scipyNsd: Record<string, Record<string, Record<string, number>>> = JSON.parse(
  execFileSync('/usr/bin/python3', ['-c', SCIPY_NSD, REFERENCE, '1', '2.5']).toString(),
);

function expectAsReference(actual: Record<string, number | null>, expected: Expected): void {
  expect(actual.dice).toBeCloseTo(expected.dice, 6);
  expect(actual.iou).toBeCloseTo(expected.iou, 6);
  for (const [ours, theirs] of [
    ['hd', 'hd_mm'],
    ['hd95', 'hd95_mm'],
    ['assd', 'assd_mm'],
  ] as const) {
    if (expected[theirs] === null) expect(actual[ours]).toBeNull();
    else expect(actual[ours]).toBeCloseTo(expected[theirs]!, 6);
  }
  expect(actual.volumeDiff! * 100).toBeCloseTo(expected.volume_diff_pct, 6);
}

describe('voxelhub metrics on the shared reference masks', () => {
  it('finds every case of the reference folder', () => {
    expect(cases.length).toBeGreaterThanOrEqual(12);
  });

  for (const { name, expected } of cases) {
    const label = expected.label ?? 1;
    it(`${name}: --label ${label} matches ${name}.expected.json and scipy's NSD at 1 mm`, async () => {
      const got = await metricsJson(
        join(REFERENCE, expected.ref),
        join(REFERENCE, expected.test),
        '--label',
        String(label),
      );
      expect(got.label).toBe(label);
      expect(got.tolerance).toBe(1);
      expectAsReference(got, expected);
      const nsd = scipyNsd[name.replace(/_label\d$/, '')]?.[label];
      if (nsd === undefined)
        expect(got.nsd).toBe(0); // one mask is empty: no surface lies within τ
      else expect(got.nsd).toBeCloseTo(nsd['1']!, 9);
    });
  }

  it('gives one object per label, in label order, without --label', async () => {
    const got = await metricsJson(
      join(REFERENCE, 'multilabel_ref.nii.gz'),
      join(REFERENCE, 'multilabel_test.nii.gz'),
    );
    expect(got.map((r: { label: number }) => r.label)).toEqual([1, 2]);
    for (const r of got) {
      const expected = cases.find((c) => c.name === `multilabel_label${r.label}`)!.expected;
      expectAsReference(r, expected);
    }
  });

  it('uses --tolerance for NSD', async () => {
    const got = await metricsJson(
      join(REFERENCE, 'erode2_ref.nii.gz'),
      join(REFERENCE, 'erode2_test.nii.gz'),
      '--label',
      '1',
      '--tolerance',
      '2.5',
    );
    expect(got.tolerance).toBe(2.5);
    expect(got.nsd).toBeCloseTo(scipyNsd.erode2!['1']!['2.5']!, 9);
  });

  it('warns when the label asked for is in neither file', async () => {
    const ref = join(REFERENCE, 'identical_ref.nii.gz');
    const r = await run(ref, ref, '--label', '7', '--json');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('warning: label 7 is in neither file\n');
    // Both masks empty: every metric is undefined (mask-metrics.ts states the convention).
    expect(JSON.parse(r.stdout)).toMatchObject({
      label: 7,
      dice: null,
      hd: null,
      nsd: null,
      volumeDiff: null,
    });
  });

  it('prints a table with the tolerance without --json', async () => {
    const r = await run(join(REFERENCE, 'multilabel_ref.nii.gz'), join(REFERENCE, 'multilabel_test.nii.gz'));
    expect(r.code).toBe(0);
    const [header, rule, one, two, note] = r.stdout.split('\n');
    expect(header).toMatch(
      /^label\s+dice\s+iou\s+hd \(mm\)\s+hd95 \(mm\)\s+assd \(mm\)\s+nsd\s+volume diff$/,
    );
    expect(rule).toMatch(/^-+ +-+/);
    // multilabel_label1.expected.json: Dice 0.90723…, HD 1.4 mm, volume difference 0 %.
    expect(one).toMatch(/^1\s+0\.9072\s+0\.8302\s+1\.400\s+1\.400\s+0\.599\s+\d\.\d{4}\s+0\.0%$/);
    expect(two).toMatch(/^2\s+0\.8374\s/);
    expect(note).toMatch(/tolerance of 1 mm/);
  });
});

/** A NIfTI of `labels` on `geometry`, written by core's label-map writer. */
function writeNifti(name: string, labels: Uint8Array, geometry: ImageGeometry): string {
  const path = join(work, name);
  writeFileSync(path, labelMapToNifti({ dims: geometry.dims, voxels: labels }, geometry));
  return path;
}

/** The same voxels on a grid whose first axis runs the other way: one grid in patient space, new affine. */
function flippedAlongX(
  labels: Uint8Array,
  g: ImageGeometry,
): { labels: Uint8Array; geometry: ImageGeometry } {
  const [nx, ny, nz] = g.dims;
  const flipped = new Uint8Array(labels.length);
  for (let k = 0; k < nz; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++) flipped[nx - 1 - i + nx * (j + ny * k)] = labels[i + nx * (j + ny * k)]!;
  const d = g.direction;
  const far = (nx - 1) * g.spacing[0];
  return {
    labels: flipped,
    geometry: {
      ...g,
      origin: [g.origin[0] + far * d[0], g.origin[1] + far * d[3], g.origin[2] + far * d[6]],
      direction: [-d[0], d[1], d[2], -d[3], d[4], d[5], -d[6], d[7], d[8]],
    },
  };
}

describe('voxelhub metrics with DICOM SEG', () => {
  async function segLabels() {
    const seg = await readDicomSeg(new Uint8Array(readFileSync(LABEL_SEG)), { name: LABEL_SEG });
    return { labels: Uint8Array.from(seg.labelMap), geometry: seg.geometry };
  }

  it('a SEG against itself: Dice 1, distances 0', async () => {
    const [got] = await metricsJson(LABEL_SEG, LABEL_SEG);
    expect(got).toMatchObject({ label: 1, dice: 1, iou: 1, hd: 0, hd95: 0, assd: 0, nsd: 1, volumeDiff: 0 });
  });

  it('a SEG against a NIfTI of its label on its grid: Dice 1, no resampling', async () => {
    const { labels, geometry } = await segLabels();
    const nifti = writeNifti('label.nii', labels, geometry);
    for (const [a, b] of [
      [LABEL_SEG, nifti],
      [nifti, LABEL_SEG],
    ] as const) {
      const got = await metricsJson(a, b, '--label', '1');
      expect(got).toMatchObject({ dice: 1, hd: 0, volumeDiff: 0 });
    }
  });

  it('a NIfTI of the same label on a flipped grid is resampled onto the reference: Dice 1', async () => {
    const { labels, geometry } = await segLabels();
    const flipped = flippedAlongX(labels, geometry);
    const nifti = writeNifti('flipped.nii', flipped.labels, flipped.geometry);
    const r = await run(LABEL_SEG, nifti, '--label', '1', '--json');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /flipped\.nii .* another grid .* resampled onto the reference grid .* covers 100%/,
    );
    expect(JSON.parse(r.stdout)).toMatchObject({ dice: 1, hd: 0 });
  });

  it('names the segment in the table', async () => {
    const r = await run(LABEL_SEG, LABEL_SEG);
    expect(r.stdout).toMatch(/^label\s+segment\s+dice/);
    expect(r.stdout.split('\n')[2]).toMatch(/^1\s+Liver\s+1\.0000/);
  });

  it('refuses grids that do not overlap, exit status 1', async () => {
    const { labels, geometry } = await segLabels();
    const far = writeNifti('far.nii', labels, { ...geometry, origin: [geometry.origin[0] + 10_000, 0, 0] });
    const r = await run(LABEL_SEG, far);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/far\.nii .* and .*label\.seg .* do not overlap in patient space/);
    expect(r.stdout).toBe('');
  });
});

/** A 2×2×2 grid of 1 mm voxels at the origin. */
const GRID: ImageGeometry = {
  dims: [2, 2, 2],
  spacing: [1, 1, 1],
  origin: [0, 0, 0],
  direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
};

describe('voxelhub metrics on bad input', () => {
  const ref = join(REFERENCE, 'identical_ref.nii.gz');

  it.each([
    ['a missing file', join(work, 'missing.nii.gz'), /missing\.nii\.gz.*(ENOENT|no such file)/],
    ['a CT image', join(TESTDATA, 'pydicom/CT_small.dcm'), /CT_small\.dcm: not a DICOM Segmentation/],
    ['a text file', join(REFERENCE, 'README.md'), /README\.md: neither NIfTI .* nor DICOM/],
  ])('%s: exit status 1 and a message naming it', async (_, path, message) => {
    for (const args of [
      [ref, path],
      [path, ref],
    ]) {
      const r = await run(...args);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    }
  });

  it('a corrupt NIfTI: exit status 1 naming it', async () => {
    const bad = join(work, 'truncated.nii');
    writeFileSync(
      bad,
      readFileSync(writeNifti('whole.nii', new Uint8Array(8), { ...GRID })).subarray(0, 200),
    );
    const r = await run(ref, bad);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/truncated\.nii: /);
  });

  it.each([
    [[ref]],
    [[ref, ref, ref]],
    [[ref, ref, '--label', 'one']],
    [[ref, ref, '--label', '0']],
    [[ref, ref, '--tolerance=-1']],
    [[ref, ref, '--tolerance', 'x']],
    [[ref, ref, '--bogus']],
  ])('usage error for %j: exit status 2', async (args) => {
    const r = await run(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: [\s\S]*\n\(run 'voxelhub --help' for usage\)\n$/);
  });

  it('--help describes the command', async () => {
    const r = await run('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^Usage: voxelhub metrics <reference> <test> \[--label <n>\] \[--tolerance <mm>\]/,
    );
  });
});
