import { text } from '../dicom/attribute-values.js';
import { type ParseDicomOptions, parseDicom } from '../dicom/parse-dicom.js';
import type { CodecLoader } from '../dicom/pixel/codecs/codec-loader.js';
import { decodeAllFrames } from '../dicom/pixel/decode-frame.js';
import { type PixelModule, readPixelModule } from '../dicom/pixel/pixel-module.js';
import { ImageReadError } from '../errors/image-read-error.js';
import type { ImageGeometry } from '../volume/image-volume.js';
import { paintSegFrames } from './paint-seg-frames.js';
import { readSegFrames, readSegPixelMeasures } from './seg-frames.js';
import { readSegModule, type SegModule, type SegSegment } from './seg-module.js';
import { sliceLattice } from './slice-lattice.js';

export interface ReadDicomSegOptions {
  /** Names the file in errors (every failure is an ImageReadError naming it). */
  readonly name: string;
  /** Refuse label maps of more voxels than this (LIMIT_EXCEEDED); default 2^28 (256 MiB as uint8). */
  readonly maxVoxels?: number;
  readonly codecs?: CodecLoader;
  readonly inflateRaw?: ParseDicomOptions['inflateRaw'];
}

/** A DICOM SEG as one label map on the grid of its frames. */
export interface DicomSegLabelMap {
  /** Segment number per voxel, 0 background; x fastest (i + nx·(j + ny·k)). Uint16 past segment 255. */
  readonly labelMap: Uint8Array | Uint16Array;
  readonly dims: readonly [number, number, number];
  /** The grid in patient space, LPS: i along a row, j down a column, k along row × column. */
  readonly geometry: ImageGeometry;
  /** The Segment Sequence, by segment number. */
  readonly segments: readonly SegSegment[];
  readonly segmentationType: SegModule['segmentationType'];
  /** Voxels that two or more segments claim; each holds the highest of their numbers. */
  readonly overlappingVoxels: number;
  /** Slices inside the frames' span that no frame fills (writers leave out empty frames). */
  readonly emptySlices: number;
  readonly frameOfReferenceUID?: string;
  readonly warnings: readonly string[];
}

const DEFAULT_MAX_VOXELS = 2 ** 28;

/** BINARY segmentations are 1-bit, FRACTIONAL 8-bit (PS3.3 C.8.20.2.1), one sample per pixel. */
function checkPixels(module: PixelModule, seg: SegModule): void {
  const bits = seg.segmentationType === 'BINARY' ? 1 : 8;
  if (module.bitsAllocated !== bits || module.samplesPerPixel !== 1) {
    throw new ImageReadError(
      'UNSUPPORTED_IMAGE',
      `a ${seg.segmentationType} segmentation has ${bits}-bit pixels with one sample; this one has Bits ` +
        `Allocated ${module.bitsAllocated} and ${module.samplesPerPixel} sample(s) per pixel`,
    );
  }
}

async function read(bytes: Uint8Array, options: ReadDicomSegOptions): Promise<DicomSegLabelMap> {
  const parsed = parseDicom(bytes, {
    file: options.name,
    ...(options.inflateRaw ? { inflateRaw: options.inflateRaw } : {}),
  });
  const ds = parsed.dataSet;
  const seg = readSegModule(ds);
  const module = readPixelModule(ds);
  checkPixels(module, seg);
  const frames = readSegFrames(ds, module.numberOfFrames);
  const lattice = sliceLattice({
    rows: module.rows,
    columns: module.columns,
    frames,
    measures: readSegPixelMeasures(ds, module.numberOfFrames),
    maxVoxels: options.maxVoxels ?? DEFAULT_MAX_VOXELS,
  });
  const decoded = await decodeAllFrames(ds, parsed.transferSyntaxUID, {
    pixelModule: module,
    ...(options.codecs ? { codecs: options.codecs } : {}),
  });
  const painted = paintSegFrames({
    pixels: decoded.pixels,
    dims: lattice.geometry.dims,
    frames,
    sliceOfFrame: lattice.sliceOfFrame,
    segments: seg.segments,
    // FRACTIONAL: a voxel belongs to a segment when its fraction is at least one half.
    threshold: seg.segmentationType === 'BINARY' ? 1 : seg.maxFractionalValue! / 2,
  });
  const items = (ds.elements.x52009230?.items ?? []).length;
  const frameOfReferenceUID = text(ds, 'x00200052');
  return {
    labelMap: painted.labelMap,
    dims: lattice.geometry.dims,
    geometry: lattice.geometry,
    segments: seg.segments,
    segmentationType: seg.segmentationType,
    overlappingVoxels: painted.overlappingVoxels,
    emptySlices: lattice.emptySlices,
    ...(frameOfReferenceUID ? { frameOfReferenceUID } : {}),
    warnings: [
      ...lattice.warnings,
      ...(items > frames.length
        ? [
            `the Per-Frame Functional Groups have ${items} items for ${frames.length} frame(s): the rest are ignored`,
          ]
        : []),
    ],
  };
}

/**
 * Reads a DICOM Segmentation (BINARY or FRACTIONAL Segmentation Storage) into one label map:
 * - each frame is placed by its Plane Position on the grid its orientation and Pixel Measures give
 *   (see sliceLattice: slices sorted along the normal, left-out empty slices filled with background);
 * - each frame's segment is its Segment Identification Sequence's Referenced Segment Number;
 * - BINARY frames are 1-bit and packed across frame boundaries; FRACTIONAL values count as in the
 *   segment when value ≥ Maximum Fractional Value / 2, i.e. a fraction of at least 0.5;
 * - where segments overlap the higher segment number wins, and `overlappingVoxels` counts such voxels.
 * Every failure on a bad file is an ImageReadError naming `options.name`: not a SEG, missing functional
 * groups, frames of different orientations or uneven slice spacing, pixels of unsupported bit depth.
 */
export async function readDicomSeg(
  bytes: Uint8Array,
  options: ReadDicomSegOptions,
): Promise<DicomSegLabelMap> {
  try {
    return await read(bytes, options);
  } catch (error) {
    if (error instanceof ImageReadError) throw error.withFile(options.name);
    throw error;
  }
}
