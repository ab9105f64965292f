import { describe, expect, it } from 'vitest';
import type { DicomJsonInstance } from './dicom-json.js';
import { canShowAsVolume } from './volume-eligibility.js';

const slice = (z: number): DicomJsonInstance => ({
  '00200032': { vr: 'DS', Value: [0, 0, z] },
  '00200037': { vr: 'DS', Value: [1, 0, 0, 0, 1, 0] },
});

describe('canShowAsVolume', () => {
  const slices = [slice(0), slice(2.5), slice(5)];

  it('takes CT, MR and OT (a NIfTI volume) series of positioned slices', () => {
    expect(canShowAsVolume('CT', slices)).toBe(true);
    expect(canShowAsVolume('MR', slices)).toBe(true);
    expect(canShowAsVolume('OT', slices)).toBe(true);
  });

  it('refuses other modalities, too few slices, unpositioned slices and multi-frame images', () => {
    expect(canShowAsVolume('US', slices)).toBe(false);
    expect(canShowAsVolume('CT', slices.slice(0, 2))).toBe(false);
    expect(canShowAsVolume('CT', [...slices, { '00200032': { vr: 'DS', Value: [0, 0, 9] } }])).toBe(false);
    const cine = { ...slice(0), '00280008': { vr: 'IS', Value: [24] } };
    expect(canShowAsVolume('CT', [cine, cine, cine])).toBe(false);
  });
});
