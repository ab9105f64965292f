import type { Mat3 } from '../geometry/matrix3.js';
import type { Vec3 } from '../geometry/vector.js';
import type { DataType, VoxelArray } from './data-type.js';

/**
 * What the third axis of an image means.
 * - `volume`: slices in space (CT, MR, a single 2D image is a volume one slice deep).
 * - `frames`: frames in time at one position (ultrasound cine, X-ray fluoroscopy); `frameTimesMs` says when.
 */
export type ImageKind = 'volume' | 'frames';

/**
 * Geometry of an image grid in DICOM patient space (LPS: +x left, +y posterior, +z superior), in mm.
 * Voxel (i, j, k) has its centre at `origin + direction · diag(spacing) · (i, j, k)`.
 */
export interface ImageGeometry {
  /** Columns, rows, slices (or frames). */
  readonly dims: Vec3;
  /** Millimetres between voxel centres along each index axis; always positive. */
  readonly spacing: Vec3;
  /** Patient position of the centre of voxel (0, 0, 0). */
  readonly origin: Vec3;
  /** Row-major 3×3; column i is the unit vector of index axis i in LPS. */
  readonly direction: Mat3;
}

/** Descriptive facts carried with an image; a plain object so that readers and writers stay cheap. */
export interface ImageMeta {
  modality?: string;
  patientId?: string;
  studyInstanceUID?: string;
  seriesInstanceUID?: string;
  seriesNumber?: number;
  seriesDescription?: string;
  frameOfReferenceUID?: string;
  manufacturer?: string;
  /** Nominal thickness as the header says it; spacing comes from positions, not from this. */
  sliceThickness?: number;
  repetitionTimeMs?: number;
  echoTimeMs?: number;
  /** Window centre/width from the header, for display defaults. */
  windowCenter?: number;
  windowWidth?: number;
  /** The photometric interpretation in the source, before colour conversion (e.g. YBR_FULL_422). */
  sourcePhotometricInterpretation?: string;
  /** SOP Instance UIDs in voxel order (slice or frame k, timepoint t at k + t·dims[2]) when known. */
  sopInstanceUIDs?: string[];
  /** Values that a reader found and a writer may keep (e.g. NIfTI intent code, description). */
  [key: string]: unknown;
}

/**
 * An image held in memory: real values (rescale slope/intercept applied, e.g. Hounsfield units for CT),
 * in a typed array with x fastest, then y, then z, then t; colour samples are interleaved (RGBRGB…).
 */
export interface ImageVolume extends ImageGeometry {
  readonly kind: ImageKind;
  /** Number of volumes along the fourth axis (fMRI, diffusion, multi-phase); 1 for a 3D image. */
  readonly timepoints: number;
  readonly dataType: DataType;
  readonly samplesPerPixel: 1 | 3;
  /** Interpretation of the values held: MONOCHROME1, MONOCHROME2 or RGB (colour is converted on read). */
  readonly photometricInterpretation: 'MONOCHROME1' | 'MONOCHROME2' | 'RGB';
  readonly data: VoxelArray;
  /** Per-frame times in milliseconds from the first frame (kind `frames`). */
  readonly frameTimesMs?: readonly number[];
  readonly meta: ImageMeta;
  /** Things a reader noticed that a user should know (gantry tilt, missing slices, ...). */
  readonly warnings: readonly string[];
}

export function voxelCount(image: Pick<ImageVolume, 'dims' | 'timepoints'>): number {
  return image.dims[0] * image.dims[1] * image.dims[2] * image.timepoints;
}

/** Checks the invariants every reader must keep; throws on a broken one (a bug, not bad input). */
export function assertValidImage(image: ImageVolume): void {
  const expected = voxelCount(image) * image.samplesPerPixel;
  if (image.data.length !== expected) {
    throw new Error(`image data has ${image.data.length} values, dims say ${expected}`);
  }
  if (image.spacing.some((s) => !(s > 0) || !Number.isFinite(s))) {
    throw new Error(`image spacing must be positive: ${image.spacing.join(', ')}`);
  }
}
