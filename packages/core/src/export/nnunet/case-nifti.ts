import { gzipSync } from 'fflate';
import { writeNifti } from '../../nifti/write-nifti.js';
import { labelMapToNifti } from '../../segmentation/label-map-nifti.js';
import { dataTypeOf } from '../../volume/data-type.js';
import type { ImageGeometry, ImageVolume } from '../../volume/image-volume.js';
import type { CaseLabelMap, CaseVolume } from './segmentation-export-input.js';

/** The largest difference (mm, or unit-vector components) at which two grids count as the same. */
const GEOMETRY_TOLERANCE = 1e-5;

/** Compresses a .nii into a .nii.gz. */
export type NiftiGzip = (nii: Uint8Array) => Uint8Array;

/**
 * gzip in pure JS (fflate), with no timestamp so the same export gives the same bytes: it runs in the
 * browser too. Node callers pass their own (zlib's native gzipSync is several times faster on volumes).
 */
export const fflateGzip: NiftiGzip = (bytes) => gzipSync(bytes, { mtime: 0 });

export function geometryOf(volume: CaseVolume): ImageGeometry {
  if ('geometry' in volume) return volume.geometry;
  const { dims, spacing, origin, direction } = volume;
  return { dims, spacing, origin, direction };
}

/** A fresh 3D one-channel volume: the source's NIfTI codes and intent are not carried into the export. */
function plainVolume(volume: CaseVolume, caseName: string): ImageVolume {
  if (!('geometry' in volume) && (volume.timepoints !== 1 || volume.samplesPerPixel !== 1)) {
    throw new RangeError(`${caseName}: one 3D channel per image file is written, not 4D or RGB`);
  }
  const geometry = geometryOf(volume);
  const [nx, ny, nz] = geometry.dims;
  if (volume.data.length !== nx * ny * nz) {
    throw new RangeError(
      `${caseName}: ${volume.data.length} voxels, dims ${geometry.dims.join('×')} say ${nx * ny * nz}`,
    );
  }
  return {
    ...geometry,
    kind: 'volume',
    timepoints: 1,
    dataType: dataTypeOf(volume.data),
    samplesPerPixel: 1,
    photometricInterpretation: 'MONOCHROME2',
    data: volume.data,
    meta: {},
    warnings: [],
  };
}

/** The image as NIfTI (.nii.gz with a `gzip`), values and type as held, LPS geometry written as RAS. */
export function volumeNifti(volume: CaseVolume, caseName: string, gzip: NiftiGzip | undefined): Uint8Array {
  const nii = writeNifti(plainVolume(volume, caseName));
  return gzip ? gzip(nii) : nii;
}

function sameGeometry(a: ImageGeometry, b: ImageGeometry): boolean {
  const close = (x: readonly number[], y: readonly number[]) =>
    x.every((v, n) => Math.abs(v - y[n]!) <= GEOMETRY_TOLERANCE);
  return (
    a.dims.every((d, n) => d === b.dims[n]) &&
    close(a.spacing, b.spacing) &&
    close(a.origin, b.origin) &&
    close(a.direction, b.direction)
  );
}

/**
 * The label map as NIfTI on exactly the image's geometry (the same affine bytes as the image file),
 * holding `voxels`. A label map on another grid is a RangeError: resample it first (core's
 * labelMapOntoGrid), since nnU-Net requires image and segmentation to share their geometry.
 */
export function labelNifti(
  map: CaseLabelMap,
  voxels: Uint8Array | Uint16Array,
  imageGeometry: ImageGeometry,
  caseName: string,
  gzip: NiftiGzip | undefined,
): Uint8Array {
  if (!sameGeometry(map.geometry, imageGeometry)) {
    throw new RangeError(
      `${caseName}: the label map's geometry differs from its image's; resample it onto the image`,
    );
  }
  const nii = labelMapToNifti({ dims: map.dims, voxels }, imageGeometry);
  return gzip ? gzip(nii) : nii;
}
