import { describe, expect, it } from 'vitest';
import { encodeBinaryRle } from './binary-rle.js';
import { parseAnnotationPayload } from './parse-annotation-payload.js';
import { failingPaths, ON_SLICE, payload, WHOLE_IMAGE } from './test-payloads.js';

const segment = (index: number, extra: object = {}) => ({
  index,
  labelId: `label-${index}`,
  name: `segment ${index}`,
  colour: '#ff8800',
  locked: false,
  ...extra,
});
const labelMap = (segments: unknown[]) => ({
  representation: 'labelMap',
  blobKey: 'masks/abc.nii.gz',
  format: 'nifti',
  segments,
});
const rle = (extra: object = {}) => ({
  representation: 'rle',
  mask: encodeBinaryRle([0, 1, 1, 0, 0, 1], 3, 2),
  segment: segment(1),
  ...extra,
});

describe('segmentation', () => {
  it('loads a label map with two segments and round-trips through JSON', () => {
    const p = payload(
      'segmentation',
      labelMap([segment(1), segment(2, { locked: true, colour: '#00FF00' })]),
      WHOLE_IMAGE,
    );
    expect(parseAnnotationPayload(JSON.stringify(p))).toEqual(p);
  });

  it('loads an inline RLE mask on a slice and round-trips through JSON', () => {
    const p = payload('segmentation', rle(), ON_SLICE);
    expect(parseAnnotationPayload(JSON.stringify(p))).toEqual(p);
  });

  const invalid: [string, unknown, string][] = [
    ['repeated segment indexes', labelMap([segment(1), segment(1)]), 'data.segments[1].index'],
    ['segment index 0 (background)', labelMap([segment(0)]), 'data.segments[0].index'],
    ['no segments', labelMap([]), 'data.segments'],
    ['a named colour', labelMap([segment(1, { colour: 'red' })]), 'data.segments[0].colour'],
    ['a short hex colour', labelMap([segment(1, { colour: '#f80' })]), 'data.segments[0].colour'],
    ['locked as a string', labelMap([segment(1, { locked: 'no' })]), 'data.segments[0].locked'],
    ['an unknown representation', { representation: 'surface' }, 'data.representation'],
    [
      'runs that do not cover the mask',
      rle({ mask: { width: 3, height: 2, runs: [1, 2] } }),
      'data.mask.runs',
    ],
  ];
  it.each(invalid)('rejects %s', (_, data, path) => {
    const ref = (data as { representation?: string }).representation === 'rle' ? ON_SLICE : WHOLE_IMAGE;
    expect(failingPaths(payload('segmentation', data, ref))).toContain(path);
  });

  it('places an RLE mask on a slice and a label map on the whole image', () => {
    expect(failingPaths(payload('segmentation', rle(), WHOLE_IMAGE))).toEqual(['imageRef']);
    expect(failingPaths(payload('segmentation', labelMap([segment(1)]), ON_SLICE))).toEqual(['imageRef']);
  });
});
