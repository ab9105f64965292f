import { parseAnnotationPayload } from '@voxelhub/core/annotation';
import { describe, expect, it } from 'vitest';
import type { AnnotationEntry } from '../../annotations/annotation-entry.js';
import { landmarkPayload } from '../../annotations/test-annotations.js';
import { findLabelMapEntry, labelMapPayload, labelMapReferenceOf } from './label-map-payload.js';

const IMAGE = '22222222-2222-4222-8222-222222222222';
const segments = [{ index: 1, labelId: 'liver', name: 'Liver', colour: '#e6194b', locked: false }];

const entry = (
  key: string,
  payload: AnnotationEntry['content']['payload'],
  deleted = false,
): AnnotationEntry => ({
  key,
  serverId: key,
  revision: 1,
  serverDeleted: deleted,
  target: { imageId: IMAGE },
  content: { labelId: payload.labelId, payload, deleted },
  status: 'saved',
  conflict: null,
  error: null,
});

describe('labelMapPayload', () => {
  it('is a valid segmentation payload on the whole image, and reads back', () => {
    const payload = labelMapPayload({ imageId: IMAGE, labelId: 'mask', blobKey: 'abc123', segments });
    expect(parseAnnotationPayload(JSON.parse(JSON.stringify(payload)))).toEqual(payload);
    expect(labelMapReferenceOf(payload)).toEqual({ blobKey: 'abc123', segments });
  });

  it('reads nothing from other payloads', () => {
    expect(labelMapReferenceOf(landmarkPayload('a'))).toBeUndefined();
  });
});

describe('findLabelMapEntry', () => {
  const mask = labelMapPayload({ imageId: IMAGE, labelId: 'mask', blobKey: 'k', segments });
  it('finds the live label map of the image, skipping deleted ones and other types', () => {
    const entries = [entry('a', landmarkPayload('x')), entry('b', mask, true), entry('c', mask)];
    expect(findLabelMapEntry(entries, IMAGE)?.key).toBe('c');
    expect(findLabelMapEntry(entries, 'another-image')).toBeUndefined();
  });
});
