import { type ImageGeometry, indexToPatient } from '@voxelhub/core/geometry';
import { describe, expect, it } from 'vitest';
import { numberValues, stringValue, TAG } from '../dicom-json.js';
import type { PixelStorage } from './pixel-storage.js';
import {
  frameOfReferenceUidOf,
  synthesiseInstances,
  uidRootOf,
  windowOfRange,
} from './synthesise-instances.js';

/** An oblique grid (rotated 20° about x, then 10° about z), anisotropic: 0.8 × 1.25 mm pixels, 3.5 mm slices. */
function obliqueGeometry(): ImageGeometry {
  const a = (20 * Math.PI) / 180;
  const b = (10 * Math.PI) / 180;
  const rx = [1, 0, 0, 0, Math.cos(a), -Math.sin(a), 0, Math.sin(a), Math.cos(a)];
  const rz = [Math.cos(b), -Math.sin(b), 0, Math.sin(b), Math.cos(b), 0, 0, 0, 1];
  const m = Array.from({ length: 9 }, (_, i) => {
    const [r, c] = [Math.floor(i / 3), i % 3];
    return rz[r * 3]! * rx[c]! + rz[r * 3 + 1]! * rx[3 + c]! + rz[r * 3 + 2]! * rx[6 + c]!;
  });
  return {
    dims: [7, 5, 4],
    spacing: [0.8, 1.25, 3.5],
    origin: [-12.5, 30.25, 101],
    direction: m as unknown as ImageGeometry['direction'],
  };
}

const INT16: PixelStorage = {
  arrayType: 'Int16Array',
  bitsAllocated: 16,
  pixelRepresentation: 1,
  samplesPerPixel: 1,
  photometricInterpretation: 'MONOCHROME2',
};

const UUID = '0b4f6c3e-5d1a-4c8e-9f3a-2b7d8e6f1a90';

describe('synthesiseInstances', () => {
  const geometry = obliqueGeometry();
  const instances = synthesiseInstances({
    geometry,
    storage: INT16,
    modality: 'OT',
    seriesDescription: 'NIfTI',
    window: { center: 40, width: 400 },
    uidRoot: uidRootOf(UUID),
  });

  it('places every pixel of every slice where core puts its voxel (DICOM PS3.3 C.7.6.2.1.1)', () => {
    expect(instances).toHaveLength(4);
    for (const [k, instance] of instances.entries()) {
      const position = numberValues(instance, TAG.ImagePositionPatient)!;
      const orientation = numberValues(instance, TAG.ImageOrientationPatient)!;
      const [rowSpacing, columnSpacing] = numberValues(instance, '00280030')!;
      const rowCosines = orientation.slice(0, 3);
      const columnCosines = orientation.slice(3, 6);
      for (const [c, r] of [
        [0, 0],
        [6, 0],
        [0, 4],
        [3, 2],
        [6, 4],
      ] as const) {
        const dicom = [0, 1, 2].map(
          (x) => position[x]! + rowCosines[x]! * columnSpacing! * c + columnCosines[x]! * rowSpacing! * r,
        );
        const core = indexToPatient(geometry, [c, r, k]);
        for (let x = 0; x < 3; x++) expect(dicom[x]).toBeCloseTo(core[x]!, 9);
      }
    }
  });

  it('describes the grid and the pixels as a DICOM series of single-frame slices', () => {
    const first = instances[0]!;
    expect(numberValues(first, '00280010')).toEqual([5]);
    expect(numberValues(first, '00280011')).toEqual([7]);
    expect(numberValues(first, '00280030')).toEqual([1.25, 0.8]);
    expect(numberValues(first, '00180050')).toEqual([3.5]);
    expect(numberValues(first, TAG.NumberOfFrames)).toEqual([1]);
    expect(numberValues(first, '00280100')).toEqual([16]);
    expect(numberValues(first, '00280103')).toEqual([1]);
    expect(numberValues(first, '00281050')).toEqual([40]);
    expect(numberValues(first, '00281051')).toEqual([400]);
    expect(stringValue(first, '00080060')).toBe('OT');
    expect(stringValue(first, '00280004')).toBe('MONOCHROME2');
    expect(instances.map((i) => numberValues(i, TAG.InstanceNumber)![0])).toEqual([1, 2, 3, 4]);
    // One frame of reference and series; a UID per slice.
    const root = uidRootOf(UUID);
    expect(new Set(instances.map((i) => stringValue(i, '00200052')))).toEqual(
      new Set([frameOfReferenceUidOf(root)]),
    );
    expect(new Set(instances.map((i) => stringValue(i, TAG.SOPInstanceUID))).size).toBe(4);
  });

  it('gives colour slices three samples and no window', () => {
    const [rgb] = synthesiseInstances({
      geometry,
      storage: {
        ...INT16,
        arrayType: 'Uint8Array',
        bitsAllocated: 8,
        pixelRepresentation: 0,
        samplesPerPixel: 3,
        photometricInterpretation: 'RGB',
      },
      modality: 'OT',
      seriesDescription: 'PNG',
      uidRoot: uidRootOf(UUID),
    });
    expect(numberValues(rgb!, '00280002')).toEqual([3]);
    expect(numberValues(rgb!, '00280006')).toEqual([0]);
    expect(stringValue(rgb!, '00280004')).toBe('RGB');
    expect(rgb!['00281050']).toBeUndefined();
  });
});

describe('uidRootOf', () => {
  it('writes the UUID as one decimal number under 2.25, short enough for UIDs below it', () => {
    expect(uidRootOf('00000000-0000-0000-0000-0000000000ff')).toBe('2.25.255');
    const root = uidRootOf('ffffffff-ffff-ffff-ffff-ffffffffffff');
    expect(root).toBe(`2.25.${(2n ** 128n - 1n).toString()}`);
    expect(`${root}.4.99999`.length).toBeLessThanOrEqual(64);
    expect(() => uidRootOf('not-a-uuid')).toThrow(/not a UUID/);
  });
});

describe('windowOfRange', () => {
  it('spans the values, and a flat image gets a window one wide', () => {
    expect(windowOfRange({ min: -1024, max: 3071 })).toEqual({ center: 1023.5, width: 4095 });
    expect(windowOfRange({ min: 0, max: 0.25 })).toEqual({ center: 0.125, width: 0.25 });
    expect(windowOfRange({ min: 7, max: 7 })).toEqual({ center: 7, width: 1 });
  });
});
