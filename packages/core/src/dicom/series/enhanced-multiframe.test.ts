import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { readInstanceHeader } from '../instance-header.js';
import { parseDicom } from '../parse-dicom.js';
import { assembleSeries } from './assemble-series.js';
import { loadSeries } from './load-series.js';

// dcmjs (an independent DICOM writer) builds the file; its CommonJS build loads fastest under Vitest.
// Only the two pieces of dcmjs this test uses, typed here (the package ships no types).
interface Dcmjs {
  data: {
    DicomMetaDictionary: { denaturalizeDataset(dataset: Record<string, unknown>): Record<string, unknown> };
    DicomDict: new (meta: Record<string, unknown>) => { dict: Record<string, unknown>; write(): ArrayBuffer };
  };
}
const dcmjs = createRequire(import.meta.url)('dcmjs') as Dcmjs;

const ENHANCED_MR = '1.2.840.10008.5.1.4.1.1.4.1';
const ROWS = 4;
const COLUMNS = 3;
const SLICES = 3;
const PHASES = 2;

/**
 * An Enhanced MR Image with 6 frames — 3 oblique slices × 2 temporal positions, stored phase-major
 * and slices in reverse — with geometry only in the functional groups, and per-frame rescale.
 */
function enhancedMr(): Uint8Array {
  const c = Math.cos(0.2);
  const s = Math.sin(0.2);
  const frames = [];
  const pixels = new Uint16Array(ROWS * COLUMNS * SLICES * PHASES);
  let f = 0;
  for (let t = 0; t < PHASES; t++) {
    for (let k = SLICES - 1; k >= 0; k--) {
      frames.push({
        FrameContentSequence: [{ TemporalPositionIndex: t + 1, StackID: '1', InStackPositionNumber: k + 1 }],
        PlanePositionSequence: [{ ImagePositionPatient: [10 + 2.5 * k * s, -20, 30 + 2.5 * k * c] }],
        PixelValueTransformationSequence: [{ RescaleSlope: t + 1, RescaleIntercept: 0, RescaleType: 'US' }],
      });
      // Each voxel's stored value says where it belongs: 100·phase + 10·slice + pixel.
      for (let p = 0; p < ROWS * COLUMNS; p++) pixels[f * ROWS * COLUMNS + p] = 100 * t + 10 * k + p;
      f++;
    }
  }
  const dataset = dcmjs.data.DicomMetaDictionary.denaturalizeDataset({
    SOPClassUID: ENHANCED_MR,
    SOPInstanceUID: '2.25.1001',
    StudyInstanceUID: '2.25.1002',
    SeriesInstanceUID: '2.25.1003',
    Modality: 'MR',
    Rows: ROWS,
    Columns: COLUMNS,
    NumberOfFrames: String(SLICES * PHASES),
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    BitsAllocated: 16,
    BitsStored: 16,
    HighBit: 15,
    PixelRepresentation: 0,
    SharedFunctionalGroupsSequence: [
      {
        PlaneOrientationSequence: [{ ImageOrientationPatient: [c, 0, -s, 0, 1, 0] }],
        PixelMeasuresSequence: [{ PixelSpacing: [0.8, 0.6], SliceThickness: 2.5 }],
      },
    ],
    PerFrameFunctionalGroupsSequence: frames,
  });
  const dict = new dcmjs.data.DicomDict({
    '00020002': { vr: 'UI', Value: [ENHANCED_MR] },
    '00020003': { vr: 'UI', Value: ['2.25.1001'] },
    '00020010': { vr: 'UI', Value: ['1.2.840.10008.1.2.1'] },
  });
  dict.dict = { ...dataset, '7FE00010': { vr: 'OW', Value: [pixels.buffer] } };
  return new Uint8Array(dict.write());
}

describe('enhanced multi-frame', () => {
  const bytes = enhancedMr();
  const parsed = parseDicom(bytes, { file: 'enhanced.dcm' });
  const header = readInstanceHeader(parsed.dataSet, 'enhanced.dcm', parsed.transferSyntaxUID);

  it('reads one plane per frame from the per-frame and shared functional groups', () => {
    expect(header.planes).toHaveLength(6);
    expect(header.planes[0]!.pixelSpacing).toEqual([0.8, 0.6]);
    expect(header.planes[3]!.rescaleSlope).toBe(2);
    expect(header.planes[0]!.temporal.temporalPosition).toBe(1);
  });

  it('sorts frames into slices along the oblique normal and phases into timepoints', async () => {
    const [plan, ...rest] = assembleSeries([header]);
    expect(rest).toEqual([]);
    expect(plan!.geometry.dims).toEqual([COLUMNS, ROWS, SLICES]);
    expect(plan!.timepoints).toBe(PHASES);
    expect(plan!.geometry.spacing[0]).toBeCloseTo(0.6, 9);
    expect(plan!.geometry.spacing[1]).toBeCloseTo(0.8, 9);
    expect(plan!.geometry.spacing[2]).toBeCloseTo(2.5, 9);
    expect(plan!.geometry.origin).toEqual([10, -20, 30]);
    const image = await loadSeries(plan!, { readFile: async () => bytes });
    // Voxel (p, k, t) holds slope_t · (100·t + 10·k + p): slices and phases in order, rescale per frame.
    for (let t = 0; t < PHASES; t++)
      for (let k = 0; k < SLICES; k++)
        for (let p = 0; p < ROWS * COLUMNS; p++) {
          const at = (t * SLICES + k) * ROWS * COLUMNS + p;
          expect(image.data[at]).toBe((t + 1) * (100 * t + 10 * k + p));
        }
  });
});
