import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CT_NOISE_HU } from '../demo/ct-series.js';
import type { DemoDataset } from '../demo/demo-dataset.js';
import type { ImageVolume } from '../volume/image-volume.js';
import { writeDemoDataset } from './demo-files.js';
import { describeInputs, type FoundImage } from './describe-inputs.js';
import { loadFoundImage } from './load-found-image.js';

const work = mkdtempSync(join(tmpdir(), 'voxelhub-demo-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let dataset: DemoDataset;
let paths: string[];
const found = new Map<string, FoundImage>();
const loaded = new Map<string, ImageVolume>();

beforeAll(async () => {
  ({ dataset, paths } = await writeDemoDataset(work, { seed: 3 }));
  const result = await describeInputs([work]);
  expect(result.failed).toEqual([]);
  expect(result.skipped).toEqual([]);
  for (const image of result.images) {
    const modality = image.summary.modality!;
    found.set(modality, image);
    loaded.set(modality, await loadFoundImage(image));
  }
});

function sum(values: ArrayLike<number>): number {
  let total = 0;
  for (let n = 0; n < values.length; n++) total += values[n]!;
  return total;
}

/** Value of a single-sample image at (i, j, k). */
function at(image: ImageVolume, i: number, j: number, k: number): number {
  return image.data[i + image.dims[0] * (j + image.dims[1] * k)]!;
}

describe('the demo dataset read back by our readers', () => {
  it('is three images: a CT series, a DX and a US cine', () => {
    expect([...found.keys()].sort()).toEqual(['CT', 'DX', 'US']);
    expect(paths).toHaveLength(dataset.files.length);
  });

  it('reads the CT as a 128×128×40 axial volume, 1×1×2.5 mm, centred on the LPS origin', () => {
    const { summary } = found.get('CT')!;
    expect(summary).toMatchObject({ kind: 'volume', dims: [128, 128, 40], spacing: [1, 1, 2.5], files: 40 });
    expect(summary.origin).toEqual([-63.5, -63.5, -48.75]);
    expect(summary.direction).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
    const ct = loaded.get('CT')!;
    expect(ct.meta.windowCenter).toBe(40);
    expect(ct.origin).toEqual(dataset.ct.labelMap.origin);
  });

  it('holds each structure at its nominal HU: at its probe voxel within noise, on average within 1 HU', () => {
    const ct = loaded.get('CT')!;
    const labels = dataset.ct.labelMap.data;
    for (const label of dataset.ct.labels) {
      const [i, j, k] = label.probeVoxel;
      expect(Math.abs(at(ct, i, j, k) - label.hu), label.name).toBeLessThan(5 * CT_NOISE_HU);
      let sum = 0;
      let count = 0;
      for (let n = 0; n < labels.length; n++) {
        if (labels[n] === label.id) {
          sum += ct.data[n]!;
          count++;
        }
      }
      expect(Math.abs(sum / count - label.hu), label.name).toBeLessThan(CT_NOISE_HU / 2);
    }
    // Air outside the body, at a corner.
    expect(Math.abs(at(ct, 0, 0, 0) + 1000)).toBeLessThan(5 * CT_NOISE_HU);
  });

  it('reads the DX with its spacing from Imager Pixel Spacing: dark lungs, bright heart, black air', () => {
    const { summary } = found.get('DX')!;
    expect(summary).toMatchObject({ kind: 'volume', dims: [512, 512, 1], spacing: [0.3, 0.3, 1] });
    const dx = loaded.get('DX')!;
    expect(dx.photometricInterpretation).toBe('MONOCHROME2');
    // Normalised (u, v) → pixel: the right lung (image left) and the heart (image right of centre, low).
    const pixel = (u: number, v: number) =>
      at(dx, Math.floor(((u + 1) / 2) * 512), Math.floor(((v + 1) / 2) * 512), 0);
    const lung = pixel(-0.38, -0.15);
    const heart = pixel(0.12, 0.25);
    const air = pixel(-0.98, -0.98);
    expect(air).toBeLessThan(lung);
    expect(lung + 500).toBeLessThan(heart);
    expect(Array.from(dx.data).every((v) => v >= 0 && v <= 4095)).toBe(true);
  });

  it('reads the US as frames 40 ms apart with 1 mm spacing from the ultrasound region, its chamber pulsing', () => {
    const { summary } = found.get('US')!;
    expect(summary).toMatchObject({ kind: 'frames', dims: [160, 120, 24], frames: 24 });
    expect(summary.spacing.slice(0, 2)).toEqual([1, 1]);
    const us = loaded.get('US')!;
    expect(us.frameTimesMs).toEqual(Array.from({ length: 24 }, (_, f) => 40 * f));
    // Outside the fan is black; the chamber is dark at end-diastole (frame 0) where its wall is at
    // end-systole (frame 12).
    expect(at(us, 0, 0, 0)).toBe(0);
    const mean = (f: number) => {
      let sum = 0;
      for (let dj = -2; dj <= 2; dj++) for (let di = -2; di <= 2; di++) sum += at(us, 80 + di, 86 + dj, f);
      return sum / 25;
    };
    expect(mean(0) + 40).toBeLessThan(mean(12));
  });
});

const PYDICOM_SCRIPT = `
import json, sys, pydicom
out = {}
for path in sys.argv[1:]:
    ds = pydicom.dcmread(path)
    a = ds.pixel_array
    hu = a.astype('float64') * float(getattr(ds, 'RescaleSlope', 1)) + float(getattr(ds, 'RescaleIntercept', 0))
    region = ds.SequenceOfUltrasoundRegions[0] if 'SequenceOfUltrasoundRegions' in ds else None
    out[path] = {
        'sop': ds.SOPClassUID, 'ts': ds.file_meta.TransferSyntaxUID, 'shape': list(a.shape),
        'sum': float(hu.sum()), 'patient': str(ds.PatientName),
        'spacing': [float(v) for v in ds.get('PixelSpacing', ds.get('ImagerPixelSpacing', []))],
        'ipp': [float(v) for v in ds.get('ImagePositionPatient', [])],
        'frameTime': float(ds.FrameTime) if 'FrameTime' in ds else None,
        'deltaX': float(region.PhysicalDeltaX) if region else None,
    }
print(json.dumps(out))
`;

const hasPydicom = spawnSync('/usr/bin/python3', ['-c', 'import pydicom']).status === 0;
const hasDciodvfy = spawnSync('dciodvfy', []).error === undefined;

describe('the demo dataset read by other tools', () => {
  // Debian's python3-pydicom; without it there is nothing independent to compare with.
  it.skipIf(!hasPydicom)('pydicom reads every file with the shapes, geometry and values we read', () => {
    const result = JSON.parse(execFileSync('/usr/bin/python3', ['-c', PYDICOM_SCRIPT, ...paths]).toString());
    const ctSlice = result[join(work, 'ct/slice-001.dcm')];
    expect(ctSlice).toMatchObject({ shape: [128, 128], spacing: [1, 1], ipp: [-63.5, -63.5, -48.75] });
    expect(ctSlice.ts).toBe('1.2.840.10008.1.2.1');
    const ct = loaded.get('CT')!;
    expect(ctSlice.sum).toBe(sum(ct.data.subarray(0, 128 * 128)));
    expect(result[join(work, 'dx/chest-pa.dcm')]).toMatchObject({ shape: [512, 512], spacing: [0.3, 0.3] });
    expect(result[join(work, 'dx/chest-pa.dcm')].sum).toBe(sum(loaded.get('DX')!.data));
    const us = result[join(work, 'us/echo-cine.dcm')];
    expect(us).toMatchObject({
      shape: [24, 120, 160],
      frameTime: 40,
      deltaX: 0.1,
      patient: 'Demo^Patient03',
    });
    expect(us.sum).toBe(sum(loaded.get('US')!.data));
  });

  // dicom3tools' IOD checker; warnings are allowed, errors are not.
  it.skipIf(!hasDciodvfy)('dciodvfy finds no errors in a CT slice, the DX and the US file', () => {
    for (const name of ['ct/slice-001.dcm', 'ct/slice-040.dcm', 'dx/chest-pa.dcm', 'us/echo-cine.dcm']) {
      const run = spawnSync('dciodvfy', [join(work, name)], { encoding: 'utf8' });
      const errors = `${run.stdout}${run.stderr}`.split('\n').filter((line) => line.startsWith('Error'));
      expect(errors, name).toEqual([]);
    }
  });
});
