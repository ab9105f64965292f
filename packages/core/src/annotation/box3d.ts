import { z } from 'zod';
import { annotatedPointSchema } from './annotated-point.js';
import { defineAnnotationRecord } from './annotation-record.js';

/**
 * A box spanning slices, axis-aligned in index space: min.index < max.index on every axis (continuous
 * coordinates, so a box one voxel thick runs from k − 0.5 to k + 0.5).
 */
export const box3dDataSchema = z
  .strictObject({ min: annotatedPointSchema, max: annotatedPointSchema })
  .superRefine(({ min, max }, ctx) => {
    for (const axis of [0, 1, 2] as const) {
      if (!(min.index[axis] < max.index[axis])) {
        ctx.addIssue({ code: 'custom', message: 'min must be less than max', path: ['max', 'index', axis] });
      }
    }
  });

export type Box3dData = z.infer<typeof box3dDataSchema>;

export const box3dRecord = defineAnnotationRecord({
  type: 'box3d',
  version: 1,
  imageRef: 'whole-image',
  data: box3dDataSchema,
});
