import type { PixelModule } from '../dicom/pixel/pixel-module.js';
import type { PixelArray } from '../dicom/pixel/stored-values.js';
import { encodeRleFrame } from './rle-encoder.js';
import { type EncoderFrameInfo, wasmEncode } from './wasm-encoders.js';

/** How blanked frames go back into the file's own transfer syntax. */
export interface FrameReencoder {
  /** The Photometric Interpretation of the re-encoded frames (changes only where the codec forces it). */
  readonly photometricInterpretation: string;
  /** Encodes one frame of stored values (interleaved samples, as decoded). */
  encode(frame: PixelArray): Promise<Uint8Array>;
}

export interface ReencodeOptions {
  /** libjpeg quality (1–100) for JPEG baseline; 95 by default. */
  readonly jpegQuality?: number;
}

const JPEG_BASELINE = '1.2.840.10008.1.2.4.50';
const JPEG_LS = ['1.2.840.10008.1.2.4.80', '1.2.840.10008.1.2.4.81'];
const JPEG_2000 = ['1.2.840.10008.1.2.4.90', '1.2.840.10008.1.2.4.91'];
const HTJ2K = ['1.2.840.10008.1.2.4.201', '1.2.840.10008.1.2.4.202', '1.2.840.10008.1.2.4.203'];
const HTJ2K_RPCL = '1.2.840.10008.1.2.4.202';
const RLE = '1.2.840.10008.1.2.5';

// libjpeg-turbo's TJSAMP values, as the encoder's setSubSampling takes them.
const SUBSAMPLING_444 = 0;
const SUBSAMPLING_422 = 1;
const SUBSAMPLING_GRAY = 3;
// OpenJPH's progression orders (LRCP, RLCP, RPCL, PCRL, CPRL).
const RPCL = 2;

/** Stored values as the little-endian bytes an encoder reads: `mask` keeps Bits Stored bits (unsigned). */
function sampleBytes(frame: PixelArray, bitsAllocated: number, unsignedBits?: number): Uint8Array {
  const Words = bitsAllocated <= 8 ? Uint8Array : Uint16Array;
  const words = new Words(frame.length);
  const mask = unsignedBits === undefined ? undefined : 2 ** unsignedBits - 1;
  for (let i = 0; i < frame.length; i++) words[i] = mask === undefined ? frame[i]! : frame[i]! & mask;
  return new Uint8Array(words.buffer);
}

/** NEAR of a JPEG-LS codestream (0 = lossless), from its first start-of-scan header. */
export function jpegLsNear(codestream: Uint8Array): number {
  for (let i = 0; i + 1 < codestream.length; i++) {
    if (codestream[i] === 0xff && codestream[i + 1] === 0xda) {
      const components = codestream[i + 4] ?? 0;
      return codestream[i + 5 + 2 * components] ?? 0;
    }
  }
  return 0;
}

function info(module: PixelModule, extra: Partial<EncoderFrameInfo> = {}): EncoderFrameInfo {
  return {
    width: module.columns,
    height: module.rows,
    bitsPerSample: module.bitsStored,
    componentCount: module.samplesPerPixel,
    isSigned: false,
    ...extra,
  };
}

/**
 * The re-encoder for `transferSyntaxUID`, or undefined where there is none (the caller writes the
 * frames native). `space` is the colour space of the decoded samples: the file's Photometric
 * Interpretation, or RGB where the decoder converted colour. What each syntax gets:
 * - JPEG baseline (.50), 8-bit: libjpeg-turbo at `jpegQuality`, colour as YCbCr with the file's chroma
 *   subsampling (4:2:2 for YBR_FULL_422/YBR_PARTIAL_*, else 4:4:4): a second lossy generation;
 * - JPEG-LS (.80/.81): CharLS with the first frame's NEAR, so lossless stays lossless and near-lossless
 *   keeps its bound; colour sample-interleaved;
 * - JPEG 2000 (.90/.91) and HTJ2K (.201–.203): OpenJPEG / OpenJPH, always reversible (lossless, so no
 *   second generation even for .91/.203); colour with the reversible colour transform, so YBR_RCT;
 * - RLE Lossless: rle-encoder.ts.
 * Everything else (.51 12-bit JPEG, .57/.70 JPEG lossless, encapsulated uncompressed) has no encoder in
 * core's dependencies, nor do samples wider than 16 bits (except for RLE).
 */
export function frameReencoder(
  transferSyntaxUID: string,
  module: PixelModule,
  space: string,
  firstFrame: Uint8Array,
  options: ReencodeOptions = {},
): FrameReencoder | undefined {
  const { bitsAllocated, bitsStored, samplesPerPixel } = module;
  const photometric = module.photometricInterpretation;
  // RLE decodes to the samples as coded, never converted: the photometric interpretation stays.
  if (transferSyntaxUID === RLE)
    return { photometricInterpretation: photometric, encode: async (frame) => encodeRleFrame(frame, module) };
  if (bitsAllocated > 16 || bitsStored > 16) return undefined;
  const colour = samplesPerPixel === 3;
  if (transferSyntaxUID === JPEG_BASELINE && bitsAllocated === 8 && module.pixelRepresentation === 0) {
    const subsampled = /_42[02]$/.test(photometric);
    const quality = options.jpegQuality ?? 95;
    return {
      // libjpeg writes JFIF YCbCr (full range) from the RGB it is given.
      photometricInterpretation: colour ? (subsampled ? 'YBR_FULL_422' : 'YBR_FULL') : photometric,
      encode: (frame) =>
        wasmEncode('libjpeg-turbo', info(module, { bitsPerSample: 8 }), sampleBytes(frame, 8), (e) => {
          e.setQuality?.(quality);
          e.setSubSampling?.(colour ? (subsampled ? SUBSAMPLING_422 : SUBSAMPLING_444) : SUBSAMPLING_GRAY);
        }),
    };
  }
  if (JPEG_LS.includes(transferSyntaxUID) && bitsStored >= 2) {
    const near = jpegLsNear(firstFrame);
    return {
      // CharLS decodes the samples as coded: they are still in the file's colour space.
      photometricInterpretation: photometric,
      // JPEG-LS codes unsigned samples; signed data is stored as its two's complement bits.
      encode: (frame) =>
        wasmEncode('charls', info(module), sampleBytes(frame, bitsAllocated, bitsStored), (e) => {
          if (near > 0) e.setNearLossless?.(near);
          if (colour) e.setInterleaveMode?.(2);
        }),
    };
  }
  const j2k = JPEG_2000.includes(transferSyntaxUID);
  if ((j2k || HTJ2K.includes(transferSyntaxUID)) && (!colour || space === 'RGB')) {
    const signed = module.pixelRepresentation === 1;
    const frameInfo = info(module, {
      isSigned: signed,
      ...(j2k ? {} : { isUsingColorTransform: colour }),
    });
    return {
      photometricInterpretation: colour ? 'YBR_RCT' : photometric,
      encode: (frame) =>
        wasmEncode(j2k ? 'openjpeg' : 'openjph', frameInfo, sampleBytes(frame, bitsAllocated), (e) => {
          if (transferSyntaxUID === HTJ2K_RPCL) e.setProgressionOrder?.(RPCL);
        }),
    };
  }
  return undefined;
}
