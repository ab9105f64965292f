import type { Vec3 } from '../geometry/vector.js';
import type { ImageVolume } from '../volume/image-volume.js';
import { huByLabel, PHANTOM_STRUCTURES, phantomLabels, voxelOfPoint } from './ct-phantom.js';
import type { DemoStudy } from './demo-study.js';
import { studyAttributes } from './demo-study.js';
import { part10File } from './part10-file.js';
import { demoUid, gaussianSource, namedRandom } from './seeded-random.js';

const CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2';
const RESCALE_INTERCEPT = -1024;
/** Standard deviation of the Gaussian noise added to every voxel, in HU. */
export const CT_NOISE_HU = 10;

export interface CtSize {
  readonly columns: number;
  readonly rows: number;
  readonly slices: number;
}

/** One structure of the CT phantom as the dataset reports it. */
export interface DemoLabel {
  readonly id: number;
  readonly name: string;
  /** Nominal HU; the CT voxels of this label hold it plus Gaussian noise of CT_NOISE_HU. */
  readonly hu: number;
  /** Index (i, j, k) of a voxel well inside the structure. */
  readonly probeVoxel: Vec3;
}

export interface DemoCt {
  readonly files: { name: string; bytes: Uint8Array }[];
  /** Ground truth: the structure label of every CT voxel, on the CT's grid (uint8; 0 is air). */
  readonly labelMap: ImageVolume;
  readonly labels: readonly DemoLabel[];
}

const STUDY: DemoStudy = {
  key: 'ct',
  patientName: 'Demo^Patient01',
  patientId: 'DEMO-001',
  patientSex: 'O',
  patientBirthDate: '19700101',
  studyDescription: 'Demo CT torso phantom',
  seriesDescription: 'Demo CT torso phantom 2.5 mm',
  modality: 'CT',
  bodyPart: 'CHEST',
};

const SPACING: Vec3 = [1, 1, 2.5];
const IDENTITY: ImageVolume['direction'] = [1, 0, 0, 0, 1, 0, 0, 0, 1];

/** Axial grid centred on the patient-space origin: column i at x = origin + i·spacing, and so on. */
function gridOrigin(dims: Vec3): Vec3 {
  return [0, 1, 2].map((a) => (-(dims[a]! - 1) * SPACING[a]!) / 2) as unknown as Vec3;
}

/** Stored values (HU − intercept) of the whole volume: nominal HU per label plus Gaussian noise. */
function storedValues(labels: Uint8Array, seed: number): Int16Array {
  const hu = huByLabel();
  const gaussian = gaussianSource(namedRandom(seed, 'ct-noise'));
  const stored = new Int16Array(labels.length);
  for (let n = 0; n < labels.length; n++) {
    stored[n] = Math.round(hu[labels[n]!]! + CT_NOISE_HU * gaussian() - RESCALE_INTERCEPT);
  }
  return stored;
}

function sliceAttributes(seed: number, size: CtSize, k: number, z: number, origin: Vec3) {
  return {
    SOPClassUID: CT_IMAGE_STORAGE,
    SOPInstanceUID: demoUid(seed, `ct-slice-${k}`),
    ImageType: ['ORIGINAL', 'PRIMARY', 'AXIAL'],
    InstanceNumber: k + 1,
    AcquisitionNumber: 1,
    FrameOfReferenceUID: demoUid(seed, 'frame-of-reference-ct'),
    PositionReferenceIndicator: '',
    PatientPosition: 'HFS',
    ImagePositionPatient: [origin[0], origin[1], z],
    ImageOrientationPatient: [1, 0, 0, 0, 1, 0],
    SliceLocation: z,
    PixelSpacing: [SPACING[1], SPACING[0]],
    SliceThickness: SPACING[2],
    KVP: 120,
    ConvolutionKernel: 'STANDARD',
    RescaleIntercept: RESCALE_INTERCEPT,
    RescaleSlope: 1,
    RescaleType: 'HU',
    WindowCenter: [40, -600],
    WindowWidth: [400, 1500],
    WindowCenterWidthExplanation: ['SOFT TISSUE', 'LUNG'],
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    Rows: size.rows,
    Columns: size.columns,
    BitsAllocated: 16,
    BitsStored: 16,
    HighBit: 15,
    PixelRepresentation: 1,
  };
}

function labelMapVolume(seed: number, dims: Vec3, labels: Uint8Array): ImageVolume {
  return {
    kind: 'volume',
    dims,
    spacing: SPACING,
    origin: gridOrigin(dims),
    direction: IDENTITY,
    timepoints: 1,
    dataType: 'uint8',
    samplesPerPixel: 1,
    photometricInterpretation: 'MONOCHROME2',
    data: labels,
    meta: {
      modality: 'SEG',
      patientId: STUDY.patientId,
      studyInstanceUID: demoUid(seed, `study-${STUDY.key}`),
      frameOfReferenceUID: demoUid(seed, 'frame-of-reference-ct'),
      seriesDescription: 'Demo CT torso phantom: ground-truth labels',
      labels: PHANTOM_STRUCTURES.map((s) => ({ id: s.id, name: s.name })),
    },
    warnings: [],
  };
}

/** The CT series (one Part 10 file per axial slice, inferior first) and its ground-truth label map. */
export function demoCt(seed: number, size: CtSize): DemoCt {
  const dims: Vec3 = [size.columns, size.rows, size.slices];
  const labels = phantomLabels(dims);
  const stored = storedValues(labels, seed);
  const origin = gridOrigin(dims);
  const common = studyAttributes(seed, STUDY);
  const sliceLength = size.columns * size.rows;
  const files = Array.from({ length: size.slices }, (_, k) => {
    // Round away binary noise (−48.75 + 2.5·k is exact, other sizes might not be) for the DS strings.
    const z = Math.round((origin[2] + k * SPACING[2]) * 1e6) / 1e6;
    const dataset = { ...common, ...sliceAttributes(seed, size, k, z, origin) };
    const pixels = stored.subarray(k * sliceLength, (k + 1) * sliceLength);
    return { name: `ct/slice-${String(k + 1).padStart(3, '0')}.dcm`, bytes: part10File(dataset, pixels) };
  });
  const structures = [...PHANTOM_STRUCTURES].sort((a, b) => a.id - b.id);
  return {
    files,
    labelMap: labelMapVolume(seed, dims, labels),
    labels: structures.map((s) => ({
      id: s.id,
      name: s.name,
      hu: s.hu,
      probeVoxel: voxelOfPoint(s.probe, dims),
    })),
  };
}
