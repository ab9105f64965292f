import { ImageReadError } from '../errors/image-read-error.js';
import { exifOrientation } from './exif-orientation.js';
import { isJpeg } from './magic.js';
import { checkRasterSize } from './raster-limits.js';

/** What the marker walk learns from a JPEG before its scan data (ITU-T T.81 §B.2). */
export interface JpegHeader {
  readonly width: number;
  readonly height: number;
  /** Bits per sample (8 for almost every JPEG; 12 for extended medical JPEGs). */
  readonly precision: number;
  readonly components: number;
  /** The SOF marker's process, e.g. 'baseline', 'progressive'. */
  readonly process: string;
  /** Horizontal×vertical sampling factors per component, e.g. ['2x2', '1x1', '1x1'] for 4:2:0. */
  readonly sampling: readonly string[];
  readonly exifOrientation?: number;
  /** APP14 Adobe colour transform: 0 none (RGB/CMYK), 1 YCbCr, 2 YCCK. */
  readonly adobeTransform?: number;
  /** JFIF density: unit 0 aspect only, 1 dots per inch, 2 dots per cm. */
  readonly jfifDensity?: { readonly x: number; readonly y: number; readonly unit: number };
}

const SOF_PROCESS: Record<number, string> = {
  192: 'baseline',
  193: 'extended',
  194: 'progressive',
  195: 'lossless',
  197: 'hierarchical',
  198: 'hierarchical progressive',
  199: 'hierarchical lossless',
  201: 'extended arithmetic',
  202: 'progressive arithmetic',
  203: 'lossless arithmetic',
  205: 'hierarchical arithmetic',
  206: 'hierarchical progressive arithmetic',
  207: 'hierarchical lossless arithmetic',
};
const SOS = 0xda;
const EOI = 0xd9;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Walks the markers of a JPEG up to its first scan, checks that the file is whole (an EOI follows the
 * scan data) and that its size and kind are ones the decoder can take, before any pixel is decoded.
 */
export function scanJpegHeader(bytes: Uint8Array, maxPixels: number): JpegHeader {
  if (!isJpeg(bytes)) throw new ImageReadError('NOT_IMAGE', 'the file does not start with a JPEG SOI marker');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const found: Partial<Mutable<JpegHeader>> = {};
  let offset = 2;
  for (;;) {
    const marker = nextMarker(bytes, offset);
    offset = marker.at + 1;
    if (marker.code === 0x01 || (marker.code >= 0xd0 && marker.code <= 0xd7)) continue; // no length
    if (marker.code === EOI || marker.code === 0xd8) {
      throw new ImageReadError('MALFORMED', `JPEG has marker FF${hex(marker.code)} before any scan data`);
    }
    if (offset + 2 > bytes.length) throw truncated(bytes.length);
    const end = offset + view.getUint16(offset);
    if (end < offset + 2)
      throw new ImageReadError('MALFORMED', `JPEG segment at byte ${marker.at - 1} is too short`);
    if (end > bytes.length) throw truncated(bytes.length);
    if (marker.code === SOS) {
      if (found.width === undefined)
        throw new ImageReadError('MALFORMED', 'JPEG scan data comes before any SOF');
      checkEoi(bytes, end);
      return checkSupported(found as JpegHeader, maxPixels);
    }
    readSegment(marker.code, bytes, view, offset + 2, end, found);
    offset = end;
  }
}

/** The next marker at `offset` (fill bytes FF allowed before it, §B.1.1.2). */
function nextMarker(bytes: Uint8Array, offset: number): { code: number; at: number } {
  if (offset >= bytes.length) throw truncated(bytes.length);
  if (bytes[offset] !== 0xff) {
    throw new ImageReadError(
      'MALFORMED',
      `JPEG has byte ${hex(bytes[offset]!)} at ${offset} where a marker belongs`,
    );
  }
  let at = offset + 1;
  while (at < bytes.length && bytes[at] === 0xff) at++;
  if (at >= bytes.length) throw truncated(bytes.length);
  return { code: bytes[at]!, at };
}

function readSegment(
  code: number,
  bytes: Uint8Array,
  view: DataView,
  start: number,
  end: number,
  found: Partial<Mutable<JpegHeader>>,
): void {
  if (code in SOF_PROCESS && found.width === undefined) {
    readSof(code, bytes, view, start, end, found);
  } else if (code === 0xe0 && end - start >= 14 && ascii(bytes, start, 5) === 'JFIF\0') {
    found.jfifDensity = {
      unit: bytes[start + 7]!,
      x: view.getUint16(start + 8),
      y: view.getUint16(start + 10),
    };
  } else if (code === 0xe1 && found.exifOrientation === undefined) {
    const orientation = exifOrientation(bytes, start, end);
    if (orientation !== undefined) found.exifOrientation = orientation;
  } else if (code === 0xee && end - start >= 12 && ascii(bytes, start, 5) === 'Adobe') {
    found.adobeTransform = bytes[start + 11]!;
  }
}

function readSof(
  code: number,
  bytes: Uint8Array,
  view: DataView,
  start: number,
  end: number,
  found: Partial<Mutable<JpegHeader>>,
): void {
  const components = end - start >= 6 ? bytes[start + 5]! : 0;
  if (components === 0 || end - start !== 6 + 3 * components) {
    throw new ImageReadError(
      'MALFORMED',
      `JPEG SOF segment of ${end - start} bytes for ${components} components`,
    );
  }
  found.process = SOF_PROCESS[code]!;
  found.precision = bytes[start]!;
  found.height = view.getUint16(start + 1);
  found.width = view.getUint16(start + 3);
  found.components = components;
  found.sampling = Array.from({ length: components }, (_, i) => {
    const hv = bytes[start + 7 + 3 * i]!;
    return `${hv >> 4}x${hv & 15}`;
  });
}

/** Checks what libjpeg-turbo's 8-bit build can decode, so that the user gets a reason, not a codec error. */
function checkSupported(header: JpegHeader, maxPixels: number): JpegHeader {
  const unsupported = (what: string) =>
    new ImageReadError('UNSUPPORTED_IMAGE', `${what} JPEG is not supported`);
  if (header.process.includes('lossless')) throw unsupported('lossless');
  if (header.process.startsWith('hierarchical')) throw unsupported('hierarchical');
  if (header.precision !== 8) throw unsupported(`${header.precision}-bit`);
  if (header.components === 4) {
    const kind = header.adobeTransform === 2 ? 'YCCK' : 'CMYK';
    throw unsupported(`${kind} (4-component)`);
  }
  if (header.components !== 1 && header.components !== 3) throw unsupported(`${header.components}-component`);
  if (header.height === 0) {
    throw new ImageReadError(
      'UNSUPPORTED_IMAGE',
      'JPEG whose height is given later by a DNL marker is not supported',
    );
  }
  checkRasterSize(header.width, header.height, maxPixels);
  return header;
}

/** Entropy-coded data never holds FF D9 (an FF in it is followed by 00 or RSTn), so its EOI is the last one. */
function checkEoi(bytes: Uint8Array, scanStart: number): void {
  for (let i = bytes.length - 2; i >= scanStart; i--) {
    if (bytes[i] === 0xff && bytes[i + 1] === EOI) return;
  }
  throw new ImageReadError(
    'TRUNCATED',
    `JPEG ends at byte ${bytes.length} without an EOI marker after its scan data`,
  );
}

function truncated(size: number): ImageReadError {
  return new ImageReadError('TRUNCATED', `JPEG ends at byte ${size}, inside its header segments`);
}

function ascii(bytes: Uint8Array, start: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(start, start + length));
}

function hex(value: number): string {
  return value.toString(16).toUpperCase().padStart(2, '0');
}
