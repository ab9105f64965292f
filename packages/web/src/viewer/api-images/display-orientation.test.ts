import { readFileSync } from 'node:fs';
import { indexToPatient } from '@voxelhub/core/geometry';
import { readNifti } from '@voxelhub/core/nifti';
import { describe, expect, it } from 'vitest';
import { orientForDisplay } from './display-orientation.js';
import type { DecodedVolume } from './pixel-storage.js';

/** dcm2niix's NIfTI of a Siemens mosaic: 64 × 64 × 35 int16, 3.25 × 3.25 × 3.6 mm, tilted ~6° about x, LAS. */
const OBLIQUE_NIFTI = new URL('../../../../../../shared/testdata/dcm_qa_ts/Ref/1.nii', import.meta.url);

/** A volume whose voxel values are their own flat index, so each can be followed through the reorientation. */
function numbered(geometry: Pick<DecodedVolume, 'dims' | 'spacing' | 'origin' | 'direction'>): DecodedVolume {
  const count = geometry.dims[0] * geometry.dims[1] * geometry.dims[2];
  return {
    ...geometry,
    kind: 'volume',
    timepoints: 1,
    dataType: 'float32',
    samplesPerPixel: 1,
    photometricInterpretation: 'MONOCHROME2',
    data: Float32Array.from({ length: count }, (_, i) => i),
    meta: {},
    warnings: [],
  };
}

/** Where each original voxel went: value → [patient position, slice]. */
function voxelPlaces(volume: DecodedVolume): Map<number, { patient: number[]; k: number }> {
  const [nx, ny, nz] = volume.dims;
  const places = new Map<number, { patient: number[]; k: number }>();
  for (let k = 0; k < nz; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++)
        places.set(volume.data[i + nx * (j + ny * k)]!, {
          patient: [...indexToPatient(volume, [i, j, k])],
          k,
        });
  return places;
}

function expectSamePlaces(before: DecodedVolume, after: DecodedVolume) {
  const a = voxelPlaces(before);
  const b = voxelPlaces(after);
  for (const [value, place] of a) {
    const moved = b.get(value)!;
    expect(moved.k).toBe(place.k);
    for (let x = 0; x < 3; x++) expect(moved.patient[x]).toBeCloseTo(place.patient[x]!, 6);
  }
}

describe('orientForDisplay', () => {
  it('turns a RAS-stored oblique NIfTI so rows run to the left and columns to the back; slices stay as stored', () => {
    const volume = readNifti(new Uint8Array(readFileSync(OBLIQUE_NIFTI)));
    const shown = orientForDisplay(volume);
    const d = shown.direction;
    // Rows (index axis 0) toward the patient's left (+x), columns (axis 1) toward posterior (+y).
    expect(d[0]).toBeGreaterThan(0.9);
    expect(d[4]).toBeGreaterThan(0.9);
    // The slice axis is untouched: same direction, same spacing, same slice positions.
    expect([d[2], d[5], d[8]]).toEqual([volume.direction[2], volume.direction[5], volume.direction[8]]);
    expect(shown.spacing).toEqual(volume.spacing);
    expect(shown.dims).toEqual([64, 64, 35]);
  });

  it('moves no voxel in patient space nor to another slice (axial, coronal and sagittal, oblique)', () => {
    const c = Math.cos(0.2);
    const s = Math.sin(0.2);
    const grids: Pick<DecodedVolume, 'direction'>['direction'][] = [
      // Axial stored RAS-style: rows to the right, columns to the front, tilted.
      [-1, 0, 0, 0, -c, s, 0, s, c],
      // Coronal: rows to the right, columns up, slices to the front.
      [-1, 0, 0, 0, 0, -1, 0, 1, 0],
      // Sagittal, oblique: rows up, columns to the front, slices to the right.
      [0, 0, -1, -s, -c, 0, c, -s, 0],
    ];
    for (const direction of grids) {
      const volume = numbered({ dims: [4, 3, 5], spacing: [0.7, 1.1, 2.5], origin: [5, -7, 12], direction });
      const shown = orientForDisplay(volume);
      expectSamePlaces(volume, shown);
      const code = ['L', 'P', 'S'];
      // Rows and columns now point the way DICOM shows that plane.
      const axis = (n: number) =>
        [0, 1, 2].reduce(
          (best, r) =>
            Math.abs(shown.direction[r * 3 + n]!) > Math.abs(shown.direction[best * 3 + n]!) ? r : best,
          0,
        );
      const sign = (n: number) => Math.sign(shown.direction[axis(n) * 3 + n]!);
      const rows = `${sign(0) > 0 ? code[axis(0)] : 'RAI'[axis(0)]}`;
      const columns = `${sign(1) > 0 ? code[axis(1)] : 'RAI'[axis(1)]}`;
      const plane = axis(2);
      expect(rows + columns).toBe(plane === 2 ? 'LP' : plane === 1 ? 'LI' : 'PI');
    }
  });
});
