import { describe, expect, it } from 'vitest';
import { scanInputs } from '../../node/scan-inputs.js';
import { testdataPath } from '../../test-support/shared-data.js';
import type { InstanceHeader } from '../instance-header.js';
import { assembleSeries } from './assemble-series.js';
import { seriesSummary } from './series-summary.js';

async function plansOf(...folders: string[]) {
  const scan = await scanInputs(folders.map((f) => testdataPath(f)));
  expect(scan.failed).toEqual([]);
  return assembleSeries(scan.dicom);
}

function closeTo(actual: readonly number[], expected: readonly number[], digits = 4) {
  expect(actual.length).toBe(expected.length);
  actual.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, digits));
}

describe('assembleSeries', () => {
  it('sorts the Philips CT head series along the normal, spacing from positions', async () => {
    const [plan, ...rest] = await plansOf('dcm_qa_ct/In');
    expect(rest).toEqual([]);
    const s = seriesSummary(plan!);
    // pydicom: 28 slices, IPP z from 696.21 to 831.21 (5 mm apart), PixelSpacing 0.451171875,
    // IOP 1\0\0\0\1\0, BitsStored 12 unsigned, RescaleIntercept -1024 → int16 Hounsfield units.
    expect(s.dims).toEqual([512, 512, 28]);
    closeTo(s.spacing, [0.451171875, 0.451171875, 5]);
    closeTo(s.origin, [-115.5, -1.85, 696.21]);
    expect(s.direction).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
    expect(s.dtype).toBe('int16');
    expect(s.warnings).toEqual([]);
    expect(s.modality).toBe('CT');
    expect(s.seriesNumber).toBe(201);
  });

  it('turns the GE fMRI series (150 single-slice files) into 15 slices × 10 volumes', async () => {
    const [plan] = await plansOf('dcm_qa_nih/In/20180918GE');
    const s = seriesSummary(plan!);
    // dcm2niix reference: DCM2NIIX_regression_test_4.nii is 64x64x15x10, 3.75x3.75x5 mm, TR 5 s.
    expect(s.dims).toEqual([64, 64, 15, 10]);
    closeTo(s.spacing, [3.75, 3.75, 5]);
    expect(plan!.frameTimesMs?.[1]).toBe(5000);
  });

  it('splits Siemens mosaics into slices and stacks repeated mosaics as timepoints', async () => {
    const plans = await plansOf('dcm_qa_nih/In/20180918Si');
    // dcm2niix references EPI_PE=AP_3 and EPI_PE=PA_4: 72x72x5x2 each.
    expect(plans.map((p) => seriesSummary(p).dims)).toEqual([
      [72, 72, 5, 2],
      [72, 72, 5, 2],
    ]);
  });

  it('reads enhanced multi-frame geometry from the functional groups', async () => {
    const [plan] = await plansOf('dcmqi/segmentations/23x38x3/multiframe');
    const [classic] = await plansOf('dcmqi/segmentations/23x38x3/image');
    // mf.dcm is the Legacy Converted Enhanced CT of the three IMG000*.dcm: same grid.
    expect(seriesSummary(plan!).dims).toEqual([23, 38, 3]);
    closeTo(seriesSummary(plan!).origin, seriesSummary(classic!).origin);
    closeTo(seriesSummary(plan!).spacing, seriesSummary(classic!).spacing);
  });

  it('keeps ultrasound cine as frames with their times', async () => {
    const [plan] = await plansOf('pydicom/examples_ybr_color.dcm');
    expect(plan!.kind).toBe('frames');
    expect(seriesSummary(plan!).dims).toEqual([320, 240, 30]);
    expect(plan!.frameTimesMs).toHaveLength(30);
  });

  it('places RT dose frames by the Grid Frame Offset Vector', async () => {
    const [plan] = await plansOf('pydicom/rtdose.dcm');
    expect(plan!.kind).toBe('volume');
    expect(seriesSummary(plan!).dims).toEqual([10, 10, 15]);
  });
});

/** Synthetic headers: geometry cases no shared file has (tilt, gaps, duplicates, mixed sizes). */
function header(z: number, overrides: Partial<InstanceHeader> & { y?: number } = {}): InstanceHeader {
  const { y = 0, ...rest } = overrides;
  return {
    file: `/s/${z}-${y}-${overrides.sopInstanceUID ?? ''}`,
    transferSyntaxUID: '1.2.840.10008.1.2.1',
    seriesInstanceUID: '1.2.3',
    sopInstanceUID: `1.2.3.${z}.${y}.${Math.random()}`,
    imageType: [],
    hasPixelData: true,
    rows: 4,
    columns: 4,
    samplesPerPixel: 1,
    bitsAllocated: 16,
    bitsStored: 16,
    pixelRepresentation: 1,
    numberOfFrames: 1,
    planes: [
      {
        position: [0, y, z],
        orientation: [
          [1, 0, 0],
          [0, 1, 0],
        ],
        pixelSpacing: [1, 1],
        rescaleSlope: 1,
        rescaleIntercept: 0,
        temporal: {},
      },
    ],
    ...rest,
  };
}

describe('assembleSeries warnings', () => {
  it('reports missing slices', () => {
    const [plan] = assembleSeries([0, 2, 4, 8, 10].map((z) => header(z)));
    expect(plan!.geometry.spacing[2]).toBe(2);
    expect(plan!.warnings.join()).toMatch(/missing slices: 1 slice/);
  });

  it('reports non-uniform spacing', () => {
    const [plan] = assembleSeries([0, 2, 4, 5.1, 7.1].map((z) => header(z)));
    expect(plan!.warnings.join()).toMatch(/non-uniform slice spacing/);
  });

  it('reports duplicate positions and keeps one frame per position', () => {
    const [plan] = assembleSeries([0, 1, 1, 2].map((z) => header(z)));
    expect(plan!.warnings.join()).toMatch(/duplicate positions: 1 frame/);
    expect(plan!.geometry.dims[2]).toBe(3);
  });

  it('reports gantry tilt and keeps the shear in the direction matrix', () => {
    // Each slice 2 mm up and 0.5 mm back: a tilt of atan(0.5/2) = 14.04°.
    const [plan] = assembleSeries([0, 1, 2, 3].map((k) => header(2 * k, { y: 0.5 * k })));
    expect(plan!.warnings.join()).toMatch(/gantry tilt: slices are sheared by 14.04°/);
    const d = plan!.geometry.direction;
    const s = plan!.geometry.spacing[2];
    expect(d[5] * s).toBeCloseTo(0.5, 6);
    expect(d[8] * s).toBeCloseTo(2, 6);
  });

  it('splits a series whose images differ in size or orientation', () => {
    const plans = assembleSeries([header(0), header(1), header(2, { rows: 8 }), header(3, { rows: 8 })]);
    expect(plans).toHaveLength(2);
    expect(plans[0]!.warnings[0]).toMatch(/split into 2 images/);
  });

  it('sorts slices stored in any order along the normal', () => {
    const [plan] = assembleSeries([3, 0, 2, 1].map((z) => header(z)));
    expect(plan!.frames.map((f) => f.plane.position![2])).toEqual([0, 1, 2, 3]);
    expect(plan!.geometry.origin).toEqual([0, 0, 0]);
  });
});
