import { z } from 'zod';
import { pointListSchema } from './annotated-point.js';
import { defineAnnotationRecord } from './annotation-record.js';

/** A closed polygon of clicked vertices; the last vertex joins the first (do not repeat it). */
export const polygonDataSchema = z.strictObject({ points: pointListSchema(3) });

export type PolygonData = z.infer<typeof polygonDataSchema>;

export const polygonRecord = defineAnnotationRecord({
  type: 'polygon',
  version: 1,
  imageRef: 'planar',
  data: polygonDataSchema,
});
