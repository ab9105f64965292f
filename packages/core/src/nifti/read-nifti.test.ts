import { readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ImageReadError } from '../errors/image-read-error.js';
import type { ImageVolume } from '../volume/image-volume.js';
import { lpsAffine } from '../volume/patient-coordinates.js';
import { readNifti } from './read-nifti.js';

const testdata = new URL('../../../../../shared/testdata/', import.meta.url);
const load = (path: string) => new Uint8Array(readFileSync(new URL(path, testdata)));

interface Expected {
  file: string;
  dims: [number, number, number];
  timepoints: number;
  dataType: string;
  /** nibabel 5: (diag(-1,-1,1,1) · img.affine)[:3] row by row — the index→LPS affine. */
  lps: number[];
  /** [i, j, k, t] and img.get_fdata()[i, j, k, t]. */
  values: Array<[number[], number]>;
  /** float(img.get_fdata().sum()). */
  sum: number;
  description?: string;
  repetitionTimeMs?: number;
  sformCode: number;
}

// Every value below was computed once with Debian's /usr/bin/python3 and nibabel 5.0:
// img = nib.load(f); lps = np.diag([-1,-1,1,1]) @ img.affine; d = img.get_fdata()
const EXPECTED: Expected[] = [
  {
    file: 'nibabel/anatomical.nii', // big-endian int16, sform = qform = 2
    dims: [33, 41, 25],
    timepoints: 1,
    dataType: 'int16',
    lps: [2, 0, 0, -32, 0, -2, 0, 40, 0, 0, 2, -16],
    values: [
      [[16, 20, 12], 11881],
      [[32, 40, 24], 2971],
      [[3, 3, 3], 12027],
    ],
    sum: 284166082,
    description: 'spm - 3D normalized',
    sformCode: 2,
  },
  {
    file: 'nibabel/functional.nii', // 4D, scl_slope 0.0754…, scl_inter 3100.76…
    dims: [17, 21, 3],
    timepoints: 20,
    dataType: 'float32',
    lps: [4, 0, 0, -32, 0, -4, 0, 40, 0, 0, 8, 0],
    values: [
      [[8, 10, 1, 10], 3937.251221358776],
      [[16, 20, 2, 19], 3129.3409598469734],
      [[3, 3, 2, 3], 3819.842571258545],
    ],
    sum: 77913290.36292362,
    description: 'spm - 3D normalized',
    repetitionTimeMs: 2000,
    sformCode: 2,
  },
  {
    file: 'nibabel/example4d.nii.gz', // gzip, extensions (vox_offset 416), oblique
    dims: [128, 96, 24],
    timepoints: 2,
    dataType: 'int16',
    lps: [
      2.0, -6.714715653593746e-19, -9.081024511081715e-18, -117.8551025390625, 6.714715653593746e-19,
      -1.9737114906311035, 0.35552823543548584, 35.72294235229492, 8.25548088896093e-18, 0.3232076168060303,
      2.171081781387329, -7.248798370361328,
    ],
    values: [
      [[64, 48, 12, 1], 266],
      [[127, 95, 23, 1], 0],
      [[3, 3, 3, 1], 0],
    ],
    sum: 101985356,
    description: 'FSL3.3',
    repetitionTimeMs: 2000000, // pixdim[4] is 2000 with units "sec" in this file; nibabel reports it the same
    sformCode: 1,
  },
  {
    file: 'nibabel/example_nifti2.nii.gz', // NIfTI-2, vox_offset 608
    dims: [32, 20, 12],
    timepoints: 2,
    dataType: 'int16',
    lps: [
      2.0, -6.714715653593746e-19, -9.081024511081715e-18, -117.8551025390625, 6.714715653593746e-19,
      -1.9737114906311035, 0.35552823543548584, 35.72294235229492, 8.25548088896093e-18, 0.3232076168060303,
      2.171081781387329, -7.248798370361328,
    ],
    values: [
      [[16, 10, 6, 1], 266],
      [[31, 19, 11, 1], 457],
      [[3, 3, 3, 1], 402],
    ],
    sum: 6926802,
    description: 'FSL3.3',
    repetitionTimeMs: 2000000,
    sformCode: 1,
  },
  {
    file: 'nibabel/standard.nii.gz', // sform only (qform_code 0), anisotropic, units unknown
    dims: [4, 5, 7],
    timepoints: 1,
    dataType: 'uint8',
    lps: [-1, 0, 0, 0, 0, -3, 0, 0, 0, 0, 2, 0],
    values: [
      [[2, 2, 3], 0],
      [[3, 4, 6], 255],
      [[3, 3, 3], 0],
    ],
    sum: 7650,
    sformCode: 2,
  },
  {
    file: 'niivue/hippo.nii.gz', // float32, MNI (sform = qform = 4)
    dims: [91, 109, 91],
    timepoints: 1,
    dataType: 'float32',
    lps: [2, 0, 0, -90, 0, -2, 0, 126, 0, 0, 2, -72],
    values: [
      [[45, 54, 45], 0],
      [[90, 108, 90], 0],
    ],
    sum: 4698,
    description: '6.0.4:ddd0a010',
    sformCode: 4,
  },
  {
    file: 'niivue/torsoLabel.nii.gz', // uint8 label map, qfac +1
    dims: [384, 320, 89],
    timepoints: 1,
    dataType: 'uint8',
    lps: [
      -0.7820000052452087, 0, 0, 134.1246795654297, 0, -0.7820000052452087, 0, 146.02679443359375, 0, 0, 5,
      1184,
    ],
    values: [
      [[192, 160, 44], 0],
      [[383, 319, 88], 0],
    ],
    sum: 5458798,
    sformCode: 2,
  },
  ...[1, 2, 3, 4, 5, 6, 7, 8, 9].map(
    (n): Expected => ({
      file: `dcm_qa_ts/Ref/${n}.nii`, // dcm2niix, oblique Siemens mosaic; the 9 files are byte-identical
      dims: [64, 64, 35],
      timepoints: 1,
      dataType: 'int16',
      lps: [
        3.25, -3.250000038259134e-16, 3.8879768499760497e-17, -104.0, -3.250000038259134e-16,
        -3.2309906482696533, 0.38879767060279846, 58.68431091308594, 0, 0.3509978950023651,
        3.5789432525634766, -84.79803466796875,
      ],
      values: [
        [[32, 32, 17], 1021],
        [[63, 63, 34], 14],
        [[3, 3, 3], 12],
      ],
      sum: 38036663,
      description: 'TE=30;Time=134935.305;phase=1',
      sformCode: 1,
    }),
  ),
  {
    file: 'dcm_qa_nih/Ref/DCM2NIIX_regression_test_4.nii', // GE fMRI, 15 slices × 10 volumes, TR 5 s
    dims: [64, 64, 15],
    timepoints: 10,
    dataType: 'int16',
    lps: [3.75, 0, 0, -118.125, 0, -3.75, 0, 92.906005859375, 0, 0, 5, -17.6875],
    values: [
      [[32, 32, 7, 5], 1914],
      [[63, 63, 14, 9], 0],
      [[3, 3, 3, 3], 30],
    ],
    sum: 348072471,
    description: 'TE=30;Time=114815.000;phase=1',
    repetitionTimeMs: 5000,
    sformCode: 1,
  },
  {
    file: 'dcm_qa_nih/Ref/EPI_PE=AP_3.nii',
    dims: [72, 72, 5],
    timepoints: 2,
    dataType: 'int16',
    lps: [3, 0, 0, -108, 0, -3, 0, 105, 0, 0, 12, 16],
    values: [
      [[36, 36, 2, 1], 292],
      [[71, 71, 4, 1], 15],
      [[3, 3, 3, 1], 14],
    ],
    sum: 10219069,
    description: 'TE=50;Time=122458.102;phase=1',
    repetitionTimeMs: 2435.3702068328857,
    sformCode: 1,
  },
  {
    file: 'dcm_qa_nih/Ref/EPI_PE=PA_4.nii',
    dims: [72, 72, 5],
    timepoints: 2,
    dataType: 'int16',
    lps: [3, 0, 0, -108, 0, -3, 0, 105, 0, 0, 12, 16],
    values: [
      [[36, 36, 2, 1], 288],
      [[71, 71, 4, 1], 0],
      [[3, 3, 3, 1], 13],
    ],
    sum: 10252365,
    description: 'TE=50;Time=122654.518;phase=0',
    repetitionTimeMs: 2435.3702068328857,
    sformCode: 1,
  },
];

function valueAt(image: ImageVolume, [i, j, k, t = 0]: number[]): number {
  const [nx, ny, nz] = image.dims;
  return image.data[i! + nx * (j! + ny * (k! + nz * t))]!;
}

function expectClose(actual: readonly number[], expected: readonly number[], tolerance: number): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((v, i) => {
    expect(Math.abs(v - expected[i]!), `element ${i}: ${v} vs ${expected[i]}`).toBeLessThanOrEqual(tolerance);
  });
}

describe('readNifti on the shared test data, against nibabel', () => {
  for (const e of EXPECTED) {
    it(e.file, () => {
      const image = readNifti(load(e.file), { file: e.file });
      expect(image.dims).toEqual(e.dims);
      expect(image.timepoints).toBe(e.timepoints);
      expect(image.dataType).toBe(e.dataType);
      expect(image.samplesPerPixel).toBe(1);
      expect(image.data.length).toBe(e.dims[0] * e.dims[1] * e.dims[2] * e.timepoints);
      expectClose(lpsAffine(image), [...e.lps, 0, 0, 0, 1], 1e-6);
      const columnNorms = [0, 1, 2].map((c) => Math.hypot(e.lps[c]!, e.lps[4 + c]!, e.lps[8 + c]!));
      expectClose(image.spacing, columnNorms, 1e-6);
      for (const [index, value] of e.values) {
        // Scaled values are float32 in Voxelhub, float64 in nibabel.
        expect(valueAt(image, index)).toBe(e.dataType === 'float32' ? Math.fround(value) : value);
      }
      let sum = 0;
      for (let i = 0; i < image.data.length; i++) sum += image.data[i]!;
      expect(Math.abs(sum - e.sum)).toBeLessThanOrEqual(Math.abs(e.sum) * 1e-7);
      expect(image.meta.description).toBe(e.description);
      expect(image.meta.repetitionTimeMs).toBe(e.repetitionTimeMs);
      expect(image.meta.niftiSformCode).toBe(e.sformCode);
      expect(image.meta.niftiGeometrySource).toBe('sform');
    });
  }

  it('reads functional.nii with its scaling: raw·slope + inter, as float32', () => {
    const image = readNifti(load('nibabel/functional.nii'));
    // The raw int16 at (8,10,1,10) is 11093 (img.dataobj.get_unscaled()): 11093 · 0.07540696859359741 + 3100.76171875 (nibabel: 3937.2512…).
    expect(valueAt(image, [8, 10, 1, 10])).toBe(Math.fround(11093 * 0.07540696859359741 + 3100.76171875));
    expect(image.data).toBeInstanceOf(Float32Array);
  });

  it('never changes its input (the big-endian swap works on a copy)', () => {
    const bytes = load('nibabel/anatomical.nii');
    const before = bytes.slice();
    const image = readNifti(bytes);
    expect(Buffer.compare(Buffer.from(bytes), Buffer.from(before))).toBe(0);
    expect(image.data.buffer).not.toBe(bytes.buffer);
  });

  it('keeps NIfTI-2 and the header fields in meta', () => {
    const image = readNifti(load('nibabel/example_nifti2.nii.gz'));
    expect(image.meta).toMatchObject({ niftiVersion: 2, niftiQformCode: 1, niftiXyztUnits: 10 });
    expect(image.warnings).toEqual([]);
  });

  it('reads slice timing where dim_info, slice_code and slice_duration give it', () => {
    // dcm_qa_ts/Ref/1.nii has slice_code 1 but slice_duration 0, so it gives no slice times.
    expect(readNifti(load('dcm_qa_ts/Ref/1.nii')).meta.sliceTimesMs).toBeUndefined();
  });

  it('reads a multi-member gzip (pigz, concatenated parts) completely, with the default gunzip', () => {
    const nii = load('nibabel/anatomical.nii');
    const twoMembers = new Uint8Array(
      Buffer.concat([gzipSync(nii.subarray(0, 30000)), gzipSync(nii.subarray(30000))]),
    );
    const image = readNifti(twoMembers);
    const plain = readNifti(nii);
    const bytes = (x: ImageVolume) => Buffer.from(x.data.buffer, x.data.byteOffset, x.data.byteLength);
    expect(Buffer.compare(bytes(image), bytes(plain))).toBe(0);
    expect(Buffer.compare(bytes(readNifti(twoMembers, { gunzip: (b) => gunzipSync(b) })), bytes(plain))).toBe(
      0,
    );
  });
});

/** The file with sform_code set to 0 (int16 at byte 254 of a NIfTI-1 header), so the qform is used. */
function withoutSform(bytes: Uint8Array): Uint8Array {
  const copy = bytes.slice();
  new DataView(copy.buffer).setInt16(254, 0, true);
  return copy;
}

describe('readNifti geometry from the qform (quaternion, qfac)', () => {
  // nibabel: np.diag([-1,-1,1,1]) @ Nifti1Header.from_fileobj(...).get_qform(), rows 1–3.
  it('dcm_qa_ts/Ref/1.nii (oblique, qfac −1)', () => {
    const image = readNifti(withoutSform(load('dcm_qa_ts/Ref/1.nii')));
    expect(image.meta.niftiGeometrySource).toBe('qform');
    expectClose(
      lpsAffine(image).slice(0, 12),
      [
        3.25, -3.24997210184189e-16, 1.949673607660675e-17, -104.0, -3.24997210184189e-16, -3.230990631191013,
        0.38879768776993484, 58.68431091308594, 1.7601220535431982e-17, 0.3509979218683496,
        3.5789433735865748, -84.79803466796875,
      ],
      1e-9,
    );
  });

  it('example4d.nii.gz (b ≈ 0, a ≈ 0: the 180° special case)', () => {
    const image = readNifti(withoutSform(new Uint8Array(gunzipSync(load('nibabel/example4d.nii.gz')))));
    expectClose(
      lpsAffine(image).slice(0, 12),
      [
        1.999999995978187, -1.0282396754185892e-5, -0.00013905980362440367, -117.8551025390625,
        1.0282396754185892e-5, -1.9737114380364735, 0.3555282247524397, 35.72294235229492,
        0.00012641805535562603, 0.32320761014906196, 2.1710816833341227, -7.248798370361328,
      ],
      1e-9,
    );
  });

  it('falls back to pixdim alone (method 1: RAS axes, origin 0) without sform and qform', () => {
    const bytes = withoutSform(load('nibabel/anatomical.nii'));
    // anatomical.nii is big-endian: clear both codes in its byte order.
    new DataView(bytes.buffer).setInt16(252, 0, false);
    new DataView(bytes.buffer).setInt16(254, 0, false);
    const image = readNifti(bytes);
    expect(image.meta.niftiGeometrySource).toBe('pixdim');
    expect(lpsAffine(image)).toEqual([-2, 0, 0, 0, 0, -2, 0, 0, 0, 0, 2, 0, 0, 0, 0, 1]);
  });
});

describe('readNifti refuses what it cannot read', () => {
  it('names the file in the error', () => {
    const bytes = load('nibabel/anatomical.nii').slice(0, 20000);
    try {
      readNifti(bytes, { file: 'anatomical.nii' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ImageReadError);
      expect((error as ImageReadError).code).toBe('TRUNCATED');
      expect((error as ImageReadError).message).toMatch(/^anatomical\.nii: /);
    }
  });
});
