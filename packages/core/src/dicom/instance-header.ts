import type { DataSet } from 'dicom-parser';
import { ImageReadError } from '../errors/image-read-error.js';
import type { Vec3 } from '../geometry/vector.js';
import type { ImageGeometry } from '../volume/image-volume.js';
import { decimal, decimals, text, texts, uint16, vector } from './attribute-values.js';
import type { FramePlane } from './frame-plane.js';
import { readFramePlanes } from './frame-plane.js';
import { type MosaicInfo, mosaicGeometry, readMosaicInfo } from './siemens/mosaic.js';

export type { FramePlane } from './frame-plane.js';

/** What series assembly and `voxelhub info` need from one DICOM file, read from its header only. */
export interface InstanceHeader {
  readonly file: string;
  readonly transferSyntaxUID: string;
  readonly sopClassUID?: string;
  readonly sopInstanceUID?: string;
  readonly studyInstanceUID?: string;
  readonly seriesInstanceUID?: string;
  readonly frameOfReferenceUID?: string;
  readonly patientId?: string;
  readonly modality?: string;
  readonly manufacturer?: string;
  readonly seriesNumber?: number;
  readonly seriesDescription?: string;
  readonly acquisitionNumber?: number;
  readonly instanceNumber?: number;
  readonly imageType: readonly string[];
  /** False for objects without pixel data (SR, RT plan, presentation states...). */
  readonly hasPixelData: boolean;
  readonly rows: number;
  readonly columns: number;
  readonly samplesPerPixel: number;
  readonly bitsAllocated: number;
  readonly bitsStored: number;
  /** 0 unsigned, 1 two's complement. */
  readonly pixelRepresentation: number;
  readonly photometricInterpretation?: string;
  readonly numberOfFrames: number;
  /** One entry per frame when frames carry their own geometry (enhanced multi-frame), else one shared. */
  readonly planes: readonly FramePlane[];
  /** Per-frame times (ms from the first frame) for cine; undefined when the header gives none. */
  readonly frameTimesMs?: readonly number[];
  readonly gantryTiltDegrees?: number;
  readonly sliceThickness?: number;
  readonly spacingBetweenSlices?: number;
  readonly repetitionTimeMs?: number;
  readonly echoTimeMs?: number;
  readonly windowCenter?: number;
  readonly windowWidth?: number;
  /** Siemens mosaic: the one stored frame holds `info.slices` tiles, which make a volume of this geometry. */
  readonly mosaic?: { readonly info: MosaicInfo; readonly geometry: ImageGeometry };
}

function mosaicOf(ds: DataSet): InstanceHeader['mosaic'] {
  const info = readMosaicInfo(ds);
  return info ? { info, geometry: mosaicGeometry(ds, info) } : undefined;
}

const PIXEL_DATA = 'x7fe00010';
const UNDEFINED_LENGTH = 0xffffffff;
// Ultrasound regions give pixel size in cm (PhysicalUnits code 3).
const US_UNITS_CM = 3;

function integer(ds: DataSet, tag: string): number | undefined {
  const v = decimal(ds, tag);
  return v === undefined ? undefined : Math.trunc(v);
}

// More frames than this are refused before anything is built per frame (times, planes, series slots).
// Real multi-frame images have thousands; a header read from a file's first bytes cannot be held to
// pixel data it has not seen, so this is the bound there.
const MAX_FRAMES = 2 ** 17;

function numberOfFrames(ds: DataSet): number {
  const raw = text(ds, 'x00280008');
  if (raw === undefined) return 1;
  // IS is a decimal integer string: not '1e3' or '0x10', which Number() takes and readPixelModule doesn't.
  const n = /^[+-]?\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new ImageReadError(
      'INVALID_ATTRIBUTE',
      `Number of Frames (0028,0008) is '${raw}', not a positive integer`,
    );
  }
  if (n > MAX_FRAMES) {
    throw new ImageReadError(
      'LIMIT_EXCEEDED',
      `Number of Frames (0028,0008) is ${n}; more than ${MAX_FRAMES} frames are not read`,
    );
  }
  return n;
}

/**
 * A frame count that Pixel Data cannot hold is refused before per-frame arrays are built: a frame of
 * encapsulated data has at least one fragment, a native frame at least one bit per pixel (of the
 * declared length: a header may be read from the file's first bytes only).
 */
function checkFramesFit(ds: DataSet, frames: number, rows: number, columns: number): void {
  const pixelData = ds.elements[PIXEL_DATA];
  if (!pixelData || frames === 1) return;
  const fragments = pixelData.fragments?.length;
  if (fragments !== undefined && frames > fragments) {
    throw new ImageReadError(
      'PIXEL_DATA_SHORT',
      `Number of Frames is ${frames} but the encapsulated Pixel Data has ${fragments} fragment(s)`,
    );
  }
  const declared = pixelData.length;
  if (
    !pixelData.encapsulatedPixelData &&
    declared !== UNDEFINED_LENGTH &&
    frames * rows * columns > 8 * declared
  ) {
    throw new ImageReadError(
      'PIXEL_DATA_SHORT',
      `Number of Frames is ${frames} but ${declared} bytes of Pixel Data cannot hold that many ${columns}x${rows} frames`,
    );
  }
}

/** Frame times from Frame Time Vector (increments) or a constant Frame Time / Cine Rate. */
function frameTimes(ds: DataSet, frames: number): number[] | undefined {
  if (frames < 2) return undefined;
  const vectorValues = decimals(ds, 'x00181065');
  if (vectorValues && vectorValues.length === frames) {
    // Frame Time Vector holds the increment before each frame; the first is 0 by definition.
    const times: number[] = [];
    let t = 0;
    for (const [i, increment] of vectorValues.entries()) {
      if (i > 0) t += increment;
      times.push(t);
    }
    return times;
  }
  const frameTime =
    decimal(ds, 'x00181063') ?? (decimal(ds, 'x00180040') ? 1000 / decimal(ds, 'x00180040')! : undefined);
  if (!frameTime || !(frameTime > 0)) return undefined;
  return Array.from({ length: frames }, (_, i) => i * frameTime);
}

/** Pixel spacing of projection and ultrasound images that have no Pixel Spacing (0028,0030). */
function fallbackPixelSpacing(ds: DataSet): [number, number] | undefined {
  const imager = vector(ds, 'x00181164', 2);
  if (imager) return [imager[0]!, imager[1]!];
  const region = ds.elements.x00186011?.items?.[0]?.dataSet;
  if (region && uint16(region, 'x00186024') === US_UNITS_CM && uint16(region, 'x00186026') === US_UNITS_CM) {
    const dx = region.elements.x0018602c ? region.double('x0018602c') : undefined;
    const dy = region.elements.x0018602e ? region.double('x0018602e') : undefined;
    if (dx && dy && dx > 0 && dy > 0) return [dy * 10, dx * 10];
  }
  return undefined;
}

/** Reads the header facts of one parsed DICOM file. Throws ImageReadError on malformed values. */
export function readInstanceHeader(ds: DataSet, file: string, transferSyntaxUID: string): InstanceHeader {
  try {
    const frames = numberOfFrames(ds);
    const hasPixelData = ds.elements[PIXEL_DATA] !== undefined;
    const rows = uint16(ds, 'x00280010') ?? 0;
    const columns = uint16(ds, 'x00280011') ?? 0;
    if (hasPixelData && (rows === 0 || columns === 0)) {
      throw new ImageReadError('MISSING_ATTRIBUTE', 'the image has Pixel Data but no Rows/Columns');
    }
    checkFramesFit(ds, frames, rows, columns);
    const frameTimesMs = frameTimes(ds, frames);
    const windowCenter = decimals(ds, 'x00281050')?.[0];
    const windowWidth = decimals(ds, 'x00281051')?.[0];
    const mosaic = hasPixelData ? mosaicOf(ds) : undefined;
    return {
      ...(mosaic ? { mosaic } : {}),
      file,
      transferSyntaxUID,
      sopClassUID: text(ds, 'x00080016'),
      sopInstanceUID: text(ds, 'x00080018'),
      studyInstanceUID: text(ds, 'x0020000d'),
      seriesInstanceUID: text(ds, 'x0020000e'),
      frameOfReferenceUID: text(ds, 'x00200052'),
      patientId: text(ds, 'x00100020'),
      modality: text(ds, 'x00080060'),
      manufacturer: text(ds, 'x00080070'),
      seriesNumber: integer(ds, 'x00200011'),
      seriesDescription: text(ds, 'x0008103e'),
      acquisitionNumber: integer(ds, 'x00200012'),
      instanceNumber: integer(ds, 'x00200013'),
      imageType: texts(ds, 'x00080008').map((t) => t.toUpperCase()),
      hasPixelData,
      rows,
      columns,
      samplesPerPixel: uint16(ds, 'x00280002') ?? 1,
      bitsAllocated: uint16(ds, 'x00280100') ?? 0,
      bitsStored: uint16(ds, 'x00280101') ?? uint16(ds, 'x00280100') ?? 0,
      pixelRepresentation: uint16(ds, 'x00280103') ?? 0,
      photometricInterpretation: text(ds, 'x00280004'),
      numberOfFrames: frames,
      planes: readFramePlanes(ds, frames, fallbackPixelSpacing(ds)),
      ...(frameTimesMs ? { frameTimesMs } : {}),
      gantryTiltDegrees: decimal(ds, 'x00181120'),
      sliceThickness: decimal(ds, 'x00180050'),
      spacingBetweenSlices: decimal(ds, 'x00180088'),
      repetitionTimeMs: decimal(ds, 'x00180080'),
      echoTimeMs: decimal(ds, 'x00180081'),
      windowCenter,
      windowWidth,
    };
  } catch (error) {
    if (error instanceof ImageReadError) throw error.withFile(file);
    throw error;
  }
}

/** The unit normal of an image plane: row direction × column direction. */
export function planeNormal(plane: FramePlane): Vec3 | undefined {
  if (!plane.orientation) return undefined;
  const [r, c] = plane.orientation;
  return [r[1] * c[2] - r[2] * c[1], r[2] * c[0] - r[0] * c[2], r[0] * c[1] - r[1] * c[0]];
}
