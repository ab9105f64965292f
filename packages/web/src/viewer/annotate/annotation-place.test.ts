import { describe, expect, it } from 'vitest';
import { fromColumns } from '../../annotations/cornerstone/core-geometry.js';
import { annotationPlaceOf, UnknownImageError } from './annotation-place.js';

const geometry = {
  dims: [4, 4, 3] as const,
  spacing: [1, 1, 2] as const,
  origin: [0, 0, 0] as const,
  direction: fromColumns([1, 0, 0], [0, 1, 0], [0, 0, 1]),
};
const ids = (entries: [string, string][]) => ({ seriesId: 'series-1', imageIdBySop: new Map(entries) });

describe('annotationPlaceOf', () => {
  it('annotates a series of instances as a series, slice k naming the instance shown there', () => {
    const place = annotationPlaceOf({
      sops: ['1.1', '1.2', '1.3'],
      ids: ids([
        ['1.1', 'img-a'],
        ['1.2', 'img-b'],
        ['1.3', 'img-c'],
      ]),
      geometry: { ...geometry, dims: [4, 4, 3] },
    });
    expect(place.target).toEqual({ seriesId: 'series-1' });
    expect(place.listQuery).toBe('seriesId=series-1');
    expect(place.cine).toBe(false);
    expect(place.imageRefAt(1)).toEqual({ imageId: 'img-b', sliceIndex: 1 });
    expect(place.stackIndexOf({ imageId: 'img-b', sliceIndex: 1 })).toBe(1);
    expect(place.stackIndexOf({ imageId: 'img-a', sliceIndex: 7 })).toBeUndefined();
  });

  it('annotates the frames of one instance as a cine: frameIndex, on the image', () => {
    const place = annotationPlaceOf({
      sops: ['2.1', '2.1', '2.1', '2.1'],
      ids: ids([['2.1', 'img-us']]),
      geometry,
    });
    expect(place.target).toEqual({ imageId: 'img-us' });
    expect(place.cine).toBe(true);
    expect(place.imageRefAt(3)).toEqual({ imageId: 'img-us', frameIndex: 3 });
    expect(place.stackIndexOf({ imageId: 'img-us', frameIndex: 2 })).toBe(2);
    expect(place.stackIndexOf({ imageId: 'img-other', frameIndex: 2 })).toBeUndefined();
  });

  it('annotates a single-frame image on slice 0', () => {
    const place = annotationPlaceOf({ sops: ['3.1'], ids: ids([['3.1', 'img-xr']]), geometry });
    expect(place.target).toEqual({ imageId: 'img-xr' });
    expect(place.imageRefAt(0)).toEqual({ imageId: 'img-xr', sliceIndex: 0 });
    expect(place.stackIndexOf({ imageId: 'img-xr', sliceIndex: 0 })).toBe(0);
  });

  it('annotates the slices of a stored volume (NIfTI) as the one image', () => {
    const place = annotationPlaceOf({
      sops: ['a', 'b', 'c'],
      ids: ids([]),
      geometry,
      wholeImageId: 'img-nii',
    });
    expect(place.target).toEqual({ imageId: 'img-nii' });
    expect(place.imageRefAt(2)).toEqual({ imageId: 'img-nii', sliceIndex: 2 });
    expect(place.stackIndexOf({ imageId: 'img-nii', sliceIndex: 2 })).toBe(2);
    expect(place.stackIndexOf({ imageId: 'img-nii', sliceIndex: 3 })).toBeUndefined();
  });

  it('names the instance the server does not know', () => {
    expect(() => annotationPlaceOf({ sops: ['9.9', '9.8'], ids: ids([]), geometry })).toThrow(
      UnknownImageError,
    );
  });
});
