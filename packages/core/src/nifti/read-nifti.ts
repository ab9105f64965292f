import { ImageReadError } from '../errors/image-read-error.js';
import type { ImageMeta, ImageVolume } from '../volume/image-volume.js';
import { type GunzipOptions, maybeGunzip } from './gunzip.js';
import { type NiftiVoxelType, niftiDatatypeName, niftiVoxelType } from './nifti-datatype.js';
import { niftiGeometry } from './nifti-geometry.js';
import { minimumVoxOffset, type NiftiHeader } from './nifti-header.js';
import { type NiftiShape, niftiShape } from './nifti-shape.js';
import { timeUnitToMs } from './nifti-units.js';
import { readVoxels, type Scaling } from './nifti-voxels.js';
import { readNiftiHeader } from './read-nifti-header.js';
import { sliceTimesFromHeader } from './slice-timing.js';

export interface ReadNiftiOptions extends GunzipOptions {
  /** The file's name, for error messages (and to name the .img a .hdr needs). */
  file?: string;
  /** The .img (or .img.gz) bytes of a .hdr/.img pair; `bytes` is then the .hdr. */
  img?: Uint8Array;
}

/** The .img that belongs to a .hdr, for the error that says it is missing. */
function imgName(file: string | undefined): string {
  return file ? file.replace(/\.hdr(\.gz)?$/i, '.img$1') : 'the matching .img file';
}

/** Where the voxels are: after the header in a .nii, or in the separate .img of a pair. */
function voxelSource(
  data: Uint8Array,
  header: NiftiHeader,
  options: ReadNiftiOptions,
  warnings: string[],
): { source: Uint8Array; offset: number } {
  const offset = Math.trunc(header.voxOffset);
  if (!header.singleFile) {
    if (!options.img) {
      throw new ImageReadError(
        'IO',
        `this is the header of a .hdr/.img pair; its voxels are in ${imgName(options.file)}`,
      );
    }
    return { source: maybeGunzip(options.img, options), offset };
  }
  const minimum = minimumVoxOffset(header.version);
  if (offset < minimum) {
    // nibabel and nifti1_io both read a too-small offset of a .nii as the minimum.
    warnings.push(`vox_offset ${offset} is inside the header; ${minimum} is used`);
    return { source: data, offset: minimum };
  }
  return { source: data, offset };
}

/** scl_slope/scl_inter as nibabel reads them: no scaling when the slope is 0 or not finite, or (1, 0). */
function scalingOf(header: NiftiHeader, type: NiftiVoxelType, warnings: string[]): Scaling | undefined {
  const { sclSlope: slope, sclInter: inter } = header;
  if (slope === 0 || !Number.isFinite(slope) || (slope === 1 && inter === 0)) return undefined;
  if (!Number.isFinite(inter)) {
    throw new ImageReadError('INVALID_ATTRIBUTE', `NIfTI scl_slope is ${slope} but scl_inter is ${inter}`);
  }
  if (type.samplesPerPixel === 3) {
    warnings.push('scl_slope/scl_inter are ignored for RGB voxels');
    return undefined;
  }
  return { slope, inter };
}

function metaOf(header: NiftiHeader, shape: NiftiShape, geometrySource: string): ImageMeta {
  const meta: ImageMeta = {
    niftiVersion: header.version,
    niftiSformCode: header.sformCode,
    niftiQformCode: header.qformCode,
    niftiGeometrySource: geometrySource,
    niftiXyztUnits: header.xyztUnits,
  };
  if (header.descrip) meta.description = header.descrip;
  if (header.intentCode !== 0) {
    meta.niftiIntentCode = header.intentCode;
    meta.niftiIntentParams = [...header.intentParams];
  }
  if (header.intentName) meta.niftiIntentName = header.intentName;
  const toMs = timeUnitToMs(header.xyztUnits);
  // pixdim[4] is the spacing of the time axis; in a 3D file it is often a placeholder (FSL writes 1).
  if (header.dim[0]! >= 4 && header.dim[4]! > 1 && toMs && header.pixdim[4]! > 0) {
    meta.repetitionTimeMs = header.pixdim[4]! * toMs;
  }
  const sliceTimes = sliceTimesFromHeader(header, shape.dims[2]);
  if (sliceTimes) meta.sliceTimesMs = sliceTimes;
  if (shape.folded) meta.niftiDims = [...shape.folded];
  return meta;
}

function read(bytes: Uint8Array, options: ReadNiftiOptions): ImageVolume {
  const data = maybeGunzip(bytes, options);
  const header = readNiftiHeader(data, options);
  const type = niftiVoxelType(header.datatype);
  if (!type) {
    throw new ImageReadError(
      'UNSUPPORTED_IMAGE',
      `NIfTI datatype ${niftiDatatypeName(header.datatype)} is not supported`,
    );
  }
  const warnings: string[] = [];
  if (header.bitpix !== type.bytes * 8)
    warnings.push(`bitpix ${header.bitpix} does not match ${type.name}; datatype is used`);
  const shape = niftiShape(header);
  if (shape.folded)
    warnings.push(`NIfTI dims ${shape.folded.join('×')}: dims 5–7 are folded into timepoints`);
  const { source, offset } = voxelSource(data, header, options, warnings);
  const needed = shape.voxels * type.bytes;
  if (offset > source.length || needed > source.length - offset) {
    throw new ImageReadError(
      'TRUNCATED',
      `NIfTI voxels need ${needed} bytes from byte ${offset}; the ${header.singleFile ? 'file' : '.img'} has ${source.length}`,
    );
  }
  const scaling = scalingOf(header, type, warnings);
  const voxels = readVoxels(source, offset, shape.voxels, type, header.littleEndian, scaling);
  const geometry = niftiGeometry(header, shape.dims);
  return {
    ...geometry.geometry,
    kind: 'volume',
    timepoints: shape.timepoints,
    dataType: scaling ? (voxels instanceof Float64Array ? 'float64' : 'float32') : type.dataType,
    samplesPerPixel: type.samplesPerPixel,
    photometricInterpretation: type.samplesPerPixel === 3 ? 'RGB' : 'MONOCHROME2',
    data: voxels,
    meta: metaOf(header, shape, geometry.source),
    warnings: [...warnings, ...geometry.warnings],
  };
}

/**
 * Reads a NIfTI-1 or NIfTI-2 image (.nii, .nii.gz, or a .hdr with its .img in `options.img`) into
 * the LPS image model. Values are real values: scl_slope/scl_inter applied (float32, or float64 for
 * float64 and 32-bit integer voxels). Expected failures throw ImageReadError naming `options.file`.
 */
export function readNifti(bytes: Uint8Array, options: ReadNiftiOptions = {}): ImageVolume {
  try {
    return read(bytes, options);
  } catch (error) {
    if (error instanceof ImageReadError && options.file) throw error.withFile(options.file);
    throw error;
  }
}
