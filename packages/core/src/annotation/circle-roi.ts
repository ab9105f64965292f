import { z } from 'zod';
import { annotatedPointSchema } from './annotated-point.js';
import { defineAnnotationRecord } from './annotation-record.js';
import { codedConceptSchema } from './coded-concept.js';
import { roiStatisticsSchema } from './roi-statistics.js';

/** A circular region on one slice: centre and a point on the rim, with the statistics of the pixels inside. */
export const circleRoiDataSchema = z.strictObject({
  center: annotatedPointSchema,
  edge: annotatedPointSchema,
  concept: codedConceptSchema,
  statistics: roiStatisticsSchema,
});

export type CircleRoiData = z.infer<typeof circleRoiDataSchema>;

export const circleRoiRecord = defineAnnotationRecord({
  type: 'circleRoi',
  version: 1,
  imageRef: 'planar',
  data: circleRoiDataSchema,
});
