import { crc32, deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { dataTypeOf } from '../volume/data-type.js';
import { assertValidImage, type ImageVolume } from '../volume/image-volume.js';
import { readRasterImage } from './read-raster-image.js';

/** The model's invariants, and a typed array that is exactly the data type it claims (not Uint8ClampedArray). */
function checkImage(image: ImageVolume): void {
  assertValidImage(image);
  expect(dataTypeOf(image.data)).toBe(image.dataType);
}

// PNGs are written here by hand — chunks, CRCs (node:zlib crc32), all five row filters and Node's zlib
// deflate — independently of fast-png and its fflate inflater, so pixel values can be checked exactly.

interface PngSpec {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  /** One value per sample (packed below 8 bits, big-endian at 16), rows top first. */
  samples: ArrayLike<number>;
  /** Chunks placed between IHDR and IDAT. */
  extra?: Uint8Array[];
}

function chunk(type: string, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Packs samples into unfiltered scanlines (MSB first below 8 bits, big-endian at 16). */
function scanlines(spec: PngSpec, channels: number): Uint8Array[] {
  const perRow = spec.width * channels;
  const rowBytes = Math.ceil((perRow * spec.bitDepth) / 8);
  return Array.from({ length: spec.height }, (_, y) => {
    const row = new Uint8Array(rowBytes);
    for (let i = 0; i < perRow; i++) {
      const v = spec.samples[y * perRow + i]!;
      if (spec.bitDepth === 16) {
        row[2 * i] = v >> 8;
        row[2 * i + 1] = v & 0xff;
      } else if (spec.bitDepth === 8) {
        row[i] = v;
      } else {
        const bit = i * spec.bitDepth;
        row[bit >> 3]! |= v << (8 - spec.bitDepth - (bit & 7));
      }
    }
    return row;
  });
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Filters row y with type y % 5 (None, Sub, Up, Average, Paeth) so the decoder meets them all. */
function filterRows(rows: Uint8Array[], bpp: number): Uint8Array {
  const out: Uint8Array[] = rows.map((row, y) => {
    const type = y % 5;
    const prev = rows[y - 1] ?? new Uint8Array(row.length);
    const filtered = new Uint8Array(row.length + 1);
    filtered[0] = type;
    for (let i = 0; i < row.length; i++) {
      const a = i >= bpp ? row[i - bpp]! : 0;
      const b = prev[i]!;
      const c = i >= bpp ? prev[i - bpp]! : 0;
      const predictor = [0, a, b, (a + b) >> 1, paeth(a, b, c)][type]!;
      filtered[i + 1] = (row[i]! - predictor) & 0xff;
    }
    return filtered;
  });
  return concat(out);
}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

function ihdr(width: number, height: number, bitDepth: number, colorType: number, interlace = 0): Uint8Array {
  const data = new Uint8Array(13);
  const view = new DataView(data.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  data.set([bitDepth, colorType, 0, 0, interlace], 8);
  return chunk('IHDR', data);
}

/** Adam7 passes: x start, y start, x step, y step (PNG spec §8.2). */
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;

/** Each Adam7 pass as a small image of its own, filtered separately; empty passes are left out. */
function interlacedData(spec: PngSpec, channels: number, bpp: number): Uint8Array {
  const passes = ADAM7.map(([x0, y0, dx, dy]) => {
    const width = Math.ceil((spec.width - x0) / dx);
    const height = Math.ceil((spec.height - y0) / dy);
    if (width <= 0 || height <= 0) return new Uint8Array(0);
    const samples = grid(width, height, channels, (x, y, c) => {
      return spec.samples[((y0 + y * dy) * spec.width + x0 + x * dx) * channels + c]!;
    });
    return filterRows(scanlines({ ...spec, width, height, samples }, channels), bpp);
  });
  return concat(passes);
}

function encodePng(spec: PngSpec & { interlaced?: boolean }): Uint8Array {
  const channels = CHANNELS[spec.colorType]!;
  const bpp = Math.max(1, (channels * spec.bitDepth) / 8);
  const raw = spec.interlaced
    ? interlacedData(spec, channels, bpp)
    : filterRows(scanlines(spec, channels), bpp);
  const header = ihdr(spec.width, spec.height, spec.bitDepth, spec.colorType, spec.interlaced ? 1 : 0);
  return concat([
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    header,
    ...(spec.extra ?? []),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND'),
  ]);
}

function grid(
  width: number,
  height: number,
  channels: number,
  f: (x: number, y: number, c: number) => number,
) {
  const out: number[] = [];
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) for (let c = 0; c < channels; c++) out.push(f(x, y, c));
  return out;
}

function u32(...values: number[]): Uint8Array {
  const view = new DataView(new ArrayBuffer(values.length * 4));
  for (const [i, v] of values.entries()) view.setUint32(i * 4, v);
  return new Uint8Array(view.buffer);
}

describe('readRasterImage on PNG', () => {
  it('reads 8-bit grey exactly, as a one-slice volume with identity geometry', async () => {
    const samples = grid(7, 6, 1, (x, y) => (x * 37 + y * 11) & 0xff);
    const image = await readRasterImage(
      encodePng({ width: 7, height: 6, bitDepth: 8, colorType: 0, samples }),
    );
    checkImage(image);
    expect(image).toMatchObject({
      kind: 'volume',
      dims: [7, 6, 1],
      spacing: [1, 1, 1],
      origin: [0, 0, 0],
      direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
      timepoints: 1,
      dataType: 'uint8',
      samplesPerPixel: 1,
      photometricInterpretation: 'MONOCHROME2',
      warnings: [],
    });
    expect(image.data).toBeInstanceOf(Uint8Array);
    expect(Array.from(image.data)).toEqual(samples);
    expect(image.meta).toMatchObject({ format: 'PNG', bitDepth: 8, pngColorType: 0 });
  });

  it('keeps 16-bit grey as uint16, reading samples big-endian', async () => {
    // 0x0102 must read as 258 (big-endian), not 513; the others span the full 16-bit range.
    const samples = grid(5, 6, 1, (x, y) =>
      x === 0 && y === 0 ? 0x0102 : (x * 4099 + y * 13001 + 7) & 0xffff,
    );
    const image = await readRasterImage(
      encodePng({ width: 5, height: 6, bitDepth: 16, colorType: 0, samples }),
    );
    checkImage(image);
    expect(image.dataType).toBe('uint16');
    expect(image.data).toBeInstanceOf(Uint16Array);
    expect(image.data[0]).toBe(258);
    expect(Array.from(image.data)).toEqual(samples);
    expect(image.meta.bitDepth).toBe(16);
  });

  it('scales 1- and 4-bit grey to 0–255, with rows padded to whole bytes', async () => {
    const ones = grid(11, 3, 1, (x, y) => (x + y) % 2);
    const one = await readRasterImage(
      encodePng({ width: 11, height: 3, bitDepth: 1, colorType: 0, samples: ones }),
    );
    expect(Array.from(one.data)).toEqual(ones.map((v) => v * 255));
    const fours = grid(5, 5, 1, (x, y) => (x * 3 + y) % 16);
    const four = await readRasterImage(
      encodePng({ width: 5, height: 5, bitDepth: 4, colorType: 0, samples: fours }),
    );
    expect(Array.from(four.data)).toEqual(fours.map((v) => v * 17));
    expect(four.dataType).toBe('uint8');
  });

  it('reads 8- and 16-bit RGB as interleaved RGB', async () => {
    const rgb8 = grid(6, 5, 3, (x, y, c) => [x * 40, y * 50, (x + y) * 20][c]!);
    const image = await readRasterImage(
      encodePng({ width: 6, height: 5, bitDepth: 8, colorType: 2, samples: rgb8 }),
    );
    checkImage(image);
    expect(image).toMatchObject({ samplesPerPixel: 3, photometricInterpretation: 'RGB', dataType: 'uint8' });
    expect(Array.from(image.data)).toEqual(rgb8);
    const rgb16 = grid(4, 3, 3, (x, y, c) => (x * 16411 + y * 9001 + c * 257) & 0xffff);
    const deep = await readRasterImage(
      encodePng({ width: 4, height: 3, bitDepth: 16, colorType: 2, samples: rgb16 }),
    );
    expect(deep.dataType).toBe('uint16');
    expect(Array.from(deep.data)).toEqual(rgb16);
  });

  it('drops the alpha of RGBA and warns when some pixel was transparent', async () => {
    const rgba = grid(5, 4, 4, (x, y, c) =>
      c === 3 ? (x === 2 && y === 1 ? 128 : 255) : x * 50 + y * 3 + c,
    );
    const image = await readRasterImage(
      encodePng({ width: 5, height: 4, bitDepth: 8, colorType: 6, samples: rgba }),
    );
    checkImage(image);
    expect(image.samplesPerPixel).toBe(3);
    expect(Array.from(image.data)).toEqual(rgba.filter((_, i) => i % 4 !== 3));
    expect(image.warnings).toEqual(['alpha channel dropped (1 of 20 pixels were not fully opaque)']);
    const opaque = rgba.map((v, i) => (i % 4 === 3 ? 255 : v));
    const clean = await readRasterImage(
      encodePng({ width: 5, height: 4, bitDepth: 8, colorType: 6, samples: opaque }),
    );
    expect(clean.warnings).toEqual([]);
  });

  it('reads grey+alpha (8 and 16 bit) as grey', async () => {
    const ga = grid(6, 5, 2, (x, y, c) => (c === 0 ? x * 30 + y : 255));
    const image = await readRasterImage(
      encodePng({ width: 6, height: 5, bitDepth: 8, colorType: 4, samples: ga }),
    );
    checkImage(image);
    expect(image).toMatchObject({
      samplesPerPixel: 1,
      photometricInterpretation: 'MONOCHROME2',
      dataType: 'uint8',
    });
    expect(Array.from(image.data)).toEqual(ga.filter((_, i) => i % 2 === 0));
    const ga16 = grid(3, 4, 2, (x, y, c) => (c === 0 ? x * 20000 + y * 300 + 1 : 0));
    const deep = await readRasterImage(
      encodePng({ width: 3, height: 4, bitDepth: 16, colorType: 4, samples: ga16 }),
    );
    expect(deep.dataType).toBe('uint16');
    expect(Array.from(deep.data)).toEqual(ga16.filter((_, i) => i % 2 === 0));
    expect(deep.warnings).toEqual(['alpha channel dropped (12 of 12 pixels were not fully opaque)']);
  });

  it('expands a colour palette (with tRNS alpha) to RGB, at 8, 4 and 2 bits per index', async () => {
    const palette = [
      [255, 0, 0],
      [0, 128, 0],
      [10, 20, 30],
      [200, 200, 7],
    ];
    const plte = chunk('PLTE', new Uint8Array(palette.flat()));
    const trns = chunk('tRNS', new Uint8Array([255, 0])); // palette alpha, which is dropped
    const indices = grid(5, 3, 1, (x, y) => (x + 2 * y) % 4);
    const expected = indices.flatMap((i) => palette[i]!);
    for (const bitDepth of [8, 4, 2]) {
      const bytes = encodePng({
        width: 5,
        height: 3,
        bitDepth,
        colorType: 3,
        samples: indices,
        extra: [plte, trns],
      });
      const image = await readRasterImage(bytes);
      checkImage(image);
      expect(image).toMatchObject({
        samplesPerPixel: 3,
        photometricInterpretation: 'RGB',
        dataType: 'uint8',
      });
      expect(Array.from(image.data)).toEqual(expected);
    }
  });

  it('reads a palette of greys as grey, and an index past the palette as black with a warning', async () => {
    const plte = chunk('PLTE', new Uint8Array([0, 0, 0, 90, 90, 90, 250, 250, 250]));
    const indices = grid(4, 2, 1, (x) => x);
    const image = await readRasterImage(
      encodePng({ width: 4, height: 2, bitDepth: 8, colorType: 3, samples: indices, extra: [plte] }),
    );
    expect(image).toMatchObject({ samplesPerPixel: 1, photometricInterpretation: 'MONOCHROME2' });
    expect(Array.from(image.data)).toEqual([0, 90, 250, 0, 0, 90, 250, 0]);
    expect(image.warnings).toEqual([
      "2 pixels use palette indices past the palette's 3 entries; shown black",
    ]);
  });

  it('reads Adam7-interlaced PNGs, including sizes where some passes are empty', async () => {
    for (const [width, height] of [
      [13, 11],
      [3, 2],
      [1, 1],
    ] as const) {
      const rgb = grid(width, height, 3, (x, y, c) => (x * 19 + y * 7 + c * 60) & 0xff);
      const bytes = encodePng({ width, height, bitDepth: 8, colorType: 2, samples: rgb, interlaced: true });
      const image = await readRasterImage(bytes);
      checkImage(image);
      expect(Array.from(image.data)).toEqual(rgb);
    }
    const grey16 = grid(9, 10, 1, (x, y) => x * 7000 + y * 10 + 1);
    const bytes = encodePng({
      width: 9,
      height: 10,
      bitDepth: 16,
      colorType: 0,
      samples: grey16,
      interlaced: true,
    });
    expect(Array.from((await readRasterImage(bytes)).data)).toEqual(grey16);
  });

  it('takes the pixel size from pHYs in pixels per metre', async () => {
    const samples = grid(3, 2, 1, (x) => x);
    const phys = chunk('pHYs', concat([u32(2835, 5000), new Uint8Array([1])]));
    const image = await readRasterImage(
      encodePng({ width: 3, height: 2, bitDepth: 8, colorType: 0, samples, extra: [phys] }),
    );
    checkImage(image);
    expect(image.spacing[0]).toBeCloseTo(1000 / 2835, 12);
    expect(image.spacing).toEqual([1000 / 2835, 0.2, 1]);
    expect(image.meta).toMatchObject({
      pixelSpacingSource: 'PNG pHYs',
      pngPhysicalPixels: { x: 2835, y: 5000, unit: 'metre' },
    });
  });

  it('ignores a pHYs without a unit (aspect ratio only) and says so when pixels are not square', async () => {
    const samples = grid(3, 2, 1, (x) => x);
    const phys = chunk('pHYs', concat([u32(2, 3), new Uint8Array([0])]));
    const image = await readRasterImage(
      encodePng({ width: 3, height: 2, bitDepth: 8, colorType: 0, samples, extra: [phys] }),
    );
    expect(image.spacing).toEqual([1, 1, 1]);
    expect(image.meta.pixelSpacingSource).toBeUndefined();
    expect(image.warnings).toEqual([
      'PNG pHYs gives non-square pixels (aspect 2:3) without a unit; not applied',
    ]);
  });

  it('reads a PNG held inside a larger buffer and does not change its input', async () => {
    const png = encodePng({
      width: 4,
      height: 4,
      bitDepth: 8,
      colorType: 0,
      samples: grid(4, 4, 1, (x, y) => x * y),
    });
    const host = new Uint8Array(png.length + 64).fill(0xee);
    host.set(png, 32);
    const view = host.subarray(32, 32 + png.length);
    const before = Uint8Array.from(host);
    const image = await readRasterImage(view);
    expect(Array.from(image.data)).toEqual(grid(4, 4, 1, (x, y) => x * y));
    expect(host).toEqual(before);
    expect(image.data.buffer).not.toBe(host.buffer);
  });
});

describe('readRasterImage on bad PNG', () => {
  const good = encodePng({
    width: 9,
    height: 7,
    bitDepth: 8,
    colorType: 2,
    samples: grid(9, 7, 3, (x, y, c) => x * y + c),
  });

  it('reports a file cut anywhere after the signature as TRUNCATED, even inside a larger buffer', async () => {
    const host = new Uint8Array(good.length + 100);
    host.set(good);
    for (const length of [8, 12, 20, 33, 40, 60, good.length - 12, good.length - 1]) {
      await expect(readRasterImage(host.subarray(0, length), { file: 'cut.png' })).rejects.toMatchObject({
        name: 'ImageReadError',
        code: 'TRUNCATED',
        file: 'cut.png',
      });
    }
  });

  it('reports wrong magic bytes as NOT_IMAGE', async () => {
    const gif = new TextEncoder().encode('GIF89a....');
    const almostPng = Uint8Array.from(good);
    almostPng[1] = 0x51;
    for (const bytes of [new Uint8Array(0), good.subarray(0, 5), gif, almostPng, new Uint8Array(100)]) {
      await expect(readRasterImage(bytes, { file: 'x.bin' })).rejects.toMatchObject({
        code: 'NOT_IMAGE',
        file: 'x.bin',
      });
    }
  });

  it('refuses huge IHDR dimensions before decoding (LIMIT_EXCEEDED)', async () => {
    const rest = good.subarray(33);
    const huge = concat([good.subarray(0, 8), ihdr(100_000, 100_000, 8, 0), rest]);
    await expect(readRasterImage(huge)).rejects.toMatchObject({ code: 'LIMIT_EXCEEDED' });
    const maxed = concat([good.subarray(0, 8), ihdr(0xffffffff, 0xffffffff, 16, 6), rest]);
    await expect(readRasterImage(maxed)).rejects.toMatchObject({ code: 'LIMIT_EXCEEDED' });
    // Under the pixel cap, but far more pixels than a few hundred bytes of deflate can hold.
    const bloated = concat([good.subarray(0, 8), ihdr(12_000, 12_000, 8, 2), rest]);
    await expect(readRasterImage(bloated)).rejects.toMatchObject({ code: 'LIMIT_EXCEEDED' });
    await expect(readRasterImage(good, { maxPixels: 62 })).rejects.toMatchObject({ code: 'LIMIT_EXCEEDED' });
    await expect(readRasterImage(good, { maxPixels: 63 })).resolves.toMatchObject({ dims: [9, 7, 1] });
  });

  it('reports a bad CRC or header as MALFORMED and broken deflate data as CODEC_FAILED', async () => {
    const badCrc = Uint8Array.from(good);
    badCrc[29] = badCrc[29]! ^ 1; // last byte of the IHDR CRC
    await expect(readRasterImage(badCrc)).rejects.toMatchObject({ code: 'MALFORMED' });
    const zeroWidth = concat([good.subarray(0, 8), ihdr(0, 7, 8, 2), good.subarray(33)]);
    await expect(readRasterImage(zeroWidth)).rejects.toMatchObject({ code: 'MALFORMED' });
    const badDepth = concat([good.subarray(0, 8), ihdr(9, 7, 4, 2), good.subarray(33)]);
    await expect(readRasterImage(badDepth)).rejects.toMatchObject({ code: 'MALFORMED' });
    const noIdat = concat([good.subarray(0, 33), chunk('IEND')]);
    await expect(readRasterImage(noIdat)).rejects.toMatchObject({ code: 'MALFORMED' });
    const garbage = concat([
      good.subarray(0, 33),
      chunk('IDAT', new Uint8Array(40).fill(0x5a)),
      chunk('IEND'),
    ]);
    await expect(readRasterImage(garbage)).rejects.toMatchObject({ code: 'CODEC_FAILED' });
  });
});
