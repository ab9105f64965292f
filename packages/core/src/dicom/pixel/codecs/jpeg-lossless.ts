import { ImageReadError } from '../../../errors/image-read-error.js';
import { copyBytes } from '../copy-bytes.js';
import type { PixelModule } from '../pixel-module.js';
import type { CodecLoader } from './codec-loader.js';
import { codecError, type DecodedSamples } from './decoded-samples.js';
import { readJpegFrameHeader } from './jpeg-frame-header.js';

/** JPEG lossless (processes 14 and 14 SV1) with jpeg-lossless-decoder-js; samples come back as coded. */
export async function decodeJpegLossless(
  frame: Uint8Array,
  module: PixelModule,
  loader: CodecLoader,
): Promise<DecodedSamples> {
  // The decoder allocates whatever size the frame header declares: hold it to the pixel module first.
  const header = readJpegFrameHeader(frame);
  if (!header)
    throw new ImageReadError('CODEC_FAILED', 'JPEG Lossless: no frame header (SOF) before the scan');
  if (header.rows !== module.rows || header.columns !== module.columns) {
    throw new ImageReadError(
      'CODEC_FAILED',
      `JPEG Lossless: the frame header says ${header.columns}x${header.rows}, the pixel module ${module.columns}x${module.rows}`,
    );
  }
  const Decoder = await loader.jpegLossless();
  const decoder = new Decoder();
  const bytesPerSample = module.bitsAllocated > 8 ? 2 : 1;
  try {
    const copy = copyBytes(frame);
    const samples = decoder.decode(copy.buffer as ArrayBuffer, 0, copy.length, bytesPerSample);
    const components = decoder.numComp;
    return { samples, columns: decoder.xDim, rows: decoder.yDim, components, planar: false, rgb: false };
  } catch (error) {
    throw codecError('jpeg-lossless-decoder-js', error);
  }
}
