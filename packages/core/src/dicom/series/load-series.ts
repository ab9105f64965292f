import { asReadError, ImageReadError } from '../../errors/image-read-error.js';
import { allocateVoxels, dataTypeOf, type VoxelArray } from '../../volume/data-type.js';
import type { ImageMeta, ImageVolume } from '../../volume/image-volume.js';
import { parseDicom } from '../parse-dicom.js';
import { type CodecLoader, type DecodedFrame, decodeFrame, readPixelModule } from '../pixel/index.js';
import { splitMosaic } from '../siemens/mosaic.js';
import { type RangeReader, readNativeFramesInto } from './native-frame-reader.js';
import { rescaleInPlace } from './rescale-in-place.js';
import type { FrameRef, SeriesPlan } from './series-plan.js';
import { realDataType } from './voxel-data-type.js';

export type { RangeReader } from './native-frame-reader.js';

export interface LoadSeriesOptions {
  /** Reads a whole file; Node passes fs, a browser a fetch. */
  readonly readFile: (path: string) => Promise<Uint8Array>;
  /** Reads byte ranges into memory; when given, plain native pixel data is read straight into the volume. */
  readonly rangeReader?: RangeReader;
  readonly inflateRaw?: (bytes: Uint8Array) => Uint8Array;
  readonly codecs?: CodecLoader;
  readonly onProgress?: (done: number, total: number) => void;
}

type Slot = { readonly slot: number; readonly ref: FrameRef };

/** The voxel slots each file fills: slot `slot` of the output takes frame `ref.frameIndex` of the file. */
function slotsByFile(plan: SeriesPlan): Map<string, Slot[]> {
  const byFile = new Map<string, Slot[]>();
  plan.frames.forEach((ref, slot) => {
    const list = byFile.get(ref.header.file);
    if (list) list.push({ slot, ref });
    else byFile.set(ref.header.file, [{ slot, ref }]);
  });
  return byFile;
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

/** Greyscale images are allocated before the first frame, so that frames can be read straight in. */
function isGreyscale(plan: SeriesPlan): boolean {
  const h = plan.frames[0]!.header;
  return h.samplesPerPixel === 1 && /^MONOCHROME[12]$/.test(h.photometricInterpretation ?? '');
}

/** Everything one load accumulates: the output, what it holds, how far it got. */
interface LoadState {
  data: VoxelArray | undefined;
  samplesPerPixel: 1 | 3;
  photometric: ImageVolume['photometricInterpretation'];
  source: string;
  done: number;
}

async function loadFileFast(
  file: string,
  slots: Slot[],
  state: LoadState,
  frameVoxels: number,
  reader: RangeReader,
) {
  if (!state.data || slots.some((s) => s.ref.tile !== undefined)) return false;
  const frames = slots.map((s) => ({ frameIndex: s.ref.frameIndex, offset: s.slot * frameVoxels }));
  if (!(await readNativeFramesInto(file, frames, state.data, reader))) return false;
  for (const { slot, ref } of slots) {
    const start = slot * frameVoxels;
    state.data = rescaleInPlace(
      state.data,
      start,
      start + frameVoxels,
      ref.plane.rescaleSlope,
      ref.plane.rescaleIntercept,
    );
  }
  return true;
}

async function loadFileDecoded(
  file: string,
  slots: Slot[],
  plan: SeriesPlan,
  state: LoadState,
  options: LoadSeriesOptions,
) {
  const frameVoxels = plan.geometry.dims[0] * plan.geometry.dims[1];
  const bytes = await options.readFile(file);
  const parsed = parseDicom(bytes, {
    file,
    ...(options.inflateRaw ? { inflateRaw: options.inflateRaw } : {}),
  });
  const pixelModule = readPixelModule(parsed.dataSet);
  const tiles = new Map<string, VoxelArray>();
  for (const { slot, ref } of slots) {
    const decoded = await decodeFrame(parsed.dataSet, parsed.transferSyntaxUID, ref.frameIndex, {
      pixelModule,
      ...(options.codecs ? { codecs: options.codecs } : {}),
    });
    if (!state.data) {
      state.samplesPerPixel = decoded.samplesPerPixel;
      const type = state.samplesPerPixel === 3 ? dataTypeOf(decoded.pixels) : realDataType(plan);
      state.data = allocateVoxels(
        type,
        frameVoxels * plan.geometry.dims[2] * plan.timepoints * state.samplesPerPixel,
      );
    }
    state.photometric = decoded.photometricInterpretation;
    state.source = decoded.sourcePhotometricInterpretation;
    const values = slotValues(decoded, ref, tiles);
    const size = frameVoxels * state.samplesPerPixel;
    if (values.length !== size) {
      throw new ImageReadError(
        'INCONSISTENT_SERIES',
        `frame ${ref.frameIndex} has ${values.length} values; the series needs ${size}`,
      );
    }
    (state.data as Float64Array).set(values as Float64Array, slot * size);
    const { rescaleSlope, rescaleIntercept } = ref.plane;
    state.data = rescaleInPlace(state.data, slot * size, (slot + 1) * size, rescaleSlope, rescaleIntercept);
    options.onProgress?.(++state.done, plan.frames.length);
  }
}

/**
 * Loads the voxels of a planned series: reads each file once, decodes the frames it contributes and
 * writes real values (rescale applied) into one typed array in voxel order.
 */
export async function loadSeries(plan: SeriesPlan, options: LoadSeriesOptions): Promise<ImageVolume> {
  const [nx, ny, nz] = plan.geometry.dims;
  const frameVoxels = nx * ny;
  const h = plan.frames[0]!.header;
  const state: LoadState = {
    data: isGreyscale(plan)
      ? allocateVoxels(realDataType(plan), frameVoxels * nz * plan.timepoints)
      : undefined,
    samplesPerPixel: 1,
    photometric: h.photometricInterpretation === 'MONOCHROME1' ? 'MONOCHROME1' : 'MONOCHROME2',
    source: h.photometricInterpretation ?? '',
    done: 0,
  };
  for (const [file, slots] of slotsByFile(plan)) {
    try {
      if (options.rangeReader && (await loadFileFast(file, slots, state, frameVoxels, options.rangeReader))) {
        state.done += slots.length;
        options.onProgress?.(state.done, plan.frames.length);
      } else {
        await loadFileDecoded(file, slots, plan, state, options);
      }
    } catch (error) {
      throw asReadError(error, 'CODEC_FAILED', file);
    }
  }
  return {
    kind: plan.kind,
    ...plan.geometry,
    timepoints: plan.timepoints,
    dataType: dataTypeOf(state.data!),
    samplesPerPixel: state.samplesPerPixel,
    photometricInterpretation: state.photometric,
    data: state.data!,
    ...(plan.frameTimesMs ? { frameTimesMs: plan.frameTimesMs } : {}),
    meta: metaOf(plan, state.source),
    warnings: plan.warnings,
  };
}
