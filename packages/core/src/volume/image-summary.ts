import type { Mat3 } from '../geometry/matrix3.js';
import type { Vec3 } from '../geometry/vector.js';
import type { DataType } from './data-type.js';
import type { ImageGeometry, ImageKind } from './image-volume.js';

/** One image as `voxelhub info` reports it: what it is and where it lies, without its voxels. */
export interface ImageSummary {
  /** The file, or for a multi-file series the folder holding its files. */
  readonly path: string;
  readonly format: 'dicom' | 'nifti' | 'png' | 'jpeg';
  readonly kind: ImageKind;
  readonly modality: string | null;
  readonly seriesInstanceUID: string | null;
  readonly seriesDescription: string | null;
  readonly seriesNumber: number | null;
  /** [x, y, z], with a fourth number for 4D images. */
  readonly dims: number[];
  readonly spacing: Vec3;
  readonly origin: Vec3;
  /** Row-major 3×3 in LPS; column i is index axis i. */
  readonly direction: Mat3;
  readonly dtype: DataType;
  readonly samplesPerPixel: number;
  /** Number of 2D frames (slices × timepoints, or cine frames). */
  readonly frames: number;
  readonly files: number;
  readonly transferSyntaxes: string[];
  readonly warnings: string[];
}

/** Rounds away floating-point noise (1e-9 mm) for printing, keeping every digit a header can hold. */
function round(v: number): number {
  const r = Math.round(v * 1e9) / 1e9;
  return Object.is(r, -0) ? 0 : r;
}

export function summaryGeometry(
  geometry: ImageGeometry,
  timepoints: number,
): Pick<ImageSummary, 'dims' | 'spacing' | 'origin' | 'direction'> {
  return {
    dims: timepoints > 1 ? [...geometry.dims, timepoints] : [...geometry.dims],
    spacing: geometry.spacing.map(round) as unknown as Vec3,
    origin: geometry.origin.map(round) as unknown as Vec3,
    direction: geometry.direction.map(round) as unknown as Mat3,
  };
}
