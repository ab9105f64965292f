import { describe, expect, it } from 'vitest';
import { labelMapFromSlices, labelMapMismatch, sliceOfLabelMap } from './labelmap-slices.js';

describe('labelMapFromSlices', () => {
  it('puts slice k at k·columns·rows, and sliceOfLabelMap gives it back', () => {
    const slices = [Uint8Array.of(1, 2, 3, 4, 5, 6), Uint8Array.of(0, 0, 0, 0, 0, 9)];
    const map = labelMapFromSlices(slices, 3, 2);
    expect(map.dims).toEqual([3, 2, 2]);
    expect(Array.from(map.voxels)).toEqual([1, 2, 3, 4, 5, 6, 0, 0, 0, 0, 0, 9]);
    expect(map.voxels).toBeInstanceOf(Uint8Array);
    expect(Array.from(sliceOfLabelMap(map, 1))).toEqual([0, 0, 0, 0, 0, 9]);
  });

  it('copies, so later strokes on the images do not change a map being saved', () => {
    const slice = Uint8Array.of(1, 1);
    const map = labelMapFromSlices([slice], 2, 1);
    slice[0] = 5;
    expect(map.voxels[0]).toBe(1);
  });

  it('keeps 16-bit values when a slice holds them', () => {
    const map = labelMapFromSlices([Uint16Array.of(300, 0)], 2, 1);
    expect(map.voxels).toBeInstanceOf(Uint16Array);
    expect(map.voxels[0]).toBe(300);
  });

  it('refuses a slice of the wrong size', () => {
    expect(() => labelMapFromSlices([new Uint8Array(5)], 3, 2)).toThrow('3×2');
  });

  it('refuses a slice index outside the map', () => {
    const map = labelMapFromSlices([new Uint8Array(6)], 3, 2);
    expect(() => sliceOfLabelMap(map, 1)).toThrow('outside');
  });
});

describe('labelMapMismatch', () => {
  const map = (
    dims: [number, number, number],
    voxels: Uint8Array | Uint16Array = new Uint8Array(dims[0] * dims[1] * dims[2]),
  ) => ({
    dims,
    voxels,
  });

  it('accepts a map on the stack grid', () => {
    expect(labelMapMismatch(map([3, 2, 4]), 3, 2, 4)).toBeUndefined();
  });

  it('names both grids when they differ', () => {
    expect(labelMapMismatch(map([2, 3, 4]), 3, 2, 4)).toBe('the label map is 2×3×4, the series 3×2×4');
  });

  it('refuses segment values that 8-bit labelmap images cannot hold', () => {
    expect(labelMapMismatch(map([2, 1, 1], Uint16Array.of(0, 256)), 2, 1, 1)).toBe(
      'segment 256 is above 255',
    );
    expect(labelMapMismatch(map([2, 1, 1], Uint16Array.of(0, 255)), 2, 1, 1)).toBeUndefined();
  });
});
