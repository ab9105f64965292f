import type { JpegDecoder } from '@voxelhub/core/raster';

/** SOF markers (C0–CF but DHT C4, JPG C8 and DAC CC): their segment gives the component count. */
const isStartOfFrame = (marker: number) =>
  marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;

/** The number of components the JPEG's frame header declares (1 grey, 3 colour), 0 when none is found. */
export function jpegComponentCount(bytes: Uint8Array): number {
  let at = 2; // after SOI
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return 0;
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    const length = (bytes[at + 2]! << 8) | bytes[at + 3]!;
    if (isStartOfFrame(marker)) return bytes[at + 9] ?? 0;
    if (marker === 0xda) return 0; // scan data before any frame header
    at += 2 + length;
  }
  return 0;
}

/** The first `channels` samples of each RGBA pixel: R for grey (the browser writes R = G = B), RGB for colour. */
export function samplesFromRgba(rgba: ArrayLike<number>, channels: 1 | 3): Uint8Array {
  const pixels = rgba.length / 4;
  const out = new Uint8Array(pixels * channels);
  for (let p = 0; p < pixels; p++)
    for (let c = 0; c < channels; c++) out[p * channels + c] = rgba[p * 4 + c]!;
  return out;
}

/**
 * Decodes a JPEG with the browser's own decoder (Chromium's is libjpeg-turbo, as core's default is),
 * as stored: no EXIF rotation and no colour management, so the samples are the file's. Core's wasm
 * decoder is not used here because it looks for its .wasm beside a bundle that renames it.
 */
export const decodeJpegInBrowser: JpegDecoder = async (bytes) => {
  const channels = jpegComponentCount(bytes) === 1 ? 1 : 3;
  const bitmap = await createImageBitmap(new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }), {
    imageOrientation: 'none',
    colorSpaceConversion: 'none',
    premultiplyAlpha: 'none',
  });
  const { width, height } = bitmap;
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('this browser has no 2D canvas to decode a JPEG with');
  context.drawImage(bitmap, 0, 0);
  bitmap.close();
  const rgba = context.getImageData(0, 0, width, height).data;
  return { width, height, components: channels, data: samplesFromRgba(rgba, channels) };
};
