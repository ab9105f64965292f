import type { DecodedPng } from 'fast-png';
import { ImageReadError } from '../errors/image-read-error.js';
import type { PngHeader } from './png-header.js';

/** Pixels ready for an ImageVolume: interleaved samples, x fastest. */
export interface RasterPixels {
  readonly samplesPerPixel: 1 | 3;
  readonly data: Uint8Array | Uint16Array;
  readonly warnings: readonly string[];
}

/**
 * Turns fast-png's output into grey or RGB samples: alpha is dropped, palettes are expanded (to grey
 * when every palette entry is grey), and grey below 8 bits is scaled to 0–255 as the PNG spec means it.
 */
export function pngPixels(header: PngHeader, png: DecodedPng): RasterPixels {
  checkDecodedLength(header, png.data);
  const { colorType, bitDepth, width, height } = header;
  // fast-png types its output as possibly Uint8ClampedArray; an ImageVolume holds Uint8Array.
  const data =
    png.data instanceof Uint8ClampedArray
      ? new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.length)
      : png.data;
  switch (colorType) {
    case 0:
      return {
        samplesPerPixel: 1,
        data: bitDepth < 8 ? scaleToByte(unpackBits(data, header), bitDepth) : data,
        warnings: [],
      };
    case 2:
      return { samplesPerPixel: 3, data, warnings: [] };
    case 3:
      return expandPalette(bitDepth < 8 ? unpackBits(data, header) : data, png.palette ?? []);
    case 4:
    case 6:
      return dropAlpha(data, width * height, header.channels, bitDepth === 16 ? 0xffff : 0xff);
  }
}

function checkDecodedLength(header: PngHeader, data: ArrayLike<number>): void {
  const { width, height, bitDepth, channels } = header;
  const expected = bitDepth < 8 ? Math.ceil((width * bitDepth) / 8) * height : width * height * channels;
  if (data.length !== expected) {
    throw new ImageReadError(
      'MALFORMED',
      `PNG decoded to ${data.length} samples, its header says ${expected}`,
    );
  }
}

/** One byte per pixel from rows packed at 1, 2 or 4 bits, most significant bits first (§7.2). */
function unpackBits(packed: ArrayLike<number>, header: PngHeader): Uint8Array {
  const { width, height, bitDepth } = header;
  const rowBytes = Math.ceil((width * bitDepth) / 8);
  const mask = (1 << bitDepth) - 1;
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const row = y * rowBytes;
    for (let x = 0; x < width; x++) {
      const bit = x * bitDepth;
      out[y * width + x] = (packed[row + (bit >> 3)]! >> (8 - bitDepth - (bit & 7))) & mask;
    }
  }
  return out;
}

/** Grey at 1, 2 or 4 bits spans black to white; ×255/(2^d − 1) is exact (×255, ×85, ×17). */
function scaleToByte(values: Uint8Array, bitDepth: number): Uint8Array {
  const factor = 255 / ((1 << bitDepth) - 1);
  for (let i = 0; i < values.length; i++) values[i] = values[i]! * factor;
  return values;
}

function expandPalette(indices: ArrayLike<number>, palette: readonly (readonly number[])[]): RasterPixels {
  if (palette.length === 0) throw new ImageReadError('MALFORMED', 'PNG uses a palette but has no PLTE chunk');
  const grey = palette.every((c) => c[0] === c[1] && c[1] === c[2]);
  const spp = grey ? 1 : 3;
  // 256 entries so that an index past the palette's end reads black instead of undefined.
  const lut = new Uint8Array(256 * spp);
  for (const [i, c] of palette.entries()) lut.set(c.slice(0, spp), i * spp);
  const out = new Uint8Array(indices.length * spp);
  let outOfRange = 0;
  for (let i = 0; i < indices.length; i++) {
    const index = indices[i]!;
    if (index >= palette.length) outOfRange++;
    for (let s = 0; s < spp; s++) out[i * spp + s] = lut[index * spp + s]!;
  }
  const warnings = outOfRange
    ? [`${outOfRange} pixels use palette indices past the palette's ${palette.length} entries; shown black`]
    : [];
  return { samplesPerPixel: spp, data: out, warnings };
}

/** Keeps grey (of grey+alpha) or RGB (of RGBA); says so when some pixel was not fully opaque. */
function dropAlpha(
  data: Uint8Array | Uint16Array,
  pixels: number,
  channels: number,
  opaque: number,
): RasterPixels {
  const spp = channels === 2 ? 1 : 3;
  const out = data instanceof Uint16Array ? new Uint16Array(pixels * spp) : new Uint8Array(pixels * spp);
  let transparent = 0;
  for (let p = 0; p < pixels; p++) {
    for (let s = 0; s < spp; s++) out[p * spp + s] = data[p * channels + s]!;
    if (data[p * channels + spp] !== opaque) transparent++;
  }
  const warnings = transparent
    ? [`alpha channel dropped (${transparent} of ${pixels} pixels were not fully opaque)`]
    : [];
  return { samplesPerPixel: spp, data: out, warnings };
}
