import { z } from 'zod';
import { annotatedPointSchema } from './annotated-point.js';
import { defineAnnotationRecord } from './annotation-record.js';

/**
 * A box on one slice or frame, axis-aligned in index space: `min` and `max` are opposite corners with
 * min.index < max.index on i and j and the same k. (In patient space it is the parallelogram they span.)
 */
export const box2dDataSchema = z
  .strictObject({ min: annotatedPointSchema, max: annotatedPointSchema })
  .superRefine(({ min, max }, ctx) => {
    for (const axis of [0, 1] as const) {
      if (!(min.index[axis] < max.index[axis])) {
        ctx.addIssue({ code: 'custom', message: 'min must be less than max', path: ['max', 'index', axis] });
      }
    }
    if (min.index[2] !== max.index[2]) {
      ctx.addIssue({
        code: 'custom',
        message: 'a 2D box lies on one slice: k must match',
        path: ['max', 'index', 2],
      });
    }
  });

export type Box2dData = z.infer<typeof box2dDataSchema>;

export const box2dRecord = defineAnnotationRecord({
  type: 'box2d',
  version: 1,
  imageRef: 'planar',
  data: box2dDataSchema,
});
