import type { DemoStudy } from './demo-study.js';
import { studyAttributes } from './demo-study.js';
import { part10File } from './part10-file.js';
import { demoUid, gaussianSource, namedRandom } from './seeded-random.js';

const DX_FOR_PRESENTATION = '1.2.840.10008.5.1.4.1.1.1.1';
export const DX_SIZE = 512;
export const DX_IMAGER_PIXEL_SPACING = 0.3;
const MAX_STORED = 4095;

const STUDY: DemoStudy = {
  key: 'dx',
  patientName: 'Demo^Patient02',
  patientId: 'DEMO-002',
  patientSex: 'O',
  patientBirthDate: '19800101',
  studyDescription: 'Demo chest radiograph',
  seriesDescription: 'Demo chest PA',
  modality: 'DX',
  bodyPart: 'CHEST',
};

/** 1 at the centre of an ellipse falling to 0 at its edge (the thickness profile of an ellipsoid), else 0. */
function dome(u: number, v: number, cu: number, cv: number, ru: number, rv: number): number {
  const du = (u - cu) / ru;
  const dv = (v - cv) / rv;
  const r2 = du * du + dv * dv;
  return r2 < 1 ? Math.sqrt(1 - r2) : 0;
}

/** Distance from (u, v) to the segment a–b. */
function segmentDistance(u: number, v: number, a: [number, number], b: [number, number]): number {
  const eu = b[0] - a[0];
  const ev = b[1] - a[1];
  const t = Math.max(0, Math.min(1, ((u - a[0]) * eu + (v - a[1]) * ev) / (eu * eu + ev * ev)));
  return Math.hypot(u - a[0] - t * eu, v - a[1] - t * ev);
}

/** Posterior ribs: arcs from the spine sloping down laterally, nine a side. */
function ribs(u: number, v: number): number {
  const d = Math.abs(u);
  if (d < 0.07 || dome(u, v, 0, -0.1, 0.76, 0.6) === 0) return 0;
  for (let i = 0; i < 9; i++) {
    const level = -0.6 + i * 0.115 + 0.55 * (d - 0.15) * (d - 0.15);
    if (Math.abs(v - level) < 0.02) return 1;
  }
  return 0;
}

/**
 * Projected density at a normalised image point (u, v in −1…1, v down; image left is patient right,
 * as a PA chest is viewed): soft tissue through the torso, less through the air of the lungs, more
 * through heart, spine, ribs and clavicles.
 */
export function chestDensity(u: number, v: number): number {
  // Trunk and shoulders as two overlapping ellipsoids, the neck a narrower one above.
  const torso = Math.max(
    dome(u, v, 0, 0.2, 0.86, 0.95),
    dome(u, v, 0, -0.5, 0.9, 0.3),
    0.6 * dome(u, v, 0, -1, 0.2, 0.4),
  );
  if (torso === 0) return 0;
  const lungs = dome(u, v, -0.38, -0.08, 0.27, 0.55) + dome(u, v, 0.38, -0.08, 0.27, 0.55);
  const heart = dome(u, v, 0.1, 0.22, 0.3, 0.26);
  const mediastinum = Math.abs(u) < 0.12 && v > -0.75 && v < 0.3 ? 1 : 0;
  const spine = Math.abs(u) < 0.06 ? 1 : 0;
  // Clavicles lie in a band near the top; skipping the distances elsewhere keeps generation fast.
  const clavicle =
    v < -0.5 && v > -0.8
      ? Math.min(
          segmentDistance(Math.abs(u), v, [0.07, -0.62], [0.55, -0.74]),
          segmentDistance(Math.abs(u), v, [0.55, -0.74], [0.66, -0.68]),
        )
      : 1;
  return (
    0.35 +
    0.25 * torso -
    0.3 * Math.min(lungs, 1) * (1 - 0.6 * heart) +
    0.16 * heart +
    0.06 * mediastinum +
    0.06 * spine +
    0.06 * ribs(u, v) +
    (clavicle < 0.022 ? 0.15 : 0)
  );
}

function chestPixels(seed: number): Uint16Array {
  const gaussian = gaussianSource(namedRandom(seed, 'dx-noise'));
  const pixels = new Uint16Array(DX_SIZE * DX_SIZE);
  let n = 0;
  for (let y = 0; y < DX_SIZE; y++) {
    const v = ((y + 0.5) / DX_SIZE) * 2 - 1;
    for (let x = 0; x < DX_SIZE; x++) {
      const u = ((x + 0.5) / DX_SIZE) * 2 - 1;
      const value = 120 + 4200 * chestDensity(u, v) + 25 * gaussian();
      pixels[n++] = Math.max(0, Math.min(MAX_STORED, Math.round(value)));
    }
  }
  return pixels;
}

/** A PA chest radiograph: Digital X-Ray Image Storage – For Presentation, 12 bits stored in 16. */
export function demoChestRadiograph(seed: number): { name: string; bytes: Uint8Array } {
  const dataset = {
    ...studyAttributes(seed, STUDY),
    SOPClassUID: DX_FOR_PRESENTATION,
    SOPInstanceUID: demoUid(seed, 'dx-image'),
    ImageType: ['ORIGINAL', 'PRIMARY'],
    InstanceNumber: 1,
    PresentationIntentType: 'FOR PRESENTATION',
    PatientOrientation: ['L', 'F'],
    ViewPosition: 'PA',
    ViewCodeSequence: [
      { CodeValue: '399348003', CodingSchemeDesignator: 'SCT', CodeMeaning: 'postero-anterior' },
    ],
    PositionerType: 'COLUMN',
    ImageLaterality: 'U',
    AnatomicRegionSequence: [{ CodeValue: '51185008', CodingSchemeDesignator: 'SCT', CodeMeaning: 'Thorax' }],
    AcquisitionContextSequence: [],
    KVP: 120,
    DistanceSourceToDetector: 1800,
    DetectorType: 'DIRECT',
    ImagerPixelSpacing: [DX_IMAGER_PIXEL_SPACING, DX_IMAGER_PIXEL_SPACING],
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    Rows: DX_SIZE,
    Columns: DX_SIZE,
    BitsAllocated: 16,
    BitsStored: 12,
    HighBit: 11,
    PixelRepresentation: 0,
    PixelIntensityRelationship: 'LOG',
    PixelIntensityRelationshipSign: 1,
    RescaleIntercept: 0,
    RescaleSlope: 1,
    RescaleType: 'US',
    PresentationLUTShape: 'IDENTITY',
    LossyImageCompression: '00',
    BurnedInAnnotation: 'NO',
    WindowCenter: 2000,
    WindowWidth: 3600,
  };
  return { name: 'dx/chest-pa.dcm', bytes: part10File(dataset, chestPixels(seed)) };
}
