import { type AnnotationPayload, encodeBinaryRle, parseAnnotationPayload } from '@voxelhub/core/annotation';
import { describe, expect, it } from 'vitest';
import { maskLabelsOnSlice } from './mask-layers.js';
import { readerColour } from './reader-colours.js';

function segment(index: number, labelId: string) {
  return { index, labelId, name: labelId, colour: '#ff0000', locked: false };
}

const labelMap = parseAnnotationPayload({
  schemaVersion: 1,
  type: 'segmentation',
  imageRef: { imageId: 'img' },
  labelId: 'liver',
  data: {
    representation: 'labelMap',
    blobKey: 'b1',
    format: 'nifti',
    segments: [segment(1, 'liver'), segment(2, 'tumour')],
  },
});

function rleOn(slice: number, labelId: string): AnnotationPayload {
  return parseAnnotationPayload({
    schemaVersion: 1,
    type: 'segmentation',
    imageRef: { imageId: 'img', sliceIndex: slice },
    labelId,
    data: {
      representation: 'rle',
      mask: encodeBinaryRle(new Uint8Array([0, 1, 1, 0]), 2, 2),
      segment: segment(1, labelId),
    },
  });
}

describe('maskLabelsOnSlice', () => {
  it("lists a label map's segments on every slice, once each", () => {
    expect(maskLabelsOnSlice([{ payload: labelMap }, { payload: labelMap }], 0)).toEqual(['liver', 'tumour']);
    expect(maskLabelsOnSlice([{ payload: labelMap }], 57)).toEqual(['liver', 'tumour']);
  });

  it('lists an inline mask only on its slice', () => {
    const annotations = [{ payload: rleOn(3, 'nodule') }];
    expect(maskLabelsOnSlice(annotations, 3)).toEqual(['nodule']);
    expect(maskLabelsOnSlice(annotations, 4)).toEqual([]);
  });
});

describe('readerColour', () => {
  it('gives the first readers distinct colours and refuses a bad index', () => {
    const colours = [0, 1, 2, 3, 4, 5, 6, 7].map(readerColour);
    expect(new Set(colours).size).toBe(8);
    expect(readerColour(8)).toBe(readerColour(0));
    expect(() => readerColour(-1)).toThrow(RangeError);
  });
});
