import type { DataSet } from 'dicom-parser';
import { ImageReadError } from '../../errors/image-read-error.js';
import { type PaletteColorLut, readPaletteColorLut } from './palette-color-lut.js';
import { checkPhotometric } from './photometric.js';

/** The Image Pixel Module (PS3.3 C.7.6.3) plus Number of Frames: what it takes to decode the pixels. */
export interface PixelModule {
  readonly rows: number;
  readonly columns: number;
  /** 1 or 3. */
  readonly samplesPerPixel: number;
  /** 1, 8, 16 or 32. */
  readonly bitsAllocated: number;
  readonly bitsStored: number;
  readonly highBit: number;
  /** 0 unsigned, 1 two's complement. */
  readonly pixelRepresentation: 0 | 1;
  /** 0 interleaved (R1 G1 B1 R2 …), 1 by plane; 0 when the file leaves it out. */
  readonly planarConfiguration: 0 | 1;
  readonly photometricInterpretation: string;
  readonly numberOfFrames: number;
  /** Present when the photometric interpretation is PALETTE COLOR. */
  readonly palette?: PaletteColorLut;
}

const TAGS = {
  samplesPerPixel: 'x00280002',
  photometricInterpretation: 'x00280004',
  planarConfiguration: 'x00280006',
  numberOfFrames: 'x00280008',
  rows: 'x00280010',
  columns: 'x00280011',
  bitsAllocated: 'x00280100',
  bitsStored: 'x00280101',
  highBit: 'x00280102',
  pixelRepresentation: 'x00280103',
} as const;

function requiredUS(dataSet: DataSet, name: keyof typeof TAGS, label: string): number {
  const value = dataSet.uint16(TAGS[name]);
  if (value === undefined)
    throw new ImageReadError('MISSING_ATTRIBUTE', `${label} ${TAGS[name]} is absent or empty`);
  return value;
}

function invalid(detail: string): ImageReadError {
  return new ImageReadError('INVALID_ATTRIBUTE', detail);
}

/** Number of Frames is an IS string; a value that is not a whole number (like '1A') is an error, not 1. */
function readNumberOfFrames(dataSet: DataSet): number {
  const text = dataSet.string(TAGS.numberOfFrames);
  if (text === undefined || text === '') return 1;
  if (!/^[+-]?\d+$/.test(text)) throw invalid(`Number of Frames '${text}' is not an integer string`);
  const frames = Number(text);
  if (frames < 1) throw invalid(`Number of Frames is ${frames}`);
  return frames;
}

function checkBits(bitsAllocated: number, bitsStored: number, highBit: number): void {
  if (![1, 8, 16, 32].includes(bitsAllocated)) {
    throw new ImageReadError('UNSUPPORTED_IMAGE', `Bits Allocated ${bitsAllocated} is not 1, 8, 16 or 32`);
  }
  if (bitsStored < 1 || bitsStored > bitsAllocated) {
    throw invalid(`Bits Stored ${bitsStored} is outside 1..Bits Allocated (${bitsAllocated})`);
  }
  if (highBit < bitsStored - 1 || highBit >= bitsAllocated) {
    throw invalid(
      `High Bit ${highBit} does not fit Bits Stored ${bitsStored} in Bits Allocated ${bitsAllocated}`,
    );
  }
}

/** Reads and checks the Image Pixel Module of a dicom-parser DataSet. Throws ImageReadError when it is unusable. */
export function readPixelModule(dataSet: DataSet): PixelModule {
  const rows = requiredUS(dataSet, 'rows', 'Rows');
  const columns = requiredUS(dataSet, 'columns', 'Columns');
  if (rows === 0 || columns === 0) throw invalid(`the image is ${rows}x${columns} pixels`);
  const samplesPerPixel = requiredUS(dataSet, 'samplesPerPixel', 'Samples per Pixel');
  const bitsAllocated = requiredUS(dataSet, 'bitsAllocated', 'Bits Allocated');
  const bitsStored = requiredUS(dataSet, 'bitsStored', 'Bits Stored');
  // High Bit is Type 1 but some writers leave it out; Bits Stored - 1 is the only value it can take then.
  const highBit = dataSet.uint16(TAGS.highBit) ?? bitsStored - 1;
  checkBits(bitsAllocated, bitsStored, highBit);
  const pixelRepresentation = requiredUS(dataSet, 'pixelRepresentation', 'Pixel Representation');
  if (pixelRepresentation > 1) throw invalid(`Pixel Representation is ${pixelRepresentation}`);
  const photometricInterpretation = (dataSet.string(TAGS.photometricInterpretation) ?? '').toUpperCase();
  if (!photometricInterpretation)
    throw new ImageReadError('MISSING_ATTRIBUTE', 'Photometric Interpretation is absent');
  checkPhotometric(photometricInterpretation, samplesPerPixel);
  const planarConfiguration = samplesPerPixel > 1 ? (dataSet.uint16(TAGS.planarConfiguration) ?? 0) : 0;
  if (planarConfiguration > 1) throw invalid(`Planar Configuration is ${planarConfiguration}`);
  if (bitsAllocated === 1 && samplesPerPixel !== 1)
    throw invalid('1-bit pixel data must have one sample per pixel');
  const module: PixelModule = {
    rows,
    columns,
    samplesPerPixel,
    bitsAllocated,
    bitsStored,
    highBit,
    pixelRepresentation: pixelRepresentation as 0 | 1,
    planarConfiguration: planarConfiguration as 0 | 1,
    photometricInterpretation,
    numberOfFrames: readNumberOfFrames(dataSet),
  };
  if (photometricInterpretation !== 'PALETTE COLOR') return module;
  return { ...module, palette: readPaletteColorLut(dataSet, pixelRepresentation === 1) };
}
