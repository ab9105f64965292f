import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cocoRleArea, cocoRleBbox, compressCocoRle, decodeCocoRle, encodeCocoRle } from './coco-rle.js';

/** A random mask: width, height and pixels given x fastest. */
const maskArbitrary = fc
  .record({ width: fc.integer({ min: 1, max: 12 }), height: fc.integer({ min: 1, max: 12 }) })
  .chain(({ width, height }) =>
    fc.record({
      width: fc.constant(width),
      height: fc.constant(height),
      pixels: fc.array(fc.integer({ min: 0, max: 1 }), {
        minLength: width * height,
        maxLength: width * height,
      }),
    }),
  );

/** The tight bounds by looking at every pixel (the definition, written the slow way). */
function scannedBbox(pixels: readonly number[], width: number, height: number): number[] {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      if (pixels[y * width + x]) {
        xs.push(x);
        ys.push(y);
      }
  if (xs.length === 0) return [0, 0, 0, 0];
  const [x0, y0] = [Math.min(...xs), Math.min(...ys)];
  return [x0, y0, Math.max(...xs) - x0 + 1, Math.max(...ys) - y0 + 1];
}

describe('COCO RLE of hand-drawn masks', () => {
  it('runs column by column (Fortran order), starting with background', () => {
    // 3 wide, 2 high, rows: 1 0 0 / 1 1 0. Columns top to bottom: (1, 1), (0, 1), (0, 0) → 1 1 0 1 0 0 →
    // counts [0 background, 2 fg, 1 bg, 1 fg, 2 bg].
    const rle = encodeCocoRle([1, 0, 0, 1, 1, 0], 3, 2);
    expect(rle).toEqual({ size: [2, 3], counts: [0, 2, 1, 1, 2] });
    expect(cocoRleArea(rle)).toBe(3);
    expect(cocoRleBbox(rle)).toEqual([0, 0, 2, 2]);
  });

  it('gives pycocotools’ [0, 0, 0, 0] box and area 0 for an empty mask', () => {
    const rle = encodeCocoRle(new Uint8Array(6), 2, 3);
    expect(rle.counts).toEqual([6]);
    expect(cocoRleBbox(rle)).toEqual([0, 0, 0, 0]);
    expect(cocoRleArea(rle)).toBe(0);
  });

  it('decodes the published 100×100 string (mask[:50, 50:]) to that mask', () => {
    // See coco-rle-string.test.ts for the source of this string.
    const mask = decodeCocoRle({ size: [100, 100], counts: `Xl4b1b1${'0'.repeat(98)}` });
    for (let y = 0; y < 100; y++)
      for (let x = 0; x < 100; x++) expect(mask[y * 100 + x]).toBe(y < 50 && x >= 50 ? 1 : 0);
    expect(cocoRleBbox({ size: [100, 100], counts: `Xl4b1b1${'0'.repeat(98)}` })).toEqual([50, 0, 50, 50]);
  });

  it('agrees with numpy’s Fortran-order runs', () => {
    // numpy run at test time: ravel(order='F') then run lengths starting with background, independently of
    // our column loop.
    const height = 7;
    const width = 9;
    const first = Array.from({ length: width * height }, (_, n) => ((n * 7919) % 11 < 4 ? 1 : 0));
    const second = first.map((p) => 1 - p); // first starts with foreground (counts begin with 0), this one not
    const script = [
      'import json, sys, numpy as np',
      'd = json.load(sys.stdin); v = np.array(d["p"]).reshape(d["h"], d["w"]).ravel(order="F")',
      '# run boundaries: 0, every index where the value changes (from a background start), the end',
      'b = np.concatenate([[0], np.flatnonzero(np.diff(np.concatenate([[0], v]))), [v.size]])',
      'print(json.dumps(np.diff(b).tolist()))',
    ].join('\n');
    for (const pixels of [first, second]) {
      const out = execFileSync('/usr/bin/python3', ['-c', script], {
        input: JSON.stringify({ p: pixels, h: height, w: width }),
      });
      expect(encodeCocoRle(pixels, width, height).counts).toEqual(JSON.parse(out.toString()));
    }
  });
});

describe('COCO RLE properties', () => {
  it('decodes to the mask it encoded, compressed or not', () => {
    fc.assert(
      fc.property(maskArbitrary, ({ width, height, pixels }) => {
        const rle = encodeCocoRle(pixels, width, height);
        expect([...decodeCocoRle(rle)]).toEqual(pixels);
        expect([...decodeCocoRle(compressCocoRle(rle))]).toEqual(pixels);
      }),
    );
  });

  it('has area = the number of foreground pixels and bbox = their tight bounds', () => {
    fc.assert(
      fc.property(maskArbitrary, ({ width, height, pixels }) => {
        const rle = compressCocoRle(encodeCocoRle(pixels, width, height));
        expect(cocoRleArea(rle)).toBe(pixels.filter((p) => p === 1).length);
        expect(cocoRleBbox(rle)).toEqual(scannedBbox(pixels, width, height));
      }),
    );
  });
});

describe('COCO RLE bad input', () => {
  it('rejects a mask of the wrong length or size', () => {
    expect(() => encodeCocoRle([1, 0, 1], 2, 2)).toThrow(RangeError);
    expect(() => encodeCocoRle([], 0, 0)).toThrow(/positive integers/);
  });

  it('rejects counts that do not fill the size', () => {
    expect(() => decodeCocoRle({ size: [2, 2], counts: [1, 2] })).toThrow(
      /add up to 3, not height × width = 4/,
    );
    expect(() => decodeCocoRle({ size: [2, 2], counts: [1, -1, 4] })).toThrow(RangeError);
  });
});
