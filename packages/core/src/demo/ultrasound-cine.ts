import type { DemoStudy } from './demo-study.js';
import { studyAttributes } from './demo-study.js';
import { part10File } from './part10-file.js';
import { demoUid, namedRandom, type SeededRandom } from './seeded-random.js';

const US_MULTIFRAME = '1.2.840.10008.5.1.4.1.1.3.1';
export const US_COLUMNS = 160;
export const US_ROWS = 120;
export const US_FRAMES = 24;
export const US_FRAME_TIME_MS = 40;
/** Physical size of a pixel along x and y, in cm (as Sequence of Ultrasound Regions states it). */
export const US_PIXEL_CM = 0.1;
const FRAME_TIME_TAG = 0x00181063;
const HALF_ANGLE = (40 * Math.PI) / 180;
const APEX_X = (US_COLUMNS - 1) / 2;
// Rayleigh scale for speckle of mean 1 (mean of Rayleigh(σ) is σ·√(π/2)).
const SPECKLE_SIGMA = 1 / Math.sqrt(Math.PI / 2);

const STUDY: DemoStudy = {
  key: 'us',
  patientName: 'Demo^Patient03',
  patientId: 'DEMO-003',
  patientSex: 'O',
  patientBirthDate: '19900101',
  studyDescription: 'Demo cardiac ultrasound',
  seriesDescription: 'Demo echo cine',
  modality: 'US',
  bodyPart: 'HEART',
};

/** Echogenicity (0…1) at pixel (x, y) in frame f: tissue, a pulsing blood-filled chamber with a bright wall. */
function echo(x: number, y: number, f: number): number {
  // Largest at frame 0 (end-diastole), smallest half a beat later; one beat per cine loop.
  const scale = 1 + 0.18 * Math.cos((2 * Math.PI * f) / US_FRAMES);
  const r = Math.hypot((x - APEX_X) / (20 * scale), (y - 62) / (26 * scale));
  if (r < 1) return 0.06;
  if (r < 1.3) return 0.9;
  return 0.4;
}

/** Rayleigh samples of mean 1 from a table of 65536, indexed by the stream (cheap per pixel). */
function rayleighSource(random: SeededRandom): () => number {
  const table = Float64Array.from(
    { length: 1 << 16 },
    () => SPECKLE_SIGMA * Math.sqrt(-2 * Math.log(1 - random.next())),
  );
  return () => table[random.nextUint32() >>> 16]!;
}

/** The sector mask and depth gain of each pixel (0 outside the fan), the same for every frame. */
function sectorGain(): Float64Array {
  const gain = new Float64Array(US_COLUMNS * US_ROWS);
  for (let y = 0; y < US_ROWS; y++) {
    for (let x = 0; x < US_COLUMNS; x++) {
      const depth = Math.hypot(x - APEX_X, y + 2);
      const angle = Math.atan2(x - APEX_X, y + 2);
      if (Math.abs(angle) <= HALF_ANGLE && depth <= US_ROWS - 2) {
        gain[y * US_COLUMNS + x] = 1 - (0.35 * depth) / US_ROWS;
      }
    }
  }
  return gain;
}

function cinePixels(seed: number): Uint8Array {
  const frameSize = US_COLUMNS * US_ROWS;
  const gain = sectorGain();
  // Tissue speckle stays put from frame to frame (the probe does not move); a little varies per frame.
  const still = rayleighSource(namedRandom(seed, 'us-speckle'));
  const speckle = Float64Array.from({ length: frameSize }, still);
  const flicker = rayleighSource(namedRandom(seed, 'us-flicker'));
  const pixels = new Uint8Array(frameSize * US_FRAMES);
  for (let f = 0; f < US_FRAMES; f++) {
    for (let p = 0; p < frameSize; p++) {
      if (gain[p] === 0) continue;
      const x = p % US_COLUMNS;
      const y = (p - x) / US_COLUMNS;
      const grain = 0.8 * speckle[p]! + 0.2 * flicker();
      const value = 200 * echo(x, y, f) * gain[p]! * grain;
      pixels[f * frameSize + p] = Math.min(255, Math.round(value));
    }
  }
  return pixels;
}

function ultrasoundRegion() {
  return {
    RegionSpatialFormat: 1, // 2D
    RegionDataType: 1, // tissue
    RegionFlags: 0,
    RegionLocationMinX0: 0,
    RegionLocationMinY0: 0,
    RegionLocationMaxX1: US_COLUMNS - 1,
    RegionLocationMaxY1: US_ROWS - 1,
    PhysicalUnitsXDirection: 3, // cm
    PhysicalUnitsYDirection: 3,
    PhysicalDeltaX: US_PIXEL_CM,
    PhysicalDeltaY: US_PIXEL_CM,
    ReferencePixelX0: Math.round(APEX_X),
    ReferencePixelY0: 0,
  };
}

/** A cardiac-like B-mode cine: Ultrasound Multi-frame Image Storage, 8-bit MONOCHROME2. */
export function demoUltrasoundCine(seed: number): { name: string; bytes: Uint8Array } {
  const dataset = {
    ...studyAttributes(seed, STUDY),
    SOPClassUID: US_MULTIFRAME,
    SOPInstanceUID: demoUid(seed, 'us-cine'),
    ImageType: ['ORIGINAL', 'PRIMARY', 'TTE'],
    InstanceNumber: 1,
    PatientOrientation: '',
    NumberOfFrames: US_FRAMES,
    FrameIncrementPointer: FRAME_TIME_TAG,
    FrameTime: US_FRAME_TIME_MS,
    CineRate: 1000 / US_FRAME_TIME_MS,
    RecommendedDisplayFrameRate: 1000 / US_FRAME_TIME_MS,
    SequenceOfUltrasoundRegions: [ultrasoundRegion()],
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    Rows: US_ROWS,
    Columns: US_COLUMNS,
    BitsAllocated: 8,
    BitsStored: 8,
    HighBit: 7,
    PixelRepresentation: 0,
    LossyImageCompression: '00',
  };
  return { name: 'us/echo-cine.dcm', bytes: part10File(dataset, cinePixels(seed)) };
}
