import { describe, expect, it } from 'vitest';
import { annotationTypesFor, fitsLabelType, LABEL_TYPE_OF_ANNOTATION } from './annotation-label-types.js';
import { ANNOTATION_RECORDS } from './annotation-payload.js';
import { LABEL_TYPES } from './label-types.js';

describe('annotation types and label types', () => {
  it("pairs every one of core's annotation types with a label type", () => {
    const types = ANNOTATION_RECORDS.map((r) => r.type).sort();
    expect(Object.keys(LABEL_TYPE_OF_ANNOTATION).sort()).toEqual(types);
  });

  it('gives every label type at least one annotation type', () => {
    for (const labelType of LABEL_TYPES) expect(annotationTypesFor(labelType), labelType).not.toEqual([]);
  });

  it.each([
    ['segmentation', 'mask', true],
    ['box3d', 'box', true],
    ['angle', 'measurement', true],
    ['box2d', 'mask', false],
    ['landmark', 'measurement', false],
  ] as const)('%s on a %s label: %s', (annotationType, labelType, fits) => {
    expect(fitsLabelType(annotationType, labelType)).toBe(fits);
  });
});
