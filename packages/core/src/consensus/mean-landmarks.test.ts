import { describe, expect, it } from 'vitest';
import { meanLandmarks } from './mean-landmarks.js';

describe('meanLandmarks', () => {
  it('averages each name over the readers who placed it, with the RMS distance to the mean', () => {
    const result = meanLandmarks([
      [
        { name: 'carina', point: [0, 0, 0] },
        { name: 'apex', point: [10, 10, 10] },
      ],
      [{ name: 'carina', point: [2, 0, 0] }],
      [{ name: 'carina', point: [1, 3, 0] }],
    ]);
    // carina: mean (1, 1, 0); squared distances 1+1=2, 1+1=2, 0+4=4 → RMS sqrt(8/3).
    expect(result).toHaveLength(2);
    expect(result[0]!.name).toBe('carina');
    expect(result[0]!.point).toEqual([1, 1, 0]);
    expect(result[0]!.readers).toBe(3);
    expect(result[0]!.spreadMm).toBeCloseTo(Math.sqrt(8 / 3), 12);
    // apex: one reader, so the mean is its point and the spread 0.
    expect(result[1]).toEqual({ name: 'apex', point: [10, 10, 10], readers: 1, spreadMm: 0 });
  });

  it('gives half the distance as the spread of two readers', () => {
    // Points 6 mm apart → each is 3 mm from the midpoint.
    const [lm] = meanLandmarks([[{ name: 'p', point: [0, 0, 0] }], [{ name: 'p', point: [0, 0, 6] }]]);
    expect(lm!.spreadMm).toBeCloseTo(3, 12);
  });

  it('rejects a name placed twice by one reader and points that are not three finite numbers', () => {
    expect(() =>
      meanLandmarks([
        [
          { name: 'p', point: [0, 0, 0] },
          { name: 'p', point: [1, 0, 0] },
        ],
      ]),
    ).toThrow(/more than once/);
    // @ts-expect-error: two coordinates
    expect(() => meanLandmarks([[{ name: 'p', point: [0, 0] }]])).toThrow(/three finite numbers/);
    expect(() => meanLandmarks([[{ name: 'p', point: [0, Number.NaN, 0] }]])).toThrow(RangeError);
    expect(() => meanLandmarks([[{ name: '', point: [0, 0, 0] }]])).toThrow(/name/);
  });
});
