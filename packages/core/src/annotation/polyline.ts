import { z } from 'zod';
import { pointListSchema } from './annotated-point.js';
import { defineAnnotationRecord } from './annotation-record.js';

/** An open polyline (a vessel centreline, a boundary that does not close): at least two points. */
export const polylineDataSchema = z.strictObject({ points: pointListSchema(2) });

export type PolylineData = z.infer<typeof polylineDataSchema>;

export const polylineRecord = defineAnnotationRecord({
  type: 'polyline',
  version: 1,
  imageRef: 'planar',
  data: polylineDataSchema,
});
