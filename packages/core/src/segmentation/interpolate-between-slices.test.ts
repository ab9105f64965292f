import { describe, expect, it } from 'vitest';
import { interpolateBetweenSlices } from './interpolate-between-slices.js';
import type { LabelMap } from './label-map.js';
import { countOf, emptyLabelMap, labelAt, paint } from './test-label-maps.js';

const C = 32; // centre of the 64 × 64 slices

function disc(map: LabelMap, segment: number, k: number, radius: number): void {
  paint(map, segment, (i, j, kk) => kk === k && (i - C) ** 2 + (j - C) ** 2 <= radius ** 2);
}

/** Pixels of the digital disc of `radius` (all pixel centres within it), close to π·radius². */
function discArea(radius: number): number {
  const map = emptyLabelMap([64, 64, 1]);
  disc(map, 1, 0, radius);
  return countOf(map, 1);
}

describe('interpolateBetweenSlices', () => {
  it('grows a disc of radius 10 to one of 20 linearly over five slices', () => {
    const map = emptyLabelMap([64, 64, 9]);
    disc(map, 1, 2, 10);
    disc(map, 1, 7, 20);
    const ends = [countOf(map, 1, 2), countOf(map, 1, 7)];
    const result = interpolateBetweenSlices(map, 1);
    expect(result.filledSlices).toEqual([3, 4, 5, 6]);
    const areas = [3, 4, 5, 6].map((k) => countOf(map, 1, k));
    expect(result.voxels).toBe(areas.reduce((a, b) => a + b));
    // The digital disc of radius r has close to π·r² pixels: the blend's radius is close to linear in k.
    [12, 14, 16, 18].forEach((radius, n) => {
      expect(Math.abs(areas[n]! / (Math.PI * radius ** 2) - 1), `slice ${n + 3}`).toBeLessThan(0.03);
      expect(Math.abs(Math.sqrt(areas[n]! / Math.PI) - radius), `slice ${n + 3}`).toBeLessThan(0.25);
    });
    // Round and centred: as wide along i as along j, and symmetric about the centre.
    for (const k of [3, 4, 5, 6]) {
      const radius = 10 + 2 * (k - 2);
      expect(labelAt(map, C + radius - 1, C, k)).toBe(1);
      expect(labelAt(map, C + radius + 2, C, k)).toBe(0);
      expect(labelAt(map, C, C - radius + 1, k)).toBe(1);
      expect(labelAt(map, C, C - radius - 2, k)).toBe(0);
    }
    expect([countOf(map, 1, 2), countOf(map, 1, 7)]).toEqual(ends);
    expect(countOf(map, 1, 0) + countOf(map, 1, 1) + countOf(map, 1, 8)).toBe(0);
  });

  it('moves a shape that overlaps its next position, symmetrically', () => {
    const map = emptyLabelMap([64, 64, 5]);
    paint(map, 1, (i, j, k) => k === 0 && i >= 10 && i < 20 && j >= 10 && j < 20);
    paint(map, 1, (i, j, k) => k === 4 && i >= 18 && i < 28 && j >= 10 && j < 20);
    interpolateBetweenSlices(map, 1);
    // Halfway, the square is halfway (i from 14 to 23), with the rounded corners of a blend of distances.
    expect([13, 14, 23, 24].map((i) => labelAt(map, i, 15, 2))).toEqual([0, 1, 1, 0]);
    // Labels of i < 38, j < 30 in slice k, read through a mapping of (i, j).
    const read = (k: number, at: (i: number, j: number) => [number, number]) =>
      Array.from({ length: 38 * 30 }, (_, n) => labelAt(map, ...at(n % 38, Math.floor(n / 38)), k));
    const same = (i: number, j: number): [number, number] => [i, j];
    expect(read(2, same)).toEqual(read(2, (i, j) => [37 - i, j])); // symmetric about i = 18.5
    expect(read(2, same)).toEqual(read(2, (i, j) => [i, 29 - j])); // and about j = 14.5
    expect(read(1, same)).toEqual(read(3, (i, j) => [37 - i, j])); // a quarter from each end: mirror images
  });

  it('interpolates each gap between drawn slices and leaves adjacent ones alone', () => {
    const map = emptyLabelMap([64, 64, 10], 'uint16');
    disc(map, 7, 0, 8);
    disc(map, 7, 1, 8);
    disc(map, 7, 4, 8);
    disc(map, 7, 9, 8);
    const result = interpolateBetweenSlices(map, 7);
    expect(result.filledSlices).toEqual([2, 3, 5, 6, 7, 8]);
    for (const k of result.filledSlices) expect(countOf(map, 7, k)).toBe(discArea(8));
  });

  it('never writes over other segments', () => {
    const map = emptyLabelMap([64, 64, 5]);
    disc(map, 1, 0, 10);
    disc(map, 1, 4, 10);
    paint(map, 2, (i, _j, k) => k === 2 && i < C); // half of the middle slice is segment 2
    paint(map, 3, (i, j, k) => k === 1 && i === C && j === C);
    const result = interpolateBetweenSlices(map, 1);
    expect(countOf(map, 2, 2)).toBe(32 * 64);
    expect(labelAt(map, C, C, 1)).toBe(3);
    expect(countOf(map, 1, 1)).toBe(discArea(10) - 1);
    expect(countOf(map, 1, 2)).toBe(discArea(10) - (discArea(10) - 21) / 2); // the disc's right half, centre column included
    expect(result.voxels).toBe(countOf(map, 1) - 2 * discArea(10));
  });

  it('does nothing with fewer than two drawn slices', () => {
    const map = emptyLabelMap([16, 16, 4]);
    expect(interpolateBetweenSlices(map, 1)).toEqual({ filledSlices: [], voxels: 0 });
    paint(map, 1, (i, j, k) => k === 1 && i === 5 && j === 5);
    expect(interpolateBetweenSlices(map, 1)).toEqual({ filledSlices: [], voxels: 0 });
    expect(() => interpolateBetweenSlices(map, 0)).toThrow(RangeError);
  });
});
