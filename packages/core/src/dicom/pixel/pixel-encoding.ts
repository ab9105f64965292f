import { ImageReadError } from '../../errors/image-read-error.js';
import { transferSyntax } from '../transfer-syntax.js';
import type { FrameCodec } from './codecs/decoded-samples.js';
import { rleCodec, uncompressedFragmentCodec } from './codecs/fragment-codecs.js';
import { decodeHtj2k, decodeJpeg2000 } from './codecs/jpeg-2000.js';
import { decodeJpegDct } from './codecs/jpeg-dct.js';
import { decodeJpegLossless } from './codecs/jpeg-lossless.js';
import { decodeJpegLs } from './codecs/jpeg-ls.js';

/** How a transfer syntax stores pixels: native (maybe big endian) or encapsulated, with the codec for its frames. */
export type PixelEncoding =
  | { readonly kind: 'native'; readonly bigEndian: boolean }
  | { readonly kind: 'encapsulated'; readonly name: string; readonly codec: FrameCodec };

/**
 * The codec for each encapsulated syntax, with the short name its errors use. Which syntaxes exist and
 * whether they are native or big endian come from the one table in ../transfer-syntax.ts.
 */
const CODECS: Readonly<Record<string, { name: string; codec: FrameCodec }>> = {
  '1.2.840.10008.1.2.1.98': {
    name: 'Encapsulated Uncompressed Explicit VR Little Endian',
    codec: uncompressedFragmentCodec,
  },
  '1.2.840.10008.1.2.5': { name: 'RLE Lossless', codec: rleCodec },
  '1.2.840.10008.1.2.4.50': { name: 'JPEG Baseline', codec: decodeJpegDct },
  '1.2.840.10008.1.2.4.51': { name: 'JPEG Extended', codec: decodeJpegDct },
  '1.2.840.10008.1.2.4.57': { name: 'JPEG Lossless', codec: decodeJpegLossless },
  '1.2.840.10008.1.2.4.70': { name: 'JPEG Lossless SV1', codec: decodeJpegLossless },
  '1.2.840.10008.1.2.4.80': { name: 'JPEG-LS Lossless', codec: decodeJpegLs },
  '1.2.840.10008.1.2.4.81': { name: 'JPEG-LS Near-Lossless', codec: decodeJpegLs },
  '1.2.840.10008.1.2.4.90': { name: 'JPEG 2000 Lossless', codec: decodeJpeg2000 },
  '1.2.840.10008.1.2.4.91': { name: 'JPEG 2000', codec: decodeJpeg2000 },
  '1.2.840.10008.1.2.4.201': { name: 'HTJ2K Lossless', codec: decodeHtj2k },
  '1.2.840.10008.1.2.4.202': { name: 'HTJ2K Lossless RPCL', codec: decodeHtj2k },
  '1.2.840.10008.1.2.4.203': { name: 'HTJ2K', codec: decodeHtj2k },
};

/** The pixel encoding of a transfer syntax; throws UNSUPPORTED_TRANSFER_SYNTAX for those Voxelhub cannot decode. */
export function pixelEncoding(transferSyntaxUID: string): PixelEncoding {
  const uid = transferSyntaxUID.replace(/\0/g, '').trim();
  const syntax = transferSyntax(uid);
  // Deflate is undone when the dataset is parsed; what is left is explicit VR little endian.
  if (syntax && !syntax.encapsulated) return { kind: 'native', bigEndian: !syntax.littleEndian };
  const encapsulated = CODECS[uid];
  if (syntax && encapsulated) return { kind: 'encapsulated', ...encapsulated };
  throw new ImageReadError(
    'UNSUPPORTED_TRANSFER_SYNTAX',
    `pixel data in transfer syntax ${uid || '(none)'} cannot be decoded (JPEG 2000 Part 2, JPEG XL, MPEG and ` +
      'video syntaxes are not supported)',
  );
}
