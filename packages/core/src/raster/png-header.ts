import { ImageReadError } from '../errors/image-read-error.js';
import { isPng, PNG_SIGNATURE } from './magic.js';
import { checkRasterSize } from './raster-limits.js';

/** PNG colour types (PNG spec §11.2.2). */
export type PngColorType = 0 | 2 | 3 | 4 | 6;

/** What the chunk walk learns before any pixel is inflated. */
export interface PngHeader {
  readonly width: number;
  readonly height: number;
  readonly bitDepth: 1 | 2 | 4 | 8 | 16;
  readonly colorType: PngColorType;
  readonly interlaced: boolean;
  /** Samples per pixel as stored (grey 1, grey+alpha 2, RGB 3, RGBA 4, palette index 1). */
  readonly channels: number;
  /** pHYs: pixels per unit along x and y; unit 1 is the metre, 0 means only the aspect ratio is known. */
  readonly physical?: { readonly x: number; readonly y: number; readonly unit: number };
  /** An acTL chunk is present: an animated PNG, of which only the default image is read. */
  readonly animated: boolean;
}

const CHANNELS: Record<PngColorType, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
const BIT_DEPTHS: Record<PngColorType, readonly number[]> = {
  0: [1, 2, 4, 8, 16],
  2: [8, 16],
  3: [1, 2, 4, 8],
  4: [8, 16],
  6: [8, 16],
};
/** Deflate cannot expand data more than 1032:1 (RFC 1951 longest match per shortest code). */
const MAX_DEFLATE_RATIO = 1032;

/**
 * Walks the chunk list of a PNG and checks that it is whole and sane, so that the decoder is only
 * handed files whose chunks all lie inside `bytes` and whose size was checked against `maxPixels`.
 */
export function scanPngHeader(bytes: Uint8Array, maxPixels: number): PngHeader {
  if (!isPng(bytes)) throw new ImageReadError('NOT_IMAGE', 'the file does not start with the PNG signature');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = PNG_SIGNATURE.length;
  let header: Omit<PngHeader, 'physical' | 'animated'> | undefined;
  let physical: PngHeader['physical'];
  let animated = false;
  let idatBytes = 0;
  for (;;) {
    if (offset + 8 > bytes.length) throw truncated(offset, bytes.length);
    const length = view.getUint32(offset);
    const type = chunkType(bytes, offset + 4);
    const data = offset + 8;
    if (length > 0x7fffffff)
      throw new ImageReadError('MALFORMED', `PNG chunk ${type} declares length ${length}`);
    if (data + length + 4 > bytes.length) throw truncated(offset, bytes.length, type);
    if (header === undefined) {
      if (type !== 'IHDR' || length !== 13) {
        throw new ImageReadError('MALFORMED', `PNG starts with chunk ${type} (length ${length}), not IHDR`);
      }
      header = readIhdr(view, data);
      checkRasterSize(header.width, header.height, maxPixels);
    } else if (type === 'IDAT') {
      idatBytes += length;
    } else if (type === 'pHYs' && length === 9) {
      physical = { x: view.getUint32(data), y: view.getUint32(data + 4), unit: view.getUint8(data + 8) };
    } else if (type === 'acTL') {
      animated = true;
    } else if (type === 'IEND') {
      break;
    }
    offset = data + length + 4;
  }
  if (idatBytes === 0) throw new ImageReadError('MALFORMED', 'PNG has no IDAT chunk: it holds no pixel data');
  checkProportion(header, idatBytes);
  return { ...header, ...(physical ? { physical } : {}), animated };
}

function readIhdr(view: DataView, at: number): Omit<PngHeader, 'physical' | 'animated'> {
  const width = view.getUint32(at);
  const height = view.getUint32(at + 4);
  const bitDepth = view.getUint8(at + 8);
  const colorType = view.getUint8(at + 9);
  const [compression, filter, interlace] = [
    view.getUint8(at + 10),
    view.getUint8(at + 11),
    view.getUint8(at + 12),
  ];
  if (!(colorType in CHANNELS))
    throw new ImageReadError('MALFORMED', `PNG colour type ${colorType} does not exist`);
  const ct = colorType as PngColorType;
  if (!BIT_DEPTHS[ct].includes(bitDepth)) {
    throw new ImageReadError('MALFORMED', `PNG bit depth ${bitDepth} is not allowed for colour type ${ct}`);
  }
  if (compression !== 0 || filter !== 0 || interlace > 1) {
    throw new ImageReadError(
      'MALFORMED',
      `PNG IHDR has compression ${compression}, filter ${filter}, interlace ${interlace}; only 0, 0, 0/1 exist`,
    );
  }
  return {
    width,
    height,
    bitDepth: bitDepth as PngHeader['bitDepth'],
    colorType: ct,
    interlaced: interlace === 1,
    channels: CHANNELS[ct],
  };
}

/** A file whose compressed data could not fill the declared image even at deflate's best ratio. */
function checkProportion(header: Omit<PngHeader, 'physical' | 'animated'>, idatBytes: number): void {
  const pixelBytes = (header.width * header.height * header.channels * header.bitDepth) / 8;
  if (pixelBytes > (idatBytes + 1) * MAX_DEFLATE_RATIO) {
    throw new ImageReadError(
      'LIMIT_EXCEEDED',
      `PNG declares ${header.width} × ${header.height} pixels but holds only ${idatBytes} bytes of ` +
        'compressed data, too few for any valid PNG of that size',
    );
  }
}

function chunkType(bytes: Uint8Array, at: number): string {
  const codes = [bytes[at]!, bytes[at + 1]!, bytes[at + 2]!, bytes[at + 3]!];
  // Chunk types are four ASCII letters (§5.4); anything else means the length before it was wrong.
  if (!codes.every((c) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122))) {
    throw new ImageReadError('MALFORMED', `PNG chunk at byte ${at - 4} has an invalid type`);
  }
  return String.fromCharCode(...codes);
}

function truncated(offset: number, size: number, type?: string): ImageReadError {
  const what = type ? `inside chunk ${type} that starts at byte ${offset}` : 'before the IEND chunk';
  return new ImageReadError('TRUNCATED', `PNG ends at byte ${size}, ${what}`);
}
