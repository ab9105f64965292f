import { type ParsedDicom, parseDicom } from '../dicom/parse-dicom.js';
import { type CodecLoader, defaultCodecLoader } from '../dicom/pixel/codecs/codec-loader.js';
import { decodeAllFrames } from '../dicom/pixel/decode-frame.js';
import { encapsulatedFrames, frameBytes } from '../dicom/pixel/encapsulated-frames.js';
import { nativePixelData } from '../dicom/pixel/native-pixel-data.js';
import { pixelEncoding } from '../dicom/pixel/pixel-encoding.js';
import { type PixelModule, readPixelModule } from '../dicom/pixel/pixel-module.js';
import type { PixelArray } from '../dicom/pixel/stored-values.js';
import {
  EXPLICIT_VR_LITTLE_ENDIAN,
  IMPLICIT_VR_LITTLE_ENDIAN,
  transferSyntax,
} from '../dicom/transfer-syntax.js';
import { asReadError, ImageReadError } from '../errors/image-read-error.js';
import { clipRectangle } from './assess-burned-in.js';
import { blackSamples } from './black-samples.js';
import { blankDecodedPixels } from './blank-decoded.js';
import { blankNativePixels } from './blank-native.js';
import type { PixelRectangle } from './burned-in-rule.js';
import { DatasetSplice } from './dataset-splice.js';
import { frameReencoder, type ReencodeOptions } from './frame-reencoder.js';
import { encapsulatedPixelDataElement, nativePixelDataElement } from './pixel-data-element.js';

export interface BlankOptions extends ReencodeOptions {
  /** Decoders; the default loads each once per process. */
  readonly codecs?: CodecLoader;
}

const TAGS = {
  transferSyntax: 'x00020010',
  photometric: 'x00280004',
  planarConfiguration: 'x00280006',
  lossyImageCompression: 'x00282110',
  extendedOffsetTable: 'x7fe00001',
  extendedOffsetTableLengths: 'x7fe00002',
  pixelData: 'x7fe00010',
} as const;

// Syntaxes whose frames are always lossy: written native, they must keep saying so (PS3.3 C.7.6.1.1.5).
const ALWAYS_LOSSY = new Set(['1.2.840.10008.1.2.4.50', '1.2.840.10008.1.2.4.51']);
// Decoders that turn colour into RGB themselves (libjpeg, dcmjs-codecs; OpenJPEG/OpenJPH for ICT/RCT).
const JPEG_DCT = new Set(['1.2.840.10008.1.2.4.50', '1.2.840.10008.1.2.4.51']);

/**
 * A copy of a DICOM file with `regions` set to black in every frame (see black-samples.ts for what black
 * is per photometric interpretation); every other element is left byte for byte as it was.
 * - Native pixel data (little or big endian, implicit or explicit VR) is edited in place. Deflated files
 *   are written inflated, as Explicit VR Little Endian.
 * - Encapsulated pixel data is decoded with core's decoders, blanked, and re-encoded in the same transfer
 *   syntax where an encoder exists (frame-reencoder.ts says which and how), one fragment per frame with a
 *   full Basic Offset Table (an Extended Offset Table is dropped). Elsewhere (.51, .57, .70,
 *   encapsulated uncompressed) the frames are written native as Explicit VR Little Endian, colour
 *   interleaved; Lossy Image Compression is added as 01 for JPEG baseline/extended data that lacks it.
 * - Photometric Interpretation changes only where the colour space of the written samples does: RGB for
 *   colour a decoder converted and that is written native, YBR_RCT for colour re-encoded as JPEG 2000,
 *   YBR_FULL(_422) for colour re-encoded as JPEG baseline from RGB.
 * Rectangles are clipped to the image. Throws ImageReadError naming `file` for files without pixel
 * data, 1-bit images, and files that cannot be decoded.
 */
export async function blankRegionsPart10(
  bytes: Uint8Array,
  regions: readonly PixelRectangle[],
  file?: string,
  options: BlankOptions = {},
): Promise<Uint8Array> {
  try {
    const parsed = parseDicom(bytes, file ? { file } : {});
    const module = pixelModuleToBlank(parsed);
    const visible = regions.filter((r) => clipRectangle(r, module.rows, module.columns));
    if (visible.length === 0) return parsed.dataSet.byteArray.slice();
    const encoding = pixelEncoding(parsed.transferSyntaxUID);
    if (encoding.kind === 'native') return blankNative(parsed, module, visible, encoding.bigEndian);
    return await blankEncapsulated(parsed, module, visible, options);
  } catch (error) {
    throw asReadError(error, 'MALFORMED', file);
  }
}

function pixelModuleToBlank(parsed: ParsedDicom): PixelModule {
  if (!parsed.dataSet.elements[TAGS.pixelData])
    throw new ImageReadError(
      'UNSUPPORTED_IMAGE',
      'the file has no Pixel Data (7FE0,0010): there is no image to blank',
    );
  const module = readPixelModule(parsed.dataSet);
  if (module.bitsAllocated === 1)
    throw new ImageReadError(
      'UNSUPPORTED_IMAGE',
      '1-bit pixel data (segmentations, overlays) cannot be blanked: it holds no burned-in text to remove',
    );
  return module;
}

function explicitVR(uid: string): boolean {
  return transferSyntax(uid)?.explicitVR ?? uid !== IMPLICIT_VR_LITTLE_ENDIAN;
}

function blankNative(
  parsed: ParsedDicom,
  module: PixelModule,
  regions: readonly PixelRectangle[],
  bigEndian: boolean,
): Uint8Array {
  const { dataSet, transferSyntaxUID } = parsed;
  const copy = dataSet.byteArray.slice();
  const source = nativePixelData(dataSet, module, bigEndian);
  const element = dataSet.elements[TAGS.pixelData]!;
  const bytes = copy.subarray(element.dataOffset, element.dataOffset + source.bytes.length);
  blankNativePixels({ bytes, swapUnit: source.swapUnit }, module, regions);
  if (!transferSyntax(transferSyntaxUID)?.deflated) return copy;
  // The parser inflated the dataset; writing it back inflated needs only the new transfer syntax.
  const splice = new DatasetSplice(dataSet, true, copy);
  splice.setString(TAGS.transferSyntax, 'UI', EXPLICIT_VR_LITTLE_ENDIAN);
  return splice.apply();
}

/** The module to decode with, so that samples stay in the file's colour space where the codec allows. */
function decodingModule(
  module: PixelModule,
  transferSyntaxUID: string,
): { module: PixelModule; space: string } {
  const photometric = module.photometricInterpretation;
  if (photometric === 'PALETTE COLOR') {
    // Blank the indices, not the colours the palette maps them to.
    const { palette: _palette, ...rest } = module;
    return { module: { ...rest, photometricInterpretation: 'MONOCHROME2' }, space: photometric };
  }
  if (module.samplesPerPixel !== 3) return { module, space: photometric };
  const codecGivesRgb =
    JPEG_DCT.has(transferSyntaxUID) || photometric === 'YBR_ICT' || photometric === 'YBR_RCT';
  if (codecGivesRgb) return { module, space: 'RGB' };
  // Declared RGB, the decoder leaves the samples as coded (YBR_FULL stays YBR_FULL).
  return { module: { ...module, photometricInterpretation: 'RGB' }, space: photometric };
}

async function blankEncapsulated(
  parsed: ParsedDicom,
  module: PixelModule,
  regions: readonly PixelRectangle[],
  options: BlankOptions,
): Promise<Uint8Array> {
  const { dataSet, transferSyntaxUID } = parsed;
  const working = decodingModule(module, transferSyntaxUID);
  const decoded = await decodeAllFrames(dataSet, transferSyntaxUID, {
    codecs: options.codecs ?? defaultCodecLoader,
    pixelModule: working.module,
  });
  const black = blackSamples(module, working.space);
  blankDecodedPixels({ ...decoded, samplesPerPixel: module.samplesPerPixel }, regions, black);
  const firstFrame = frameBytes(dataSet, encapsulatedFrames(dataSet, module.numberOfFrames), 0);
  const reencoder = frameReencoder(transferSyntaxUID, module, working.space, firstFrame, options);
  const splice = new DatasetSplice(dataSet, true);
  splice.removeElement(TAGS.extendedOffsetTable);
  splice.removeElement(TAGS.extendedOffsetTableLengths);
  const frames = splitFrames(decoded.pixels, module.numberOfFrames);
  if (reencoder) {
    const encoded: Uint8Array[] = [];
    for (const frame of frames) encoded.push(await reencoder.encode(frame));
    splice.replaceElement(TAGS.pixelData, encapsulatedPixelDataElement(encoded));
    setPhotometric(splice, module, reencoder.photometricInterpretation);
    return splice.apply();
  }
  splice.replaceElement(
    TAGS.pixelData,
    nativePixelDataElement(decoded.pixels, module, explicitVR(transferSyntaxUID)),
  );
  splice.setString(TAGS.transferSyntax, 'UI', EXPLICIT_VR_LITTLE_ENDIAN);
  // Samples are written interleaved, at full resolution (no native 4:2:2), in the space they were decoded to.
  const nativeSpace = working.space === 'YBR_FULL_422' ? 'YBR_FULL' : working.space;
  setPhotometric(splice, module, nativeSpace);
  if (module.samplesPerPixel === 3) splice.setUint16(TAGS.planarConfiguration, 0);
  if (ALWAYS_LOSSY.has(transferSyntaxUID) && !dataSet.elements[TAGS.lossyImageCompression])
    splice.setString(TAGS.lossyImageCompression, 'CS', '01');
  return splice.apply();
}

function setPhotometric(splice: DatasetSplice, module: PixelModule, photometric: string): void {
  if (photometric !== module.photometricInterpretation) splice.setString(TAGS.photometric, 'CS', photometric);
}

function splitFrames(pixels: PixelArray, numberOfFrames: number): PixelArray[] {
  const size = pixels.length / numberOfFrames;
  return Array.from({ length: numberOfFrames }, (_, i) => pixels.subarray(i * size, (i + 1) * size));
}
