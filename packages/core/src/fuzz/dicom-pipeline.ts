import { type InstanceHeader, readInstanceHeader } from '../dicom/instance-header.js';
import { type ParseDicomOptions, parseDicom } from '../dicom/parse-dicom.js';
import {
  type CodecLoader,
  type DecodedFrame,
  decodeFrame,
  defaultCodecLoader,
} from '../dicom/pixel/index.js';
import { splitMosaic } from '../dicom/siemens/mosaic.js';
import { ImageReadError } from '../errors/image-read-error.js';
import { ContractViolation } from './fuzz-case.js';

/** The header bytes `voxelhub` reads first when indexing a folder (node/read-dicom-header.ts). */
const HEAD_BYTES = 16 * 1024;

export interface DicomPipelineOptions {
  readonly inflateRaw?: ParseDicomOptions['inflateRaw'];
  readonly codecs?: CodecLoader;
}

/**
 * Loads every codec, so that no case pays (or is measured for) a codec's first load: each wasm codec
 * reserves about 10 GB of address space when it is instantiated, which a mutated transfer syntax would
 * otherwise charge to whichever case first needs that codec.
 */
export async function loadAllCodecs(loader: CodecLoader = defaultCodecLoader): Promise<void> {
  const wasm = (['libjpeg-turbo', 'charls', 'openjpeg', 'openjph'] as const).map((name) =>
    loader.wasmCodec(name),
  );
  await Promise.all([...wasm, loader.jpegLossless(), loader.jpeg12()]);
}

/** What the pipeline read, held so that its memory counts. */
export interface DicomRead {
  readonly header: InstanceHeader;
  readonly frames: DecodedFrame[];
  readonly tiles?: ArrayLike<number>;
}

function check(condition: boolean, what: string): void {
  if (!condition) throw new ContractViolation(`inconsistent result: ${what}`);
}

/** Decoded frames must be what the header says: size, samples, frame count. */
function checkFrame(header: InstanceHeader, frame: DecodedFrame, index: number): void {
  check(
    frame.rows === header.rows && frame.columns === header.columns,
    `frame ${index} is ${frame.columns}x${frame.rows}, the header says ${header.columns}x${header.rows}`,
  );
  const expected = frame.rows * frame.columns * frame.samplesPerPixel;
  check(
    frame.pixels.length === expected,
    `frame ${index} has ${frame.pixels.length} values, expected ${expected}`,
  );
  check(
    frame.pixelModule.numberOfFrames === header.numberOfFrames,
    `the pixel module says ${frame.pixelModule.numberOfFrames} frames, the header ${header.numberOfFrames}`,
  );
}

/**
 * Everything Voxelhub does with one DICOM file, in order: the header pass over the first 16 KB (as when
 * indexing a folder), the header of the whole file, the full parse, the instance header, every frame
 * decoded, and a Siemens mosaic split into tiles. Errors from stages that do not know the file name are
 * given it, as their callers do; anything but an ImageReadError propagates.
 */
export async function readDicomPipeline(
  bytes: Uint8Array,
  file: string,
  options: DicomPipelineOptions = {},
): Promise<DicomRead> {
  const inflate = options.inflateRaw ? { inflateRaw: options.inflateRaw } : {};
  if (bytes.length > HEAD_BYTES) {
    try {
      parseDicom(bytes.subarray(0, HEAD_BYTES), { file, untilPixelData: true, ...inflate });
    } catch (error) {
      if (!(error instanceof ImageReadError) || error.code === 'NOT_DICOM') throw error;
    }
  }
  const head = parseDicom(bytes, { file, untilPixelData: true, ...inflate });
  readInstanceHeader(head.dataSet, file, head.transferSyntaxUID);
  const parsed = parseDicom(bytes, { file, ...inflate });
  const header = readInstanceHeader(parsed.dataSet, file, parsed.transferSyntaxUID);
  check(
    header.planes.length === 1 || header.planes.length === header.numberOfFrames,
    `${header.planes.length} planes for ${header.numberOfFrames} frames`,
  );
  const frames: DecodedFrame[] = [];
  if (!header.hasPixelData) return { header, frames };
  try {
    for (let i = 0; i < header.numberOfFrames; i++) {
      const frame = await decodeFrame(
        parsed.dataSet,
        parsed.transferSyntaxUID,
        i,
        options.codecs ? { codecs: options.codecs } : {},
      );
      checkFrame(header, frame, i);
      frames.push(frame);
    }
    const mosaic = header.mosaic;
    if (!mosaic || !frames[0]) return { header, frames };
    const tiles = splitMosaic(frames[0].pixels, frames[0].columns, frames[0].rows, mosaic.info);
    const { tileColumns, tileRows, slices } = mosaic.info;
    check(tiles.length === tileColumns * tileRows * slices, `mosaic split into ${tiles.length} values`);
    return { header, frames, tiles };
  } catch (error) {
    throw error instanceof ImageReadError ? error.withFile(file) : error;
  }
}
