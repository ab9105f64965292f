import { z } from 'zod';
import { annotatedPointSchema } from './annotated-point.js';
import { defineAnnotationRecord } from './annotation-record.js';
import { codedConceptSchema } from './coded-concept.js';
import { roiStatisticsSchema } from './roi-statistics.js';

/**
 * An elliptical region on one slice: its centre and the ends of its two semi-axes (any orientation in the
 * plane), with the statistics of the pixels inside. `concept` names the finding the region measures.
 */
export const ellipseRoiDataSchema = z.strictObject({
  center: annotatedPointSchema,
  axisEnds: z.tuple([annotatedPointSchema, annotatedPointSchema]),
  concept: codedConceptSchema,
  statistics: roiStatisticsSchema,
});

export type EllipseRoiData = z.infer<typeof ellipseRoiDataSchema>;

export const ellipseRoiRecord = defineAnnotationRecord({
  type: 'ellipseRoi',
  version: 1,
  imageRef: 'planar',
  data: ellipseRoiDataSchema,
});
