import { z } from 'zod';
import { pointListSchema } from './annotated-point.js';
import { defineAnnotationRecord } from './annotation-record.js';

/**
 * A closed freehand contour: many densely sampled points from a drag, closed like a polygon. Kept apart from
 * `polygon` because tools edit them differently (sculpting vs moving vertices).
 */
export const freehandContourDataSchema = z.strictObject({ points: pointListSchema(3) });

export type FreehandContourData = z.infer<typeof freehandContourDataSchema>;

export const freehandContourRecord = defineAnnotationRecord({
  type: 'freehandContour',
  version: 1,
  imageRef: 'planar',
  data: freehandContourDataSchema,
});
