import type { ImageVolume } from '../volume/image-volume.js';
import { assertValidImage } from '../volume/image-volume.js';
import { niftiVoxelTypeFor } from './nifti-datatype.js';
import { niftiTransforms } from './nifti-geometry.js';
import { minimumVoxOffset, type NiftiHeader } from './nifti-header.js';
import { XYZT_MM_SECONDS } from './nifti-units.js';
import { littleEndianBytes } from './nifti-voxels.js';
import { encodeNifti1 } from './nifti1-layout.js';
import { encodeNifti2 } from './nifti2-layout.js';
import { type SliceTimingFields, sliceTimingFields } from './slice-timing.js';

export interface WriteNiftiOptions {
  /** 1 or 2; default 1, or 2 when a dimension exceeds NIfTI-1's 32767. */
  version?: 1 | 2;
  /** descrip (at most 79 bytes kept); default meta.description. */
  description?: string;
  /**
   * Acquisition time (ms) of each slice along the third axis; stored as slice_code + slice_duration,
   * so it must follow one of NIfTI's six orders with even spacing (else RangeError). Default
   * meta.sliceTimesMs, left out silently when NIfTI cannot express it.
   */
  sliceTimesMs?: readonly number[];
}

const NIFTI1_MAX_DIM = 32767;

/** Transform codes 1–4 (scanner, aligned, Talairach, MNI) from meta; anything else is scanner. */
function xformCode(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 4 ? value : fallback;
}

function chooseVersion(image: ImageVolume, requested: 1 | 2 | undefined): 1 | 2 {
  const large = [...image.dims, image.timepoints].some((d) => d > NIFTI1_MAX_DIM);
  if (requested === 1 && large) {
    throw new RangeError(
      `NIfTI-1 cannot store dims ${image.dims.join('×')}×${image.timepoints}; use version 2`,
    );
  }
  return requested ?? (large ? 2 : 1);
}

function sliceTiming(image: ImageVolume, options: WriteNiftiOptions): SliceTimingFields | undefined {
  if (options.sliceTimesMs) {
    const fields =
      options.sliceTimesMs.length === image.dims[2] ? sliceTimingFields(options.sliceTimesMs) : undefined;
    if (!fields) throw new RangeError('these slice times follow no NIfTI slice_code (or not one per slice)');
    return fields;
  }
  const fromMeta = image.meta.sliceTimesMs;
  if (!Array.isArray(fromMeta) || fromMeta.length !== image.dims[2]) return undefined;
  return fromMeta.every((t) => typeof t === 'number') ? sliceTimingFields(fromMeta) : undefined;
}

function intentOf(
  image: ImageVolume,
  version: 1 | 2,
): Pick<NiftiHeader, 'intentCode' | 'intentName' | 'intentParams'> {
  const { niftiIntentCode: code, niftiIntentName: name, niftiIntentParams: params } = image.meta;
  const limit = version === 1 ? NIFTI1_MAX_DIM : 2 ** 31 - 1;
  const valid = typeof code === 'number' && Number.isInteger(code) && code > 0 && code <= limit;
  const p =
    Array.isArray(params) && params.length === 3 && params.every(Number.isFinite) ? params : [0, 0, 0];
  return {
    intentCode: valid ? code : 0,
    intentName: typeof name === 'string' ? name : '',
    intentParams: (valid ? p : [0, 0, 0]) as [number, number, number],
  };
}

function headerOf(image: ImageVolume, version: 1 | 2, options: WriteNiftiOptions): NiftiHeader {
  const type = niftiVoxelTypeFor(image.dataType, image.samplesPerPixel);
  const t = niftiTransforms(image);
  const is4d = image.timepoints > 1;
  const tr = image.meta.repetitionTimeMs;
  const trSeconds = is4d && typeof tr === 'number' && tr > 0 ? tr / 1000 : 0;
  const slices = sliceTiming(image, options);
  const sformCode = xformCode(image.meta.niftiSformCode, 1);
  const description = options.description ?? image.meta.description;
  return {
    version,
    littleEndian: true,
    headerSize: version === 1 ? 348 : 540,
    singleFile: true,
    dim: [is4d ? 4 : 3, ...image.dims, image.timepoints, 1, 1, 1],
    pixdim: [t.qfac, ...t.pixdim, trSeconds, 0, 0, 0],
    datatype: type.code,
    bitpix: type.bytes * 8,
    voxOffset: minimumVoxOffset(version),
    sclSlope: 1,
    sclInter: 0,
    calMin: 0,
    calMax: 0,
    ...intentOf(image, version),
    xyztUnits: XYZT_MM_SECONDS,
    dimInfo: slices?.dimInfo ?? 0,
    sliceCode: slices?.sliceCode ?? 0,
    sliceStart: slices?.sliceStart ?? 0,
    sliceEnd: slices?.sliceEnd ?? 0,
    sliceDuration: slices?.sliceDuration ?? 0,
    toffset: 0,
    descrip: typeof description === 'string' ? description : '',
    auxFile: '',
    qformCode: xformCode(image.meta.niftiQformCode, sformCode),
    sformCode,
    quatern: t.quatern,
    qoffset: t.qoffset,
    srow: t.srow,
  };
}

/**
 * An uncompressed single-file NIfTI (.nii bytes, little-endian, no extensions) of `image`: sform
 * exact (code 1 = scanner unless meta.niftiSformCode says otherwise), qform from the direction
 * (nearest rotation, qfac −1 for left-handed grids), spacing in pixdim, mm and seconds, TR in
 * pixdim[4] for 4D, scl_slope 1 / scl_inter 0. Voxel values are written as held, in image.dataType.
 */
export function writeNifti(image: ImageVolume, options: WriteNiftiOptions = {}): Uint8Array {
  const [head, voxels] = niftiParts(image, options);
  const out = new Uint8Array(head.length + voxels.length);
  out.set(head, 0);
  out.set(voxels, head.length);
  return out;
}

/**
 * The same file as writeNifti in two parts — header (with the 4-byte extender) and voxels — so that
 * a writer can send them to disk one after the other without copying the voxels (a 150 MB CT is
 * written as it is held). The voxel part is a view of image.data on little-endian hosts.
 */
export function niftiParts(image: ImageVolume, options: WriteNiftiOptions = {}): [Uint8Array, Uint8Array] {
  assertValidImage(image);
  const version = chooseVersion(image, options.version);
  const header = headerOf(image, version, options);
  const encoded = version === 1 ? encodeNifti1(header) : encodeNifti2(header);
  const head = new Uint8Array(header.voxOffset);
  head.set(encoded, 0); // the 4 bytes after the header stay 0: no extensions
  return [head, littleEndianBytes(image.data)];
}
