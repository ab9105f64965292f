import type { DataSet } from 'dicom-parser';
import { ImageReadError } from '../../errors/image-read-error.js';
import type { CodecLoader } from './codecs/codec-loader.js';
import type { DecodedSamples } from './codecs/decoded-samples.js';
import { type EncapsulatedFrames, encapsulatedFrames, frameBytes } from './encapsulated-frames.js';
import { isSubsampledNative, samplesPerFrame } from './frame-layout.js';
import { type NativePixelData, nativeFrameSamples, nativePixelData } from './native-pixel-data.js';
import { pixelEncoding } from './pixel-encoding.js';
import type { PixelModule } from './pixel-module.js';
import { unpackBits } from './unpack-bits.js';

/** Raw samples of one frame and what is left to do to them. */
export interface RawFrame {
  readonly samples: Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array;
  readonly planar: boolean;
  /** Native YBR_FULL_422: two samples per pixel (Y1 Y2 Cb Cr). */
  readonly subsampled: boolean;
  /** The codec already produced RGB. */
  readonly rgb: boolean;
  /** Native Pixel Data words, in which High Bit locates the value (codecs return values). */
  readonly nativeWords: boolean;
}

/** Reads the raw samples of any frame of one dataset; built once per dataset. */
export type FrameSource = (frameIndex: number) => Promise<RawFrame>;

function nativeSource(source: NativePixelData, module: PixelModule): FrameSource {
  const subsampled = isSubsampledNative(module);
  const planar = !subsampled && module.planarConfiguration === 1;
  return async (frameIndex) => ({
    samples: nativeFrameSamples(source, module, frameIndex),
    planar,
    subsampled,
    rgb: false,
    nativeWords: true,
  });
}

function codecFailure(codec: string, detail: string): ImageReadError {
  return new ImageReadError('CODEC_FAILED', `${codec} ${detail}`);
}

/** Holds the codec to what the pixel module says: geometry, sample count and sample width. */
function checkDecoded(decoded: DecodedSamples, module: PixelModule, codec: string): DecodedSamples {
  const { rows, columns, samplesPerPixel } = module;
  const pixels = rows * columns;
  const packed = decoded.samples.length === Math.ceil(pixels / 8) && decoded.samples.length !== pixels;
  if (module.bitsAllocated === 1 && packed) {
    // RLE and encapsulated uncompressed frames keep 1-bit pixels packed.
    return { ...decoded, samples: unpackBits(decoded.samples as Uint8Array, 0, pixels) };
  }
  if (decoded.rows !== rows || decoded.columns !== columns || decoded.components !== samplesPerPixel) {
    throw codecFailure(
      codec,
      `returned a ${decoded.columns}x${decoded.rows} image with ${decoded.components} component(s); ` +
        `the pixel module says ${columns}x${rows} with ${samplesPerPixel}`,
    );
  }
  const expected = samplesPerFrame(module);
  if (decoded.samples.length !== expected) {
    throw codecFailure(codec, `returned ${decoded.samples.length} samples for a frame of ${expected}`);
  }
  const bits = decoded.samples.BYTES_PER_ELEMENT * 8;
  if (bits > Math.max(8, module.bitsAllocated)) {
    throw codecFailure(codec, `returned ${bits}-bit samples for Bits Allocated ${module.bitsAllocated}`);
  }
  return decoded;
}

function encapsulatedSource(
  dataSet: DataSet,
  frames: EncapsulatedFrames,
  module: PixelModule,
  encoding: Extract<ReturnType<typeof pixelEncoding>, { kind: 'encapsulated' }>,
  loader: CodecLoader,
): FrameSource {
  return async (frameIndex) => {
    const decoded = await encoding.codec(frameBytes(dataSet, frames, frameIndex), module, loader);
    const checked = checkDecoded(decoded, module, encoding.name);
    const { samples, planar, rgb } = checked;
    return { samples, planar, subsampled: false, rgb, nativeWords: checked.nativeWords === true };
  };
}

/** Checks the pixel data of `dataSet` once and returns a reader of its frames. */
export function frameSource(
  dataSet: DataSet,
  transferSyntaxUID: string,
  module: PixelModule,
  loader: CodecLoader,
): FrameSource {
  if (!dataSet.elements.x7fe00010 && (dataSet.elements.x7fe00008 || dataSet.elements.x7fe00009)) {
    throw new ImageReadError('UNSUPPORTED_IMAGE', 'float and double float Pixel Data are not supported');
  }
  const encoding = pixelEncoding(transferSyntaxUID);
  if (encoding.kind === 'native') {
    return nativeSource(nativePixelData(dataSet, module, encoding.bigEndian), module);
  }
  const frames = encapsulatedFrames(dataSet, module.numberOfFrames);
  return encapsulatedSource(dataSet, frames, module, encoding, loader);
}
