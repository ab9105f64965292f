import { ImageReadError } from '../../../errors/image-read-error.js';
import type { PixelModule } from '../pixel-module.js';
import type { CodecLoader, Jpeg12Codec } from './codec-loader.js';
import { codecError, type DecodedSamples, samplesFromBytes } from './decoded-samples.js';
import { readJpegFrameHeader } from './jpeg-frame-header.js';
import { wasmDecode, withHealthyInstance } from './wasm-decode.js';

/**
 * 12-bit JPEG (process 4). libjpeg-turbo's 8-bit build cannot, and the pdf.js-derived decoder in
 * Cornerstone is off by about +15; dcmjs-codecs embeds DCMTK's IJG 12-bit decoder, which matches GDCM
 * and DCMTK on the test data.
 */
async function decode12Bit(
  frame: Uint8Array,
  module: PixelModule,
  loader: CodecLoader,
): Promise<DecodedSamples> {
  const bytes = await withHealthyInstance(
    () => loader.jpeg12(),
    () => loader.discard('jpeg12'),
    (codec) => decode12BitWith(codec, frame, module),
  );
  const samples = samplesFromBytes(bytes, 16, false);
  // The codec reports no geometry; the length check in decode-frame.ts catches a mismatch.
  const { columns, rows, samplesPerPixel: components } = module;
  return { samples, columns, rows, components, planar: false, rgb: components === 3 };
}

function decode12BitWith(codec: Jpeg12Codec, frame: Uint8Array, module: PixelModule): Uint8Array {
  try {
    return codec.decode(frame, {
      width: module.columns,
      height: module.rows,
      bitsAllocated: 16,
      bitsStored: module.bitsStored,
      samplesPerPixel: module.samplesPerPixel,
      pixelRepresentation: module.pixelRepresentation,
      planarConfiguration: 0,
      photometricInterpretation: module.photometricInterpretation,
    });
  } catch (error) {
    throw codecError('dcmjs-codecs (12-bit JPEG)', error);
  }
}

/** JPEG baseline (process 1) and extended (processes 2 & 4): libjpeg-turbo for 8-bit, dcmjs-codecs for 12-bit. */
export async function decodeJpegDct(
  frame: Uint8Array,
  module: PixelModule,
  loader: CodecLoader,
): Promise<DecodedSamples> {
  const header = readJpegFrameHeader(frame);
  if (!header) throw new ImageReadError('CODEC_FAILED', 'the JPEG frame has no start-of-frame header');
  // Decoders allocate what the frame header declares: hold it to the pixel module before decoding.
  if (header.rows !== module.rows || header.columns !== module.columns) {
    throw new ImageReadError(
      'CODEC_FAILED',
      `JPEG: the frame header says ${header.columns}x${header.rows}, the pixel module ${module.columns}x${module.rows}`,
    );
  }
  if (header.precision > 8) return decode12Bit(frame, module, loader);
  const { info, samples } = await withHealthyInstance(
    () => loader.wasmCodec('libjpeg-turbo'),
    () => loader.discard('libjpeg-turbo'),
    (codec) => wasmDecode('libjpeg-turbo', codec, frame),
  );
  // libjpeg converts YCbCr (JFIF, or Adobe transform 1) to RGB itself, with its chroma upsampling.
  const components = info.componentCount;
  return {
    samples,
    columns: info.width,
    rows: info.height,
    components,
    planar: false,
    rgb: components === 3,
  };
}
