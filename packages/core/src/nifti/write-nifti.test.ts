import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { determinant, type Mat3, multiply } from '../geometry/matrix3.js';
import type { Vec3 } from '../geometry/vector.js';
import { allocateVoxels, type DataType } from '../volume/data-type.js';
import type { ImageVolume } from '../volume/image-volume.js';
import { lpsAffine, rasAffine } from '../volume/patient-coordinates.js';
import { readNifti } from './read-nifti.js';
import { writeNifti } from './write-nifti.js';

const testdata = new URL('../../../../../shared/testdata/', import.meta.url);

function rotation(ax: number, ay: number, az: number): Mat3 {
  const [cx, sx, cy, sy, cz, sz] = [
    Math.cos(ax),
    Math.sin(ax),
    Math.cos(ay),
    Math.sin(ay),
    Math.cos(az),
    Math.sin(az),
  ];
  const rx: Mat3 = [1, 0, 0, 0, cx, -sx, 0, sx, cx];
  const ry: Mat3 = [cy, 0, sy, 0, 1, 0, -sy, 0, cy];
  const rz: Mat3 = [cz, -sz, 0, sz, cz, 0, 0, 0, 1];
  return multiply(rz, multiply(ry, rx));
}

/** Oblique and left-handed (det −1): a rotation with its third column negated. */
const OBLIQUE_LEFT: Mat3 = rotation(0.3, -0.2, 0.5).map((v, i) => (i % 3 === 2 ? -v : v)) as unknown as Mat3;

/** Non-orthogonal (x and y axes 80° apart) and left-handed. */
const SHEARED_LEFT: Mat3 = multiply(rotation(0.1, 0.2, 0.3), [
  1,
  Math.cos((80 * Math.PI) / 180),
  0,
  0,
  Math.sin((80 * Math.PI) / 180),
  0,
  0,
  0,
  -1,
]);

interface Spec {
  dims?: Vec3;
  timepoints?: number;
  dataType?: DataType;
  samplesPerPixel?: 1 | 3;
  direction?: Mat3;
  meta?: ImageVolume['meta'];
}

/** A synthetic image whose voxel values cover the type's range, with a few NaN/∞ for floats. */
function makeImage(spec: Spec = {}): ImageVolume {
  const dims = spec.dims ?? [7, 6, 5];
  const timepoints = spec.timepoints ?? 1;
  const dataType = spec.dataType ?? 'float32';
  const spp = spec.samplesPerPixel ?? 1;
  const data = allocateVoxels(dataType, dims[0] * dims[1] * dims[2] * timepoints * spp);
  for (let i = 0; i < data.length; i++) {
    data[i] = dataType.startsWith('float') ? Math.sin(i) * 1e4 : (i * 7919) % 251;
  }
  if (data instanceof Float32Array || data instanceof Float64Array)
    data.set([Number.NaN, -0, Number.POSITIVE_INFINITY]);
  return {
    dims,
    spacing: [0.7, 0.8, 2.5],
    origin: [-100.5, 20.25, 33.3],
    direction: spec.direction ?? OBLIQUE_LEFT,
    kind: 'volume',
    timepoints,
    dataType,
    samplesPerPixel: spp,
    photometricInterpretation: spp === 3 ? 'RGB' : 'MONOCHROME2',
    data,
    meta: spec.meta ?? {},
    warnings: [],
  };
}

function expectClose(actual: readonly number[], expected: readonly number[], tolerance: number): void {
  actual.forEach((v, i) => {
    expect(Math.abs(v - expected[i]!), `element ${i}: ${v} vs ${expected[i]}`).toBeLessThanOrEqual(tolerance);
  });
}

function expectSameVoxels(a: ImageVolume, b: ImageVolume): void {
  expect(b.dataType).toBe(a.dataType);
  expect(b.data.length).toBe(a.data.length);
  const bytes = (x: ImageVolume) => Buffer.from(x.data.buffer, x.data.byteOffset, x.data.byteLength);
  expect(Buffer.compare(bytes(a), bytes(b))).toBe(0); // bitwise: NaN, −0 and ∞ included
}

describe('writeNifti → readNifti round trips', () => {
  it('float32, oblique, left-handed (NIfTI-1: geometry to float32 precision)', () => {
    const image = makeImage();
    expect(determinant(image.direction)).toBeLessThan(0);
    const bytes = writeNifti(image);
    expect(bytes.length).toBe(352 + 7 * 6 * 5 * 4);
    const back = readNifti(bytes);
    expectSameVoxels(image, back);
    expect(back.dims).toEqual(image.dims);
    expectClose(lpsAffine(back), lpsAffine(image), 2e-5);
    expectClose(back.direction, image.direction, 1e-7);
    expect(back.meta).toMatchObject({
      niftiVersion: 1,
      niftiSformCode: 1,
      niftiQformCode: 1,
      niftiXyztUnits: 10,
    });
  });

  it('NIfTI-2 keeps geometry in float64', () => {
    const image = makeImage({ dataType: 'float64' });
    const back = readNifti(writeNifti(image, { version: 2 }));
    expect(back.meta.niftiVersion).toBe(2);
    expectSameVoxels(image, back);
    expectClose(lpsAffine(back), lpsAffine(image), 1e-12);
    expectClose(back.spacing, image.spacing, 1e-14);
  });

  it('the qform alone gives the same geometry (quaternion + qfac −1)', () => {
    const bytes = writeNifti(makeImage(), { version: 2 });
    new DataView(bytes.buffer).setInt32(348, 0, true); // sform_code of NIfTI-2
    const back = readNifti(bytes);
    expect(back.meta.niftiGeometrySource).toBe('qform');
    expectClose(lpsAffine(back), lpsAffine(makeImage()), 1e-12);
  });

  it('a sheared direction: exact in the sform, nearest rotation in the qform', () => {
    const sheared: Mat3 = [1, 0.2 / Math.hypot(1, 0.2), 0, 0, 1 / Math.hypot(1, 0.2), 0, 0, 0, 1];
    const image = makeImage({ direction: sheared, dataType: 'int16' });
    const bytes = writeNifti(image, { version: 2 });
    expectClose(lpsAffine(readNifti(bytes)), lpsAffine(image), 1e-12);
    new DataView(bytes.buffer).setInt32(348, 0, true);
    const q = readNifti(bytes);
    expect(Math.abs(determinant(q.direction) - 1)).toBeLessThan(1e-12);
    // The polar factor of [[1, s], [0, c]]-like shear is a small rotation about z, between the two axes.
    expect(q.direction[1]).toBeGreaterThan(0);
    expect(q.direction[1]).toBeLessThan(sheared[1]);
  });

  for (const dataType of [
    'uint8',
    'int8',
    'uint16',
    'int16',
    'uint32',
    'int32',
    'float32',
    'float64',
  ] as const) {
    it(`${dataType} voxels`, () => {
      const image = makeImage({ dataType, direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] });
      const back = readNifti(writeNifti(image));
      expectSameVoxels(image, back);
      expectClose(lpsAffine(back), lpsAffine(image), 1e-5);
    });
  }

  it('RGB24', () => {
    const image = makeImage({ dataType: 'uint8', samplesPerPixel: 3 });
    const bytes = writeNifti(image);
    expect(new DataView(bytes.buffer).getInt16(70, true)).toBe(128);
    const back = readNifti(bytes);
    expect(back.samplesPerPixel).toBe(3);
    expect(back.photometricInterpretation).toBe('RGB');
    expectSameVoxels(image, back);
  });

  it('4D with TR, slice times, description, intent and sform code', () => {
    const sliceTimesMs = [0, 600, 200, 800, 400]; // alternating increasing, 200 ms apart
    const meta = {
      repetitionTimeMs: 2500,
      niftiIntentCode: 1002,
      niftiIntentName: 'labels',
      niftiSformCode: 4,
    };
    const image = makeImage({ dataType: 'int16', timepoints: 3, meta });
    const back = readNifti(writeNifti(image, { description: 'made by Voxelhub', sliceTimesMs }));
    expectSameVoxels(image, back);
    expect(back.timepoints).toBe(3);
    expect(back.meta).toMatchObject({
      ...meta,
      niftiQformCode: 4,
      description: 'made by Voxelhub',
    });
    // slice_duration is float32 seconds in NIfTI-1: 0.2 s reads back as 200.0000030 ms.
    expectClose(back.meta.sliceTimesMs as number[], sliceTimesMs, 1e-4);
    expect(() => writeNifti(image, { sliceTimesMs: [0, 1, 5, 2, 3] })).toThrow(RangeError);
  });

  it('NIfTI-2 automatically when a dimension exceeds 32767; NIfTI-1 refused then', () => {
    const image = makeImage({ dims: [40000, 2, 1], dataType: 'uint8' });
    const bytes = writeNifti(image);
    expect(new DataView(bytes.buffer).getInt32(0, true)).toBe(540);
    expect(bytes.length).toBe(544 + 80000);
    const back = readNifti(bytes);
    expect(back.dims).toEqual([40000, 2, 1]);
    expectSameVoxels(image, back);
    expect(() => writeNifti(image, { version: 1 })).toThrow(RangeError);
  });

  it('a real file: dcm2niix output read, written, read again', () => {
    const original = readNifti(new Uint8Array(readFileSync(new URL('dcm_qa_ts/Ref/1.nii', testdata))));
    const back = readNifti(writeNifti(original));
    expectSameVoxels(original, back);
    expect(lpsAffine(back)).toEqual(lpsAffine(original).map((v) => Math.fround(v) + 0));
    expect(back.meta.description).toBe(original.meta.description);
  });
});

/** Whether Debian's nibabel is importable; CI installs python3-nibabel. */
const PYTHON = '/usr/bin/python3';
const hasNibabel = spawnSync(PYTHON, ['-c', 'import nibabel'], { encoding: 'utf8' }).status === 0;
if (!hasNibabel)
  console.warn(`skipping the nibabel check: ${PYTHON} cannot import nibabel (apt install python3-nibabel)`);

const NIBABEL_SCRIPT = `
import json, sys, numpy as np, nibabel as nib
out = {}
for f in sys.argv[1:]:
    img = nib.load(f)
    h = img.header
    d = np.asanyarray(img.dataobj)
    rgb = bool(d.dtype.names)
    if rgb:  # RGB24 is a structured dtype; samples go last, then first for Voxelhub's interleaved order
        d = np.stack([d[n] for n in d.dtype.names], axis=-1)
    flat = np.moveaxis(d, -1, 0).ravel(order='F') if rgb else d.ravel(order='F')
    ts = h.get_slice_times() if h['slice_code'] else None
    ref = type(h)()
    ref.set_qform(h.get_sform())  # nibabel's own qform for our sform: qfac, SVD nearest rotation
    out[f] = dict(affine=img.affine.tolist(), qform=h.get_qform().tolist(), nibabel_qform=ref.get_qform().tolist(),
                  qfac=float(h['pixdim'][0]), nibabel_qfac=float(ref['pixdim'][0]), shape=list(d.shape), dtype=str(d.dtype),
                  first=[float(v) for v in flat[:64] if np.isfinite(v)],
                  total=float(np.nansum(np.where(np.isinf(d), 0, d), dtype=np.float64)),
                  zooms=[float(z) for z in h.get_zooms()], descrip=h['descrip'].item().decode(),
                  slice_times=None if ts is None else [float(t) for t in ts], version=int(h['sizeof_hdr']))
print(json.dumps(out))
`;

describe('files written by writeNifti, read by nibabel', () => {
  const dir = mkdtempSync(join(tmpdir(), 'voxelhub-nifti-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.skipIf(!hasNibabel)('nibabel reads the same affine, shape and values', () => {
    const cases: Record<string, { image: ImageVolume; version?: 1 | 2; sliceTimesMs?: number[] }> = {
      'oblique-left.nii': { image: makeImage() },
      'oblique-left-v2.nii': { image: makeImage({ dataType: 'float64' }), version: 2 },
      'uint8.nii': { image: makeImage({ dataType: 'uint8', direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] }) },
      'sheared-v2.nii': { image: makeImage({ direction: SHEARED_LEFT }), version: 2 },
      'rgb.nii': { image: makeImage({ dataType: 'uint8', samplesPerPixel: 3 }) },
      'fmri.nii': {
        image: makeImage({ dataType: 'int16', timepoints: 3, meta: { repetitionTimeMs: 2500 } }),
        sliceTimesMs: [0, 600, 200, 800, 400],
      },
    };
    for (const [name, c] of Object.entries(cases)) {
      writeFileSync(
        join(dir, name),
        writeNifti(c.image, { version: c.version, sliceTimesMs: c.sliceTimesMs, description: name }),
      );
    }
    const files = Object.keys(cases).map((name) => join(dir, name));
    const run = spawnSync(PYTHON, ['-c', NIBABEL_SCRIPT, ...files], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const seen = JSON.parse(run.stdout) as Record<string, Record<string, unknown>>;
    for (const [name, c] of Object.entries(cases)) {
      const nib = seen[join(dir, name)]!;
      const { image } = c;
      const ras = rasAffine(image);
      const tolerance = c.version === 2 ? 1e-12 : 2e-5;
      expectClose((nib.affine as number[][]).flat(), ras, tolerance);
      // Our qform is the one nibabel's set_qform makes from the sform (same qfac, same nearest rotation;
      // NIfTI-1 to float32 precision, as nibabel starts from the float32 sform), and for orthogonal
      // directions it is the same grid as the sform.
      expect(nib.qfac).toBe(nib.nibabel_qfac);
      expectClose((nib.qform as number[][]).flat(), (nib.nibabel_qform as number[][]).flat(), tolerance);
      if (name !== 'sheared-v2.nii')
        expectClose((nib.qform as number[][]).flat(), ras, c.version === 2 ? 1e-9 : 2e-5);
      const shape = [...image.dims, ...(image.timepoints > 1 ? [image.timepoints] : [])];
      expect(nib.shape).toEqual(image.samplesPerPixel === 3 ? [...shape, 3] : shape);
      expect(nib.descrip).toBe(name);
      expect(nib.version).toBe(c.version === 2 ? 540 : 348);
      const finite = Array.from(image.data).filter(Number.isFinite);
      expect(nib.first).toEqual(finite.slice(0, (nib.first as number[]).length));
      const total = finite.reduce((a, b) => a + b, 0);
      expect(Math.abs((nib.total as number) - total)).toBeLessThanOrEqual(Math.abs(total) * 1e-12 + 1e-9);
      if (c.sliceTimesMs) {
        expectClose(
          nib.slice_times as number[],
          c.sliceTimesMs.map((t) => t / 1000),
          1e-7,
        );
        expect((nib.zooms as number[])[3]).toBe(2.5);
      }
    }
  });
});
