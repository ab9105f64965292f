import { decimals, decodeFrame, type ParsedDicom, type PixelModule, text } from '@voxelhub/core';
import jpeg from 'jpeg-js';
import { ApiError } from '../errors/api-error.js';
import { encodePng } from './png-encoder.js';

/**
 * Rendered frames (PS3.18 8.3.5.1 and 9.5): a frame decoded, rescaled by the Modality LUT (slope and
 * intercept), windowed to 8 bits (PS3.3 C.11.2.1.2 LINEAR, LINEAR_EXACT or SIGMOID) and written as PNG.
 * The window is the request's `window=center,width[,function]`, else the instance's first Window
 * Center/Width, else the frame's minimum to maximum. MONOCHROME1 is inverted so that it looks as meant.
 * Written as PNG (lossless) or JPEG (jpeg-js, at the request's `quality`, default 90).
 */

export type RenderedType = 'image/png' | 'image/jpeg';

/** An 8-bit rendering: grey or interleaved RGB, top row first. */
interface Rendering {
  readonly pixels: Uint8Array;
  readonly width: number;
  readonly height: number;
  readonly channels: 1 | 3;
}

export interface Window {
  readonly center: number;
  readonly width: number;
  readonly function: 'LINEAR' | 'LINEAR_EXACT' | 'SIGMOID';
}

/** Parses `window=center,width[,function]`; VALIDATION_FAILED when malformed. */
export function parseWindow(value: string | undefined): Window | undefined {
  if (value === undefined) return undefined;
  const [center, width, fn = 'linear'] = value.split(',');
  const c = Number(center);
  const w = Number(width);
  const functionName = fn.toUpperCase();
  if (
    !Number.isFinite(c) ||
    !Number.isFinite(w) ||
    w < 1 ||
    !['LINEAR', 'LINEAR_EXACT', 'SIGMOID'].includes(functionName)
  )
    throw new ApiError(
      'VALIDATION_FAILED',
      `window must be center,width[,linear|linear_exact|sigmoid] with width ≥ 1, not '${value}'`,
    );
  return { center: c, width: w, function: functionName as Window['function'] };
}

/** Parses `quality` (1..100) for JPEG; VALIDATION_FAILED when malformed. */
export function parseQuality(value: string | undefined): number {
  if (value === undefined) return 90;
  const quality = Number(value);
  if (!Number.isInteger(quality) || quality < 1 || quality > 100)
    throw new ApiError('VALIDATION_FAILED', `quality must be a whole number from 1 to 100, not '${value}'`);
  return quality;
}

export async function renderFrame(
  parsed: ParsedDicom,
  module: PixelModule,
  index: number,
  options: { window: Window | undefined; type: RenderedType; quality: number },
): Promise<Uint8Array> {
  const image = await renderPixels(parsed, module, index, options.window);
  if (options.type === 'image/png') return encodePng(image.pixels, image.width, image.height, image.channels);
  const rgba = new Uint8Array(image.width * image.height * 4);
  // Grey repeats its one sample in R, G and B; colour takes its three.
  const [g, b] = image.channels === 1 ? [0, 0] : [1, 2];
  for (let i = 0, o = 0; o < rgba.length; i += image.channels, o += 4) {
    rgba[o] = image.pixels[i]!;
    rgba[o + 1] = image.pixels[i + g]!;
    rgba[o + 2] = image.pixels[i + b]!;
    rgba[o + 3] = 255;
  }
  return jpeg.encode({ data: rgba, width: image.width, height: image.height }, options.quality).data;
}

async function renderPixels(
  parsed: ParsedDicom,
  module: PixelModule,
  index: number,
  requested: Window | undefined,
): Promise<Rendering> {
  const frame = await decodeFrame(parsed.dataSet, parsed.transferSyntaxUID, index, { pixelModule: module });
  const { rows, columns } = frame;
  if (frame.samplesPerPixel === 3) {
    const rgb = new Uint8Array(rows * columns * 3);
    // 16-bit palettes give 16-bit RGB: keep the high byte.
    const shift = frame.pixels.BYTES_PER_ELEMENT > 1 ? 8 : 0;
    for (let i = 0; i < rgb.length; i++) rgb[i] = frame.pixels[i]! >> shift;
    return { pixels: rgb, width: columns, height: rows, channels: 3 };
  }
  const slope = decimals(parsed.dataSet, 'x00281053')?.[0] ?? 1;
  const intercept = decimals(parsed.dataSet, 'x00281052')?.[0] ?? 0;
  const values = Float64Array.from(frame.pixels, (stored) => stored * slope + intercept);
  const window = requested ?? instanceWindow(parsed) ?? minMaxWindow(values);
  const invert = frame.photometricInterpretation === 'MONOCHROME1';
  const grey = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const level = applyWindow(values[i]!, window);
    grey[i] = invert ? 255 - level : level;
  }
  return { pixels: grey, width: columns, height: rows, channels: 1 };
}

function instanceWindow(parsed: ParsedDicom): Window | undefined {
  const center = decimals(parsed.dataSet, 'x00281050')?.[0];
  const width = decimals(parsed.dataSet, 'x00281051')?.[0];
  if (center === undefined || width === undefined || width < 1) return undefined;
  const fn = text(parsed.dataSet, 'x00281056')?.toUpperCase();
  return { center, width, function: fn === 'SIGMOID' || fn === 'LINEAR_EXACT' ? fn : 'LINEAR' };
}

function minMaxWindow(values: Float64Array): Window {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const value of values) {
    if (value < min) min = value;
    if (value > max) max = value;
  }
  if (!Number.isFinite(min)) return { center: 0, width: 1, function: 'LINEAR_EXACT' };
  return { center: (min + max) / 2, width: Math.max(max - min, 1), function: 'LINEAR_EXACT' };
}

/** PS3.3 C.11.2.1.2.1 (LINEAR), C.11.2.1.3.2 (LINEAR_EXACT) and C.11.2.1.3.1 (SIGMOID), to 0..255. */
export function applyWindow(x: number, { center: c, width: w, function: fn }: Window): number {
  let y: number;
  if (fn === 'SIGMOID') y = 255 / (1 + Math.exp((-4 * (x - c)) / w));
  else if (fn === 'LINEAR_EXACT') y = ((x - c) / w + 0.5) * 255;
  else if (x <= c - 0.5 - (w - 1) / 2) y = 0;
  else if (x > c - 0.5 + (w - 1) / 2) y = 255;
  else y = ((x - (c - 0.5)) / (w - 1) + 0.5) * 255;
  return Math.min(255, Math.max(0, Math.round(y)));
}
