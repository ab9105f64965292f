import { asReadError, ImageReadError } from '../../errors/image-read-error.js';
import { allocateVoxels, type DataType, dataTypeOf, type VoxelArray } from '../../volume/data-type.js';
import type { ImageMeta, ImageVolume } from '../../volume/image-volume.js';
import { parseDicom } from '../parse-dicom.js';
import { type CodecLoader, type DecodedFrame, decodeFrame, readPixelModule } from '../pixel/index.js';
import { splitMosaic } from '../siemens/mosaic.js';
import type { FrameRef, SeriesPlan } from './series-plan.js';
import { realDataType, widenFor } from './voxel-data-type.js';

export interface LoadSeriesOptions {
  /** Reads a whole file; Node passes fs, a browser a fetch. */
  readonly readFile: (path: string) => Promise<Uint8Array>;
  readonly inflateRaw?: (bytes: Uint8Array) => Uint8Array;
  readonly codecs?: CodecLoader;
  readonly onProgress?: (done: number, total: number) => void;
}

/** The voxel slots each file fills: slot `slot` of the output takes frame `ref.frameIndex` of the file. */
function slotsByFile(plan: SeriesPlan): Map<string, { slot: number; ref: FrameRef }[]> {
  const byFile = new Map<string, { slot: number; ref: FrameRef }[]>();
  plan.frames.forEach((ref, slot) => {
    const list = byFile.get(ref.header.file);
    if (list) list.push({ slot, ref });
    else byFile.set(ref.header.file, [{ slot, ref }]);
  });
  return byFile;
}

/** The smallest and largest real value of a frame. */
function realRange(stored: ArrayLike<number>, slope: number, intercept: number): [number, number] {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < stored.length; i++) {
    const v = stored[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const a = min * slope + intercept;
  const b = max * slope + intercept;
  return [Math.min(a, b), Math.max(a, b)];
}

/**
 * Writes slope·stored + intercept into `out` from `offset` (a plain copy when there is no rescale).
 * Returns `out`, or a wider copy of it when an integer output cannot hold this frame's values.
 */
function writeRescaled(
  out: VoxelArray,
  offset: number,
  stored: ArrayLike<number>,
  slope: number,
  intercept: number,
): VoxelArray {
  let target = out;
  const type = dataTypeOf(out);
  if (!type.startsWith('float')) {
    const [min, max] = realRange(stored, slope, intercept);
    const wider = widenFor(type, min, max);
    if (wider !== type) {
      target = allocateVoxels(wider, out.length);
      (target as Float64Array).set(out as Float64Array);
    }
  }
  if (slope === 1 && intercept === 0) (target as Float64Array).set(stored as Float64Array, offset);
  else for (let i = 0; i < stored.length; i++) target[offset + i] = stored[i]! * slope + intercept;
  return target;
}

function metaOf(plan: SeriesPlan, source: string): ImageMeta {
  const h = plan.frames[0]!.header;
  const entries = Object.entries({
    modality: h.modality,
    patientId: h.patientId,
    studyInstanceUID: h.studyInstanceUID,
    seriesInstanceUID: h.seriesInstanceUID,
    seriesNumber: h.seriesNumber,
    seriesDescription: h.seriesDescription,
    frameOfReferenceUID: h.frameOfReferenceUID,
    manufacturer: h.manufacturer,
    sliceThickness: h.sliceThickness,
    repetitionTimeMs: h.repetitionTimeMs,
    echoTimeMs: h.echoTimeMs,
    windowCenter: h.windowCenter,
    windowWidth: h.windowWidth,
    sourcePhotometricInterpretation: source,
    sopInstanceUIDs: plan.frames.map((f) => f.header.sopInstanceUID ?? ''),
  }).filter(([, v]) => v !== undefined);
  return Object.fromEntries(entries) as ImageMeta;
}

/** The 2D values of one slot: a decoded frame, or one tile of a decoded mosaic. */
function slotValues(decoded: DecodedFrame, ref: FrameRef, tiles: Map<string, VoxelArray>): ArrayLike<number> {
  const mosaic = ref.header.mosaic;
  if (!mosaic || ref.tile === undefined) return decoded.pixels;
  const key = `${ref.header.file}#${ref.frameIndex}`;
  let split = tiles.get(key);
  if (!split) {
    split = splitMosaic(decoded.pixels, decoded.columns, decoded.rows, mosaic.info);
    tiles.set(key, split);
  }
  const size = mosaic.info.tileColumns * mosaic.info.tileRows;
  return split.subarray(ref.tile * size, (ref.tile + 1) * size);
}

/**
 * Loads the voxels of a planned series: reads each file once, decodes the frames it contributes and
 * writes real values (rescale applied) into one typed array in voxel order.
 */
export async function loadSeries(plan: SeriesPlan, options: LoadSeriesOptions): Promise<ImageVolume> {
  const [nx, ny, nz] = plan.geometry.dims;
  const frameVoxels = nx * ny;
  let data: VoxelArray | undefined;
  let samplesPerPixel: 1 | 3 = 1;
  let photometric: ImageVolume['photometricInterpretation'] = 'MONOCHROME2';
  let source = '';
  const tiles = new Map<string, VoxelArray>();
  let done = 0;
  for (const [file, slots] of slotsByFile(plan)) {
    try {
      const bytes = await options.readFile(file);
      const parsed = parseDicom(bytes, {
        file,
        ...(options.inflateRaw ? { inflateRaw: options.inflateRaw } : {}),
      });
      const pixelModule = readPixelModule(parsed.dataSet);
      for (const { slot, ref } of slots) {
        const decoded = await decodeFrame(parsed.dataSet, parsed.transferSyntaxUID, ref.frameIndex, {
          pixelModule,
          ...(options.codecs ? { codecs: options.codecs } : {}),
        });
        if (!data) {
          samplesPerPixel = decoded.samplesPerPixel;
          photometric = decoded.photometricInterpretation;
          source = decoded.sourcePhotometricInterpretation;
          const type: DataType = samplesPerPixel === 3 ? dataTypeOf(decoded.pixels) : realDataType(plan);
          data = allocateVoxels(type, frameVoxels * nz * plan.timepoints * samplesPerPixel);
        }
        const values = slotValues(decoded, ref, tiles);
        if (values.length !== frameVoxels * samplesPerPixel) {
          throw new ImageReadError(
            'INCONSISTENT_SERIES',
            `frame ${ref.frameIndex} has ${values.length} values; the series needs ${frameVoxels * samplesPerPixel}`,
          );
        }
        const { rescaleSlope, rescaleIntercept } = ref.plane;
        data = writeRescaled(
          data,
          slot * frameVoxels * samplesPerPixel,
          values,
          rescaleSlope,
          rescaleIntercept,
        );
        options.onProgress?.(++done, plan.frames.length);
      }
      tiles.clear();
    } catch (error) {
      throw asReadError(error, 'CODEC_FAILED', file);
    }
  }
  return {
    kind: plan.kind,
    ...plan.geometry,
    timepoints: plan.timepoints,
    dataType: dataTypeOf(data!),
    samplesPerPixel,
    photometricInterpretation: photometric,
    data: data!,
    ...(plan.frameTimesMs ? { frameTimesMs: plan.frameTimesMs } : {}),
    meta: metaOf(plan, source),
    warnings: plan.warnings,
  };
}
