import type { DataSet } from 'dicom-parser';
import { ImageReadError } from '../../errors/image-read-error.js';
import { fromColumns } from '../../geometry/matrix3.js';
import { add, cross, dot, norm, scale, type Vec3 } from '../../geometry/vector.js';
import { allocateVoxels, dataTypeOf, type VoxelArray } from '../../volume/data-type.js';
import type { ImageGeometry } from '../../volume/image-volume.js';
import { decimals } from '../attribute-values.js';
import { type CsaHeader, csaNumbers, readCsaHeader } from './csa-header.js';

/**
 * How a Siemens mosaic packs its slices: `slices` tiles of tileColumns × tileRows laid out row by row
 * in a square grid `tilesAcross` tiles wide (Siemens always uses ceil(√slices), as dcm2niix assumes).
 */
export interface MosaicInfo {
  /** NumberOfImagesInMosaic from the CSA image header. */
  readonly slices: number;
  readonly tilesAcross: number;
  readonly tileColumns: number;
  readonly tileRows: number;
  /** CSA SliceNormalVector: the direction in which tile order advances (LPS); absent in some headers. */
  readonly sliceNormal?: Vec3;
  /** CSA MosaicRefAcqTimes: acquisition time of each tile in ms from the first, when given for every tile. */
  readonly sliceTimesMs?: readonly number[];
}

/** A mosaic split into a volume: slices in tile order (as dcm2niix writes them) and the geometry that fits. */
export interface MosaicVolumeParts<T extends VoxelArray = VoxelArray> {
  /** tileColumns × tileRows × slices values, x fastest; same typed-array class as the frame. */
  readonly data: T;
  readonly geometry: ImageGeometry;
  readonly info: MosaicInfo;
  /** Things the caller should pass on to the user (e.g. a slice spacing that had to be assumed). */
  readonly warnings: readonly string[];
}

function label(tag: string): string {
  return `(${tag.slice(1, 5)},${tag.slice(5)})`.toUpperCase();
}

function required(dataSet: DataSet, tag: string, count: number, name: string): number[] {
  const values = decimals(dataSet, tag);
  if (!values)
    throw new ImageReadError('MISSING_ATTRIBUTE', `${name} ${label(tag)} is missing from a mosaic image`);
  if (values.length !== count) {
    throw new ImageReadError(
      'INVALID_ATTRIBUTE',
      `${name} ${label(tag)} should have ${count} values, has ${values.length}`,
    );
  }
  return values;
}

function isMosaicImageType(dataSet: DataSet): boolean {
  const imageType = dataSet.elements.x00080008 ? dataSet.string('x00080008') : undefined;
  return (imageType ?? '').split('\\').some((value) => value.replace(/\0/g, '').trim() === 'MOSAIC');
}

function mosaicSize(dataSet: DataSet): { columns: number; rows: number } {
  const size = (tag: string, name: string): number => {
    const element = dataSet.elements[tag];
    if (!element || element.length < 2)
      throw new ImageReadError('MISSING_ATTRIBUTE', `${name} ${label(tag)} is missing`);
    return dataSet.uint16(tag) ?? 0;
  };
  return { columns: size('x00280011', 'Columns'), rows: size('x00280010', 'Rows') };
}

function sliceNormalOf(values: number[] | undefined): Vec3 | undefined {
  if (!values) return undefined;
  if (values.length !== 3 || !(norm(values as unknown as Vec3) > 0)) {
    throw new ImageReadError(
      'INVALID_ATTRIBUTE',
      `Siemens CSA SliceNormalVector is not a direction: ${values.join('\\')}`,
    );
  }
  return [values[0]!, values[1]!, values[2]!];
}

/** Slice times are descriptive only: a header with unreadable ones still gives a usable image. */
function optionalNumbers(csa: CsaHeader, name: string): number[] | undefined {
  try {
    return csaNumbers(csa, name);
  } catch {
    return undefined;
  }
}

/**
 * The mosaic layout of a Siemens image, or undefined when it is not a mosaic: Image Type (0008,0008)
 * must contain MOSAIC and the CSA image header must give NumberOfImagesInMosaic (dcm2niix takes the
 * count from there too). A count that does not fit Rows × Columns throws ImageReadError.
 */
export function readMosaicInfo(dataSet: DataSet): MosaicInfo | undefined {
  if (!isMosaicImageType(dataSet)) return undefined;
  const csa = readCsaHeader(dataSet, 'image');
  const count = csa ? csaNumbers(csa, 'NumberOfImagesInMosaic')?.[0] : undefined;
  if (count === undefined || !csa) return undefined;
  const slices = Math.round(count);
  const samples = (dataSet.elements.x00280002 ? dataSet.uint16('x00280002') : undefined) ?? 1;
  if (samples !== 1)
    throw new ImageReadError('UNSUPPORTED_IMAGE', `a mosaic with ${samples} samples per pixel`);
  const { columns, rows } = mosaicSize(dataSet);
  const tilesAcross = Math.ceil(Math.sqrt(slices));
  const fits = columns > 0 && rows > 0 && columns % tilesAcross === 0 && rows % tilesAcross === 0;
  if (!(slices >= 1) || !fits) {
    throw new ImageReadError(
      'INVALID_ATTRIBUTE',
      `NumberOfImagesInMosaic ${count} does not divide a ${columns}×${rows} mosaic into a square grid`,
    );
  }
  const times = optionalNumbers(csa, 'MosaicRefAcqTimes');
  const sliceNormal = sliceNormalOf(csaNumbers(csa, 'SliceNormalVector'));
  return {
    slices,
    tilesAcross,
    tileColumns: columns / tilesAcross,
    tileRows: rows / tilesAcross,
    ...(sliceNormal ? { sliceNormal } : {}),
    ...(times && times.length >= slices ? { sliceTimesMs: times.slice(0, slices) } : {}),
  };
}

/**
 * Cuts a mosaic frame (columns × rows stored values, row by row) into its tiles, in tile order, as one
 * new typed array of the same class. The frame is not changed.
 */
export function splitMosaic<T extends VoxelArray>(
  frame: T,
  columns: number,
  rows: number,
  info: MosaicInfo,
): T {
  const { tilesAcross, tileColumns, tileRows, slices } = info;
  if (columns !== tilesAcross * tileColumns || rows !== tilesAcross * tileRows) {
    throw new RangeError(`a ${columns}×${rows} frame does not match the mosaic layout`);
  }
  if (frame.length < columns * rows) {
    throw new ImageReadError(
      'PIXEL_DATA_SHORT',
      `the mosaic frame has ${frame.length} values, ${columns * rows} expected`,
    );
  }
  const out = allocateVoxels(dataTypeOf(frame), tileColumns * tileRows * slices) as T;
  let dst = 0;
  for (let s = 0; s < slices; s++) {
    const firstRow = Math.floor(s / tilesAcross) * tileRows;
    const firstColumn = (s % tilesAcross) * tileColumns;
    for (let y = 0; y < tileRows; y++) {
      const src = (firstRow + y) * columns + firstColumn;
      out.set(frame.subarray(src, src + tileColumns), dst);
      dst += tileColumns;
    }
  }
  return out;
}

function unit(v: Vec3, what: string): Vec3 {
  const n = norm(v);
  if (!(n > 1e-6))
    throw new ImageReadError('INVALID_ATTRIBUTE', `Image Orientation (Patient) has a zero ${what}`);
  return scale(v, 1 / n);
}

/** dcm2niix's slice spacing: Spacing Between Slices when positive, else Slice Thickness, else 1 mm. */
function sliceSpacing(dataSet: DataSet): { spacing: number; warning?: string } {
  const between = decimals(dataSet, 'x00180088')?.[0];
  if (between !== undefined && between > 0) return { spacing: between };
  const thickness = decimals(dataSet, 'x00180050')?.[0];
  if (thickness !== undefined && thickness > 0) return { spacing: thickness };
  return {
    spacing: 1,
    warning: 'the mosaic gives neither Spacing Between Slices nor Slice Thickness: slices assumed 1 mm apart',
  };
}

function geometryAndWarnings(
  dataSet: DataSet,
  info: MosaicInfo,
): { geometry: ImageGeometry; warnings: string[] } {
  const orientation = required(dataSet, 'x00200037', 6, 'Image Orientation (Patient)');
  const position = required(dataSet, 'x00200032', 3, 'Image Position (Patient)') as unknown as Vec3;
  const [betweenRows, betweenColumns] = required(dataSet, 'x00280030', 2, 'Pixel Spacing') as [
    number,
    number,
  ];
  if (!(betweenRows > 0 && betweenColumns > 0)) {
    throw new ImageReadError(
      'INVALID_ATTRIBUTE',
      `Pixel Spacing (0028,0030) must be positive: ${betweenRows}\\${betweenColumns}`,
    );
  }
  const row = unit(orientation.slice(0, 3) as unknown as Vec3, 'row direction');
  const column = unit(orientation.slice(3, 6) as unknown as Vec3, 'column direction');
  const normal = unit(cross(row, column), 'slice normal (rows and columns are parallel)');
  // Siemens positions the whole mosaic as if it were one image centred on the slice; the first tile's
  // first voxel sits (columns - tileColumns) / 2 columns and (rows - tileRows) / 2 rows further on.
  const shiftColumns = ((info.tilesAcross - 1) * info.tileColumns) / 2;
  const shiftRows = ((info.tilesAcross - 1) * info.tileRows) / 2;
  const origin = add(
    add(position, scale(row, shiftColumns * betweenColumns)),
    scale(column, shiftRows * betweenRows),
  );
  // Tiles follow SliceNormalVector; dcm2niix keeps that order and flips the slice axis to match.
  // Without the vector it assumes Siemens' default foot-to-head order, +z.
  const along = dot(normal, info.sliceNormal ?? [0, 0, 1]) < 0 ? scale(normal, -1) : normal;
  const { spacing, warning } = sliceSpacing(dataSet);
  const geometry: ImageGeometry = {
    dims: [info.tileColumns, info.tileRows, info.slices],
    spacing: [betweenColumns, betweenRows, spacing],
    origin,
    direction: fromColumns(row, column, along),
  };
  return { geometry, warnings: warning ? [warning] : [] };
}

/**
 * The geometry of a mosaic's volume, as dcm2niix computes it: in-plane axes from Image Orientation, origin
 * moved from the mosaic's Image Position to the first tile's first voxel, slice axis along ±(row × column)
 * with the sign of the CSA SliceNormalVector, so that slice k of splitMosaic's output is tile k. The
 * direction matrix is left-handed when the tiles run against row × column (e.g. many sagittal scans).
 */
export function mosaicGeometry(dataSet: DataSet, info: MosaicInfo): ImageGeometry {
  return geometryAndWarnings(dataSet, info).geometry;
}

/**
 * Splits a mosaic frame and gives it the matching geometry; undefined when the dataset is not a mosaic
 * (see readMosaicInfo). `frame` holds the decoded values of the whole mosaic (Columns × Rows).
 */
export function mosaicToVolumeParts<T extends VoxelArray>(
  dataSet: DataSet,
  frame: T,
): MosaicVolumeParts<T> | undefined {
  const info = readMosaicInfo(dataSet);
  if (!info) return undefined;
  const { geometry, warnings } = geometryAndWarnings(dataSet, info);
  const data = splitMosaic(
    frame,
    info.tilesAcross * info.tileColumns,
    info.tilesAcross * info.tileRows,
    info,
  );
  return { data, geometry, info, warnings };
}
