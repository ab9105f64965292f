import { describe, expect, it } from 'vitest';
import {
  box3dCoversSlice,
  box3dFromCornerstone,
  box3dSlices,
  box3dToCornerstone,
  box3dWithSliceEnd,
} from './box3d-mapping.js';
import { fromColumns, type ImageGeometry } from './core-geometry.js';

const geometry: ImageGeometry = {
  dims: [64, 64, 20],
  spacing: [0.8, 0.8, 3],
  origin: [-25, -30, 100],
  direction: fromColumns([1, 0, 0], [0, 1, 0], [0, 0, -1]),
};

describe('3D boxes on slices', () => {
  it('makes a one-slice box from a rectangle, shows it on its slice, and stretches it to others', () => {
    const drawn = box3dToCornerstone(
      {
        schemaVersion: 1,
        type: 'box3d',
        labelId: 'l',
        imageRef: { imageId: 'img' },
        data: {
          min: { index: [10, 12, 4.5], patient: [0, 0, 0] },
          max: { index: [30, 40, 5.5], patient: [0, 0, 0] },
        },
      },
      { geometry, annotationUID: 'u', k: 5, referencedImageId: 'wadors:5' },
    );
    const box = box3dFromCornerstone(drawn, { geometry, imageId: 'img', labelId: 'l', k: 5 });
    expect(box3dSlices(box)).toEqual({ first: 5, last: 5 });
    expect(box.data.min.index[0]).toBeCloseTo(10, 9);
    expect(box.data.max.index[1]).toBeCloseTo(40, 9);
    // Patient z of the far face: slice 5.5 along −z at 3 mm from 100.
    expect(box.data.max.patient[2]).toBeCloseTo(100 - 5.5 * 3, 9);
    const longer = box3dWithSliceEnd(box, geometry, 'last', 9);
    expect(box3dSlices(longer)).toEqual({ first: 5, last: 9 });
    expect(box3dCoversSlice(longer, 7)).toBe(true);
    expect(box3dCoversSlice(longer, 10)).toBe(false);
    // Setting the first slice past the last swaps them rather than making an empty box.
    expect(box3dSlices(box3dWithSliceEnd(longer, geometry, 'first', 12))).toEqual({ first: 9, last: 12 });
  });

  it('keeps the slice range when the rectangle is moved on another slice of the box', () => {
    const box = box3dFromCornerstone(
      box3dToCornerstone(
        {
          schemaVersion: 1,
          type: 'box3d',
          labelId: 'l',
          imageRef: { imageId: 'img' },
          data: {
            min: { index: [1, 1, 1.5], patient: [0, 0, 0] },
            max: { index: [5, 5, 8.5], patient: [0, 0, 0] },
          },
        },
        { geometry, annotationUID: 'u', k: 4, referencedImageId: 'wadors:4' },
      ),
      { geometry, imageId: 'img', labelId: 'l', k: 4, slices: { first: 2, last: 8 } },
    );
    expect(box3dSlices(box)).toEqual({ first: 2, last: 8 });
  });
});
