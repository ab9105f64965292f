import { describe, expect, it } from 'vitest';
import { ANNOTATION_LIMITS } from './annotation-limits.js';
import { formatIssuePath } from './annotation-payload-error.js';
import { binaryRleSchema, decodeBinaryRle, encodeBinaryRle } from './binary-rle.js';

describe('binary RLE', () => {
  // [width, height, pixels x-fastest, runs]
  const cases: [number, number, number[], number[]][] = [
    [4, 1, [0, 1, 1, 0], [1, 2, 1]],
    [4, 1, [1, 1, 0, 0], [0, 2, 2]],
    [2, 2, [0, 0, 0, 0], [4]],
    [2, 2, [1, 1, 1, 1], [0, 4]],
    [3, 2, [0, 0, 1, 1, 0, 1], [2, 2, 1, 1]], // row 0 = 0 0 1, row 1 = 1 0 1
  ];
  it.each(cases)('%i×%i %j ↔ runs %j', (width, height, pixels, runs) => {
    const rle = encodeBinaryRle(pixels, width, height);
    expect(rle).toEqual({ width, height, runs });
    expect(binaryRleSchema.parse(rle)).toEqual(rle);
    expect([...decodeBinaryRle(rle)]).toEqual(pixels);
  });

  it('treats any non-zero value as foreground', () => {
    expect(encodeBinaryRle(new Uint8Array([0, 3, 255]), 3, 1).runs).toEqual([1, 2]);
  });

  it('refuses a mask of the wrong size', () => {
    expect(() => encodeBinaryRle([0, 1], 3, 1)).toThrow(RangeError);
  });

  const invalid: [string, unknown, string][] = [
    ['runs short of width × height', { width: 2, height: 2, runs: [1, 2] }, 'runs'],
    ['runs beyond width × height', { width: 2, height: 2, runs: [1, 4] }, 'runs'],
    ['a zero run after the first', { width: 2, height: 2, runs: [1, 0, 3] }, 'runs[1]'],
    ['a string run', { width: 2, height: 2, runs: ['2', 2] }, 'runs[0]'],
    ['a negative run', { width: 2, height: 2, runs: [-1, 5] }, 'runs[0]'],
    ['a fractional run', { width: 2, height: 2, runs: [1.5, 2.5] }, 'runs[0]'],
    ['no runs', { width: 2, height: 2, runs: [] }, 'runs'],
    ['zero width', { width: 0, height: 2, runs: [0] }, 'width'],
    ['too many pixels', { width: 8192, height: 8192, runs: [8192 * 8192] }, 'height'],
    [
      'too many runs',
      { width: 1, height: 1, runs: new Array(ANNOTATION_LIMITS.maxRleRuns + 1).fill(1) },
      'runs',
    ],
  ];
  it.each(invalid)('rejects %s', (_, rle, path) => {
    const result = binaryRleSchema.safeParse(rle);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => formatIssuePath(i.path))).toContain(path);
  });

  it('reports at most 10 bad runs of a hostile list', () => {
    const result = binaryRleSchema.safeParse({ width: 1000, height: 1, runs: new Array(1000).fill(-1) });
    expect(result.error!.issues).toHaveLength(10);
  });
});
