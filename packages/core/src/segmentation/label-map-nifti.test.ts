import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ImageReadError } from '../errors/image-read-error.js';
import { type Mat3, multiply } from '../geometry/matrix3.js';
import { readNifti } from '../nifti/read-nifti.js';
import { writeNifti } from '../nifti/write-nifti.js';
import type { ImageGeometry, ImageVolume } from '../volume/image-volume.js';
import type { LabelMap } from './label-map.js';
import { labelMapFromNifti, labelMapToNifti } from './label-map-nifti.js';
import { emptyLabelMap, paint } from './test-label-maps.js';

const work = mkdtempSync(join(tmpdir(), 'voxelhub-label-map-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function rotation(ax: number, ay: number, az: number): Mat3 {
  const [cx, sx, cy, sy, cz, sz] = [ax, ax, ay, ay, az, az].map((a, n) =>
    n % 2 ? Math.sin(a) : Math.cos(a),
  );
  return multiply(
    [cz!, -sz!, 0, sz!, cz!, 0, 0, 0, 1],
    multiply([cy!, 0, sy!, 0, 1, 0, -sy!, 0, cy!], [1, 0, 0, 0, cx!, -sx!, 0, sx!, cx!]),
  );
}

const DIMS = [9, 7, 5] as const;

/** Oblique (rotated about all three axes) with anisotropic voxels. */
const OBLIQUE: ImageGeometry = {
  dims: DIMS,
  spacing: [0.7, 0.9, 3],
  origin: [-101.5, 20.25, 33.75],
  direction: rotation(0.3, -0.2, 0.5),
};

const AXIAL: ImageGeometry = {
  dims: DIMS,
  spacing: [1, 1, 2],
  origin: [0, 0, 0],
  direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
};

/** The RAS affine NIfTI should hold, from the definition: LPS → RAS negates rows x and y. */
function expectedRasAffine(g: ImageGeometry): number[][] {
  return [0, 1, 2].map((r) => {
    const flip = r < 2 ? -1 : 1;
    return [...[0, 1, 2].map((c) => flip * g.direction[r * 3 + c]! * g.spacing[c]!), flip * g.origin[r]!];
  });
}

function labels(type: 'uint8' | 'uint16'): LabelMap {
  const map = emptyLabelMap(DIMS, type);
  paint(map, 1, (i, j) => i < 4 && j < 3);
  paint(map, type === 'uint8' ? 200 : 4000, (i, _j, k) => i > 5 && k > 2);
  // One voxel at the far end of each axis: any mix-up of axis order moves one of them.
  paint(map, 5, (i, j, k) => i === 8 && j === 0 && k === 0);
  paint(map, 6, (i, j, k) => i === 0 && j === 6 && k === 0);
  paint(map, 7, (i, j, k) => i === 0 && j === 0 && k === 4);
  return map;
}

function expectGeometryClose(actual: ImageGeometry, expected: ImageGeometry): void {
  expect(actual.dims).toEqual(expected.dims);
  // NIfTI-1 stores the affine in float32.
  const close = (a: readonly number[], b: readonly number[], tol: number) =>
    a.forEach((v, n) => expect(Math.abs(v - b[n]!), `${a} vs ${b}`).toBeLessThan(tol));
  close(actual.spacing, expected.spacing, 1e-5);
  close(actual.origin, expected.origin, 1e-4);
  close(actual.direction, expected.direction, 1e-6);
}

/** What nibabel (Debian's python3-nibabel) reads from a file: an independent NIfTI implementation. */
const NIBABEL = `
import json, sys
import nibabel as nib, numpy as np
img = nib.load(sys.argv[1])
data = np.asanyarray(img.dataobj)
print(json.dumps({
  'shape': list(data.shape), 'dtype': str(data.dtype),
  'affine': img.affine.tolist(), 'sform': img.get_sform().tolist(), 'qform': img.get_qform().tolist(),
  'codes': [int(img.header['sform_code']), int(img.header['qform_code'])],
  'intent': int(img.header['intent_code']),
  'sum': int(data.astype(np.int64).sum()), 'probes': [int(data[p]) for p in [(0, 0, 0), (8, 0, 0), (0, 6, 0), (0, 0, 4)]],
}))
`;

function nibabelReads(bytes: Uint8Array, name: string) {
  const path = join(work, name);
  writeFileSync(path, bytes);
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c', NIBABEL, path]).toString());
}

function sumOf(map: LabelMap): number {
  let sum = 0;
  for (const label of map.voxels) sum += label;
  return sum;
}

describe('labelMapToNifti → labelMapFromNifti', () => {
  for (const type of ['uint8', 'uint16'] as const) {
    for (const gzip of [false, true]) {
      it(`keeps ${type} voxels and an oblique anisotropic geometry${gzip ? ', gzipped' : ''}`, () => {
        const map = labels(type);
        const bytes = labelMapToNifti(map, OBLIQUE, { gzip });
        expect(bytes[0] === 0x1f && bytes[1] === 0x8b).toBe(gzip);
        const back = labelMapFromNifti(bytes);
        expect(back.map.voxels).toBeInstanceOf(type === 'uint8' ? Uint8Array : Uint16Array);
        expect(back.map.voxels).toEqual(map.voxels);
        expect(back.map.dims).toEqual(DIMS);
        expectGeometryClose(back.geometry, OBLIQUE);
      });
    }
  }

  it('keeps an axis-aligned geometry exactly', () => {
    const back = labelMapFromNifti(labelMapToNifti(labels('uint8'), AXIAL));
    expect(back.geometry).toEqual(AXIAL);
  });

  it('rejects a geometry of other dims', () => {
    expect(() => labelMapToNifti(labels('uint8'), { ...AXIAL, dims: [9, 7, 6] })).toThrow(RangeError);
  });
});

describe('labelMapToNifti read by nibabel', () => {
  for (const [type, gzip] of [
    ['uint8', false],
    ['uint16', true],
  ] as const) {
    it(`${type}${gzip ? ' .nii.gz' : ' .nii'}: shape, dtype, RAS affine (sform and qform) and voxels`, () => {
      const map = labels(type);
      const read = nibabelReads(
        labelMapToNifti(map, OBLIQUE, { gzip }),
        `labels-${type}.nii${gzip ? '.gz' : ''}`,
      );
      expect(read).toMatchObject({ shape: [...DIMS], dtype: type, codes: [1, 1], intent: 1002 });
      expect(read.sum).toBe(sumOf(map));
      expect(read.probes).toEqual([1, 5, 6, 7]);
      const expected = expectedRasAffine(OBLIQUE);
      for (const matrix of [read.affine, read.sform, read.qform] as number[][][]) {
        expect(matrix[3]).toEqual([0, 0, 0, 1]);
        expected.forEach((row, r) =>
          row.forEach((v, c) => expect(Math.abs(matrix[r]![c]! - v), `[${r}][${c}]`).toBeLessThan(1e-4)),
        );
      }
    });
  }
});

describe('labelMapFromNifti of files from other tools', () => {
  function volume(data: ImageVolume['data'], dataType: ImageVolume['dataType'], timepoints = 1): ImageVolume {
    return {
      ...AXIAL,
      dims: [2, 2, 1],
      kind: 'volume',
      timepoints,
      dataType,
      samplesPerPixel: 1,
      photometricInterpretation: 'MONOCHROME2',
      data,
      meta: {},
      warnings: [],
    };
  }

  it('takes whole-number labels held as int16 or float32, in the smallest type that fits', () => {
    const small = labelMapFromNifti(writeNifti(volume(Int16Array.from([0, 1, 2, 255]), 'int16')));
    expect(small.map.voxels).toEqual(Uint8Array.from([0, 1, 2, 255]));
    const large = labelMapFromNifti(writeNifti(volume(Float32Array.from([0, 1, 300, 65535]), 'float32')));
    expect(large.map.voxels).toEqual(Uint16Array.from([0, 1, 300, 65535]));
  });

  it('rejects fractions, negatives, and 4D files', () => {
    for (const data of [Float32Array.from([0, 1, 1.5, 2]), Int16Array.from([0, -1, 2, 3])]) {
      const bytes = writeNifti(volume(data, data instanceof Int16Array ? 'int16' : 'float32'));
      expect(() => labelMapFromNifti(bytes)).toThrow(ImageReadError);
    }
    const fourD = writeNifti(volume(new Uint8Array(8), 'uint8', 2));
    expect(readNifti(fourD).timepoints).toBe(2);
    expect(() => labelMapFromNifti(fourD)).toThrow(ImageReadError);
  });
});
